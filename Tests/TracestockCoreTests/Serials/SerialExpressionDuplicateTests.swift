import Testing
import TracestockCore

@Suite("SerialExpression duplicate detection")
struct SerialExpressionDuplicateTests {
    @Test("finds overlaps between groups across padding growth and digit widths")
    func acrossWidths() throws {
        #expect(throws: TracestockError.self) { try SerialExpression.expand("S98+5, S101") }
        #expect(throws: TracestockError.self) { try SerialExpression.expand("S098+5, S101") }
        #expect(throws: TracestockError.self) { try SerialExpression.expand("S8..S12, S9-S10") }
        #expect(try SerialExpression.expand("S98+5, S0101").count == 7)
        #expect(try SerialExpression.expand("S1..S9, S01..S09, S001+8").count == 27)
    }

    @Test("finds overlaps between numbers longer than 18 digits")
    func longNumbers() throws {
        let error = try #require(throws: TracestockError.self) {
            try SerialExpression.expand("N1234567890123456789012..N1234567890123456789020 N1234567890123456789015")
        }
        #expect(error.details["serial"] == "N1234567890123456789015")
        #expect(try SerialExpression.expand("N1234567890123456789012+3 N1234567890123456789016").count == 5)
    }

    @Test("finds repeated digit-free serials")
    func digitFree() throws {
        let error = try #require(throws: TracestockError.self) { try SerialExpression.expand("ABC, \"A B\", ABC") }
        #expect(error.details["serial"] == "ABC")
        #expect(try SerialExpression.expand("ABC, ABD, \"A B\"").count == 3)
    }

    @Test("agrees with expanding each group alone on 500 random expressions")
    func agreesWithBruteForce() throws {
        var rng = SplitMix64(seed: 42)
        for iteration in 0..<500 {
            var groups: [String] = []
            for _ in 0..<Int.random(in: 2...6, using: &rng) {
                let prefix = ["S", "S-", "T"].randomElement(using: &rng)!
                let width = Int.random(in: 1...4, using: &rng)
                let start = Int.random(in: 0...(width == 1 ? 9 : 120), using: &rng)
                var digits = String(start)
                if digits.count < width { digits = String(repeating: "0", count: width - digits.count) + digits }
                let extra = Int.random(in: 0...30, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: groups.append("\"\(prefix)\(digits)\"")
                case 1: groups.append("\(prefix)\(digits)+\(extra)")
                default:
                    // Only an unpadded start may end at a wider number.
                    let last = digits.hasPrefix("0") && digits.count > 1
                        ? pad(min(start + extra, maxFor(digits.count)), digits.count)
                        : String(start + extra)
                    groups.append("\(prefix)\(digits)..\(prefix)\(last)")
                }
            }
            let text = groups.joined(separator: ", ")
            let separately = try groups.flatMap { try SerialExpression.expand($0) }
            let hasDuplicates = Set(separately).count != separately.count
            do {
                let expanded = try SerialExpression.expand(text)
                #expect(!hasDuplicates, "iteration \(iteration): \(text)")
                #expect(expanded == separately, "iteration \(iteration): \(text)")
            } catch let error as TracestockError {
                #expect(hasDuplicates, "iteration \(iteration): \(text): \(error)")
                let serial = try #require(error.details["serial"])
                #expect(separately.filter { $0 == serial }.count > 1, "iteration \(iteration): \(text)")
            }
        }
    }

    /// `number` zero-padded to `width` digits.
    private func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
    }

    /// The largest number with `width` digits.
    private func maxFor(_ width: Int) -> Int {
        var result = 9
        for _ in 1..<width { result = result * 10 + 9 }
        return result
    }
}
