/// The QR Code data modes this encoder uses (ISO/IEC 18004 §7.4).
public enum QRMode: String, Sendable, CaseIterable, Codable {
    /// Digits 0–9, three digits in 10 bits.
    case numeric
    /// `0–9 A–Z space $ % * + - . / :`, two characters in 11 bits.
    case alphanumeric
    /// 8-bit bytes; text is encoded as UTF-8 (with an ECI 26 header when it is not ASCII).
    case byte

    /// The 4-bit mode indicator.
    var indicator: Int {
        switch self {
        case .numeric: 0b0001
        case .alphanumeric: 0b0010
        case .byte: 0b0100
        }
    }

    /// Width of the character count indicator for a version (table 3 of the standard).
    func characterCountBits(version: Int) -> Int {
        let band = version <= 9 ? 0 : (version <= 26 ? 1 : 2)
        switch self {
        case .numeric: return [10, 12, 14][band]
        case .alphanumeric: return [9, 11, 13][band]
        case .byte: return [8, 16, 16][band]
        }
    }

    /// The 45-character alphanumeric set, in value order.
    static let alphanumericCharset: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// Alphanumeric value of an ASCII byte, or nil when it is not in the set.
    static let alphanumericValue: [Int?] = {
        var table = [Int?](repeating: nil, count: 256)
        for (value, byte) in alphanumericCharset.enumerated() { table[Int(byte)] = value }
        return table
    }()
}
