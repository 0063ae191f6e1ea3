extension SerialExpression {
    /// Every serial the expression names, in input order; throws `.invalidInput` naming the first
    /// duplicate serial and both groups it appears in.
    ///
    /// Memory is the only limit: check `count` before expanding untrusted input.
    public func expand() throws -> [String] {
        var serials: [String] = []
        serials.reserveCapacity(count)
        var offsets: [Int] = []
        offsets.reserveCapacity(segments.count)
        for segment in segments {
            offsets.append(serials.count)
            segment.append(to: &serials)
        }
        if segments.count > 1 {
            try checkDuplicates(serials, offsets: offsets)
        }
        return serials
    }

    /// Throws for the earliest repeated serial.
    ///
    /// Only groups that share the text around their last number can overlap, so groups are
    /// bucketed by that text first. Within a bucket each group is a few intervals of
    /// (digit width, number); sorting those finds any overlap without hashing the serials. Only
    /// when an overlap exists are the bucket's serials hashed, to name the earliest duplicate.
    private func checkDuplicates(_ serials: [String], offsets: [Int]) throws {
        var buckets: [[UInt8]: [Int]] = [:]
        for (i, segment) in segments.enumerated() {
            buckets[segment.collisionKey, default: []].append(i)
        }
        var earliest: (repeat: Int, segment: Int)?
        for members in buckets.values where members.count > 1 {
            let bucket = members.map { segments[$0] }
            let overlaps = Self.intervals(of: bucket).map(Self.overlap) ?? Self.overlap(Self.wideIntervals(of: bucket))
            if !overlaps { continue }
            let size = members.reduce(0) { $0 + segments[$1].count }
            var seen = Set<String>(minimumCapacity: size)
            scan: for member in members {
                let range = offsets[member]..<(offsets[member] + segments[member].count)
                for k in range where !seen.insert(serials[k]).inserted {
                    if earliest == nil || k < earliest!.repeat { earliest = (k, member) }
                    break scan
                }
            }
        }
        guard let (repeated, second) = earliest else { return }
        let serial = serials[repeated]
        let firstIndex = serials.firstIndex(of: serial)!
        let a = segments[offsets.lastIndex { $0 <= firstIndex }!]
        let b = segments[second]
        throw TracestockError.invalid(
            "duplicate serial \"\(serial)\": it appears in group \(a.index) \"\(a.source)\" (character \(a.position)) "
                + "and again in group \(b.index) \"\(b.source)\" (character \(b.position))",
            details: [
                "serial": serial, "group": b.source,
                "groupIndex": String(b.index), "position": String(b.position),
            ])
    }

    /// The (width, low, high) number intervals the segments of one bucket cover, or nil when a
    /// number has more than 18 digits. A serial's digit run is `max(start width, digits of the
    /// number)` wide, so a segment splits into one interval per width it passes through.
    private static func intervals(of bucket: [Segment]) -> [(width: Int, low: Int, high: Int)]? {
        var result: [(width: Int, low: Int, high: Int)] = []
        result.reserveCapacity(bucket.count)
        for segment in bucket {
            // A range or count starts at a serial whose last digit run is the one it counts in.
            let parts = SerialParts(segment.first[...])
            if !parts.hasDigits {
                // A bucket of digit-free literals holds one text only: all of them collide.
                result.append((0, 0, 0))
                continue
            }
            let digits = parts.digits
            guard digits.count <= SerialDigits.maxSignificantDigits,
                let low = SerialDigits.value(digits)
            else { return nil }
            let (high, overflow) = low.addingReportingOverflow(segment.count - 1)
            guard !overflow, high < SerialDigits.maxGroupCount else { return nil }
            var width = digits.count
            var from = low
            var top = 1
            for _ in 0..<width { top *= 10 }
            while true {
                result.append((width, from, min(high, top - 1)))
                if high < top { break }
                from = top
                width += 1
                top *= 10
            }
        }
        return result
    }

    /// Whether any two intervals of the same width share a number.
    private static func overlap(_ intervals: [(width: Int, low: Int, high: Int)]) -> Bool {
        let sorted = intervals.sorted { ($0.width, $0.low) < ($1.width, $1.low) }
        for k in 1..<sorted.count
        where sorted[k].width == sorted[k - 1].width && sorted[k].low <= sorted[k - 1].high {
            return true
        }
        return false
    }

    /// Like `intervals(of:)` for numbers of any length: bounds are digit strings exactly as wide
    /// as the interval, so at equal width they compare lexicographically.
    private static func wideIntervals(of bucket: [Segment]) -> [(width: Int, low: [UInt8], high: [UInt8])] {
        var result: [(width: Int, low: [UInt8], high: [UInt8])] = []
        result.reserveCapacity(bucket.count)
        for segment in bucket {
            let parts = SerialParts(segment.first[...])
            if !parts.hasDigits {
                result.append((0, [], []))
                continue
            }
            let low = Array(parts.digits)
            let high = SerialDigits.adding(segment.count - 1, to: parts.digits[...])
            var width = low.count
            var from = low
            while width < high.count {
                result.append((width, from, [UInt8](repeating: SerialDigits.nine, count: width)))
                width += 1
                from = [SerialDigits.zero &+ 1] + [UInt8](repeating: SerialDigits.zero, count: width - 1)
            }
            result.append((width, from, high))
        }
        return result
    }

    /// Whether any two wide intervals of the same width share a number.
    private static func overlap(_ intervals: [(width: Int, low: [UInt8], high: [UInt8])]) -> Bool {
        let sorted = intervals.sorted {
            $0.width != $1.width ? $0.width < $1.width : $0.low.lexicographicallyPrecedes($1.low)
        }
        for k in 1..<sorted.count
        where sorted[k].width == sorted[k - 1].width
            && !sorted[k - 1].high.lexicographicallyPrecedes(sorted[k].low)
        {
            return true
        }
        return false
    }
}
