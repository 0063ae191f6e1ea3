/// A Global Trade Item Number (GTIN-8, UPC-A/GTIN-12, EAN/GTIN-13 or GTIN-14), normalised to 14 digits.
public struct GTIN: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 14-digit normalised form (left-padded with zeros), check digit included.
    public let value: String

    /// Validates an 8, 12, 13 or 14 digit GTIN with its check digit and normalises it to 14 digits.
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        try GTIN.checkDigits(bytes, text: text)
        guard [8, 12, 13, 14].contains(bytes.count) else {
            throw TracestockError.identifier(
                "a GTIN has 8, 12, 13 or 14 digits, got \(bytes.count)", field: "gtin", reason: "length",
                extra: ["value": text])
        }
        let expected = GS1CheckDigit.compute(digits: bytes[..<(bytes.count - 1)])
        let actual = Int(bytes[bytes.count - 1] - 0x30)
        guard expected == actual else {
            throw TracestockError.identifier(
                "GTIN '\(text)' has check digit \(actual), expected \(expected)",
                position: bytes.count, field: "gtin", reason: "checkDigit",
                extra: ["value": text, "expected": String(expected)])
        }
        self.value = String(repeating: "0", count: 14 - bytes.count) + text
    }

    /// Builds a GTIN from its 7, 11, 12 or 13 leading digits, computing the check digit.
    public init(computingCheckDigitFor body: String) throws {
        try self.init(GTIN.withCheckDigit(body))
    }

    /// Appends the GS1 check digit to 7, 11, 12 or 13 digits (e.g. `952012345678` → `9520123456788`).
    public static func withCheckDigit(_ body: String) throws -> String {
        let bytes = Array(body.utf8)
        try checkDigits(bytes, text: body)
        guard [7, 11, 12, 13].contains(bytes.count) else {
            throw TracestockError.identifier(
                "a GTIN without check digit has 7, 11, 12 or 13 digits, got \(bytes.count)",
                field: "gtin", reason: "length", extra: ["value": body])
        }
        return body + String(GS1CheckDigit.compute(digits: bytes[...]))
    }

    /// True when `text` is a valid 8, 12, 13 or 14 digit GTIN.
    public static func isValid(_ text: String) -> Bool {
        (try? GTIN(text)) != nil
    }

    /// The GTIN-13 (EAN-13) form when the normalised value starts with a zero.
    public var gtin13: String? { value.hasPrefix("0") ? String(value.dropFirst()) : nil }

    /// The GTIN-12 (UPC-A) form when the normalised value starts with two zeros.
    public var upcA: String? { value.hasPrefix("00") ? String(value.dropFirst(2)) : nil }

    /// The GTIN-8 form when the normalised value starts with six zeros.
    public var gtin8: String? { value.hasPrefix("000000") ? String(value.dropFirst(6)) : nil }

    /// The text form (same as the canonical value).
    public var description: String { value }

    /// Orders by value.
    public static func < (lhs: GTIN, rhs: GTIN) -> Bool { lhs.value < rhs.value }

    /// Decodes from a GTIN string (validated and normalised).
    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as the 14-digit string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    init(unchecked value: String) {
        self.value = value
    }

    private static func checkDigits(_ bytes: [UInt8], text: String) throws {
        for (offset, byte) in bytes.enumerated() where !TextPosition.isDigit(byte) {
            throw TracestockError.identifier(
                "a GTIN is digits only, found \(TextPosition.describe(byte))",
                position: TextPosition.scalarPosition(in: bytes, byteOffset: offset),
                field: "gtin", reason: "character", extra: ["value": text])
        }
    }
}
