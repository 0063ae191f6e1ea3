import Testing
@testable import TracestockCore

@Suite("GS1 dates and the century rule")
struct GS1DateTests {
    @Test(
        "a two-digit year is placed within -49...+50 years of the current year",
        arguments: [
            (75, 2025, 2075), (76, 2025, 1976), (0, 2025, 2000), (24, 2025, 2024), (99, 2025, 1999),
            (10, 2060, 2110), (11, 2060, 2011), (49, 1999, 2049), (50, 1999, 1950), (0, 2099, 2100),
        ])
    func centuryRule(twoDigitYear: Int, currentYear: Int, expected: Int) {
        #expect(GS1Date.resolveCentury(twoDigitYear: twoDigitYear, currentYear: currentYear) == expected)
    }

    @Test(
        "day 00 means the last day of the month, leap years included",
        arguments: [
            ("240200", 2025, "2024-02-29"), ("250200", 2025, "2025-02-28"), ("000200", 2025, "2000-02-29"),
            ("000200", 2099, "2100-02-28"), ("251200", 2025, "2025-12-31"), ("250400", 2025, "2025-04-30"),
        ])
    func zeroDayIsLastDayOfMonth(text: String, currentYear: Int, iso: String) throws {
        #expect(try GS1Date.parseYYMMDD(text, currentYear: currentYear).isoString == iso)
    }

    @Test(
        "impossible dates are rejected with the offending part's position",
        arguments: [("251301", "3"), ("250431", "5"), ("250229", "5"), ("25010A", "6"), ("2501", "1")])
    func impossibleDates(text: String, position: String) {
        let error = capturedError { try GS1Date.parseYYMMDD(text, currentYear: 2025) }
        #expect(error?.code == .invalidInput)
        #expect(error?.details["position"] == position)
    }

    @Test("day 00 can be refused (7003 needs a real day)")
    func zeroDayRefused() {
        #expect(capturedError { try GS1Date.parseYYMMDD("250100", currentYear: 2025, allowZeroDay: false) } != nil)
    }

    @Test("dates print as YYYY-MM-DD and YYMMDD and round-trip through ISO strings")
    func formatting() throws {
        let date = try GS1Date(year: 2025, month: 3, day: 7)
        #expect(date.isoString == "2025-03-07")
        #expect(date.yymmdd == "250307")
        #expect(try GS1Date(isoString: "2025-03-07") == date)
        #expect(capturedError { try GS1Date(isoString: "2025-02-30") } != nil)
        #expect(capturedError { try GS1Date(isoString: "2025/02/01") }?.details["reason"] == "format")
        #expect(try GS1Date(year: 2024, month: 12, day: 31) < date)
    }
}
