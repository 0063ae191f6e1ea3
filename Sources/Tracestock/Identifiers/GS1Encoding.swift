import TracestockCore

/// A GS1 item in its three written forms.
public struct GS1Encoding: Sendable, Encodable, Equatable {
    /// `(01)…(10)…` for people.
    public var bracketed: String
    /// The scanner form, FNC1/GS as ASCII 29.
    public var raw: String
    /// The GS1 Digital Link URI.
    public var digitalLink: String

    /// Encodes GTIN, lot, serial and dates; errors name the field (`gtin`, `lot`, `serial`, `expiry`, `produced`).
    /// - Parameter host: the Digital Link host; `https://` is added when no scheme is given.
    public init(gtin: String, lot: String? = nil, serial: String? = nil, expiry: String? = nil, produced: String? = nil,
                host: String = "https://id.gs1.org") throws {
        func date(_ text: String?, _ field: String) throws -> GS1Date? {
            guard let text else { return nil }
            do { return try GS1Date(isoString: text) } catch {
                throw TracestockError.invalid("\(field): '\(text)' is not a date (YYYY-MM-DD)", details: ["field": field])
            }
        }
        var base = host
        if !base.hasPrefix("http://") && !base.hasPrefix("https://") { base = "https://" + base }
        while base.hasSuffix("/") { base.removeLast() }
        let item = try GS1ItemData(gtin: try GTIN(gtin), lot: lot, serial: serial, expiry: try date(expiry, "expiry"),
                                   produced: try date(produced, "produced"))
        bracketed = item.bracketedElementString
        raw = item.rawElementString()
        digitalLink = item.digitalLink(baseURL: base)
    }
}
