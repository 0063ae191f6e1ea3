/// Arithmetic in GF(2⁸) with the QR Code's primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D)
/// and primitive element α = 2. The exponent and logarithm tables are computed, not listed.
enum GaloisField256 {
    /// `exp[i] = αⁱ` for i in 0..<510 (doubled so that sums of two logarithms need no modulo).
    static let exp: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for index in 0..<255 {
            table[index] = UInt8(value)
            table[index + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// `log[αⁱ] = i` for non-zero field elements (`log[0]` is unused).
    static let log: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for index in 0..<255 { table[Int(exp[index])] = index }
        return table
    }()

    /// The product of two field elements.
    @inline(__always)
    static func multiply(_ lhs: UInt8, _ rhs: UInt8) -> UInt8 {
        if lhs == 0 || rhs == 0 { return 0 }
        return exp[log[Int(lhs)] + log[Int(rhs)]]
    }
}
