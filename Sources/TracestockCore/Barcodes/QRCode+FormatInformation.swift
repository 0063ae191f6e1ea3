extension QRCode {
    /// The 15-bit format information for an error correction level and mask: the 5 data bits
    /// (EC level, mask), 10 BCH(15,5) check bits from generator x¹⁰+x⁸+x⁵+x⁴+x²+x+1 (0x537),
    /// XOR 0x5412 so that the result is never all zero.
    public static func formatInformationBits(ecLevel: QRErrorCorrection, mask: Int) -> Int {
        precondition((0..<8).contains(mask), "QR mask must be 0...7")
        let data = ecLevel.formatBits << 3 | mask
        return (data << 10 | bchRemainder(data << 10, generator: 0x537)) ^ 0x5412
    }

    /// The 18-bit version information for versions 7...40: 6 version bits and 12 BCH(18,6)
    /// check bits from generator x¹²+x¹¹+x¹⁰+x⁹+x⁸+x⁵+x²+1 (0x1F25).
    public static func versionInformationBits(version: Int) -> Int {
        precondition((7...40).contains(version), "version information exists for versions 7...40")
        return version << 12 | bchRemainder(version << 12, generator: 0x1F25)
    }

    /// Remainder of polynomial division over GF(2) (bit i is the coefficient of xⁱ).
    private static func bchRemainder(_ value: Int, generator: Int) -> Int {
        let degree = generator.bitWidth - generator.leadingZeroBitCount - 1
        var remainder = value
        while remainder != 0, remainder.bitWidth - remainder.leadingZeroBitCount - 1 >= degree {
            let shift = (remainder.bitWidth - remainder.leadingZeroBitCount - 1) - degree
            remainder ^= generator << shift
        }
        return remainder
    }
}
