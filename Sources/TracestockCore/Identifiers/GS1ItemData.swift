/// The traceability data printed on a trade item: GTIN plus optional lot, serial and dates.
public struct GS1ItemData: Sendable, Hashable, Codable {
    /// The trade item (AI 01).
    public let gtin: GTIN
    /// Batch/lot number (AI 10), 1-20 CSET 82 characters.
    public let lot: String?
    /// Serial number (AI 21), 1-20 CSET 82 characters.
    public let serial: String?
    /// Expiry / use-by date (AI 17).
    public let expiry: GS1Date?
    /// Best-before date (AI 15).
    public let bestBefore: GS1Date?
    /// Production date (AI 11).
    public let produced: GS1Date?

    /// Creates item data, validating lot and serial against AI 10 and AI 21.
    public init(
        gtin: GTIN, lot: String? = nil, serial: String? = nil, expiry: GS1Date? = nil,
        bestBefore: GS1Date? = nil, produced: GS1Date? = nil
    ) throws {
        for (ai, value) in [("10", lot), ("21", serial)] {
            guard let value, let definition = GS1ApplicationIdentifier.lookup(ai) else { continue }
            try definition.validate(value, currentYear: 2000)
        }
        self.gtin = gtin
        self.lot = lot
        self.serial = serial
        self.expiry = expiry
        self.bestBefore = bestBefore
        self.produced = produced
    }

    private enum CodingKeys: String, CodingKey {
        case gtin, lot, serial, expiry, bestBefore, produced
    }

    /// Decodes and validates (lot and serial must satisfy AI 10 / AI 21).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            gtin: container.decode(GTIN.self, forKey: .gtin),
            lot: container.decodeIfPresent(String.self, forKey: .lot),
            serial: container.decodeIfPresent(String.self, forKey: .serial),
            expiry: container.decodeIfPresent(GS1Date.self, forKey: .expiry),
            bestBefore: container.decodeIfPresent(GS1Date.self, forKey: .bestBefore),
            produced: container.decodeIfPresent(GS1Date.self, forKey: .produced))
    }

    /// Reads the item data from parsed elements (AI 01 required; AIs other than 10, 11, 15, 17, 21 are ignored).
    public init(elementString: GS1ElementString, currentYear: Int) throws {
        guard let gtinValue = elementString["01"] else {
            throw TracestockError.identifier(
                "the data has no GTIN (AI 01)", ai: "01", field: "gtin", reason: "missingGTIN")
        }
        func date(_ ai: String) -> GS1Date? {
            elementString[ai].flatMap { GS1ApplicationIdentifier.lookup(ai)?.date(from: $0, currentYear: currentYear) }
        }
        try self.init(
            gtin: GTIN(gtinValue), lot: elementString["10"], serial: elementString["21"], expiry: date("17"),
            bestBefore: date("15"), produced: date("11"))
    }

    /// Parses a GS1 element string (bracketed or raw) or a GS1 Digital Link URI.
    public static func parse(_ input: String, currentYear: Int) throws -> GS1ItemData {
        let elements = GS1DigitalLink.looksLikeURI(input)
            ? try GS1DigitalLink.parse(input, currentYear: currentYear).elementString
            : try GS1ElementString.parse(input, currentYear: currentYear)
        return try GS1ItemData(elementString: elements, currentYear: currentYear)
    }

    /// The elements in GS1 order: 01, 11, 15, 17, 10, 21.
    public var elementString: GS1ElementString {
        var elements = [GS1Element(ai: "01", value: gtin.value)]
        if let produced { elements.append(GS1Element(ai: "11", value: produced.yymmdd)) }
        if let bestBefore { elements.append(GS1Element(ai: "15", value: bestBefore.yymmdd)) }
        if let expiry { elements.append(GS1Element(ai: "17", value: expiry.yymmdd)) }
        if let lot { elements.append(GS1Element(ai: "10", value: lot)) }
        if let serial { elements.append(GS1Element(ai: "21", value: serial)) }
        return GS1ElementString(unchecked: elements)
    }

    /// Bracketed human-readable element string, e.g. `(01)09520123456788(17)251200(10)ABC123(21)SN-0001`.
    public var bracketedElementString: String { elementString.bracketed }

    /// Raw element string with GS separators (dates round-trip when within -49...+50 years of the reader's year).
    public func rawElementString(symbologyIdentifier: String = "") -> String {
        elementString.raw(symbologyIdentifier: symbologyIdentifier)
    }

    /// GS1 Digital Link URI on `baseURL` (default `https://id.gs1.org`): /01/…/10/…/21/… with dates in the query.
    public func digitalLink(baseURL: String = GS1DigitalLink.defaultBaseURL) -> String {
        var qualifiers: [GS1Element] = []
        if let lot { qualifiers.append(GS1Element(ai: "10", value: lot)) }
        if let serial { qualifiers.append(GS1Element(ai: "21", value: serial)) }
        var attributes: [GS1Element] = []
        if let produced { attributes.append(GS1Element(ai: "11", value: produced.yymmdd)) }
        if let bestBefore { attributes.append(GS1Element(ai: "15", value: bestBefore.yymmdd)) }
        if let expiry { attributes.append(GS1Element(ai: "17", value: expiry.yymmdd)) }
        return GS1DigitalLink.render(
            baseURL: baseURL, primaryKey: GS1Element(ai: "01", value: gtin.value), qualifiers: qualifiers,
            attributes: attributes, others: [])
    }
}
