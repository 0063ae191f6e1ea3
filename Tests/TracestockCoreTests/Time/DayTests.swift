import Foundation
import Testing
@testable import TracestockCore

@Suite("Day")
struct DayTests {
    @Test("known dates convert to the right day count and back", arguments: [
        ("1970-01-01", 0), ("1969-12-31", -1), ("2000-02-29", 11016), ("2000-03-01", 11017),
        ("2024-02-29", 19782), ("2100-03-01", 47541), ("0001-01-01", -719_162),
        ("9999-12-31", 2_932_896), ("1900-02-28", -25509),
    ])
    func knownDates(iso: String, days: Int) throws {
        let day = try Day(iso)
        #expect(day.daysSince1970 == days)
        #expect(Day(daysSince1970: days).isoString == iso)
    }

    @Test("every day from year 1 to 9999 round-trips through its calendar date in order")
    func roundTripAllDays() throws {
        var previous = (year: 0, month: 12, day: 31)
        for days in -719_162...2_932_896 {
            let c = Day.civilFromDays(days)
            if Day.daysFromCivil(year: c.year, month: c.month, day: c.day) != days {
                Issue.record("day \(days) → \(c) does not convert back")
                return
            }
            // Calendar order: next day of the month, or the 1st of the next month / year.
            let isNext = (c.year == previous.year && c.month == previous.month && c.day == previous.day + 1)
                || (c.year == previous.year && c.month == previous.month + 1 && c.day == 1)
                || (c.year == previous.year + 1 && c.month == 1 && c.day == 1 && previous.month == 12)
            if !isNext {
                Issue.record("day \(days) is \(c) after \(previous)")
                return
            }
            previous = c
        }
    }

    @Test("leap years follow the Gregorian 4/100/400 rule")
    func leapYears() {
        #expect(Day.isLeapYear(2024))
        #expect(!Day.isLeapYear(2023))
        #expect(!Day.isLeapYear(1900))
        #expect(Day.isLeapYear(2000))
    }

    @Test("malformed or impossible dates are rejected", arguments: [
        "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-4-01", "20240401",
        "2024-04-01T00:00", "", "0000-01-01", "2024-04-0a",
    ])
    func rejectsBadDates(text: String) {
        let error = #expect(throws: TracestockError.self) { try Day(text) }
        #expect(error?.code == .invalidInput)
        #expect(error?.details["value"] == text)
    }

    @Test("arithmetic adds days and measures the distance between days")
    func arithmetic() throws {
        let day = try Day("2024-02-28")
        #expect((day + 1).isoString == "2024-02-29")
        #expect((day + 2).isoString == "2024-03-01")
        #expect((day - 59).isoString == "2023-12-31")
        #expect(try Day("2025-01-01") - day == 308)
        #expect(day < day + 1)
    }

    @Test("a day starts at its UTC midnight, the first instant whose day it is")
    func start() throws {
        for iso in ["1970-01-01", "1969-12-31", "2024-02-29"] {
            let day = try Day(iso)
            #expect(day.start.iso8601 == iso + "T00:00:00Z")
            #expect(day.start.day == day)
            #expect(Timestamp(milliseconds: day.start.milliseconds - 1).day == day - 1)
        }
    }

    @Test("JSON encodes a day as a YYYY-MM-DD string and rejects a bad one")
    func json() throws {
        let data = try JSONEncoder().encode([try Day("2024-07-04")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-07-04"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: data) == [try Day("2024-07-04")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Day].self, from: Data(#"["2024-02-30"]"#.utf8))
        }
    }
}
