/// The GS1 mod-10 check digit used by GTIN, SSCC, GLN, GDTI and GRAI (weights 3,1,3,... from the right).
public enum GS1CheckDigit {
    /// The check digit for `body` (digits without the check digit), or nil when `body` is empty or not all digits.
    public static func compute(for body: some StringProtocol) -> Int? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.utf8.count)
        for byte in body.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            bytes.append(byte)
        }
        guard !bytes.isEmpty else { return nil }
        return compute(digits: bytes[...])
    }

    /// True when `digits` is all digits, at least two long, and its last digit is the right check digit.
    public static func isValid(_ digits: some StringProtocol) -> Bool {
        let bytes = Array(digits.utf8)
        guard bytes.count >= 2, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return compute(digits: bytes[..<(bytes.count - 1)]) == Int(bytes[bytes.count - 1] - 0x30)
    }

    /// Check digit of ASCII digit bytes already known to be digits.
    static func compute(digits: ArraySlice<UInt8>) -> Int {
        var sum = 0
        var weight = 3
        var index = digits.endIndex
        while index > digits.startIndex {
            index -= 1
            sum += Int(digits[index] - 0x30) * weight
            weight = weight == 3 ? 1 : 3
        }
        return (10 - sum % 10) % 10
    }
}
