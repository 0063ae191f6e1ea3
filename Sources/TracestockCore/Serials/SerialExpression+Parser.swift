extension SerialExpression {
    /// Turns expression text into validated segments. Works on UTF-8 bytes; every error is thrown
    /// here except duplicates, which need the expansion.
    struct Parser {
        private static let space: UInt8 = 0x20
        private static let tab: UInt8 = 0x09
        private static let lineFeed: UInt8 = 0x0A
        private static let carriageReturn: UInt8 = 0x0D
        private static let comma: UInt8 = 0x2C
        private static let quote: UInt8 = 0x22
        private static let dot: UInt8 = 0x2E
        private static let plus: UInt8 = 0x2B
        private static let hyphen: UInt8 = 0x2D
        /// Longest group text shown in messages before it is cut short.
        private static let displayLimit = 80

        private let bytes: [UInt8]
        /// The groups parsed so far.
        private(set) var segments: [Segment] = []
        /// How many serials the groups parsed so far name.
        private(set) var total = 0

        /// Prepares to parse `text`.
        init(_ text: String) {
            bytes = Array(text.utf8)
        }

        private static func isSeparator(_ byte: UInt8) -> Bool {
            byte == space || byte == tab || byte == lineFeed || byte == carriageReturn || byte == comma
        }

        /// Parses the whole text into `segments` and `total`.
        mutating func parse() throws {
            var i = 0
            var groupIndex = 0
            var pendingComma: Int?
            while i < bytes.count {
                let byte = bytes[i]
                if byte == Self.comma {
                    if let previous = pendingComma {
                        throw emptyGroup(
                            groupIndex + 1, at: i,
                            "nothing between the commas at characters \(position(ofByte: previous)) "
                                + "and \(position(ofByte: i))")
                    }
                    if groupIndex == 0 {
                        throw emptyGroup(1, at: i, "the expression starts with a comma")
                    }
                    pendingComma = i
                    i += 1
                } else if Self.isSeparator(byte) {
                    i += 1
                } else {
                    groupIndex += 1
                    pendingComma = nil
                    if byte == Self.quote {
                        i = try parseQuoted(from: i, index: groupIndex)
                    } else {
                        i = try parsePlain(from: i, index: groupIndex)
                    }
                }
            }
            if let comma = pendingComma {
                throw emptyGroup(groupIndex + 1, at: comma, "the expression ends with a comma")
            }
            if groupIndex == 0 {
                throw TracestockError.invalid(
                    "the serial expression is empty: name at least one serial",
                    details: ["group": "", "groupIndex": "1", "position": "1"])
            }
        }

        // MARK: Quoted groups

        /// Parses `"..."` starting at the opening quote; returns the index after the group.
        private mutating func parseQuoted(from start: Int, index: Int) throws -> Int {
            guard let close = bytes[(start + 1)...].firstIndex(of: Self.quote) else {
                throw failure(
                    index, start, bytes.count,
                    "unterminated quote: the closing double quote is missing")
            }
            let end = close + 1
            if end < bytes.count && !Self.isSeparator(bytes[end]) {
                var groupEnd = end
                while groupEnd < bytes.count && !Self.isSeparator(bytes[groupEnd]) { groupEnd += 1 }
                throw failure(
                    index, start, groupEnd,
                    "text follows the closing quote; separate groups with a comma or a space",
                    at: end)
            }
            let content = bytes[(start + 1)..<close]
            for k in content.indices {
                let byte = bytes[k]
                if byte < Self.space || byte > 0x7E {
                    throw failure(
                        index, start, end,
                        "\(describeCharacter(at: k)) is not allowed in a serial (printable ASCII only)",
                        at: k)
                }
            }
            if content.isEmpty {
                throw failure(index, start, end, "the quoted serial is empty")
            }
            if content.first == Self.space || content.last == Self.space {
                throw failure(
                    index, start, end,
                    "a quoted serial must not start or end with a space")
            }
            if content.count > SerialExpression.maxSerialLength {
                throw failure(index, start, end, tooLong(content.count))
            }
            try add(
                .single(String(decoding: content, as: UTF8.self)),
                index: index, start: start, end: end,
                first: Array(content), digitStart: 0, digitEnd: 0, count: 1)
            return end
        }

        // MARK: Plain groups

        /// Parses an unquoted group starting at `start`; returns the index after the group.
        private mutating func parsePlain(from start: Int, index: Int) throws -> Int {
            var end = start
            while end < bytes.count && !Self.isSeparator(bytes[end]) { end += 1 }
            for k in start..<end {
                let byte = bytes[k]
                if byte == Self.quote {
                    throw failure(
                        index, start, end,
                        "a double quote may only open a group: quote the whole serial",
                        at: k)
                }
                if byte <= Self.space || byte > 0x7E {
                    throw failure(
                        index, start, end,
                        "\(describeCharacter(at: k)) is not allowed in a serial "
                            + "(printable ASCII only; quote serials containing spaces)",
                        at: k)
                }
            }
            let group = bytes[start..<end]
            if group.count > 2 * SerialExpression.maxSerialLength + 2 {
                throw failure(
                    index, start, end,
                    "the group is \(group.count) characters long; "
                        + "a serial has at most \(SerialExpression.maxSerialLength) characters")
            }
            if let dots = try rangeDots(in: group, index: index) {
                try addRange(
                    start: group[start..<dots], end: group[(dots + 2)..<end],
                    hyphenated: false, index: index, groupStart: start, groupEnd: end)
            } else if let plus = try countPlus(in: group, index: index) {
                try addCount(
                    start: group[start..<plus], extra: group[(plus + 1)..<end],
                    index: index, groupStart: start, groupEnd: end)
            } else if group.contains(Self.hyphen) {
                let split = try hyphenSplit(in: group, index: index)
                try addRange(
                    start: group[start..<split], end: group[(split + 1)..<end],
                    hyphenated: true, index: index, groupStart: start, groupEnd: end)
            } else {
                if group.count > SerialExpression.maxSerialLength {
                    throw failure(index, start, end, tooLong(group.count))
                }
                try add(
                    .single(String(decoding: group, as: UTF8.self)),
                    index: index, start: start, end: end,
                    first: Array(group), digitStart: 0, digitEnd: 0, count: 1)
            }
            return end
        }

        /// The index of the single `..` in the group, nil when there is none.
        private func rangeDots(in group: ArraySlice<UInt8>, index: Int) throws -> Int? {
            var found: Int?
            var k = group.startIndex
            while k + 1 < group.endIndex {
                if group[k] == Self.dot && group[k + 1] == Self.dot {
                    if found != nil {
                        throw failure(
                            index, group.startIndex, group.endIndex,
                            "more than one '..' (or '...'): write one range as START..END, "
                                + "or quote it if it is one serial")
                    }
                    found = k
                }
                k += 1
            }
            guard let dots = found else { return nil }
            if dots == group.startIndex {
                throw failure(index, group.startIndex, group.endIndex, "the range has no start before '..'")
            }
            if dots + 2 == group.endIndex {
                throw failure(index, group.startIndex, group.endIndex, "the range has no end after '..'")
            }
            return dots
        }

        /// The index of the single `+` in the group, nil when there is none.
        private func countPlus(in group: ArraySlice<UInt8>, index: Int) throws -> Int? {
            guard let plus = group.firstIndex(of: Self.plus) else { return nil }
            if group[(plus + 1)...].contains(Self.plus) {
                throw failure(
                    index, group.startIndex, group.endIndex,
                    "more than one '+': write START+k once, or quote it if it is one serial")
            }
            return plus
        }

        /// The one hyphen that splits the group into two sides with the same prefix and suffix.
        private func hyphenSplit(in group: ArraySlice<UInt8>, index: Int) throws -> Int {
            var splits: [Int] = []
            for k in group.indices where group[k] == Self.hyphen {
                let left = group[group.startIndex..<k]
                let right = group[(k + 1)..<group.endIndex]
                guard !left.isEmpty, !right.isEmpty else { continue }
                let l = SerialParts(left)
                let r = SerialParts(right)
                if l.hasDigits && r.hasDigits && l.prefix == r.prefix && l.suffix == r.suffix {
                    splits.append(k)
                }
            }
            let quoted = "\"" + display(group) + "\""
            if splits.isEmpty {
                throw failure(
                    index, group.startIndex, group.endIndex,
                    "not a range: no hyphen splits it into START-END with the same text around the "
                        + "last number; quote it (\(quoted)) if it is one serial, or write a range as START..END")
            }
            if splits.count > 1 {
                throw failure(
                    index, group.startIndex, group.endIndex,
                    "ambiguous: it can be split at more than one hyphen; quote it (\(quoted)) "
                        + "if it is one serial, or write the range as START..END")
            }
            return splits[0]
        }

        // MARK: Ranges and counts

        private mutating func addRange(
            start: ArraySlice<UInt8>, end: ArraySlice<UInt8>, hyphenated: Bool,
            index: Int, groupStart: Int, groupEnd: Int
        ) throws {
            func fail(_ problem: String) -> TracestockError {
                failure(index, groupStart, groupEnd, problem)
            }
            let startText = display(start)
            let endText = display(end)
            for side in [start, end] where side.count > SerialExpression.maxSerialLength {
                throw fail("\"\(display(side))\" is \(side.count) characters long; "
                    + "a serial has at most \(SerialExpression.maxSerialLength)")
            }
            let low = SerialParts(start)
            let high = SerialParts(end)
            if !low.hasDigits {
                throw fail("the range start \"\(startText)\" has no digits to count from")
            }
            if !high.hasDigits {
                throw fail("the range end \"\(endText)\" has no digits to count to")
            }
            if low.prefix != high.prefix {
                throw fail("the range ends have different prefixes (\"\(display(low.prefix))\" and "
                    + "\"\(display(high.prefix))\"); both ends must differ only in their last number")
            }
            if low.suffix != high.suffix {
                throw fail("the range ends have different suffixes (\"\(display(low.suffix))\" and "
                    + "\"\(display(high.suffix))\"); both ends must differ only in their last number")
            }
            let a = low.digits
            let b = high.digits
            if a.count != b.count {
                if SerialDigits.isPadded(a) {
                    throw fail("ambiguous padding: the start \"\(startText)\" is zero-padded to \(a.count) "
                        + "digits but the end \"\(endText)\" has \(b.count); "
                        + "write both ends with the same number of digits")
                }
                if SerialDigits.isPadded(b) {
                    throw fail("ambiguous padding: the end \"\(endText)\" is zero-padded to \(b.count) "
                        + "digits but the start \"\(startText)\" has \(a.count); "
                        + "write both ends with the same number of digits")
                }
            }
            if SerialDigits.compare(a, b) > 0 {
                if hyphenated {
                    throw fail("looks like a range but \(display(a)) is greater than \(display(b)); "
                        + "quote it (\"\(display(start.startIndex..<end.endIndex))\") if it is one serial, "
                        + "or write an ascending range as START..END")
                }
                throw fail("descending range: \(display(a)) is greater than \(display(b)); "
                    + "write ranges from low to high")
            }
            guard let difference = SerialDigits.difference(b, minus: a) else {
                throw fail("the range names more than \(SerialDigits.maxGroupCount) serials")
            }
            try add(
                .range(start: String(decoding: start, as: UTF8.self), end: String(decoding: end, as: UTF8.self)),
                index: index, start: groupStart, end: groupEnd,
                first: Array(start),
                digitStart: low.digitStart - start.startIndex, digitEnd: low.digitEnd - start.startIndex,
                count: difference + 1)
        }

        private mutating func addCount(
            start: ArraySlice<UInt8>, extra: ArraySlice<UInt8>,
            index: Int, groupStart: Int, groupEnd: Int
        ) throws {
            func fail(_ problem: String) -> TracestockError {
                failure(index, groupStart, groupEnd, problem)
            }
            if start.isEmpty {
                throw fail("START+k needs a serial before the '+'")
            }
            if extra.isEmpty || !extra.allSatisfy(SerialDigits.isDigit) {
                throw fail("in START+k, k must be a non-negative whole number, not \"\(display(extra))\"")
            }
            guard let k = SerialDigits.value(extra), k < SerialDigits.maxGroupCount else {
                throw fail("in START+k, k = \(display(extra)) is too large")
            }
            if start.count > SerialExpression.maxSerialLength {
                throw fail("\"\(display(start))\" is \(start.count) characters long; "
                    + "a serial has at most \(SerialExpression.maxSerialLength)")
            }
            let parts = SerialParts(start)
            if !parts.hasDigits {
                throw fail("\"\(display(start))\" has no digits to count up from")
            }
            let lastDigits = SerialDigits.adding(k, to: parts.digits)
            let lastLength = parts.prefix.count + lastDigits.count + parts.suffix.count
            if lastLength > SerialExpression.maxSerialLength {
                throw fail("the last serial would be \(lastLength) characters long; "
                    + "a serial has at most \(SerialExpression.maxSerialLength)")
            }
            try add(
                .count(start: String(decoding: start, as: UTF8.self), extra: k),
                index: index, start: groupStart, end: groupEnd,
                first: Array(start),
                digitStart: parts.digitStart - start.startIndex, digitEnd: parts.digitEnd - start.startIndex,
                count: k + 1)
        }

        private mutating func add(
            _ group: Group, index: Int, start: Int, end: Int,
            first: [UInt8], digitStart: Int, digitEnd: Int, count: Int
        ) throws {
            let (sum, overflow) = total.addingReportingOverflow(count)
            if overflow {
                throw failure(index, start, end, "the expression names too many serials")
            }
            total = sum
            segments.append(
                Segment(
                    // Every byte before a valid group is ASCII, so the byte offset is the position.
                    group: group, index: index, position: start + 1,
                    source: String(decoding: bytes[start..<end], as: UTF8.self),
                    first: first, digitStart: digitStart, digitEnd: digitEnd, count: count))
        }

        // MARK: Messages

        /// 1-based position of a byte, counted in Unicode scalars.
        private func position(ofByte offset: Int) -> Int {
            // Valid groups are ASCII, so before the first error each byte is one scalar.
            if !bytes[..<offset].contains(where: { $0 >= 0x80 }) { return offset + 1 }
            return String(decoding: bytes[..<offset], as: UTF8.self).unicodeScalars.count + 1
        }

        private func display(_ range: Range<Int>) -> String {
            display(bytes[range])
        }

        /// Text for a message, cut short when long.
        private func display(_ slice: ArraySlice<UInt8>) -> String {
            if slice.count <= Self.displayLimit { return String(decoding: slice, as: UTF8.self) }
            return String(decoding: slice.prefix(Self.displayLimit - 3), as: UTF8.self) + "..."
        }

        private func describeCharacter(at offset: Int) -> String {
            let scalar = String(decoding: bytes[offset...].prefix(4), as: UTF8.self).unicodeScalars.first
            let value = scalar?.value ?? UInt32(bytes[offset])
            var hex = String(value, radix: 16, uppercase: true)
            while hex.count < 4 { hex = "0" + hex }
            if let scalar, value >= 0x21 && value != 0x7F && !(0x80..<0xA0).contains(value) {
                return "character '\(scalar)' (U+\(hex))"
            }
            return "character U+\(hex)"
        }

        private func tooLong(_ length: Int) -> String {
            "the serial is \(length) characters long; a serial has at most \(SerialExpression.maxSerialLength)"
        }

        /// An error about group `index` spanning bytes `start..<end`, located at `at` (default: its start).
        private func failure(
            _ index: Int, _ start: Int, _ end: Int, _ problem: String, at: Int? = nil
        ) -> TracestockError {
            let group = display(start..<end)
            let where_ = position(ofByte: at ?? start)
            return TracestockError.invalid(
                "group \(index) \"\(group)\" at character \(where_): \(problem)",
                details: ["group": group, "groupIndex": String(index), "position": String(where_)])
        }

        private func emptyGroup(_ index: Int, at offset: Int, _ problem: String) -> TracestockError {
            let where_ = position(ofByte: offset)
            return TracestockError.invalid(
                "empty group \(index) at character \(where_): \(problem)",
                details: ["group": "", "groupIndex": String(index), "position": String(where_)])
        }
    }
}
