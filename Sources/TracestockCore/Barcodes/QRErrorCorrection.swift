/// The four QR Code error correction levels of ISO/IEC 18004 (about 7, 15, 25 and 30 % of
/// codewords recoverable).
public enum QRErrorCorrection: String, Sendable, CaseIterable, Codable {
    /// Level L: about 7 % of codewords can be restored.
    case low = "L"
    /// Level M: about 15 % of codewords can be restored.
    case medium = "M"
    /// Level Q: about 25 % of codewords can be restored.
    case quartile = "Q"
    /// Level H: about 30 % of codewords can be restored.
    case high = "H"

    /// The one-letter name used by the standard and by ZPL (`L`, `M`, `Q`, `H`).
    public var letter: String { rawValue }

    /// The two error-correction bits of the format information (L = 01, M = 00, Q = 11, H = 10).
    public var formatBits: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }

    /// Row index into the block tables of `QRVersionTable`.
    var tableIndex: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }
}
