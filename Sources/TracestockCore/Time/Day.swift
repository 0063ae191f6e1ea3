/// A calendar day in the proleptic Gregorian calendar, stored as the number of days since
/// 1970-01-01 (which is day 0). It carries no time of day and no time zone, so day arithmetic is
/// plain integer arithmetic.
///
/// Encodes to and decodes from JSON as an ISO 8601 calendar date string, `"YYYY-MM-DD"`.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var daysSince1970: Int

    /// Creates the day that is `daysSince1970` days after 1970-01-01.
    public init(daysSince1970: Int) {
        self.daysSince1970 = daysSince1970
    }

    /// Midnight (UTC) at the start of the day.
    public var start: Timestamp { Timestamp(milliseconds: Int64(daysSince1970) * 86_400_000) }

    /// Creates a day from a calendar date. Years 1...9999 are accepted; the month must be 1...12
    /// and the day must exist in that month (29 February only in leap years).
    public init(year: Int, month: Int, day: Int) throws(TracestockError) {
        guard (1...9999).contains(year) else {
            throw .invalid("year \(year) is outside 1...9999", details: ["field": "year", "value": String(year)])
        }
        guard (1...12).contains(month) else {
            throw .invalid("month \(month) is outside 1...12", details: ["field": "month", "value": String(month)])
        }
        let length = Day.daysInMonth(year: year, month: month)
        guard (1...length).contains(day) else {
            throw .invalid(
                "day \(day) does not exist in \(year)-\(month < 10 ? "0" : "")\(month) (1...\(length))",
                details: ["field": "day", "value": String(day)]
            )
        }
        self.daysSince1970 = Day.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses an ISO 8601 calendar date written exactly as `YYYY-MM-DD` (ten characters, no time,
    /// no zone), e.g. `"2024-02-29"`.
    public init(_ iso: String) throws(TracestockError) {
        let bytes = Array(iso.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10)
        else {
            throw .invalid("'\(iso)' is not a date written as YYYY-MM-DD", details: ["field": "date", "value": iso])
        }
        do throws(TracestockError) {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw .invalid("'\(iso)' is not a valid date: \(error.message)", details: ["field": "date", "value": iso])
        }
    }

    /// The calendar date of this day.
    public var components: (year: Int, month: Int, day: Int) {
        Day.civilFromDays(daysSince1970)
    }

    /// The day written as `YYYY-MM-DD` (years beyond 0...9999 are written with as many digits as
    /// they need and a leading `-` when negative).
    public var isoString: String {
        let (year, month, day) = components
        if (0...9999).contains(year) {
            var bytes = [UInt8](repeating: 0x30, count: 10)
            bytes[0] = UInt8(0x30 + year / 1000)
            bytes[1] = UInt8(0x30 + year / 100 % 10)
            bytes[2] = UInt8(0x30 + year / 10 % 10)
            bytes[3] = UInt8(0x30 + year % 10)
            bytes[4] = 0x2D
            bytes[5] = UInt8(0x30 + month / 10)
            bytes[6] = UInt8(0x30 + month % 10)
            bytes[7] = 0x2D
            bytes[8] = UInt8(0x30 + day / 10)
            bytes[9] = UInt8(0x30 + day % 10)
            return String(decoding: bytes, as: UTF8.self)
        }
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    /// Same as ``isoString``.
    public var description: String { isoString }

    /// Orders days chronologically.
    public static func < (lhs: Day, rhs: Day) -> Bool {
        lhs.daysSince1970 < rhs.daysSince1970
    }

    /// The day `days` days after `day` (before it when negative).
    public static func + (day: Day, days: Int) -> Day {
        Day(daysSince1970: day.daysSince1970 + days)
    }

    /// The day `days` days before `day`.
    public static func - (day: Day, days: Int) -> Day {
        Day(daysSince1970: day.daysSince1970 - days)
    }

    /// The number of days from `rhs` to `lhs` (positive when `lhs` is later).
    public static func - (lhs: Day, rhs: Day) -> Int {
        lhs.daysSince1970 - rhs.daysSince1970
    }

    /// Decodes a `"YYYY-MM-DD"` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(TracestockError) {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as a `"YYYY-MM-DD"` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isoString)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1...12) of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: - Calendar arithmetic
    //
    // Both conversions count in a shifted calendar whose year starts on 1 March, so the leap day
    // is the last day of the shifted year and month lengths from March on repeat in a
    // 153-day / 5-month pattern (31,30,31,30,31). Whole 400-year cycles ("eras") hold exactly
    // 146,097 days; inside an era, shifted years hold 365 days plus one every 4th year, minus one
    // every 100th, plus one at the 400th. Day 0 of era 0 is 0000-03-01, which is 719,468 days
    // before 1970-01-01.

    /// Days in one 400-year Gregorian cycle.
    private static let daysPerEra = 146_097
    /// Days from 0000-03-01 to 1970-01-01.
    private static let epochShift = 719_468

    /// Floor division for a positive divisor.
    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// Days since 1970-01-01 of a valid calendar date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        // Shifted year: January and February belong to the previous March-based year.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDiv(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400                    // 0...399
        let shiftedMonth = month > 2 ? month - 3 : month + 9       // March = 0 ... February = 11
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + (day - 1)   // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * daysPerEra + dayOfEra - epochShift
    }

    /// The calendar date of a day count since 1970-01-01 (the civil-from-days conversion).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + epochShift
        let era = floorDiv(shifted, daysPerEra)
        let dayOfEra = shifted - era * daysPerEra                  // 0...146096
        // Remove the leap days counted so far in this era (one per 1460 days, put back one per
        // 36524, remove again the very last day of the era) to get a 365-day-year count.
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153               // March = 0 ... February = 11
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
