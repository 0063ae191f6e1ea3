/// The URIs Tracestock writes for units, lots, SKUs, locations and orders in EPCIS documents, and
/// how it reads object and class URIs back (README "EPCIS" lists the forms).
///
/// A SKU with a GTIN is named with GS1 identifiers: GS1 Digital Link URIs on `https://id.gs1.org`
/// by default, EPC URNs (SGTIN, LGTIN, GTIN pattern) when its company-prefix length is set. A SKU
/// without a GTIN, or a serial or lot that GS1 cannot carry (AI 21/10: 1–20 CSET 82 characters),
/// is named with a private URN under `urn:tracestock:`, its parts percent-encoded.
public enum EPCISIdentifiers {
    /// The GS1 resolver domain of the Digital Link URIs written.
    public static let digitalLinkBase = GS1DigitalLink.defaultBaseURL
    /// The prefix of Tracestock's private URNs.
    public static let privatePrefix = "urn:tracestock:"

    /// The instance URI of one unit (serial) of `sku`.
    public static func unit(sku: SKU, serial: String) -> String {
        if let text = sku.gtin, let gtin = try? GTIN(text), EPCURI.isGS1Value(serial) {
            if let length = sku.gs1CompanyPrefixLength, let urn = try? EPCURI.sgtin(gtin: gtin, prefixLength: length, serial: serial) {
                return urn
            }
            return GS1DigitalLink.render(baseURL: digitalLinkBase, primaryKey: GS1Element(ai: "01", value: gtin.value),
                                         qualifiers: [GS1Element(ai: "21", value: serial)], attributes: [], others: [])
        }
        return privatePrefix + "unit:" + PercentEncoding.encode(sku.code) + ":" + PercentEncoding.encode(serial)
    }

    /// The class URI of a quantity of `sku`: one lot of it, or (no lot) the trade item itself.
    public static func productClass(sku: SKU, lot: String?) -> String {
        if let text = sku.gtin, let gtin = try? GTIN(text), lot.map(EPCURI.isGS1Value) ?? true {
            if let length = sku.gs1CompanyPrefixLength {
                let urn = if let lot { try? EPCURI.lgtin(gtin: gtin, prefixLength: length, lot: lot) }
                          else { try? EPCURI.gtinPattern(gtin: gtin, prefixLength: length) }
                if let urn { return urn }
            }
            return GS1DigitalLink.render(baseURL: digitalLinkBase, primaryKey: GS1Element(ai: "01", value: gtin.value),
                                         qualifiers: lot.map { [GS1Element(ai: "10", value: $0)] } ?? [], attributes: [], others: [])
        }
        if let lot { return privatePrefix + "lot:" + PercentEncoding.encode(sku.code) + ":" + PercentEncoding.encode(lot) }
        return privatePrefix + "sku:" + PercentEncoding.encode(sku.code)
    }

    /// The location's configured SGLN, else `urn:tracestock:location:CODE`.
    public static func location(_ location: Location) -> String {
        location.sgln ?? privatePrefix + "location:" + PercentEncoding.encode(location.code)
    }

    /// `urn:tracestock:order:REF`: an order or purchase-order reference as a business transaction.
    public static func order(_ reference: String) -> String {
        privatePrefix + "order:" + PercentEncoding.encode(reference)
    }

    /// The location code of a private location URN, nil for other URIs.
    public static func locationCode(_ uri: String) -> String? { privatePart(uri, kind: "location")?.first }

    /// The reference of a private order URN, nil for other URIs.
    public static func orderReference(_ uri: String) -> String? { privatePart(uri, kind: "order")?.first }

    /// What an object or class URI names.
    public struct Reference: Sendable, Hashable {
        /// The product: by GTIN (GS1 forms) or by SKU code (private forms).
        public enum Product: Sendable, Hashable {
            case gtin(String)
            case sku(String)
        }
        public var product: Product
        public var serial: String?
        public var lot: String?

        /// Creates a reference.
        public init(product: Product, serial: String? = nil, lot: String? = nil) {
            self.product = product
            self.serial = serial
            self.lot = lot
        }
    }

    /// Reads an object or class URI: SGTIN, LGTIN, GTIN pattern, a Digital Link with AI 01 (and
    /// 10 and/or 21) on any host, or a private URN. Throws with the reason for anything else.
    public static func parse(_ uri: String) throws -> Reference {
        if let item = try EPCURI.parseTradeItem(uri) {
            return Reference(product: .gtin(item.gtin.value), serial: item.serial, lot: item.lot)
        }
        if GS1DigitalLink.looksLikeURI(uri) {
            let link: GS1DigitalLink
            do {
                link = try GS1DigitalLink.parse(uri, currentYear: 2000)
            } catch let error as TracestockError {
                throw TracestockError.invalid("'\(uri)' is not a GS1 Digital Link Tracestock can read: \(error.message)", details: ["value": uri])
            }
            guard link.primaryKey.ai == "01" else {
                throw TracestockError.invalid("'\(uri)' names a GS1 key with AI \(link.primaryKey.ai), not a trade item (AI 01); Tracestock maps trade items only",
                                              details: ["value": uri])
            }
            let elements = link.elementString
            return Reference(product: .gtin(link.primaryKey.value), serial: elements["21"], lot: elements["10"])
        }
        if let parts = privatePart(uri, kind: "unit"), parts.count == 2 {
            return Reference(product: .sku(parts[0]), serial: parts[1])
        }
        if let parts = privatePart(uri, kind: "lot"), parts.count == 2 {
            return Reference(product: .sku(parts[0]), lot: parts[1])
        }
        if let parts = privatePart(uri, kind: "sku"), parts.count == 1 {
            return Reference(product: .sku(parts[0]))
        }
        let what = uri.hasPrefix("urn:epc:id:sscc:") ? " (an SSCC names a logistic unit)" : uri.hasPrefix("urn:epc:id:") ? " (not a trade item)" : ""
        throw TracestockError.invalid("'\(uri)' is not an identifier Tracestock maps\(what): use SGTIN/LGTIN URNs or GS1 Digital Links with AI 01",
                                      details: ["value": uri])
    }

    /// The percent-decoded `:`-separated parts after `urn:tracestock:KIND:`.
    static func privatePart(_ uri: String, kind: String) -> [String]? {
        let prefix = privatePrefix + kind + ":"
        guard uri.hasPrefix(prefix) else { return nil }
        var parts: [String] = []
        for piece in uri.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false) {
            guard !piece.isEmpty, let text = EPCURI.unescape(piece) else { return nil }
            parts.append(text)
        }
        return parts
    }
}
