extension SerialExpression {
    /// One serial prepared for `compact`: split around its last number, with how it may be written.
    struct CompactEntry {
        /// The serial itself.
        let serial: String
        /// Its UTF-8 bytes.
        let bytes: [UInt8]
        /// Where its last digit run starts in `bytes` (`bytes.count` when it has no digits).
        let digitStart: Int
        /// Where its last digit run ends in `bytes` (`bytes.count` when it has no digits).
        let digitEnd: Int
        /// Whether it can be an end of a `FIRST..LAST` range.
        let canStartRange: Bool
        /// Whether it parses back as itself without quotes.
        let isPlain: Bool

        /// Prepares `serial`.
        init(_ serial: String) {
            self.serial = serial
            let bytes = Array(serial.utf8)
            self.bytes = bytes
            let parts = SerialParts(bytes[...])
            digitStart = parts.digitStart
            digitEnd = parts.digitEnd
            // Printable, no separators or quotes, no `..` and no leading/trailing dot, so that
            // `A..B` holds exactly one `..` and each side is read back as written.
            var unquotable = !bytes.isEmpty && bytes.count <= SerialExpression.maxSerialLength
            var hasDots = false
            var hasCountOrHyphen = false
            for (k, byte) in bytes.enumerated() {
                if byte <= 0x20 || byte > 0x7E || byte == 0x22 || byte == 0x2C { unquotable = false }
                if byte == 0x2E && k + 1 < bytes.count && bytes[k + 1] == 0x2E { hasDots = true }
                if byte == 0x2B || byte == 0x2D { hasCountOrHyphen = true }
            }
            isPlain = unquotable && !hasDots && !hasCountOrHyphen
            canStartRange = unquotable && !hasDots && parts.hasDigits
                && bytes.first != 0x2E && bytes.last != 0x2E
        }

        /// The serial as a single group: bare when it parses back as itself, else in quotes.
        var literal: String { isPlain ? serial : "\"" + serial + "\"" }

        private var prefix: ArraySlice<UInt8> { bytes[0..<digitStart] }
        private var digits: ArraySlice<UInt8> { bytes[digitStart..<digitEnd] }
        private var suffix: ArraySlice<UInt8> { bytes[digitEnd...] }

        /// The text around the last number, which orders serials before their numbers do.
        struct Shape: Hashable {
            /// Text before the last digit run (the whole serial when it has no digits).
            let prefix: ArraySlice<UInt8>
            /// Text after the last digit run.
            let suffix: ArraySlice<UInt8>
            /// Whether the serial has digits (digit-free serials sort first).
            let hasDigits: Bool

            /// Orders shapes by prefix, then suffix, then digit-free first.
            static func precedes(_ a: Shape, _ b: Shape) -> Bool {
                if a.prefix != b.prefix { return a.prefix.lexicographicallyPrecedes(b.prefix) }
                if a.suffix != b.suffix { return a.suffix.lexicographicallyPrecedes(b.suffix) }
                return !a.hasDigits && b.hasDigits
            }
        }

        /// The text around the last number.
        var shape: Shape { Shape(prefix: prefix, suffix: suffix, hasDigits: digitStart < digitEnd) }

        /// Where an entry goes in `compact`'s order, as integers.
        struct SortKey {
            /// Rank of the entry's shape among all shapes.
            let rank: Int
            /// Width of the last digit run.
            let width: Int
            /// The last number when it has at most 18 digits, else 0 (the digits decide).
            let number: Int
            /// Index of the entry.
            let index: Int
            /// Whether the entry can be an end of a range.
            let canStartRange: Bool
        }

        /// Sort keys of `entries` in order: prefix, suffix, digit width, then number. Shapes are
        /// ranked once, so sorting compares integers (and digits only beyond 18 digits).
        static func sortedKeys(of entries: [CompactEntry]) -> [SortKey] {
            var shapes = KeyNumbering<Shape>()
            let shapeIDs = entries.map { shapes.number(of: $0.shape).number }
            let distinct = shapes.keys
            var rankOfID = [Int](repeating: 0, count: distinct.count)
            for (rank, id) in distinct.indices.sorted(by: { Shape.precedes(distinct[$0], distinct[$1]) }).enumerated() {
                rankOfID[id] = rank
            }
            var keys: [SortKey] = []
            keys.reserveCapacity(entries.count)
            for (index, entry) in entries.enumerated() {
                let digits = entry.digits
                keys.append(
                    SortKey(
                        rank: rankOfID[shapeIDs[index]], width: digits.count,
                        number: digits.count <= SerialDigits.maxSignificantDigits ? SerialDigits.value(digits) ?? 0 : 0,
                        index: index, canStartRange: entry.canStartRange))
            }
            func precedes(_ a: SortKey, _ b: SortKey) -> Bool {
                if a.rank != b.rank { return a.rank < b.rank }
                if a.width != b.width { return a.width < b.width }
                if a.width <= SerialDigits.maxSignificantDigits { return a.number < b.number }
                return entries[a.index].digits.lexicographicallyPrecedes(entries[b.index].digits)
            }
            let alreadySorted = zip(keys, keys.dropFirst()).allSatisfy { !precedes($1, $0) }
            if !alreadySorted { keys.sort(by: precedes) }
            return keys
        }

        /// Whether the entry at `next` is the one at `key` plus one, with the same prefix, suffix
        /// and digit width, so both fit in one `FIRST..LAST` range.
        static func follows(_ next: SortKey, _ key: SortKey, in entries: [CompactEntry]) -> Bool {
            guard key.canStartRange, next.canStartRange, next.rank == key.rank, next.width == key.width else {
                return false
            }
            if key.width <= SerialDigits.maxSignificantDigits { return next.number == key.number + 1 }
            return entries[key.index].isFollowed(by: entries[next.index])
        }

        /// Whether `next` is this serial plus one; both must have the same shape and digit width.
        private func isFollowed(by next: CompactEntry) -> Bool {
            var k = digitEnd - 1
            let offset = next.digitStart - digitStart
            while k >= digitStart && bytes[k] == SerialDigits.nine {
                if next.bytes[k + offset] != SerialDigits.zero { return false }
                k -= 1
            }
            if k < digitStart || next.bytes[k + offset] != bytes[k] &+ 1 { return false }
            return bytes[digitStart..<k].elementsEqual(next.bytes[(digitStart + offset)..<(k + offset)])
        }
    }
}
