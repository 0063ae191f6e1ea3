/// One GS1 element: an Application Identifier and its raw value.
public struct GS1Element: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The AI digits, e.g. `10`.
    public let ai: String
    /// The raw value as it appears in the element string (dates stay `YYMMDD`).
    public let value: String

    /// Creates an element (not validated: see `GS1ElementString(validating:currentYear:)`).
    public init(ai: String, value: String) {
        self.ai = ai
        self.value = value
    }

    /// The bracketed human-readable form, e.g. `(10)ABC`.
    public var description: String { "(\(ai))\(value)" }
}
