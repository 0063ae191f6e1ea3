/// A GS1 Application Identifier definition: code, data title, value format and separator rule.
public struct GS1ApplicationIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// An extra rule a value component must satisfy.
    public enum Rule: String, Sendable, Hashable, Codable {
        /// No rule beyond the character set and length.
        case none
        /// The component's last digit is a GS1 mod-10 check digit.
        case checkDigit
        /// The component is the digit zero (GRAI filler).
        case zero
        /// A `YYMMDD` date; `DD` = `00` means the last day of the month.
        case date
        /// A `YYMMDDhhmm` date and time; the day must be a real day.
        case dateTime
    }

    /// One part of an AI value (most AIs have one; GDTI and GRAI have a key and an optional serial).
    public struct Component: Sendable, Hashable {
        /// Characters allowed.
        public let characterSet: GS1CharacterSet
        /// Minimum length.
        public let minLength: Int
        /// Maximum length.
        public let maxLength: Int
        /// True when the component may be absent (only ever the last one).
        public let isOptional: Bool
        /// Extra content rule.
        public let rule: Rule
    }

    /// The AI digits, e.g. `01` or `8003`.
    public let code: String
    /// The GS1 data title, e.g. `BATCH/LOT`.
    public let title: String
    /// True for AIs in the GS1 predefined-length table (no FNC1/GS is ever needed after them).
    public let isPredefinedLength: Bool
    /// The value components in order.
    public let components: [Component]
    /// Minimum value length.
    public let minLength: Int
    /// Maximum value length.
    public let maxLength: Int

    /// True when every value has the same length (a reader never needs a separator to find its end).
    public var isFixedLength: Bool { minLength == maxLength }

    /// True when a GS separator must follow this element unless it is the last one.
    public var requiresSeparator: Bool { !isPredefinedLength }

    /// True when the AI carries a `YYMMDD` date.
    public var isDate: Bool { components.first?.rule == .date }

    /// The text form (same as the canonical value).
    public var description: String { "(\(code)) \(title)" }

    init(_ code: String, _ title: String, predefined: Bool = false, _ components: [Component]) {
        self.code = code
        self.title = title
        self.isPredefinedLength = predefined
        self.components = components
        self.minLength = components.reduce(0) { $0 + ($1.isOptional ? 0 : $1.minLength) }
        self.maxLength = components.reduce(0) { $0 + $1.maxLength }
    }

    /// The definition for an AI code, or nil when the AI is not in Tracestock's table.
    public static func lookup(_ code: String) -> GS1ApplicationIdentifier? {
        table[code]
    }

    /// Every AI Tracestock knows, sorted by code.
    public static var all: [GS1ApplicationIdentifier] {
        table.values.sorted { $0.code < $1.code }
    }

    /// Finds the AI starting at `offset` in ASCII `bytes` (GS1 AIs are prefix-free, so at most one fits).
    static func lookup(in bytes: [UInt8], at offset: Int) -> GS1ApplicationIdentifier? {
        var end = offset
        while end < bytes.count, end - offset < 4 {
            guard TextPosition.isDigit(bytes[end]) else { return nil }
            end += 1
            if end - offset >= 2, let found = table[String(decoding: bytes[offset..<end], as: UTF8.self)] {
                return found
            }
        }
        return nil
    }
}
