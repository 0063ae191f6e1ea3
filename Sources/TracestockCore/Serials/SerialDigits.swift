/// Decimal arithmetic on ASCII digit strings, so serial numbers of any length (up to the serial
/// length limit) work without converting every step to and from `Int`.
enum SerialDigits {
    /// ASCII `0`.
    static let zero: UInt8 = 0x30
    /// ASCII `9`.
    static let nine: UInt8 = 0x39
    /// The largest number of serials one group may name (10^18); more could never fit in memory.
    static let maxGroupCount = 1_000_000_000_000_000_000
    /// Significant digits allowed in a count or difference, so that it stays below `maxGroupCount`.
    static let maxSignificantDigits = 18

    /// Whether a byte is an ASCII digit.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }

    /// The digits without leading zeros (at least one digit is kept, so `000` gives `0`).
    static func significant(_ digits: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = digits.startIndex
        while start < digits.endIndex - 1 && digits[start] == zero { start += 1 }
        return digits[start...]
    }

    /// Whether the digits carry leading-zero padding (`007` does, `0` and `7` do not).
    static func isPadded(_ digits: ArraySlice<UInt8>) -> Bool {
        digits.count > 1 && digits.first == zero
    }

    /// Numeric three-way comparison: negative, zero or positive as `a` is below, equal to or above `b`.
    static func compare(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        let sa = significant(a)
        let sb = significant(b)
        if sa.count != sb.count { return sa.count < sb.count ? -1 : 1 }
        for (x, y) in zip(sa, sb) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    /// The value of at most `maxSignificantDigits` significant digits, or nil when there are more.
    static func value(_ digits: ArraySlice<UInt8>) -> Int? {
        let s = significant(digits)
        guard s.count <= maxSignificantDigits else { return nil }
        var result = 0
        for d in s { result = result * 10 + Int(d &- zero) }
        return result
    }

    /// `high - low` for `high >= low`, or nil when the difference has more than
    /// `maxSignificantDigits` digits.
    static func difference(_ high: ArraySlice<UInt8>, minus low: ArraySlice<UInt8>) -> Int? {
        let length = max(high.count, low.count)
        var result = [UInt8](repeating: zero, count: length)
        var borrow: UInt8 = 0
        for k in 0..<length {
            let h = k < high.count ? high[high.endIndex - 1 - k] &- zero : 0
            let l = (k < low.count ? low[low.endIndex - 1 - k] &- zero : 0) &+ borrow
            if h >= l {
                result[length - 1 - k] = zero &+ (h &- l)
                borrow = 0
            } else {
                result[length - 1 - k] = zero &+ (h &+ 10 &- l)
                borrow = 1
            }
        }
        return value(result[...])
    }

    /// `digits + amount` as digits, keeping at least the original width (`099 + 2` is `101`,
    /// `99 + 2` is `101`, `0999 + 2` is `1001`). `amount` must not be negative.
    static func adding(_ amount: Int, to digits: ArraySlice<UInt8>) -> [UInt8] {
        var result = Array(digits)
        var carry = amount
        var k = result.count - 1
        while carry > 0 {
            if k < 0 {
                result.insert(zero &+ UInt8(carry % 10), at: 0)
                carry /= 10
                continue
            }
            let sum = Int(result[k] &- zero) + carry % 10
            result[k] = zero &+ UInt8(sum % 10)
            carry = carry / 10 + sum / 10
            k -= 1
        }
        return result
    }
}
