/// An Amazon order id: 3-7-7 digits, e.g. `113-1234567-1234567`.
public struct AmazonOrderID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 19-character id with hyphens.
    public let value: String

    /// Validates the `DDD-DDDDDDD-DDDDDDD` shape.
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count == 19 else {
            throw TracestockError.identifier(
                "an Amazon order id is 3-7-7 digits like 113-1234567-1234567 (19 characters), got \(text.count)",
                field: "orderId", reason: "length", extra: ["value": text])
        }
        for (offset, byte) in bytes.enumerated() {
            let isHyphenPlace = offset == 3 || offset == 11
            let ok = isHyphenPlace ? byte == UInt8(ascii: "-") : TextPosition.isDigit(byte)
            guard ok else {
                throw TracestockError.identifier(
                    "expected \(isHyphenPlace ? "'-'" : "a digit"), found \(TextPosition.describe(byte)) "
                        + "(an Amazon order id is 3-7-7 digits)",
                    position: offset + 1, field: "orderId", reason: "character", extra: ["value": text])
            }
        }
        self.value = text
    }

    /// True when `text` is a valid Amazon order id.
    public static func isValid(_ text: String) -> Bool {
        (try? AmazonOrderID(text)) != nil
    }

    /// The text form (same as the canonical value).
    public var description: String { value }

    /// Orders by value.
    public static func < (lhs: AmazonOrderID, rhs: AmazonOrderID) -> Bool { lhs.value < rhs.value }

    /// Decodes from a string (validated).
    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as the string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
