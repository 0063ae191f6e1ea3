extension ScanResult {
    /// JSON keys, in output order.
    enum CodingKeys: String, CodingKey {
        case kind, gtin, lot, serial, expiry, produced, bestBefore, sscc, asin, fnsku, authCode, ais
    }

    /// Encodes every key, writing `null` for absent values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try encodeOptional(gtin, .gtin, &container)
        try encodeOptional(lot, .lot, &container)
        try encodeOptional(serial, .serial, &container)
        try encodeOptional(expiry?.isoString, .expiry, &container)
        try encodeOptional(produced?.isoString, .produced, &container)
        try encodeOptional(bestBefore?.isoString, .bestBefore, &container)
        try encodeOptional(sscc, .sscc, &container)
        try encodeOptional(asin, .asin, &container)
        try encodeOptional(fnsku, .fnsku, &container)
        try encodeOptional(authCode, .authCode, &container)
        try container.encode(ais, forKey: .ais)
    }

    /// Decodes the JSON form (missing or null keys become nil; `otherQueryParameters` is empty).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try container.decode(Kind.self, forKey: .kind),
            gtin: try container.decodeIfPresent(String.self, forKey: .gtin),
            lot: try container.decodeIfPresent(String.self, forKey: .lot),
            serial: try container.decodeIfPresent(String.self, forKey: .serial),
            expiry: try container.decodeIfPresent(GS1Date.self, forKey: .expiry),
            produced: try container.decodeIfPresent(GS1Date.self, forKey: .produced),
            bestBefore: try container.decodeIfPresent(GS1Date.self, forKey: .bestBefore),
            sscc: try container.decodeIfPresent(String.self, forKey: .sscc),
            asin: try container.decodeIfPresent(String.self, forKey: .asin),
            fnsku: try container.decodeIfPresent(String.self, forKey: .fnsku),
            authCode: try container.decodeIfPresent(String.self, forKey: .authCode),
            ais: try container.decodeIfPresent([String: String].self, forKey: .ais) ?? [:])
    }

    private func encodeOptional(
        _ value: String?, _ key: CodingKeys, _ container: inout KeyedEncodingContainer<CodingKeys>
    ) throws {
        if let value {
            try container.encode(value, forKey: key)
        } else {
            try container.encodeNil(forKey: key)
        }
    }
}
