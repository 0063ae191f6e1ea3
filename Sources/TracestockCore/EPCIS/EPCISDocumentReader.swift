/// One event of an inbound EPCIS document, with the fields Tracestock reads checked and typed.
public struct EPCISInboundEvent: Sendable {
    /// A `quantityList` entry.
    public struct Quantity: Sendable, Hashable {
        public var epcClass: String
        public var quantity: Double?
        public var uom: String?
    }

    /// A business transaction, source or destination: its type and URI.
    public struct Typed: Sendable, Hashable {
        public var type: String?
        public var id: String
    }

    /// Position in `eventList`.
    public var index: Int
    public var type: String
    public var eventID: String?
    public var eventTime: Timestamp
    public var action: EPCISAction?
    /// The bare CBV name when it is CBV vocabulary, else the URI as given.
    public var bizStep: String?
    public var disposition: String?
    public var epcList: [String]
    public var quantityList: [Quantity]
    public var readPoint: String?
    public var bizLocation: String?
    public var bizTransactions: [Typed]
    public var sources: [Typed]
    public var destinations: [Typed]
    public var ilmd: [String: JSONValue]
    /// True when the event carries an `errorDeclaration` (it declares the event with its id erroneous).
    public var declaresError: Bool
    /// The event as read, for fingerprints.
    public var json: JSONValue

    /// "event 3 (urn:uuid:…)", for messages.
    public var label: String { "event \(index)" + (eventID.map { " (\($0))" } ?? "") }
}

/// A problem found in an inbound document: where (event index, field) and why.
public struct EPCISProblem: Sendable, Hashable, Codable {
    /// The event's index in `eventList`; nil for the document itself.
    public var index: Int?
    public var eventID: String?
    public var message: String

    /// Creates a problem.
    public init(index: Int?, eventID: String?, message: String) {
        self.index = index
        self.eventID = eventID
        self.message = message
    }
}

/// Checks the structure of an EPCIS 2.0 JSON/JSON-LD document that import relies on and reads
/// its events. This is not the JSON Schema (which `scripts/epcis-validate.py` applies): it checks
/// the document type, version and body, and, per event, the fields import reads, naming the event
/// index and the field of every problem.
public enum EPCISDocumentReader {
    /// Reads `EPCISDocument` (events in `epcisBody.eventList`) or `EPCISQueryDocument`
    /// (`epcisBody.queryResults.resultsBody.eventList`).
    public static func read(_ json: JSONValue) -> (events: [EPCISInboundEvent], problems: [EPCISProblem]) {
        var problems: [EPCISProblem] = []
        func document(_ message: String) -> (events: [EPCISInboundEvent], problems: [EPCISProblem]) {
            problems.append(EPCISProblem(index: nil, eventID: nil, message: message))
            return ([], problems)
        }
        guard let root = json.object else { return document("the document is \(json.kind), not a JSON object") }
        guard let type = root["type"]?.string else { return document("type: missing; an EPCIS document has \"type\": \"EPCISDocument\"") }
        guard type == "EPCISDocument" || type == "EPCISQueryDocument" else {
            return document("type: '\(type)' is not EPCISDocument or EPCISQueryDocument")
        }
        if root["@context"] == nil { problems.append(EPCISProblem(index: nil, eventID: nil, message: "@context: missing (JSON-LD context required by EPCIS 2.0)")) }
        switch root["schemaVersion"] {
        case .string(let v) where v == "2" || v.hasPrefix("2."): break
        case .some(let other): problems.append(EPCISProblem(index: nil, eventID: nil, message: "schemaVersion: \(other.string.map { "'\($0)'" } ?? other.kind) is not 2.x; Tracestock reads EPCIS 2.0"))
        case nil: problems.append(EPCISProblem(index: nil, eventID: nil, message: "schemaVersion: missing"))
        }
        if let date = root["creationDate"]?.string, (try? Timestamp.parse(date)) != nil {} else {
            problems.append(EPCISProblem(index: nil, eventID: nil, message: "creationDate: missing or not an ISO 8601 date-time"))
        }
        let body = type == "EPCISDocument" ? root["epcisBody"] : root["epcisBody"]?["queryResults"]?["resultsBody"]
        guard let list = body?["eventList"]?.array else {
            return document(type == "EPCISDocument" ? "epcisBody.eventList: missing or not an array"
                                                    : "epcisBody.queryResults.resultsBody.eventList: missing or not an array")
        }
        var events: [EPCISInboundEvent] = []
        for (index, value) in list.enumerated() {
            var reader = EventReader(index: index, value: value)
            if let event = reader.read() { events.append(event) }
            problems += reader.problems
        }
        return (events, problems)
    }

    private struct EventReader {
        let index: Int
        let value: JSONValue
        var problems: [EPCISProblem] = []
        var eventID: String?

        init(index: Int, value: JSONValue) {
            self.index = index
            self.value = value
        }

        mutating func problem(_ field: String, _ message: String) {
            problems.append(EPCISProblem(index: index, eventID: eventID, message: "eventList[\(index)].\(field): \(message)"))
        }

        mutating func string(_ object: [String: JSONValue], _ key: String, path: String) -> String? {
            guard let v = object[key] else { return nil }
            guard let s = v.string, !s.isEmpty else { problem(path, "must be a non-empty string, found \(v.kind)"); return nil }
            return s
        }

        mutating func strings(_ object: [String: JSONValue], _ key: String) -> [String] {
            guard let v = object[key] else { return [] }
            guard let items = v.array else { problem(key, "must be an array, found \(v.kind)"); return [] }
            var out: [String] = []
            for (i, item) in items.enumerated() {
                if let s = item.string, !s.isEmpty { out.append(s) } else { problem("\(key)[\(i)]", "must be a URI string, found \(item.kind)") }
            }
            return out
        }

        mutating func typed(_ object: [String: JSONValue], list: String, idKey: String, typeRequired: Bool) -> [EPCISInboundEvent.Typed] {
            guard let v = object[list] else { return [] }
            guard let items = v.array else { problem(list, "must be an array, found \(v.kind)"); return [] }
            var out: [EPCISInboundEvent.Typed] = []
            for (i, item) in items.enumerated() {
                guard let o = item.object else { problem("\(list)[\(i)]", "must be an object, found \(item.kind)"); continue }
                let type = string(o, "type", path: "\(list)[\(i)].type")
                if typeRequired && type == nil { problem("\(list)[\(i)].type", "missing") }
                if let id = string(o, idKey, path: "\(list)[\(i)].\(idKey)") { out.append(.init(type: type, id: id)) } else if o[idKey] == nil {
                    problem("\(list)[\(i)].\(idKey)", "missing")
                }
            }
            return out
        }

        mutating func read() -> EPCISInboundEvent? {
            guard let o = value.object else { problem("", "an event must be an object, found \(value.kind)"); return nil }
            eventID = o["eventID"]?.string
            if let id = o["eventID"], id.string == nil { problem("eventID", "must be a URI string, found \(id.kind)") }
            guard let type = string(o, "type", path: "type") else {
                if o["type"] == nil { problem("type", "missing") }
                return nil
            }
            var time = Timestamp(milliseconds: 0)
            if let text = string(o, "eventTime", path: "eventTime") {
                if let t = try? Timestamp.parse(text, field: "eventTime"), text.count > 10 { time = t } else {
                    problem("eventTime", "'\(text)' is not an ISO 8601 date-time with a time zone")
                }
            } else if o["eventTime"] == nil { problem("eventTime", "missing") }
            if let offset = string(o, "eventTimeZoneOffset", path: "eventTimeZoneOffset") {
                if (try? EPCISExportMapper.parseOffset(offset)) == nil { problem("eventTimeZoneOffset", "'\(offset)' is not ±hh:mm") }
            } else if o["eventTimeZoneOffset"] == nil { problem("eventTimeZoneOffset", "missing") }
            var action: EPCISAction?
            if let text = string(o, "action", path: "action") {
                action = EPCISAction(rawValue: text)
                if action == nil { problem("action", "'\(text)' is not OBSERVE, ADD or DELETE") }
            } else if type == "ObjectEvent" && o["action"] == nil { problem("action", "missing (an ObjectEvent needs one)") }
            let bizStep = string(o, "bizStep", path: "bizStep").map { CBVBizStep(cbv: $0)?.rawValue ?? $0 }
            let disposition = string(o, "disposition", path: "disposition").map { CBVDisposition(cbv: $0)?.rawValue ?? $0 }
            func place(_ key: String) -> String? {
                guard let v = o[key] else { return nil }
                guard let id = v["id"]?.string, !id.isEmpty else { problem("\(key).id", "missing; \(key) is {\"id\": URI}"); return nil }
                return id
            }
            let readPoint = place("readPoint")
            let bizLocation = place("bizLocation")
            let epcList = strings(o, "epcList")
            var quantities: [EPCISInboundEvent.Quantity] = []
            if let v = o["quantityList"] {
                if let items = v.array {
                    for (i, item) in items.enumerated() {
                        guard let q = item.object else { problem("quantityList[\(i)]", "must be an object, found \(item.kind)"); continue }
                        guard let epcClass = string(q, "epcClass", path: "quantityList[\(i)].epcClass") else {
                            if q["epcClass"] == nil { problem("quantityList[\(i)].epcClass", "missing") }
                            continue
                        }
                        var amount: Double?
                        switch q["quantity"] {
                        case .int(let n): amount = Double(n)
                        case .double(let d): amount = d
                        case nil: amount = nil
                        case .some(let other): problem("quantityList[\(i)].quantity", "must be a number, found \(other.kind)")
                        }
                        let uom = string(q, "uom", path: "quantityList[\(i)].uom")
                        quantities.append(.init(epcClass: epcClass, quantity: amount, uom: uom))
                    }
                } else { problem("quantityList", "must be an array, found \(v.kind)") }
            }
            let transactions = typed(o, list: "bizTransactionList", idKey: "bizTransaction", typeRequired: false)
            let sources = typed(o, list: "sourceList", idKey: "source", typeRequired: true)
            let destinations = typed(o, list: "destinationList", idKey: "destination", typeRequired: true)
            var ilmd: [String: JSONValue] = [:]
            if let v = o["ilmd"] {
                if let object = v.object { ilmd = object } else { problem("ilmd", "must be an object, found \(v.kind)") }
            }
            if let v = o["errorDeclaration"], v.object == nil { problem("errorDeclaration", "must be an object, found \(v.kind)") }
            return EPCISInboundEvent(index: index, type: type, eventID: eventID, eventTime: time, action: action, bizStep: bizStep,
                                     disposition: disposition, epcList: epcList, quantityList: quantities, readPoint: readPoint,
                                     bizLocation: bizLocation, bizTransactions: transactions, sources: sources, destinations: destinations,
                                     ilmd: ilmd, declaresError: o["errorDeclaration"] != nil, json: value)
        }
    }
}
