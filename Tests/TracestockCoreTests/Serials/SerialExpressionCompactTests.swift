import Testing
import TracestockCore

@Suite("SerialExpression.compact")
struct SerialExpressionCompactTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let serials: [String]
        let compact: String
        var testDescription: String { compact }
    }

    static let cases: [Case] = [
        Case(serials: ["SN1", "SN2", "SN3", "SN5"], compact: "SN1..SN3, SN5"),
        Case(serials: ["SN5", "SN3", "SN1", "SN2"], compact: "SN1..SN3, SN5"),
        Case(serials: ["A1", "A2"], compact: "A1, A2"),
        Case(serials: ["SN099", "SN100", "SN101"], compact: "SN099..SN101"),
        Case(serials: ["SN98", "SN99", "SN100", "SN101", "SN102"], compact: "SN98, SN99, SN100..SN102"),
        Case(serials: ["LOT7-A001X", "LOT7-A002X", "LOT7-A003X"], compact: "LOT7-A001X..LOT7-A003X"),
        Case(serials: ["SN7", "a b", "2024-0001"], compact: "\"2024-0001\", SN7, \"a b\""),
        Case(serials: ["x,y", "1+2", "A..B", "Q"], compact: "\"1+2\", \"A..B\", Q, \"x,y\""),
        Case(serials: ["X.1", "X.2", "X.3"], compact: "X.1..X.3"),
        Case(serials: ["1.", "2.", "3."], compact: "1., 2., 3."),
        Case(serials: ["SN5", "SN05"], compact: "SN5, SN05"),
        Case(
            serials: ["N100000000000000000000003", "N100000000000000000000001", "N100000000000000000000002", "N9"],
            compact: "N9, N100000000000000000000001..N100000000000000000000003"),
        Case(
            serials: ["N99999999999999999999", "N99999999999999999998", "N99999999999999999997"],
            compact: "N99999999999999999997..N99999999999999999999"),
        Case(serials: [], compact: ""),
    ]

    @Test("sorts serials and writes runs of three or more as FIRST..LAST", arguments: cases)
    func compacts(_ c: Case) throws {
        let compact = SerialExpression.compact(c.serials)
        #expect(compact == c.compact)
        if !c.serials.isEmpty {
            let expanded = try SerialExpression.expand(compact)
            #expect(expanded.sorted() == c.serials.sorted())
        }
    }

    @Test("round-trips 500 random lists of distinct valid serials through compact and expand")
    func randomRoundTrip() throws {
        var rng = SplitMix64(seed: 0x5EED_CAFE)
        for iteration in 0..<500 {
            let serials = Self.randomSerials(using: &rng)
            let compact = SerialExpression.compact(serials)
            let expanded: [String]
            do {
                expanded = try SerialExpression.expand(compact)
            } catch {
                Issue.record("iteration \(iteration): \(serials) -> \(compact): \(error)")
                continue
            }
            #expect(expanded.count == serials.count, "iteration \(iteration): \(compact)")
            #expect(Set(expanded) == Set(serials), "iteration \(iteration): \(compact)")
            #expect(SerialExpression.compact(serials.shuffled(using: &rng)) == compact)
            #expect(SerialExpression.compact(expanded) == compact)
        }
    }

    @Test("considers only printable ASCII serials without quotes or edge spaces valid")
    func validity() {
        #expect(SerialExpression.isValidSerial("SN-1 a,b..c+d"))
        #expect(!SerialExpression.isValidSerial(""))
        #expect(!SerialExpression.isValidSerial(" A"))
        #expect(!SerialExpression.isValidSerial("A "))
        #expect(!SerialExpression.isValidSerial("A\"B"))
        #expect(!SerialExpression.isValidSerial("A\tB"))
        #expect(!SerialExpression.isValidSerial("Aé"))
        #expect(!SerialExpression.isValidSerial(String(repeating: "A", count: 65)))
    }

    /// Runs of consecutive numbers in assorted shapes, plus random printable strings.
    static func randomSerials(using rng: inout SplitMix64) -> [String] {
        let prefixes = ["SN", "A-", "LOT7-A", "", "X.", "2024-", "a b", "x,y", "+", "..", "Q+", "-", ".", "Z..", "p q"]
        let suffixes = ["", "X", "-B", ".", " Z", "..", "+", "-7", ","]
        var serials: [String] = []
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let prefix = prefixes.randomElement(using: &rng)!
            let suffix = suffixes.randomElement(using: &rng)!
            let width = Int.random(in: 0...5, using: &rng)
            var number = Int.random(in: 0...(Bool.random(using: &rng) ? 120 : 99_990), using: &rng)
            for _ in 0..<Int.random(in: 1...25, using: &rng) {
                var digits = String(number)
                if digits.count < width { digits = String(repeating: "0", count: width - digits.count) + digits }
                serials.append(prefix + digits + suffix)
                number += Int.random(in: 0..<10, using: &rng) == 0 ? 2 : 1
            }
        }
        let alphabet = Array(" !#$%&'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~")
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let length = Int.random(in: 1...8, using: &rng)
            serials.append(String((0..<length).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        var seen = Set<String>()
        return serials.filter { SerialExpression.isValidSerial($0) && seen.insert($0).inserted }
            .shuffled(using: &rng)
    }
}
