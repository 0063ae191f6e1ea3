/// A calendar date carried by a GS1 date AI (11, 13, 15, 16, 17, 7003), encoded in JSON as `YYYY-MM-DD`.
public struct GS1Date: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Four-digit year.
    public let year: Int
    /// Month, 1-12.
    public let month: Int
    /// Day of the month, 1-31 (a GS1 day `00` is resolved to the last day of the month).
    public let day: Int

    /// Creates a validated date (years 1-9999).
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= GS1Date.daysInMonth(year: year, month: month)
        else {
            throw TracestockError.identifier(
                "\(year)-\(month)-\(day) is not a calendar date", field: "date", reason: "date")
        }
        self.init(unchecked: year, month, day)
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init(isoString: String) throws {
        let bytes = Array(isoString.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              TextPosition.allDigits(bytes[0..<4]), TextPosition.allDigits(bytes[5..<7]),
              TextPosition.allDigits(bytes[8..<10])
        else {
            throw TracestockError.identifier(
                "'\(isoString)' is not a YYYY-MM-DD date", field: "date", reason: "format")
        }
        try self.init(
            year: GS1Date.number(bytes[0..<4]), month: GS1Date.number(bytes[5..<7]),
            day: GS1Date.number(bytes[8..<10]))
    }

    /// The date as `YYYY-MM-DD`.
    public var isoString: String {
        GS1Date.pad(year, 4) + "-" + GS1Date.pad(month, 2) + "-" + GS1Date.pad(day, 2)
    }

    /// The date as GS1 `YYMMDD` (the century is implied by the reader's current year).
    public var yymmdd: String {
        GS1Date.pad(year % 100, 2) + GS1Date.pad(month, 2) + GS1Date.pad(day, 2)
    }

    /// The text form (same as the canonical value).
    public var description: String { isoString }

    /// Orders by value.
    public static func < (lhs: GS1Date, rhs: GS1Date) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes from a `YYYY-MM-DD` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(isoString: container.decode(String.self))
    }

    /// Encodes as a `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isoString)
    }

    /// Parses a GS1 `YYMMDD` date; `DD` = `00` means the last day of the month when `allowZeroDay`.
    public static func parseYYMMDD(_ text: String, currentYear: Int, allowZeroDay: Bool = true) throws -> GS1Date {
        let bytes = Array(text.utf8)
        switch parse(yymmdd: bytes[...], currentYear: currentYear, allowZeroDay: allowZeroDay) {
        case .success(let date):
            return date
        case .failure(let issue):
            throw TracestockError.identifier(
                issue.problem, position: issue.offset + 1, field: "date", reason: issue.reason)
        }
    }

    /// The full year for a two-digit GS1 year: the one within -49...+50 years of `currentYear`.
    public static func resolveCentury(twoDigitYear: Int, currentYear: Int) -> Int {
        let currentYear = min(max(currentYear, -1_000_000), 1_000_000)  // no overflow on absurd input
        let century = currentYear - ((currentYear % 100) + 100) % 100
        var year = century + twoDigitYear
        if year - currentYear >= 51 { year -= 100 }
        if year - currentYear <= -50 { year += 100 }
        return year
    }

    /// True for Gregorian leap years.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days in the month of the given year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Why a date field is invalid and where (offset into the field).
    struct Issue: Error {
        let offset: Int
        let problem: String
        let reason: String
    }

    /// Parses six ASCII digits YYMMDD (digits already checked or not).
    static func parse(yymmdd bytes: ArraySlice<UInt8>, currentYear: Int, allowZeroDay: Bool) -> Result<GS1Date, Issue> {
        guard bytes.count == 6 else {
            return .failure(Issue(offset: 0, problem: "a date needs 6 digits YYMMDD", reason: "date"))
        }
        for (offset, byte) in bytes.enumerated() where !TextPosition.isDigit(byte) {
            return .failure(Issue(offset: offset, problem: "date has a non-digit \(TextPosition.describe(byte))", reason: "character"))
        }
        let start = bytes.startIndex
        let text = String(decoding: bytes, as: UTF8.self)
        let year = resolveCentury(twoDigitYear: number(bytes[start..<start + 2]), currentYear: currentYear)
        let month = number(bytes[start + 2..<start + 4])
        let day = number(bytes[start + 4..<start + 6])
        guard (1...12).contains(month) else {
            return .failure(Issue(offset: 2, problem: "month \(pad(month, 2)) is not valid in date '\(text)'", reason: "date"))
        }
        guard year >= 1, year <= 9999 else {
            return .failure(Issue(offset: 0, problem: "year of date '\(text)' is out of range", reason: "date"))
        }
        let last = daysInMonth(year: year, month: month)
        if day == 0 {
            guard allowZeroDay else {
                return .failure(Issue(offset: 4, problem: "day 00 is not allowed in '\(text)'", reason: "date"))
            }
            return .success(GS1Date(unchecked: year, month, last))
        }
        guard day <= last else {
            return .failure(Issue(
                offset: 4, problem: "day \(pad(day, 2)) does not exist in \(year)-\(pad(month, 2)) (date '\(text)')",
                reason: "date"))
        }
        return .success(GS1Date(unchecked: year, month, day))
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
