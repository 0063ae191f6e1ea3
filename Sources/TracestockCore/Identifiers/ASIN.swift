/// An Amazon Standard Identification Number: `B0` + 8 uppercase alphanumerics, or a valid ISBN-10.
public struct ASIN: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 10-character ASIN.
    public let value: String

    /// Validates an ASIN (case-sensitive: letters must be uppercase; an ISBN-10 may end in `X`).
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else {
            throw TracestockError.identifier(
                "an ASIN has 10 characters, got \(text.count)", field: "asin", reason: "length",
                extra: ["value": text])
        }
        if bytes[0] == UInt8(ascii: "B"), bytes[1] == UInt8(ascii: "0") {
            for (offset, byte) in bytes.enumerated() where !ASIN.isUpperAlphanumeric(byte) {
                throw TracestockError.identifier(
                    "an ASIN is uppercase letters and digits, found \(TextPosition.describe(byte))",
                    position: offset + 1, field: "asin", reason: "character", extra: ["value": text])
            }
        } else if TextPosition.allDigits(bytes[0..<9]) {
            let last = bytes[9]
            guard TextPosition.isDigit(last) || last == UInt8(ascii: "X") else {
                throw TracestockError.identifier(
                    "an ISBN-10 ends in a digit or X, found \(TextPosition.describe(last))",
                    position: 10, field: "asin", reason: "character", extra: ["value": text])
            }
            guard ASIN.isValidISBN10(bytes) else {
                throw TracestockError.identifier(
                    "'\(text)' fails the ISBN-10 mod-11 check", position: 10, field: "asin",
                    reason: "checkDigit", extra: ["value": text])
            }
        } else {
            throw TracestockError.identifier(
                "an ASIN starts with B0 or is an ISBN-10 (9 digits + check digit or X)", position: 1,
                field: "asin", reason: "format", extra: ["value": text])
        }
        self.value = text
    }

    /// True when `text` is a valid ASIN.
    public static func isValid(_ text: String) -> Bool {
        (try? ASIN(text)) != nil
    }

    /// True when the ASIN is an ISBN-10 (a book).
    public var isISBN: Bool { !value.hasPrefix("B0") }

    /// The text form (same as the canonical value).
    public var description: String { value }

    /// Orders by value.
    public static func < (lhs: ASIN, rhs: ASIN) -> Bool { lhs.value < rhs.value }

    /// Decodes from a string (validated).
    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as the string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    static func isUpperAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
    }

    /// ISBN-10: sum of digit × weight (10 down to 1, X = 10 in last place) is divisible by 11.
    static func isValidISBN10(_ bytes: [UInt8]) -> Bool {
        var sum = 0
        for index in 0..<10 {
            let byte = bytes[index]
            let digit = byte == UInt8(ascii: "X") ? 10 : Int(byte) - 0x30
            sum += digit * (10 - index)
        }
        return sum % 11 == 0
    }
}
