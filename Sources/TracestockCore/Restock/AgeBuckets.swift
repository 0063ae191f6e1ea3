/// An ordered list of age buckets that covers every age from 0 days up, without gaps or overlap,
/// the last one open-ended.
///
/// Written as a comma-separated list such as `0-90,91-180,181-270,271-365,365+`: `A-B` is the
/// closed range of ages A...B days, and `N+` means **older than N days** (ages N+1 and up), so
/// `271-365,365+` is contiguous. Encodes to JSON as that string.
public struct AgeBuckets: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// The buckets, youngest first.
    public let buckets: [AgeBucket]

    /// The default `0-90,91-180,181-270,271-365,365+`.
    public static let standard = AgeBuckets(uncheckedBuckets: [
        AgeBucket(minimumAge: 0, maximumAge: 90),
        AgeBucket(minimumAge: 91, maximumAge: 180),
        AgeBucket(minimumAge: 181, maximumAge: 270),
        AgeBucket(minimumAge: 271, maximumAge: 365),
        AgeBucket(minimumAge: 366, maximumAge: nil),
    ])

    private init(uncheckedBuckets: [AgeBucket]) {
        self.buckets = uncheckedBuckets
    }

    /// Parses a bucket list such as `0-90,91-180,181-270,271-365,365+` (spaces around items are
    /// ignored).
    ///
    /// - Throws: ``TracestockError`` (`invalidInput`) when the list is empty, an item is not `A-B`
    ///   or `N+` with whole non-negative numbers, a range is reversed, the first bucket does not
    ///   start at 0, a bucket leaves a gap after or overlaps the previous one, an open-ended bucket
    ///   is not last, or the last bucket is not open-ended. `details` carry the offending
    ///   `bucket` and its 1-based `position`.
    public init(parsing text: String) throws(TracestockError) {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0).trimmingSpaces }
        guard !(items.count == 1 && items[0].isEmpty) else {
            throw .invalid("the age bucket list is empty", details: ["field": "buckets"])
        }
        var parsed: [AgeBucket] = []
        for (index, item) in items.enumerated() {
            func fail(_ reason: String) -> TracestockError {
                .invalid(
                    "age bucket \(index + 1) '\(item)' \(reason)",
                    details: ["field": "buckets", "bucket": item, "position": String(index + 1)]
                )
            }
            let bucket: AgeBucket
            if item.hasSuffix("+") {
                guard let above = AgeBuckets.wholeNumber(item.dropLast()) else {
                    throw fail("is not written as A-B or N+ with whole numbers of days")
                }
                bucket = AgeBucket(minimumAge: above + 1, maximumAge: nil)
            } else {
                let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count == 2,
                      let low = AgeBuckets.wholeNumber(bounds[0]), let high = AgeBuckets.wholeNumber(bounds[1])
                else {
                    throw fail("is not written as A-B or N+ with whole numbers of days")
                }
                guard low <= high else { throw fail("ends before it starts") }
                bucket = AgeBucket(minimumAge: low, maximumAge: high)
            }
            if let previous = parsed.last {
                guard let previousEnd = previous.maximumAge else {
                    throw fail("follows the open-ended bucket '\(previous.label)', which must be last")
                }
                if bucket.minimumAge > previousEnd + 1 {
                    throw fail(
                        "leaves a gap: ages \(previousEnd + 1)...\(bucket.minimumAge - 1) are in no bucket"
                            + (bucket.maximumAge == nil ? " ('N+' means older than N; write '\(previousEnd)+')" : "")
                    )
                }
                if bucket.minimumAge <= previousEnd {
                    throw fail("overlaps '\(previous.label)' (ages \(bucket.minimumAge)...\(previousEnd))")
                }
            } else if bucket.minimumAge != 0 {
                throw fail("must start at age 0")
            }
            parsed.append(bucket)
        }
        if let last = parsed.last, last.maximumAge != nil {
            throw .invalid(
                "age bucket \(parsed.count) '\(last.label)' must be open-ended (written N+) as the last bucket",
                details: ["field": "buckets", "bucket": last.label, "position": String(parsed.count)]
            )
        }
        self.buckets = parsed
    }

    /// The list written as it is parsed, e.g. `0-90,91-180,181-270,271-365,365+`.
    public var description: String {
        buckets.map(\.label).joined(separator: ",")
    }

    /// The labels, youngest bucket first.
    public var labels: [String] { buckets.map(\.label) }

    /// The index of the bucket holding `age` days (ages below 0 count as 0).
    public func index(forAge age: Int) -> Int {
        for (index, bucket) in buckets.enumerated() where bucket.contains(age: Swift.max(0, age)) {
            return index
        }
        return buckets.count - 1
    }

    /// Decodes from the list string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(TracestockError) {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as the list string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// A whole number of days written with 1...6 ASCII digits.
    private static func wholeNumber(_ text: Substring) -> Int? {
        guard (1...6).contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return Int(text)
    }
}
