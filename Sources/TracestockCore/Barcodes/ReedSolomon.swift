/// Reed–Solomon error correction over GF(256) as QR Code uses it (ISO/IEC 18004 §7.5.2):
/// the EC codewords are the remainder of data(x)·xⁿ divided by the generator polynomial
/// g(x) = (x − α⁰)(x − α¹)…(x − αⁿ⁻¹).
public enum ReedSolomon {
    /// The generator polynomial of the given degree, coefficients from the highest power
    /// down, without the leading 1 (which is always 1). Computed by multiplying the factors.
    ///
    /// - Parameter degree: number of EC codewords, 1...255.
    public static func generatorPolynomial(degree: Int) -> [UInt8] {
        precondition((1...255).contains(degree), "Reed–Solomon degree must be 1...255")
        // Full coefficients, highest power first, starting from g(x) = 1.
        var coefficients: [UInt8] = [1]
        for power in 0..<degree {
            let root = GaloisField256.exp[power]
            var next = [UInt8](repeating: 0, count: coefficients.count + 1)
            for (index, coefficient) in coefficients.enumerated() {
                next[index] ^= coefficient                                          // · x
                next[index + 1] ^= GaloisField256.multiply(coefficient, root)       // · αᵖ
            }
            coefficients = next
        }
        return Array(coefficients.dropFirst())
    }

    /// The `degree` error correction codewords for a block of data codewords.
    public static func remainder(of data: [UInt8], degree: Int) -> [UInt8] {
        remainder(of: data, generator: generatorPolynomial(degree: degree))
    }

    /// The error correction codewords for `data` given a generator from
    /// ``generatorPolynomial(degree:)`` (lets callers reuse one generator across blocks).
    public static func remainder(of data: [UInt8], generator: [UInt8]) -> [UInt8] {
        let degree = generator.count
        let exp = GaloisField256.exp, log = GaloisField256.log
        let generatorLogs = generator.map { $0 == 0 ? -1 : log[Int($0)] }
        var result = [UInt8](repeating: 0, count: degree)
        // Shift-register division: feed each data codeword, subtract factor · g(x).
        for byte in data {
            let factor = byte ^ result[0]
            let factorLog = factor == 0 ? -1 : log[Int(factor)]
            for index in 0..<degree {
                let next = index + 1 < degree ? result[index + 1] : 0
                let term = factorLog < 0 || generatorLogs[index] < 0 ? 0 : exp[factorLog + generatorLogs[index]]
                result[index] = next ^ term
            }
        }
        return result
    }
}
