import Testing
@testable import TracestockCore

@Suite("Surcharge table")
struct SurchargeTableTests {
    @Test("rows parse with a header, blank cells as zero and blank rows skipped")
    func parses() throws {
        let table = try SurchargeTable(rows: [
            ["bucket", "per_unit", "per_cubic_foot"],
            ["181-270", "0.50", ""],
            [],
            ["", " ", ""],
            [" 271-365 ", "1", "3.45"],
            ["365+", "", "6.90"],
        ])
        #expect(table.rates == [
            "181-270": SurchargeRate(perUnit: 0.5, perCubicFoot: 0),
            "271-365": SurchargeRate(perUnit: 1, perCubicFoot: 3.45),
            "365+": SurchargeRate(perUnit: 0, perCubicFoot: 6.9),
        ])
        #expect(table.rate(for: "0-90") == SurchargeRate())
        // Header is optional; a missing third cell is blank.
        let headless = try SurchargeTable(rows: [["91-180", "0.25"]])
        #expect(headless.rates == ["91-180": SurchargeRate(perUnit: 0.25)])
    }

    @Test("bucket names are checked against a custom bucket list")
    func customBuckets() throws {
        let buckets = try AgeBuckets(parsing: "0-30,31-60,60+")
        let table = try SurchargeTable(rows: [["60+", "2", ""]], buckets: buckets)
        #expect(table.rates.keys.sorted() == ["60+"])
        #expect(throws: TracestockError.self) { try SurchargeTable(rows: [["365+", "2", ""]], buckets: buckets) }
    }

    @Test("errors name the row and column", arguments: [
        ([["bucket", "per_unit", "per_cubic_foot"], ["181-270", "abc", ""]], "2", "per_unit"),
        ([["181-270", "0.5", "-1"]], "1", "per_cubic_foot"),
        ([["181-270", "1e3", ""]], "1", "per_unit"),
        ([["181-270", "$5", ""]], "1", "per_unit"),
        ([["181-270", "1.2.3", ""]], "1", "per_unit"),
        ([["181-270", ".", ""]], "1", "per_unit"),
        ([["bucket", "per_unit", "per_cubic_foot"], [], ["400+", "1", ""]], "3", "bucket"),
        ([["181-270", "1", ""], ["181-270", "2", ""]], "2", "bucket"),
        ([["", "1", ""]], "1", "bucket"),
        ([["181-270", "", ""]], "1", "per_unit"),
        ([["181-270", "1", "", "oops"]], "1", "4"),
        ([["bucket", "unit_price", "per_cubic_foot"]], "1", "per_unit"),
    ])
    func errors(rows: [[String]], row: String, column: String) {
        let error = #expect(throws: TracestockError.self) { try SurchargeTable(rows: rows) }
        #expect(error?.code == .invalidInput)
        #expect(error?.details["row"] == row)
        #expect(error?.details["column"] == column)
        #expect(error?.message.contains("row \(row), column \(column)") == true)
    }

    @Test("a row's surcharge is quantity × (per unit + per cubic foot × volume), rounded half up to the cent")
    func math() {
        #expect(SurchargeRate(perUnit: 0.5).cents(quantity: 20, cubicFeetPerUnit: 9) == 1000)
        #expect(SurchargeRate(perCubicFoot: 6.9).cents(quantity: 10, cubicFeetPerUnit: 0.25) == 1725)
        // 7 × (0.15 + 3.45 × 0.1) = 3.465 → 346.5 cents → 347.
        #expect(SurchargeRate(perUnit: 0.15, perCubicFoot: 3.45).cents(quantity: 7, cubicFeetPerUnit: 0.1) == 347)
        // 2.675 is 2.67499999… in binary; it still rounds as the decimal amount does.
        #expect(SurchargeRate(perUnit: 2.675).cents(quantity: 1, cubicFeetPerUnit: 0) == 268)
        #expect(SurchargeRate(perUnit: 0.1).cents(quantity: 3, cubicFeetPerUnit: 0) == 30)
        #expect(SurchargeRate().cents(quantity: 1000, cubicFeetPerUnit: 2) == 0)
    }
}
