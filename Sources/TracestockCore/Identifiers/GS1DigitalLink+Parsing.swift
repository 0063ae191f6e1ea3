extension GS1DigitalLink {
    /// Longest URI accepted (bytes).
    static let maxURIBytes = 8192

    /// Parses a GS1 Digital Link URI on any host (`http` or `https`), with an optional path prefix.
    ///
    /// The path holds the primary key then its qualifiers in the GS1 order (01 → 22 → 10 → 21, or 235;
    /// 414 → 254; 00 and the other keys take none); the GTIN must have 14 digits. Numeric query
    /// parameters are data attributes (AIs such as 17, 15, 11, 13, 3103, 30, 7003); other parameters are
    /// returned in `otherQueryParameters`; the fragment is ignored. Values are percent-decoded and then
    /// validated like element-string values. Errors name the AI and the 1-based position in `uri`:
    /// unknown AIs, out-of-order or misplaced qualifiers, a short GTIN, a trailing slash, empty segments,
    /// bad `%` escapes and duplicate AIs.
    public static func parse(_ uri: String, currentYear: Int) throws -> GS1DigitalLink {
        var parser = Parser(bytes: Array(uri.utf8), currentYear: currentYear)
        return try parser.run()
    }

    /// True when the text starts with `http://` or `https://` (case-insensitive).
    public static func looksLikeURI(_ text: String) -> Bool {
        Parser.schemeLength(Array(text.utf8.prefix(8))) != nil
    }

    private struct Parser {
        let bytes: [UInt8]
        let currentYear: Int
        var seen: [String: Int] = [:]

        init(bytes: [UInt8], currentYear: Int) {
            self.bytes = bytes
            self.currentYear = currentYear
        }

        static func schemeLength(_ bytes: [UInt8]) -> Int? {
            func matches(_ word: String) -> Bool {
                let pattern = Array(word.utf8)
                guard bytes.count >= pattern.count else { return false }
                for index in 0..<pattern.count {
                    let byte = bytes[index]
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    if lower != pattern[index] { return false }
                }
                return true
            }
            if matches("https://") { return 8 }
            if matches("http://") { return 7 }
            return nil
        }

        func position(_ offset: Int) -> Int {
            TextPosition.scalarPosition(in: bytes, byteOffset: offset)
        }

        func failure(
            _ problem: String, ai: String? = nil, at offset: Int, reason: String, extra: [String: String] = [:]
        ) -> TracestockError {
            TracestockError.identifier(
                problem, ai: ai, position: position(offset), field: "digitalLink", reason: reason, extra: extra)
        }

        mutating func run() throws -> GS1DigitalLink {
            guard !bytes.isEmpty else {
                throw TracestockError.identifier("Digital Link URI is empty", field: "digitalLink", reason: "empty")
            }
            guard bytes.count <= GS1DigitalLink.maxURIBytes else {
                throw failure("URI is longer than \(GS1DigitalLink.maxURIBytes) bytes", at: GS1DigitalLink.maxURIBytes, reason: "length")
            }
            if let bad = bytes.firstIndex(where: { $0 <= 0x20 || $0 >= 0x7F }) {
                throw failure("\(TextPosition.describe(bytes[bad])) is not allowed in a URI", at: bad, reason: "character")
            }
            guard let schemeLength = Parser.schemeLength(bytes) else {
                throw failure("a Digital Link starts with http:// or https://", at: 0, reason: "scheme")
            }
            let scheme = schemeLength == 8 ? "https" : "http"
            let authorityStart = schemeLength
            var cursor = authorityStart
            while cursor < bytes.count, !"/?#".utf8.contains(bytes[cursor]) { cursor += 1 }
            guard cursor > authorityStart else {
                throw failure("the URI has no host", at: authorityStart, reason: "host")
            }
            let authority = String(decoding: bytes[authorityStart..<cursor], as: UTF8.self)
            let pathStart = cursor
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "?"), bytes[cursor] != UInt8(ascii: "#") {
                cursor += 1
            }
            let pathEnd = cursor
            var queryRange: Range<Int>?
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "?") {
                var queryEnd = cursor + 1
                while queryEnd < bytes.count, bytes[queryEnd] != UInt8(ascii: "#") { queryEnd += 1 }
                queryRange = (cursor + 1)..<queryEnd
            }

            // Path segments.
            guard pathEnd > pathStart else {
                throw failure("the URI has no path with a GS1 primary key", at: pathStart, reason: "primaryKey")
            }
            var segments: [Range<Int>] = []
            var segmentStart = pathStart + 1
            var index = pathStart + 1
            while index <= pathEnd {
                if index == pathEnd || bytes[index] == UInt8(ascii: "/") {
                    if index == segmentStart {
                        if index == pathEnd {
                            throw failure("a Digital Link must not end with a slash", at: index - 1, reason: "trailingSlash")
                        }
                        throw failure("empty path segment ('//')", at: index, reason: "emptySegment")
                    }
                    segments.append(segmentStart..<index)
                    segmentStart = index + 1
                }
                index += 1
            }
            var decoded: [PercentEncoding.Decoded] = []
            decoded.reserveCapacity(segments.count)
            for segment in segments {
                decoded.append(try decode(segment))
            }

            // The primary key is the first key AI that leaves an even number of segments (AI/value pairs).
            var keyIndex: Int?
            var sawKey = false
            for (index, segment) in decoded.enumerated()
            where GS1DigitalLink.qualifierPaths[segment.text] != nil {
                sawKey = true
                if (decoded.count - index) % 2 == 0 {
                    keyIndex = index
                    break
                }
            }
            guard let keyIndex else {
                if sawKey, let last = segments.last {
                    throw failure("the last path AI has no value", at: last.lowerBound, reason: "missingValue")
                }
                throw failure(
                    "no GS1 primary key (01, 00, 414, ...) found in the path", at: pathStart, reason: "primaryKey")
            }
            let prefixEnd = keyIndex == 0 ? pathStart : segments[keyIndex].lowerBound - 1
            let pathPrefix = String(decoding: bytes[pathStart..<prefixEnd], as: UTF8.self)

            let keyAI = decoded[keyIndex].text
            let primaryKey = try element(
                ai: keyAI, aiOffset: segments[keyIndex].lowerBound, value: decoded[keyIndex + 1], inPath: true)

            var qualifiers: [GS1Element] = []
            var pairIndex = keyIndex + 2
            while pairIndex < decoded.count {
                let aiText = decoded[pairIndex].text
                let aiOffset = segments[pairIndex].lowerBound
                guard GS1ApplicationIdentifier.lookup(aiText) != nil else {
                    throw failure("unknown Application Identifier in the path", ai: aiText, at: aiOffset, reason: "unknownAI")
                }
                guard let alternatives = GS1DigitalLink.qualifierPaths[keyAI],
                      alternatives.contains(where: { $0.contains(aiText) })
                else {
                    throw failure(
                        "not a key qualifier of (\(keyAI)) and cannot be in the path; data attributes go in the query",
                        ai: aiText, at: aiOffset, reason: "pathQualifier")
                }
                let qualifier = try element(ai: aiText, aiOffset: aiOffset, value: decoded[pairIndex + 1], inPath: true)
                let sequence = qualifiers.map(\.ai) + [aiText]
                if !alternatives.contains(where: { GS1DigitalLink.isOrderedSubsequence(sequence, of: $0) }) {
                    let expected = alternatives.map { $0.joined(separator: " → ") }.joined(separator: " or ")
                    throw failure(
                        "key qualifiers of (\(keyAI)) are out of order or cannot be combined; expected \(expected)",
                        ai: aiText, at: aiOffset, reason: "qualifierOrder")
                }
                qualifiers.append(qualifier)
                pairIndex += 2
            }

            // Query: AIs are data attributes, the rest is kept.
            var attributes: [GS1Element] = []
            var others: [GS1DigitalLink.QueryParameter] = []
            if let queryRange {
                var start = queryRange.lowerBound
                while start <= queryRange.upperBound {
                    var end = start
                    while end < queryRange.upperBound, bytes[end] != UInt8(ascii: "&") { end += 1 }
                    if end > start {
                        var equals = start
                        while equals < end, bytes[equals] != UInt8(ascii: "=") { equals += 1 }
                        let name = try decode(start..<equals)
                        let valueRange = equals < end ? (equals + 1)..<end : end..<end
                        let value = try decode(valueRange)
                        if (2...4).contains(name.bytes.count), TextPosition.allDigits(name.bytes) {
                            let aiText = name.text
                            if GS1DigitalLink.qualifierPaths[aiText] != nil {
                                throw failure(
                                    "a primary key cannot be a query parameter", ai: aiText, at: start, reason: "queryKey")
                            }
                            if GS1DigitalLink.qualifierAIs.contains(aiText) {
                                throw failure(
                                    "a key qualifier must be in the path, not the query", ai: aiText, at: start,
                                    reason: "queryQualifier")
                            }
                            guard GS1ApplicationIdentifier.lookup(aiText) != nil else {
                                throw failure(
                                    "unknown Application Identifier in the query", ai: aiText, at: start, reason: "unknownAI")
                            }
                            attributes.append(try element(ai: aiText, aiOffset: start, value: value, inPath: false))
                        } else {
                            others.append(GS1DigitalLink.QueryParameter(name: name.text, value: value.text))
                        }
                    }
                    start = end + 1
                }
            }
            return GS1DigitalLink(
                scheme: scheme, authority: authority, pathPrefix: pathPrefix, primaryKey: primaryKey,
                qualifiers: qualifiers, dataAttributes: attributes, otherQueryParameters: others)
        }

        func decode(_ range: Range<Int>) throws -> PercentEncoding.Decoded {
            switch PercentEncoding.decode(bytes, range) {
            case .success(let decoded):
                return decoded
            case .failure(let bad):
                throw failure("'%' must be followed by two hex digits", at: bad.offset, reason: "percentEncoding")
            }
        }

        mutating func element(
            ai: String, aiOffset: Int, value: PercentEncoding.Decoded, inPath: Bool
        ) throws -> GS1Element {
            guard let definition = GS1ApplicationIdentifier.lookup(ai) else {
                throw failure("unknown Application Identifier", ai: ai, at: aiOffset, reason: "unknownAI")
            }
            if seen[ai] != nil {
                throw failure("appears more than once in the Digital Link", ai: ai, at: aiOffset, reason: "duplicate")
            }
            seen[ai] = aiOffset
            if ai == "01", value.bytes.count != 14, TextPosition.allDigits(value.bytes) {
                throw failure(
                    "a GTIN in a Digital Link must have 14 digits, got \(value.bytes.count)", ai: ai,
                    at: value.sourceOffset(0), reason: "shortGTIN")
            }
            if let issue = definition.check(value.bytes[...], currentYear: currentYear) {
                throw failure(issue.problem, ai: ai, at: value.sourceOffset(issue.offset), reason: issue.reason, extra: issue.extra)
            }
            return GS1Element(ai: ai, value: value.text)
        }
    }

    /// True when `sequence` appears in `order` in the same relative order, each at most once.
    static func isOrderedSubsequence(_ sequence: [String], of order: [String]) -> Bool {
        var position = 0
        for item in sequence {
            guard let found = order[position...].firstIndex(of: item) else { return false }
            position = found + 1
        }
        return true
    }
}
