/// An Amazon fulfilment network SKU: an Amazon label (`X00` + 7 uppercase alphanumerics) or, when the
/// seller uses the manufacturer barcode, the product's ASIN.
public struct FNSKU: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Which barcode the FNSKU stands for.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An Amazon-issued `X00…` label.
        case amazonLabel
        /// The manufacturer barcode is used; the FNSKU equals the ASIN.
        case manufacturerBarcode
    }

    /// The 10-character FNSKU.
    public let value: String
    /// Amazon label or manufacturer barcode.
    public let kind: Kind

    /// Validates an FNSKU: `X00` + 7 uppercase alphanumerics, or a valid ASIN (manufacturer barcode).
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        if bytes.count == 10, bytes[0] == UInt8(ascii: "X"), bytes[1] == UInt8(ascii: "0"), bytes[2] == UInt8(ascii: "0") {
            for (offset, byte) in bytes.enumerated() where !ASIN.isUpperAlphanumeric(byte) {
                throw TracestockError.identifier(
                    "an FNSKU is uppercase letters and digits, found \(TextPosition.describe(byte))",
                    position: offset + 1, field: "fnsku", reason: "character", extra: ["value": text])
            }
            self.value = text
            self.kind = .amazonLabel
            return
        }
        guard (try? ASIN(text)) != nil else {
            throw TracestockError.identifier(
                "an FNSKU is X00 + 7 uppercase letters/digits, or an ASIN when the manufacturer barcode is used",
                position: 1, field: "fnsku", reason: "format", extra: ["value": text])
        }
        self.value = text
        self.kind = .manufacturerBarcode
    }

    /// True for an Amazon `X00…` label.
    public static func isAmazonLabel(_ text: String) -> Bool {
        (try? FNSKU(text))?.kind == .amazonLabel
    }

    /// The ASIN when the manufacturer barcode is used.
    public var asin: ASIN? { kind == .manufacturerBarcode ? try? ASIN(value) : nil }

    /// The text form (same as the canonical value).
    public var description: String { value }
}
