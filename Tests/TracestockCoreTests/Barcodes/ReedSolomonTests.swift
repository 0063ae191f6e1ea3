import Testing
import TracestockCore

@Suite("Reed–Solomon over GF(256)")
struct ReedSolomonTests {
    /// Exponents of α for the coefficients of a generator polynomial (without the leading 1).
    private func exponents(_ coefficients: [UInt8]) -> [Int] {
        // log table built independently of the encoder: α^i by repeated doubling mod 0x11D.
        var log = [Int](repeating: -1, count: 256)
        var value = 1
        for power in 0..<255 {
            log[value] = power
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return coefficients.map { log[Int($0)] }
    }

    @Test("the degree-7 generator is x⁷ + α⁸⁷x⁶ + α²²⁹x⁵ + α¹⁴⁶x⁴ + α¹⁴⁹x³ + α²³⁸x² + α¹⁰²x + α²¹")
    func generatorOfDegreeSeven() {
        #expect(exponents(ReedSolomon.generatorPolynomial(degree: 7)) == [87, 229, 146, 149, 238, 102, 21])
    }

    @Test("the degree-10 generator used by 1-M matches the standard's annex")
    func generatorOfDegreeTen() {
        #expect(exponents(ReedSolomon.generatorPolynomial(degree: 10)) == [251, 67, 46, 61, 118, 70, 64, 94, 32, 45])
    }

    @Test("HELLO WORLD at 1-M gets the EC codewords of the worked example")
    func helloWorldErrorCorrection() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(of: data, degree: 10) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("the encoder's codewords for HELLO WORLD at 1-M are the worked example's data then EC")
    func helloWorldCodewords() throws {
        let codewords = try QRCode.codewords(for: "HELLO WORLD", version: 1, ecLevel: .medium)
        #expect(codewords == [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17,
                              196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("a codeword block with its EC appended is divisible by the generator (zero remainder)")
    func blockWithErrorCorrectionIsACodeword() {
        let data: [UInt8] = Array("Tracestock unit label".utf8)
        for degree in [7, 10, 13, 17, 22, 26, 30] {
            let ec = ReedSolomon.remainder(of: data, degree: degree)
            #expect(ReedSolomon.remainder(of: data + ec, degree: degree) == [UInt8](repeating: 0, count: degree))
        }
    }

    @Test("interleaving takes codewords block by block: 5-Q has two short and two long blocks")
    func interleavingAcrossBlocks() {
        let data = (0..<62).map { UInt8($0) }   // 5-Q: 15 + 15 + 16 + 16 data codewords, 18 EC each
        let result = QRCode.interleave(data: data, version: 5, ecLevel: .quartile)
        #expect(result.count == 134)
        #expect(Array(result.prefix(8)) == [0, 15, 30, 46, 1, 16, 31, 47])
        // The 16th data codewords exist only in the long blocks and come last among the data.
        #expect(Array(result[56..<62]) == [14, 29, 44, 60, 45, 61].map { UInt8($0) })
        let firstBlockEC = ReedSolomon.remainder(of: Array(data[0..<15]), degree: 18)
        #expect(result[62] == firstBlockEC[0])
        #expect(result[66] == firstBlockEC[1])
    }
}
