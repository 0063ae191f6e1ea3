/// A point in time as milliseconds since 1970-01-01T00:00:00Z. Value type, cheap to compare,
/// the form stored in every ledger row (both stores keep it as a 64-bit integer).
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch, UTC.
    public var milliseconds: Int64

    /// Creates a timestamp from milliseconds since the epoch.
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Creates a timestamp at midnight UTC of a civil date.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        let days = Int64(Day.daysFromCivil(year: year, month: month, day: day))
        milliseconds = ((days * 86_400) + Int64(hour * 3600 + minute * 60 + second)) * 1000
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// Whole days since the epoch (floor), i.e. the UTC calendar day.
    public var epochDay: Int { Int(milliseconds.floorDiv(86_400_000)) }

    /// ISO 8601 in UTC: `2026-03-02T10:15:00Z` (milliseconds shown only when not zero).
    public var iso8601: String {
        let totalSeconds = milliseconds.floorDiv(1000)
        let ms = Int(milliseconds - totalSeconds * 1000)
        let days = Int(totalSeconds.floorDiv(86_400))
        let secondOfDay = Int(totalSeconds - Int64(days) * 86_400)
        var out = Day(daysSince1970: days).isoString
        out += "T" + Self.pad2(secondOfDay / 3600) + ":" + Self.pad2(secondOfDay / 60 % 60) + ":" + Self.pad2(secondOfDay % 60)
        if ms != 0 {
            let s = String(ms)
            out += "." + String(repeating: "0", count: 3 - s.count) + s
        }
        return out + "Z"
    }

    /// The UTC calendar day.
    public var day: Day { Day(daysSince1970: epochDay) }

    /// The UTC calendar date, `YYYY-MM-DD`.
    public var isoDate: String {
        Day(daysSince1970: epochDay).isoString
    }

    public var description: String { iso8601 }

    /// Parses `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time with `Z` or a `±hh:mm` offset,
    /// optional seconds and fractional seconds. Throws an error naming `field` otherwise.
    public static func parse(_ text: String, field: String = "date") throws -> Timestamp {
        guard let value = parseOrNil(text) else {
            throw TracestockError.invalid(
                "\(field): '\(text)' is not a date (YYYY-MM-DD) or ISO 8601 date-time (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])",
                details: ["field": field, "value": text])
        }
        return value
    }

    private static func parseOrNil(_ text: String) -> Timestamp? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 10, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), d >= 1, d <= Day.daysInMonth(year: y, month: mo) else { return nil }
        if b.count == 10 { return Timestamp(year: y, month: mo, day: d) }
        guard b[10] == 84 || b[10] == 116 || b[10] == 32, let h = num(11, 2), b.count > 13, b[13] == 58,
              let mi = num(14, 2), h < 24, mi < 60 else { return nil }
        var i = 16
        var s = 0
        var ms = 0
        if i < b.count, b[i] == 58 {
            guard let sec = num(i + 1, 2), sec < 60 else { return nil }
            s = sec
            i += 3
            if i < b.count, b[i] == 46 {
                i += 1
                var digits = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if digits < 3 { ms = ms * 10 + Int(b[i] - 48) }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                for _ in min(digits, 3)..<3 { ms *= 10 }
            }
        }
        var offsetMinutes = 0
        if i == b.count {
            offsetMinutes = 0
        } else if b[i] == 90 || b[i] == 122, i + 1 == b.count {
            offsetMinutes = 0
        } else if b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            guard let oh = num(i + 1, 2) else { return nil }
            var om = 0
            if i + 3 < b.count {
                if b[i + 3] == 58 {
                    guard let v = num(i + 4, 2), i + 6 == b.count else { return nil }
                    om = v
                } else {
                    guard let v = num(i + 3, 2), i + 5 == b.count else { return nil }
                    om = v
                }
            } else if i + 3 != b.count { return nil }
            guard oh < 24, om < 60 else { return nil }
            offsetMinutes = sign * (oh * 60 + om)
        } else {
            return nil
        }
        var t = Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
        t.milliseconds += Int64(ms) - Int64(offsetMinutes) * 60_000
        return t
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
