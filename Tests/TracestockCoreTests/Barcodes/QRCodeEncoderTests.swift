import Testing
import TracestockCore

@Suite("QR Code encoder")
struct QRCodeEncoderTests {
    @Test("text is encoded in the most compact mode")
    func modeSelection() throws {
        #expect(try QRCode.encode("0123456789").mode == .numeric)
        #expect(try QRCode.encode("HELLO WORLD $%*+-./:").mode == .alphanumeric)
        #expect(try QRCode.encode("https://id.example.com/01/09520123456788").mode == .byte)
        #expect(try QRCode.encode("Grüße").mode == .byte)
    }

    @Test("the smallest version that holds the text is chosen, and minVersion is honoured")
    func smallestVersion() throws {
        #expect(try QRCode.encode("HELLO WORLD", ecLevel: .medium).version == 1)
        #expect(try QRCode.encode(String(repeating: "a", count: 14), ecLevel: .medium).version == 1)
        #expect(try QRCode.encode(String(repeating: "a", count: 15), ecLevel: .medium).version == 2)
        let forced = try QRCode.encode("HELLO", ecLevel: .low, minVersion: 12)
        #expect(forced.version == 12)
        #expect(forced.size == 65)
    }

    @Test("version 40 holds the standard's maximum of each mode at level L and no more")
    func versionFortyCapacity() throws {
        #expect(try QRCode.encode(String(repeating: "7", count: 7089), ecLevel: .low).version == 40)
        #expect(try QRCode.encode(String(repeating: "A", count: 4296), ecLevel: .low).version == 40)
        #expect(try QRCode.encode(String(repeating: "a", count: 2953), ecLevel: .low).version == 40)
        #expect(throws: TracestockError.self) {
            try QRCode.encode(String(repeating: "a", count: 2954), ecLevel: .low)
        }
        do {
            _ = try QRCode.encode(String(repeating: "a", count: 1300), ecLevel: .high)
            Issue.record("expected an error")
        } catch let error as TracestockError {
            #expect(error.code == .invalidInput)
            #expect(error.message.contains("too long"))
            #expect(error.details["ecLevel"] == "H")
        }
    }

    @Test("data codeword capacities match the standard for sample versions")
    func capacities() {
        #expect(QRCode.dataCodewordCapacity(version: 1, ecLevel: .medium) == 16)
        #expect(QRCode.dataCodewordCapacity(version: 5, ecLevel: .quartile) == 62)
        #expect(QRCode.dataCodewordCapacity(version: 10, ecLevel: .high) == 122)
        #expect(QRCode.dataCodewordCapacity(version: 40, ecLevel: .low) == 2956)
        #expect(QRCode.dataCodewordCapacity(version: 40, ecLevel: .medium) == 2334)
        #expect(QRCode.dataCodewordCapacity(version: 40, ecLevel: .quartile) == 1666)
        #expect(QRCode.dataCodewordCapacity(version: 40, ecLevel: .high) == 1276)
    }

    @Test("finder patterns, separators and timing patterns are in place")
    func functionPatterns() throws {
        let code = try QRCode.encode("TRACESTOCK", ecLevel: .quartile, minVersion: 7)
        let n = code.size
        for (cx, cy) in [(3, 3), (n - 4, 3), (3, n - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let ring = max(abs(dx), abs(dy))
                    #expect(code.isDark(x: cx + dx, y: cy + dy) == (ring != 2 && ring != 4))
                }
            }
        }
        for index in 8..<(n - 8) {
            #expect(code.isDark(x: index, y: 6) == (index % 2 == 0))
            #expect(code.isDark(x: 6, y: index) == (index % 2 == 0))
        }
        #expect(!code.isDark(x: -1, y: 0) && !code.isDark(x: n, y: n))
    }

    @Test("version 7 symbols carry the version bits in both blocks")
    func versionBlocks() throws {
        let code = try QRCode.encode("version seven", ecLevel: .medium, minVersion: 7)
        let bits = QRCode.versionInformationBits(version: 7)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            #expect(code.isDark(x: code.size - 11 + index % 3, y: index / 3) == dark)
            #expect(code.isDark(x: index / 3, y: code.size - 11 + index % 3) == dark)
        }
    }

    @Test("alignment patterns sit where the standard's table puts them")
    func alignmentPatterns() throws {
        let table: [Int: [Int]] = [
            2: [6, 18], 7: [6, 22, 38], 14: [6, 26, 46, 66], 22: [6, 26, 50, 74, 98],
            32: [6, 34, 60, 86, 112, 138], 36: [6, 24, 50, 76, 102, 128, 154],
            40: [6, 30, 58, 86, 114, 142, 170],
        ]
        for (version, centres) in table {
            let code = try QRCode.encode("A", ecLevel: .low, minVersion: version)
            let last = centres.count - 1
            for (row, y) in centres.enumerated() {
                for (column, x) in centres.enumerated()
                where !((row == 0 && column == 0) || (row == 0 && column == last) || (row == last && column == 0)) {
                    #expect(code.isDark(x: x, y: y), "v\(version) centre (\(x), \(y))")
                    #expect(!code.isDark(x: x + 1, y: y) && !code.isDark(x: x, y: y - 1))
                    #expect(code.isDark(x: x + 2, y: y + 2) && code.isDark(x: x - 2, y: y - 2))
                }
            }
        }
    }

    @Test("encoding is deterministic and the chosen mask has the lowest penalty candidate")
    func deterministic() throws {
        let first = try QRCode.encode("https://id.example.com/01/09520123456788/21/SN0001?auth=TS:ABCDEFGH")
        let second = try QRCode.encode("https://id.example.com/01/09520123456788/21/SN0001?auth=TS:ABCDEFGH")
        #expect(first == second)
        #expect((0..<8).contains(first.mask))
        #expect(first.modules.count == first.size * first.size)
    }

    @Test("minVersion outside 1...40 is rejected")
    func badMinVersion() {
        #expect(throws: TracestockError.self) { try QRCode.encode("A", minVersion: 0) }
        #expect(throws: TracestockError.self) { try QRCode.encode("A", minVersion: 41) }
    }
}
