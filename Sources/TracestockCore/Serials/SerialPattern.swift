/// How new serials are generated for one SKU: a fixed prefix followed by a zero-padded number,
/// e.g. prefix `EB` and width 6 give `EB000042`.
public struct SerialPattern: Sendable, Codable, Equatable {
    /// The widest number allowed, in digits (10^18 - 1 still fits in `Int`).
    public static let maxWidth = 18

    /// Text in front of every number: printable ASCII without spaces, quotes (`"`, `'`) or commas; may be empty.
    public let prefix: String
    /// How many digits the number is zero-padded to, 1…18.
    public let width: Int

    /// Creates a pattern; throws `.invalidInput` for a bad prefix character, a width outside
    /// 1…18, or serials that would be longer than 64 characters.
    public init(prefix: String, width: Int) throws {
        for scalar in prefix.unicodeScalars {
            let v = scalar.value
            if v <= 0x20 || v >= 0x7F || v == 0x22 || v == 0x27 || v == 0x2C {
                var hex = String(v, radix: 16, uppercase: true)
                while hex.count < 4 { hex = "0" + hex }
                throw TracestockError.invalid(
                    "serial prefix \"\(prefix)\" contains U+\(hex), which is not allowed "
                        + "(printable ASCII only, no spaces, quotes or commas)",
                    details: ["field": "prefix", "prefix": prefix])
            }
        }
        guard (1...Self.maxWidth).contains(width) else {
            throw TracestockError.invalid(
                "serial width \(width) is out of range: it must be 1 to \(Self.maxWidth) digits",
                details: ["field": "width", "width": String(width)])
        }
        guard prefix.utf8.count + width <= SerialExpression.maxSerialLength else {
            throw TracestockError.invalid(
                "serial prefix \"\(prefix)\" with \(width) digits makes serials longer than "
                    + "\(SerialExpression.maxSerialLength) characters",
                details: ["field": "prefix", "prefix": prefix])
        }
        self.prefix = prefix
        self.width = width
    }

    private enum CodingKeys: String, CodingKey {
        case prefix, width
    }

    /// Decodes and validates a pattern (invalid values throw `.invalidInput`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            prefix: try container.decode(String.self, forKey: .prefix),
            width: try container.decode(Int.self, forKey: .width))
    }

    /// The largest number that fits the width (999999 for width 6).
    public var maxNumber: Int {
        var result = 9
        for _ in 1..<width { result = result * 10 + 9 }
        return result
    }

    /// The serial for one number; throws when it is negative or does not fit the width.
    public func serial(_ number: Int) throws -> String {
        try serials(from: number, count: 1)[0]
    }

    /// `count` consecutive serials starting at number `next`; throws `.invalidInput` when `next`
    /// or `count` is negative or the last number does not fit the width.
    public func serials(from next: Int, count: Int) throws -> [String] {
        guard next >= 0 else {
            throw TracestockError.invalid(
                "the next serial number \(next) is negative",
                details: ["field": "next", "prefix": prefix])
        }
        guard count >= 0 else {
            throw TracestockError.invalid(
                "cannot generate \(count) serials: the count is negative",
                details: ["field": "count", "prefix": prefix])
        }
        if count == 0 { return [] }
        let (last, overflow) = next.addingReportingOverflow(count - 1)
        guard !overflow, last <= maxNumber else {
            let lastText = overflow ? "beyond \(Int.max)" : String(last)
            throw TracestockError.invalid(
                "serial number \(lastText) does not fit \(width) digits for prefix \"\(prefix)\" "
                    + "(the largest is \(maxNumber))",
                details: ["field": "width", "prefix": prefix, "width": String(width)])
        }
        var buffer = Array(prefix.utf8)
        let number = Array(String(next).utf8)
        buffer.append(contentsOf: repeatElement(SerialDigits.zero, count: width - number.count))
        buffer.append(contentsOf: number)
        var result: [String] = []
        result.reserveCapacity(count)
        for n in 0..<count {
            result.append(String(decoding: buffer, as: UTF8.self))
            if n + 1 == count { break }
            var k = buffer.count - 1
            // Never carries into the prefix: the last number fits the width.
            while buffer[k] == SerialDigits.nine {
                buffer[k] = SerialDigits.zero
                k -= 1
            }
            buffer[k] &+= 1
        }
        return result
    }
}
