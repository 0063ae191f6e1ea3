import Testing
import TracestockCore

@Suite("QR format and version information")
struct QRCodeFormatTests {
    /// Format information of ISO/IEC 18004 annex C, by level and mask 0...7 (bit 14 first).
    static let published: [QRErrorCorrection: [String]] = [
        .low: ["111011111000100", "111001011110011", "111110110101010", "111100010011101",
               "110011000101111", "110001100011000", "110110001000001", "110100101110110"],
        .medium: ["101010000010010", "101000100100101", "101111001111100", "101101101001011",
                  "100010111111001", "100000011001110", "100111110010111", "100101010100000"],
        .quartile: ["011010101011111", "011000001101000", "011111100110001", "011101000000110",
                    "010010010110100", "010000110000011", "010111011011010", "010101111101101"],
        .high: ["001011010001001", "001001110111110", "001110011100111", "001100111010000",
                "000011101100010", "000001001010101", "000110100001100", "000100000111011"],
    ]

    @Test("format bits for every level and mask match the standard's table",
          arguments: QRErrorCorrection.allCases)
    func formatBitsMatchTable(level: QRErrorCorrection) throws {
        let expected = try #require(Self.published[level])
        for mask in 0..<8 {
            let bits = QRCode.formatInformationBits(ecLevel: level, mask: mask)
            let binary = String(bits, radix: 2)
            #expect(String(repeating: "0", count: 15 - binary.count) + binary == expected[mask], "mask \(mask)")
        }
    }

    @Test("unmasked format bits carry level and mask and are a BCH(15,5) codeword")
    func formatBitsAreCodewords() {
        for level in QRErrorCorrection.allCases {
            for mask in 0..<8 {
                let unmasked = QRCode.formatInformationBits(ecLevel: level, mask: mask) ^ 0x5412
                #expect(unmasked >> 10 == level.formatBits << 3 | mask)
                var remainder = unmasked
                for shift in stride(from: 4, through: 0, by: -1) where remainder & (1 << (shift + 10)) != 0 {
                    remainder ^= 0x537 << shift
                }
                #expect(remainder == 0)
            }
        }
    }

    @Test("any two format words differ in at least 7 bits")
    func formatWordsAreFarApart() {
        let words = QRErrorCorrection.allCases.flatMap { level in
            (0..<8).map { QRCode.formatInformationBits(ecLevel: level, mask: $0) }
        }
        for first in 0..<words.count {
            for second in (first + 1)..<words.count {
                #expect((words[first] ^ words[second]).nonzeroBitCount >= 7)
            }
        }
    }

    @Test("version information for version 7 is 000111110010010100")
    func versionSevenBits() {
        #expect(QRCode.versionInformationBits(version: 7) == 0b000111_110010010100)
    }

    @Test("version information for versions 8 and 40 matches the standard's table")
    func versionBitsOtherVersions() {
        #expect(QRCode.versionInformationBits(version: 8) == 0x085BC)
        #expect(QRCode.versionInformationBits(version: 40) == 0x28C69)
    }

    @Test("both copies of the format information in a symbol hold the chosen level and mask")
    func formatInformationPlacedTwice() throws {
        for level in QRErrorCorrection.allCases {
            let code = try QRCode.encode("https://id.example.com/01/09520123456788/21/SN0001", ecLevel: level)
            let n = code.size
            func bit(_ x: Int, _ y: Int) -> Int { code.isDark(x: x, y: y) ? 1 : 0 }
            // Copy 1: bit 14 at (0, 8) rightwards along row 8, then up column 8.
            let rowCells = [(0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8)]
            let columnCells = [(8, 7), (8, 5), (8, 4), (8, 3), (8, 2), (8, 1), (8, 0)]
            let copy1 = (rowCells + columnCells).reduce(0) { $0 << 1 | bit($1.0, $1.1) }
            // Copy 2: bit 14 at the bottom of column 8 going up, then bits 7...0 along row 8.
            let lowerCells = (0..<7).map { (8, n - 1 - $0) }
            let rightCells = (0..<8).map { (n - 8 + $0, 8) }
            let copy2 = (lowerCells + rightCells).reduce(0) { $0 << 1 | bit($1.0, $1.1) }
            let expected = QRCode.formatInformationBits(ecLevel: level, mask: code.mask)
            #expect(copy1 == expected)
            #expect(copy2 == expected)
            #expect(code.isDark(x: 8, y: n - 8), "dark module")
        }
    }
}
