extension GS1ElementString {
    /// AIM symbology identifiers that announce GS1 data: GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR, GS1 DotCode.
    public static let gs1SymbologyIdentifiers: Set<String> = ["]C1", "]e0", "]d2", "]Q3", "]J1"]

    /// The GS (ASCII 29) byte that stands for FNC1 in transmitted data.
    static let gs: UInt8 = 0x1D
    /// Longest input accepted (bytes); GS1 symbols carry far less.
    static let maxInputBytes = 4096
    /// Steps the separator-less search may take before giving up.
    static let ambiguityWorkBudget = 20_000
    /// Most elements (repeats included) one reading may have; deeper readings count as over budget.
    static let maxElementsPerReading = 128

    /// Parses a GS1 element string.
    ///
    /// Accepted forms: bracketed `(01)09520123456788(10)ABC` (a literal `(` in a value is written `\(`),
    /// and the raw scanner form with GS (ASCII 29) separators, optionally preceded by a GS1 symbology
    /// identifier (`]C1`, `]e0`, `]d2`, `]Q3`, `]J1`) and/or a leading GS.
    /// A raw string without any GS is read every way the AI table allows: it is accepted only when exactly
    /// one reading fits, otherwise the error lists the readings (`details["readings"]`).
    /// Errors name the AI and the 1-based character position in `input`.
    public static func parse(_ input: String, currentYear: Int) throws -> GS1ElementString {
        let bytes = Array(input.utf8)
        guard !bytes.isEmpty else {
            throw TracestockError.identifier("element string is empty", field: "elementString", reason: "empty")
        }
        guard bytes.count <= maxInputBytes else {
            throw TracestockError.identifier(
                "element string is longer than \(maxInputBytes) bytes", position: maxInputBytes + 1,
                field: "elementString", reason: "length")
        }
        if bytes[0] == UInt8(ascii: "]") {
            let identifier = String(decoding: bytes.prefix(3), as: UTF8.self)
            guard bytes.count >= 3, gs1SymbologyIdentifiers.contains(identifier) else {
                throw TracestockError.identifier(
                    "symbology identifier '\(identifier)' does not announce GS1 data",
                    position: 1, field: "symbologyIdentifier", reason: "symbologyIdentifier")
            }
            return try parseRaw(bytes, from: 3, currentYear: currentYear)
        }
        if bytes[0] == UInt8(ascii: "(") {
            return try parseBracketed(bytes, currentYear: currentYear)
        }
        return try parseRaw(bytes, from: 0, currentYear: currentYear)
    }

    // MARK: - Raw form

    static func parseRaw(_ bytes: [UInt8], from offset: Int, currentYear: Int) throws -> GS1ElementString {
        var start = offset
        if start < bytes.count, bytes[start] == gs { start += 1 }
        guard start < bytes.count else {
            throw TracestockError.identifier(
                "element string has no elements", position: TextPosition.scalarPosition(in: bytes, byteOffset: start),
                field: "elementString", reason: "empty")
        }
        if bytes[start...].contains(gs) {
            return try parseSeparated(bytes, from: start, currentYear: currentYear)
        }
        return try parseWithoutSeparators(bytes, from: start, currentYear: currentYear)
    }

    /// Standard reading: fixed-length AIs take their length, variable ones run to the next GS or the end.
    static func parseSeparated(_ bytes: [UInt8], from start: Int, currentYear: Int) throws -> GS1ElementString {
        var builder = Builder(bytes: bytes, currentYear: currentYear)
        var index = start
        while index < bytes.count {
            if bytes[index] == gs {
                throw TracestockError.identifier(
                    "two GS separators in a row (empty element)",
                    position: TextPosition.scalarPosition(in: bytes, byteOffset: index),
                    field: "elementString", reason: "emptyElement")
            }
            guard let ai = GS1ApplicationIdentifier.lookup(in: bytes, at: index) else {
                throw unknownAIError(bytes, at: index)
            }
            let valueStart = index + ai.code.utf8.count
            var valueEnd = valueStart
            if ai.isFixedLength {
                valueEnd = min(bytes.count, valueStart + ai.maxLength)
            } else {
                while valueEnd < bytes.count, bytes[valueEnd] != gs { valueEnd += 1 }
            }
            try builder.add(ai, value: bytes[valueStart..<valueEnd], aiOffset: index) { valueStart + $0 }
            index = valueEnd
            if index < bytes.count, bytes[index] == gs { index += 1 }
        }
        return GS1ElementString(unchecked: builder.elements)
    }

    /// Reading of a raw string whose GS separators may have been lost: exactly one reading must fit.
    static func parseWithoutSeparators(_ bytes: [UInt8], from start: Int, currentYear: Int) throws -> GS1ElementString {
        var search = AmbiguitySearch(bytes: bytes, currentYear: currentYear, budget: ambiguityWorkBudget)
        search.explore(start)
        let readings = search.found.map { GS1ElementString(unchecked: $0.elements).bracketed }
        if search.found.count >= 2 {
            let first = search.found[0]
            let second = search.found[1]
            var index = 0
            while index < min(first.elements.count, second.elements.count) - 1,
                  first.elements[index] == second.elements[index] { index += 1 }
            let ai = first.elements[index].ai
            throw TracestockError.identifier(
                "without GS separators the scan can be read \(search.exhausted ? "at least " : "")"
                    + "\(readings.count) ways: \(readings.joined(separator: " | "))",
                ai: ai, position: TextPosition.scalarPosition(in: bytes, byteOffset: first.offsets[index]),
                field: "elementString", reason: "ambiguous",
                extra: ["readings": readings.joined(separator: " | "), "readingCount": String(readings.count)])
        }
        if search.exhausted {
            throw TracestockError.identifier(
                "without GS separators the scan has too many possible readings to check"
                    + (readings.isEmpty ? "" : " (found \(readings.joined(separator: " | ")))"),
                position: TextPosition.scalarPosition(in: bytes, byteOffset: start),
                field: "elementString", reason: "searchBudget",
                extra: ["readings": readings.joined(separator: " | "), "readingCount": String(readings.count)])
        }
        if let only = search.found.first {
            return GS1ElementString(unchecked: only.elements)
        }
        // No reading fits: the standard reading reports the first problem.
        return try parseSeparated(bytes, from: start, currentYear: currentYear)
    }

    // MARK: - Bracketed form

    static func parseBracketed(_ bytes: [UInt8], currentYear: Int) throws -> GS1ElementString {
        var builder = Builder(bytes: bytes, currentYear: currentYear)
        var index = 0
        while index < bytes.count {
            guard let close = bracketedAIEnd(bytes, at: index) else {
                throw TracestockError.identifier(
                    "expected '(' followed by a 2-4 digit AI and ')', found \(TextPosition.describe(bytes[index]))",
                    position: TextPosition.scalarPosition(in: bytes, byteOffset: index),
                    field: "elementString", reason: "syntax")
            }
            let code = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
            guard let ai = GS1ApplicationIdentifier.lookup(code) else {
                throw TracestockError.identifier(
                    "unknown Application Identifier", ai: code,
                    position: TextPosition.scalarPosition(in: bytes, byteOffset: index + 1),
                    field: "ai", reason: "unknownAI")
            }
            var value: [UInt8] = []
            var offsets: [Int] = []
            var cursor = close + 1
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "\\"), cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "(") {
                    value.append(UInt8(ascii: "("))
                    offsets.append(cursor + 1)
                    cursor += 2
                    continue
                }
                if byte == UInt8(ascii: "("), bracketedAIEnd(bytes, at: cursor) != nil { break }
                value.append(byte)
                offsets.append(cursor)
                cursor += 1
            }
            let end = cursor
            try builder.add(ai, value: value[...], aiOffset: index + 1) { $0 < offsets.count ? offsets[$0] : end }
            index = cursor
        }
        return GS1ElementString(unchecked: builder.elements)
    }

    /// If `bytes[index...]` starts with `(` + 2-4 digits + `)`, the index of the `)`.
    static func bracketedAIEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { return nil }
        var cursor = index + 1
        while cursor < bytes.count, cursor - index <= 5 {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: ")") { return cursor - index - 1 >= 2 ? cursor : nil }
            guard TextPosition.isDigit(byte) else { return nil }
            cursor += 1
        }
        return nil
    }

    static func unknownAIError(_ bytes: [UInt8], at index: Int) -> TracestockError {
        var end = index
        while end < bytes.count, end - index < 4, TextPosition.isDigit(bytes[end]) { end += 1 }
        let position = TextPosition.scalarPosition(in: bytes, byteOffset: index)
        if end - index < 2 {
            let found = end < bytes.count ? TextPosition.describe(bytes[end]) : "the end of the input"
            return TracestockError.identifier(
                "expected a 2-4 digit Application Identifier, found \(found)",
                position: position, field: "ai", reason: "unknownAI")
        }
        let digits = String(decoding: bytes[index..<end], as: UTF8.self)
        return TracestockError.identifier(
            "unknown Application Identifier (no AI in the table starts '\(digits)')",
            ai: String(digits.prefix(2)), position: position, field: "ai", reason: "unknownAI",
            extra: ["digits": digits])
    }

    // MARK: - Helpers

    /// Accumulates validated elements, collapsing identical repeats and rejecting conflicting ones.
    struct Builder {
        let bytes: [UInt8]
        let currentYear: Int
        var elements: [GS1Element] = []
        var seen: [String: String] = [:]

        init(bytes: [UInt8], currentYear: Int) {
            self.bytes = bytes
            self.currentYear = currentYear
        }

        mutating func add(
            _ ai: GS1ApplicationIdentifier, value: ArraySlice<UInt8>, aiOffset: Int,
            inputOffset: (Int) -> Int
        ) throws {
            if let issue = ai.check(value, currentYear: currentYear) {
                throw TracestockError.identifier(
                    issue.problem, ai: ai.code,
                    position: TextPosition.scalarPosition(in: bytes, byteOffset: inputOffset(issue.offset)),
                    field: "value", reason: issue.reason, extra: issue.extra)
            }
            let text = String(decoding: value, as: UTF8.self)
            if let previous = seen[ai.code] {
                guard previous == text else {
                    throw TracestockError.identifier(
                        "repeated with a different value ('\(previous)' then '\(text)')", ai: ai.code,
                        position: TextPosition.scalarPosition(in: bytes, byteOffset: aiOffset),
                        field: "ai", reason: "duplicate")
                }
                return
            }
            seen[ai.code] = text
            elements.append(GS1Element(ai: ai.code, value: text))
        }
    }

    /// Depth-first search over every way a separator-less raw string can be split; stops at two readings.
    struct AmbiguitySearch {
        struct Reading {
            var elements: [GS1Element]
            var offsets: [Int]
        }

        let bytes: [UInt8]
        let currentYear: Int
        let budget: Int
        var steps = 0
        var exhausted = false
        var found: [Reading] = []
        var depth = 0
        var current = Reading(elements: [], offsets: [])
        var seen: [String: String] = [:]

        init(bytes: [UInt8], currentYear: Int, budget: Int) {
            self.bytes = bytes
            self.currentYear = currentYear
            self.budget = budget
        }

        var done: Bool { found.count >= 2 || exhausted }

        mutating func tick() -> Bool {
            steps += 1
            if steps > budget { exhausted = true }
            return !exhausted
        }

        mutating func explore(_ index: Int) {
            guard !done, tick() else { return }
            if index == bytes.count {
                record()
                return
            }
            guard let ai = GS1ApplicationIdentifier.lookup(in: bytes, at: index) else { return }
            let valueStart = index + ai.code.utf8.count
            if ai.isFixedLength {
                let valueEnd = valueStart + ai.maxLength
                guard valueEnd <= bytes.count, ai.check(bytes[valueStart..<valueEnd], currentYear: currentYear) == nil
                else { return }
                descend(ai, valueStart..<valueEnd, aiOffset: index)
                return
            }
            var longest = min(bytes.count, valueStart + ai.maxLength)
            if ai.components.count == 1 {
                // A character outside the set ends every candidate value before it.
                let set = ai.components[0].characterSet
                var cursor = valueStart
                while cursor < longest, set.contains(bytes[cursor]) { cursor += 1 }
                longest = cursor
            }
            var valueEnd = longest
            while valueEnd >= valueStart + max(1, ai.minLength) {
                if ai.check(bytes[valueStart..<valueEnd], currentYear: currentYear) == nil {
                    descend(ai, valueStart..<valueEnd, aiOffset: index)
                }
                guard !done, tick() else { return }
                valueEnd -= 1
            }
        }

        mutating func descend(_ ai: GS1ApplicationIdentifier, _ range: Range<Int>, aiOffset: Int) {
            guard depth < GS1ElementString.maxElementsPerReading else {
                exhausted = true
                return
            }
            depth += 1
            defer { depth -= 1 }
            let value = String(decoding: bytes[range], as: UTF8.self)
            if let previous = seen[ai.code] {
                if previous == value { explore(range.upperBound) }
                return
            }
            seen[ai.code] = value
            current.elements.append(GS1Element(ai: ai.code, value: value))
            current.offsets.append(aiOffset)
            explore(range.upperBound)
            current.elements.removeLast()
            current.offsets.removeLast()
            seen[ai.code] = nil
        }

        mutating func record() {
            let key = Set(current.elements)
            if !found.contains(where: { Set($0.elements) == key }) {
                found.append(current)
            }
        }
    }
}
