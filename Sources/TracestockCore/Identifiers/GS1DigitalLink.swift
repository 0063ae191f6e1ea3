/// A parsed GS1 Digital Link URI: primary key, key qualifiers (path), data attributes and other query parameters.
public struct GS1DigitalLink: Sendable, Hashable {
    /// A query parameter that is not a GS1 AI (e.g. `auth=...`), percent-decoded.
    public struct QueryParameter: Sendable, Hashable, Codable {
        /// Decoded parameter name.
        public let name: String
        /// Decoded value (empty when the parameter had no `=`).
        public let value: String

        /// Creates a parameter.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `http` or `https` (lowercase).
    public let scheme: String
    /// The authority as written: host, optionally with port.
    public let authority: String
    /// Path segments before the primary key, as written (e.g. `/dl`), empty when none.
    public let pathPrefix: String
    /// The primary key element (01, 00, 414, ...).
    public let primaryKey: GS1Element
    /// Key qualifiers from the path, in path order (e.g. 22, 10, 21 for a GTIN).
    public let qualifiers: [GS1Element]
    /// GS1 data attributes from the query string (e.g. 17, 15, 3103), in query order.
    public let dataAttributes: [GS1Element]
    /// Query parameters that are not AIs, in order (kept for other components, e.g. an authentication code).
    public let otherQueryParameters: [QueryParameter]

    /// Scheme, authority and path prefix, e.g. `https://brand.example/dl`.
    public var baseURL: String { scheme + "://" + authority + pathPrefix }

    /// All GS1 elements: primary key, qualifiers, then data attributes.
    public var elementString: GS1ElementString {
        GS1ElementString(unchecked: [primaryKey] + qualifiers + dataAttributes)
    }

    /// The first value of a non-AI query parameter.
    public func queryParameter(_ name: String) -> String? {
        otherQueryParameters.first { $0.name == name }?.value
    }

    /// Primary-key AIs accepted in a path, with their ordered qualifier alternatives.
    static let qualifierPaths: [String: [[String]]] = [
        "01": [["22", "10", "21"], ["235"]],
        "00": [],
        "253": [],
        "401": [],
        "414": [["254"]],
        "417": [],
        "8003": [],
        "8004": [],
        "8010": [],
    ]

    /// Primary keys in the order generation prefers them.
    static let primaryKeyPreference = ["01", "00", "414", "417", "253", "401", "8003", "8004", "8010"]

    /// Every AI that is a key qualifier of some primary key (never accepted in the query).
    static let qualifierAIs: Set<String> = ["22", "10", "21", "235", "254"]

    /// The GS1 resolver used when no host is given.
    public static let defaultBaseURL = "https://id.gs1.org"
}
