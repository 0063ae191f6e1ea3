/// A validated list of GS1 elements (AI + value), parsed from or rendered as a GS1 element string.
///
/// Elements keep the order in which they were read; a repeated AI with the same value is kept once.
public struct GS1ElementString: Sendable, Hashable, CustomStringConvertible {
    /// The elements in reading order, without duplicates.
    public let elements: [GS1Element]

    /// Validates every element against the AI table; a repeated AI must have the same value (it is then kept once).
    public init(validating elements: [GS1Element], currentYear: Int) throws {
        var kept: [GS1Element] = []
        var seen: [String: String] = [:]
        for (index, element) in elements.enumerated() {
            guard let definition = GS1ApplicationIdentifier.lookup(element.ai) else {
                throw TracestockError.identifier(
                    "unknown Application Identifier", ai: element.ai, position: index + 1,
                    field: "ai", reason: "unknownAI", extra: ["element": String(index + 1)])
            }
            let bytes = Array(element.value.utf8)
            if let issue = definition.check(bytes[...], currentYear: currentYear) {
                var extra = issue.extra
                extra["element"] = String(index + 1)
                throw TracestockError.identifier(
                    issue.problem, ai: element.ai,
                    position: TextPosition.scalarPosition(in: bytes, byteOffset: issue.offset),
                    field: "value", reason: issue.reason, extra: extra)
            }
            if let previous = seen[element.ai] {
                guard previous == element.value else {
                    throw TracestockError.identifier(
                        "repeated with a different value ('\(previous)' then '\(element.value)')",
                        ai: element.ai, position: index + 1, field: "ai", reason: "duplicate",
                        extra: ["element": String(index + 1)])
                }
                continue
            }
            seen[element.ai] = element.value
            kept.append(element)
        }
        self.elements = kept
    }

    init(unchecked elements: [GS1Element]) {
        self.elements = elements
    }

    /// The value of an AI, if present.
    public subscript(ai: String) -> String? {
        elements.first { $0.ai == ai }?.value
    }

    /// AI → raw value.
    public var valuesByAI: [String: String] {
        Dictionary(elements.map { ($0.ai, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// True when no element is present.
    public var isEmpty: Bool { elements.isEmpty }

    /// The text form (same as the canonical value).
    public var description: String { bracketed }
}
