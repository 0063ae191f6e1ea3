import Testing
import TracestockCore

@Suite("Code 128 encoder")
struct Code128Tests {
    @Test("worked example PJJ123C: Start B, set B throughout, check (104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7) mod 103 = 55")
    func workedExampleSetB() throws {
        let code = try Code128.encode("PJJ123C")
        #expect(code.symbols == [104, 48, 42, 42, 17, 18, 19, 35, 55, 106])
        #expect(code.checkValue == 55)
    }

    @Test("worked example 1234567890: Start C with digit pairs, check 1115 mod 103 = 85")
    func workedExampleSetC() throws {
        let code = try Code128.encode("1234567890")
        #expect(code.symbols == [105, 12, 34, 56, 78, 90, 85, 106])
    }

    @Test("worked example FNSKU X001ABCDEF stays in set B (a 3-digit run), check 1923 mod 103 = 69")
    func workedExampleFNSKU() throws {
        let code = try Code128.encode("X001ABCDEF")
        #expect(code.symbols == [104, 56, 16, 16, 17, 33, 34, 35, 36, 37, 38, 69, 106])
    }

    @Test("an even run of 4+ digits inside text switches to set C and back: AB123456CD, check (104 + 33·1 + 34·2 + 99·3 + 12·4 + 34·5 + 56·6 + 100·7 + 35·8 + 36·9) mod 103 = 94")
    func switchesToSetCAndBack() throws {
        let code = try Code128.encode("AB123456CD")
        #expect(code.symbols == [104, 33, 34, 99, 12, 34, 56, 100, 35, 36, 94, 106])
    }

    @Test("an odd digit run keeps its first digit in set B inside text, its last when it opens the symbol")
    func oddRuns() throws {
        #expect(try Code128.encode("A12345").symbols.dropLast(2) == [104, 33, 17, 99, 23, 45])
        #expect(try Code128.encode("12345AB").symbols.dropLast(2) == [105, 12, 34, 100, 21, 33, 34])
        #expect(try Code128.encode("12345").symbols.dropLast(2) == [105, 12, 34, 100, 21])
    }

    @Test("short digit strings: two digits use set C, three use set B")
    func shortDigits() throws {
        #expect(try Code128.encode("12").symbols.dropLast(2) == [105, 12])
        #expect(try Code128.encode("123").symbols.dropLast(2) == [104, 17, 18, 19])
        #expect(try Code128.encode("A1234").symbols.dropLast(2) == [104, 33, 99, 12, 34])
    }

    @Test("modules: 11 per symbol plus a 13-module stop, bar first and last")
    func moduleLayout() throws {
        let code = try Code128.encode("Tracestock")
        #expect(code.modules.count == 11 * (code.symbols.count - 1) + 13)
        #expect(code.modules.first == true && code.modules.last == true)
        // Start B is 211214: bar 2, space 1, bar 1, space 2, bar 1, space 4.
        let startB: [Bool] = [true, true, false, true, false, false, true, false, false, false, false]
        #expect(Array(code.modules.prefix(11)) == startB)
        // The stop pattern 2331112 ends the symbol.
        let stop: [Bool] = [true, true, false, false, false, true, true, true, false, true, false, true, true]
        #expect(Array(code.modules.suffix(13)) == stop)
        #expect(code.modules(quietZone: 10).count == code.modules.count + 20)
    }

    @Test("each of the 106 symbol patterns is 11 modules with an even bar total, and all differ")
    func patternTableIsConsistent() throws {
        var seen = Set<[Bool]>()
        // Every value reachable as data in set C (00–99) plus a switch.
        for value in 0..<100 {
            let text = value < 10 ? "0\(value)" : "\(value)"
            let code = try Code128.encode(text)
            let modules = Array(code.modules[11..<22])
            #expect(modules.filter { $0 }.count % 2 == 0, "value \(value)")
            seen.insert(modules)
        }
        // Set B values 0–95 (space through DEL) after Start B.
        for byte in 32...127 {
            let code = try Code128.encode(String(UnicodeScalar(UInt8(byte))) + "x")
            let modules = Array(code.modules[11..<22])
            #expect(code.symbols[1] == byte - 32)
            #expect(modules.filter { $0 }.count % 2 == 0, "byte \(byte)")
            #expect(seen.contains(modules), "same value, same pattern")
        }
        #expect(seen.count == 100)
    }

    @Test("characters outside printable ASCII and empty text are rejected with their position")
    func rejectsUnencodable() {
        do {
            _ = try Code128.encode("ABC\u{E9}")
            Issue.record("expected an error")
        } catch let error as TracestockError {
            #expect(error.code == .invalidInput)
            #expect(error.details["position"] == "4")
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: TracestockError.self) { try Code128.encode("line\nbreak") }
        #expect(throws: TracestockError.self) { try Code128.encode("") }
    }
}
