/// The character sets GS1 allows in AI values.
public enum GS1CharacterSet: String, Sendable, Codable, CaseIterable {
    /// Digits 0-9 only.
    case numeric
    /// GS1 AI encodable character set 82: `!"%&'()*+,-./0-9:;<=>?A-Z_a-z`.
    case cset82
    /// GS1 AI encodable character set 39: `#-/0-9A-Z`.
    case cset39

    /// True when the ASCII byte belongs to this set.
    public func contains(_ byte: UInt8) -> Bool {
        switch self {
        case .numeric:
            return byte >= 0x30 && byte <= 0x39
        case .cset82:
            switch byte {
            case 0x21, 0x22, 0x25...0x3F, 0x41...0x5A, 0x5F, 0x61...0x7A: return true
            default: return false
            }
        case .cset39:
            switch byte {
            case 0x23, 0x2D, 0x2F, 0x30...0x39, 0x41...0x5A: return true
            default: return false
            }
        }
    }

    /// True when every character of `text` belongs to this set.
    public func contains(all text: String) -> Bool {
        text.utf8.allSatisfy(contains)
    }

    /// A short human name used in error messages.
    var displayName: String {
        switch self {
        case .numeric: return "digits"
        case .cset82: return "GS1 CSET 82"
        case .cset39: return "GS1 CSET 39"
        }
    }
}
