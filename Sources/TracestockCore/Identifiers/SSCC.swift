/// A Serial Shipping Container Code: 18 digits, the last a GS1 mod-10 check digit.
public struct SSCC: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 18 digits, check digit included.
    public let value: String

    /// Validates 18 digits and the check digit.
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        for (offset, byte) in bytes.enumerated() where !TextPosition.isDigit(byte) {
            throw TracestockError.identifier(
                "an SSCC is digits only, found \(TextPosition.describe(byte))",
                position: TextPosition.scalarPosition(in: bytes, byteOffset: offset),
                field: "sscc", reason: "character", extra: ["value": text])
        }
        guard bytes.count == 18 else {
            throw TracestockError.identifier(
                "an SSCC has 18 digits, got \(bytes.count)", field: "sscc", reason: "length",
                extra: ["value": text])
        }
        let expected = GS1CheckDigit.compute(digits: bytes[..<17])
        let actual = Int(bytes[17] - 0x30)
        guard expected == actual else {
            throw TracestockError.identifier(
                "SSCC '\(text)' has check digit \(actual), expected \(expected)", position: 18,
                field: "sscc", reason: "checkDigit", extra: ["value": text, "expected": String(expected)])
        }
        self.value = text
    }

    /// Builds an SSCC from its first 17 digits, computing the check digit.
    public init(computingCheckDigitFor body: String) throws {
        let bytes = Array(body.utf8)
        guard bytes.count == 17, TextPosition.allDigits(bytes) else {
            throw TracestockError.identifier(
                "an SSCC without check digit is 17 digits", field: "sscc", reason: "length",
                extra: ["value": body])
        }
        try self.init(body + String(GS1CheckDigit.compute(digits: bytes[...])))
    }

    /// True when `text` is a valid SSCC.
    public static func isValid(_ text: String) -> Bool {
        (try? SSCC(text)) != nil
    }

    /// The extension digit (first digit).
    public var extensionDigit: Int { Int(value.utf8.first! - 0x30) }

    /// The text form (same as the canonical value).
    public var description: String { value }

    /// Orders by value.
    public static func < (lhs: SSCC, rhs: SSCC) -> Bool { lhs.value < rhs.value }

    /// Decodes from an 18-digit string (validated).
    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as the 18-digit string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
