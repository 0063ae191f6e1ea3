import Testing
@testable import TracestockCore

@Suite("Generate → parse round trip (property)")
struct GS1RoundTripPropertyTests {
    static func randomText(_ rng: inout SplitMix64) -> String {
        let length = Int.random(in: 1...20, using: &rng)
        return String((0..<length).map { _ in cset82Characters.randomElement(using: &rng)! })
    }

    static func randomDate(_ rng: inout SplitMix64) throws -> GS1Date {
        let year = Int.random(in: (testYear - 49)...(testYear + 50), using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(in: 1...GS1Date.daysInMonth(year: year, month: month), using: &rng)
        return try GS1Date(year: year, month: month, day: day)
    }

    static func randomItem(_ rng: inout SplitMix64) throws -> GS1ItemData {
        let length = [7, 11, 12, 13].randomElement(using: &rng)!
        let body = String((0..<length).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
        return try GS1ItemData(
            gtin: GTIN(computingCheckDigitFor: body),
            lot: Bool.random(using: &rng) ? randomText(&rng) : nil,
            serial: Bool.random(using: &rng) ? randomText(&rng) : nil,
            expiry: Bool.random(using: &rng) ? randomDate(&rng) : nil,
            bestBefore: Bool.random(using: &rng) ? randomDate(&rng) : nil,
            produced: Bool.random(using: &rng) ? randomDate(&rng) : nil)
    }

    @Test("parse(generate(x)) == x for 1,000 random items in every generated form")
    func roundTrip() throws {
        var rng = SplitMix64(seed: 0x7AC3_570C)
        var failures: [String] = []
        for _ in 0..<1000 {
            let item = try Self.randomItem(&rng)
            let forms = [
                item.rawElementString(), item.rawElementString(symbologyIdentifier: "]d2"),
                item.bracketedElementString, item.digitalLink(), item.digitalLink(baseURL: "http://brand.example/dl"),
            ]
            for form in forms {
                do {
                    let parsed = try GS1ItemData.parse(form, currentYear: testYear)
                    if parsed != item { failures.append("mismatch for \(form.debugDescription)") }
                } catch {
                    failures.append("\(form.debugDescription): \(error)")
                }
            }
            let scan = try Scan.parse(item.rawElementString(symbologyIdentifier: "]Q3"), currentYear: testYear)
            if scan.gtin != item.gtin.value || scan.lot != item.lot || scan.serial != item.serial
                || scan.expiry != item.expiry || scan.bestBefore != item.bestBefore || scan.produced != item.produced {
                failures.append("scan mismatch for \(item)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("SplitMix64 is deterministic for a seed")
    func rngIsDeterministic() {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        #expect((0..<5).map { _ in first.next() } == (0..<5).map { _ in second.next() })
    }
}
