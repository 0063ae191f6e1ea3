/// GS1 EPC URIs (Tag Data Standard "pure identity" forms) that Tracestock writes and reads:
/// SGTIN (`urn:epc:id:sgtin:`), LGTIN (`urn:epc:class:lgtin:`), the GTIN pattern
/// (`urn:epc:idpat:sgtin:…*`) and SGLN (`urn:epc:id:sgln:`).
public enum EPCURI {
    /// Company prefix lengths GS1 assigns.
    public static let prefixLengths = 6...12

    /// `urn:epc:id:sgtin:CP.IR.SERIAL` for a unit. The serial must be a GS1 serial (AI 21: 1–20 CSET 82).
    public static func sgtin(gtin: GTIN, prefixLength: Int, serial: String) throws -> String {
        guard isGS1Value(serial) else {
            throw TracestockError.invalid("serial '\(serial)' is not a GS1 serial (AI 21: 1 to 20 characters of CSET 82)", details: ["field": "serial"])
        }
        return "urn:epc:id:sgtin:" + (try keyParts(gtin, prefixLength)) + "." + escape(serial)
    }

    /// `urn:epc:class:lgtin:CP.IR.LOT` for a lot of a trade item. The lot must be a GS1 lot (AI 10).
    public static func lgtin(gtin: GTIN, prefixLength: Int, lot: String) throws -> String {
        guard isGS1Value(lot) else {
            throw TracestockError.invalid("lot '\(lot)' is not a GS1 lot (AI 10: 1 to 20 characters of CSET 82)", details: ["field": "lot"])
        }
        return "urn:epc:class:lgtin:" + (try keyParts(gtin, prefixLength)) + "." + escape(lot)
    }

    /// `urn:epc:idpat:sgtin:CP.IR.*`: every instance of a trade item (a quantity without lot).
    public static func gtinPattern(gtin: GTIN, prefixLength: Int) throws -> String {
        "urn:epc:idpat:sgtin:" + (try keyParts(gtin, prefixLength)) + ".*"
    }

    /// `CP.IR` of a GTIN-14: the company prefix (digits 2…L+1) and the indicator digit followed by the item reference.
    static func keyParts(_ gtin: GTIN, _ prefixLength: Int) throws -> String {
        guard prefixLengths.contains(prefixLength) else {
            throw TracestockError.invalid("gs1CompanyPrefixLength: \(prefixLength) is not 6 to 12", details: ["field": "gs1CompanyPrefixLength"])
        }
        let digits = Array(gtin.value)
        let companyPrefix = String(digits[1...prefixLength])
        let itemReference = String(digits[0]) + String(digits[(prefixLength + 1)..<13])
        return companyPrefix + "." + itemReference
    }

    /// The GTIN of `CP.IR` (check digit computed), or nil when the parts are not 13 digits together.
    static func gtin(companyPrefix: Substring, itemReference: Substring) -> GTIN? {
        guard prefixLengths.contains(companyPrefix.count), companyPrefix.count + itemReference.count == 13,
              companyPrefix.allSatisfy(\.isASCIIDigit), itemReference.allSatisfy(\.isASCIIDigit) else { return nil }
        let body = String(itemReference.prefix(1)) + companyPrefix + itemReference.dropFirst()
        return try? GTIN(computingCheckDigitFor: body)
    }

    /// A parsed SGTIN, LGTIN or GTIN pattern.
    public struct TradeItem: Sendable, Hashable {
        public var gtin: GTIN
        /// The serial of an SGTIN.
        public var serial: String?
        /// The lot of an LGTIN.
        public var lot: String?
        /// The company prefix length the URI was written with.
        public var prefixLength: Int
    }

    /// Parses `urn:epc:id:sgtin:`, `urn:epc:class:lgtin:` or `urn:epc:idpat:sgtin:…*`; nil when `uri` is none of them.
    /// - Throws: when it starts like one but is malformed.
    public static func parseTradeItem(_ uri: String) throws -> TradeItem? {
        let kinds = [("urn:epc:id:sgtin:", "serial"), ("urn:epc:class:lgtin:", "lot"), ("urn:epc:idpat:sgtin:", "pattern")]
        guard let (prefix, kind) = kinds.first(where: { uri.hasPrefix($0.0) }) else { return nil }
        let parts = uri.dropFirst(prefix.count).split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        func bad(_ why: String) -> TracestockError {
            TracestockError.invalid("'\(uri)' is not a valid \(prefix.dropLast()) URI: \(why)", details: ["value": uri])
        }
        guard parts.count == 3 else { throw bad("it needs company prefix, item reference and \(kind == "lot" ? "lot" : "serial"), separated by dots") }
        guard let gtin = gtin(companyPrefix: parts[0], itemReference: parts[1]) else {
            throw bad("company prefix (6 to 12 digits) and item reference must be 13 digits together")
        }
        let prefixLength = parts[0].count
        if kind == "pattern" {
            guard parts[2] == "*" else { throw bad("a GTIN pattern ends with .*") }
            return TradeItem(gtin: gtin, prefixLength: prefixLength)
        }
        guard let value = unescape(parts[2]), isGS1Value(value) else {
            throw bad("the \(kind) must be 1 to 20 characters of GS1 CSET 82 (with %22 %25 %26 %2F %3C %3E %3F escapes)")
        }
        return kind == "lot" ? TradeItem(gtin: gtin, lot: value, prefixLength: prefixLength)
                             : TradeItem(gtin: gtin, serial: value, prefixLength: prefixLength)
    }

    /// Validates an SGLN EPC URI (`urn:epc:id:sgln:CP.LOCREF.EXT`) and returns it unchanged.
    public static func validatedSGLN(_ text: String) throws -> String {
        let prefix = "urn:epc:id:sgln:"
        let parts = text.hasPrefix(prefix) ? text.dropFirst(prefix.count).split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false) : []
        guard parts.count == 3, prefixLengths.contains(parts[0].count), parts[0].count + parts[1].count == 12,
              (parts[0] + parts[1]).allSatisfy(\.isASCIIDigit), let ext = unescape(parts[2]), isGS1Value(ext) else {
            throw TracestockError.invalid(
                "sgln: '\(text)' is not an SGLN EPC URI: urn:epc:id:sgln:CP.LOCREF.EXT, company prefix and location reference 12 digits together, extension 0 for none (e.g. urn:epc:id:sgln:0614141.00777.0)",
                details: ["field": "sgln", "value": text])
        }
        return text
    }

    /// True for a value GS1 allows in AI 10 or 21: 1–20 characters of CSET 82.
    public static func isGS1Value(_ value: String) -> Bool {
        (1...20).contains(value.utf8.count) && GS1CharacterSet.cset82.contains(all: value)
    }

    /// TDS escaping of a serial, lot or extension inside an EPC URI.
    static func escape(_ value: String) -> String {
        var out = ""
        for ch in value {
            switch ch {
            case "\"": out += "%22"
            case "%": out += "%25"
            case "&": out += "%26"
            case "/": out += "%2F"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "?": out += "%3F"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Undoes `escape`; nil when a `%` is not followed by two hex digits.
    static func unescape(_ value: Substring) -> String? {
        guard value.contains("%") else { return String(value) }
        switch PercentEncoding.decode(Array(value.utf8), 0..<value.utf8.count) {
        case .success(let decoded): return decoded.text
        case .failure: return nil
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
