/// One ledger event with everything its EPCIS form needs, resolved by the service.
public struct EPCISLedgerEvent: Sendable {
    public var event: LedgerEvent
    public var sku: SKU
    /// The event's lot (with its dates), when it has one.
    public var lot: Lot?
    /// The serials of the units it touched, in unit order (empty for quantity events).
    public var serials: [String]
    public var from: Location?
    public var to: Location?
    /// The `eventID` to write (see `EPCISEventID`).
    public var eventID: String

    /// Creates the input of one event.
    public init(event: LedgerEvent, sku: SKU, lot: Lot?, serials: [String], from: Location?, to: Location?, eventID: String) {
        self.event = event
        self.sku = sku
        self.lot = lot
        self.serials = serials
        self.from = from
        self.to = to
        self.eventID = eventID
    }
}

/// Turns ledger events into EPCIS 2.0 JSON-LD: pure, deterministic, no I/O.
public enum EPCISExportMapper {
    /// The JSON-LD context every document names.
    public static let context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"

    /// The ObjectEvent of a ledger event, or nil when the event is not exported (see `EPCISEventMapping.of`).
    /// - Parameters:
    ///   - errorDeclaration: when set, the event is written as an error declaration made at that
    ///     time (how a `void` is exported: the cancelled event again, same eventID, `did_not_occur`).
    ///   - offsetMinutes: the time-zone offset eventTime is written in.
    public static func objectEvent(_ input: EPCISLedgerEvent, errorDeclaration: Timestamp? = nil, offsetMinutes: Int = 0) -> JSONValue? {
        let e = input.event
        guard let mapping = EPCISEventMapping.of(e.type, quantity: e.quantity, verdict: e.verdict) else { return nil }
        let time = eventTime(e.at, offsetMinutes: offsetMinutes)
        var out: [String: JSONValue] = [
            "type": .string("ObjectEvent"),
            "eventID": .string(input.eventID),
            "eventTime": .string(time.eventTime),
            "eventTimeZoneOffset": .string(time.offset),
            "action": .string(mapping.action.rawValue),
            "bizStep": .string(mapping.bizStep.rawValue),
            "disposition": .string(mapping.disposition.rawValue),
        ]
        if input.sku.tracking == .serial {
            out["epcList"] = .array(input.serials.map { .string(EPCISIdentifiers.unit(sku: input.sku, serial: $0)) })
        } else {
            out["quantityList"] = .array([.object([
                "epcClass": .string(EPCISIdentifiers.productClass(sku: input.sku, lot: input.lot?.code)),
                "quantity": .int(abs(e.quantity)),
            ])])
        }
        // Where the objects are after the event; objects that left us (ship, dispose, a negative
        // count) have no business location, only the read point they left from.
        let leaves = e.type == .ship || e.type == .dispose || (e.type == .adjust && e.quantity < 0)
        if leaves {
            if let from = input.from { out["readPoint"] = .object(["id": .string(EPCISIdentifiers.location(from))]) }
        } else if let place = input.to ?? input.from {
            let id = JSONValue.object(["id": .string(EPCISIdentifiers.location(place))])
            out["readPoint"] = id
            out["bizLocation"] = id
        }
        if e.type == .move, let from = input.from, let to = input.to {
            out["sourceList"] = .array([.object(["type": .string(CBVSourceDestType.location.rawValue),
                                                 "source": .string(EPCISIdentifiers.location(from))])])
            out["destinationList"] = .array([.object(["type": .string(CBVSourceDestType.location.rawValue),
                                                      "destination": .string(EPCISIdentifiers.location(to))])])
        }
        if let order = e.orderRef {
            out["bizTransactionList"] = .array([.object(["type": .string(CBVBizTransactionType.po.rawValue),
                                                         "bizTransaction": .string(EPCISIdentifiers.order(order))])])
        }
        if e.type == .receive, let lot = input.lot {
            var ilmd: [String: JSONValue] = ["cbvmda:lotNumber": .string(lot.code)]
            if let expires = lot.expires { ilmd["cbvmda:itemExpirationDate"] = .string(expires) }
            if let produced = lot.produced { ilmd["cbvmda:productionDate"] = .string(produced) }
            out["ilmd"] = .object(ilmd)
        }
        if let declared = errorDeclaration {
            out["errorDeclaration"] = .object(["declarationTime": .string(eventTime(declared, offsetMinutes: 0).eventTime),
                                               "reason": .string(CBVErrorReason.didNotOccur.rawValue)])
        }
        return .object(out)
    }

    /// An `EPCISDocument` holding `events`.
    public static func document(events: [JSONValue], creationDate: Timestamp) -> JSONValue {
        .object([
            "@context": .array([.string(context)]),
            "type": .string("EPCISDocument"),
            "schemaVersion": .string("2.0"),
            "creationDate": .string(creationDate.iso8601),
            "epcisBody": .object(["eventList": .array(events)]),
        ])
    }

    /// `eventTime` written in a time-zone offset, and the offset itself (`+02:00`).
    public static func eventTime(_ t: Timestamp, offsetMinutes: Int) -> (eventTime: String, offset: String) {
        let offset = offsetText(offsetMinutes)
        guard offsetMinutes != 0 else { return (t.iso8601, offset) }
        let local = Timestamp(milliseconds: t.milliseconds + Int64(offsetMinutes) * 60_000).iso8601
        return (String(local.dropLast()) + offset, offset)
    }

    /// `±hh:mm` of an offset in minutes.
    public static func offsetText(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let h = abs(minutes) / 60, m = abs(minutes) % 60
        return sign + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// Parses `±hh:mm` (−14:00 … +14:00) into minutes.
    public static func parseOffset(_ text: String) throws -> Int {
        let b = Array(text.utf8)
        func digit(_ i: Int) -> Int? { b[i] >= 48 && b[i] <= 57 ? Int(b[i] - 48) : nil }
        guard b.count == 6, b[0] == 43 || b[0] == 45, b[3] == 58, let h1 = digit(1), let h2 = digit(2), let m1 = digit(4), let m2 = digit(5),
              h1 * 10 + h2 <= 14, m1 * 10 + m2 < 60, (h1 * 10 + h2) * 60 + m1 * 10 + m2 <= 14 * 60 else {
            throw TracestockError.invalid("time zone offset '\(text)' is not ±hh:mm between -14:00 and +14:00", details: ["field": "timeZone"])
        }
        return (b[0] == 45 ? -1 : 1) * ((h1 * 10 + h2) * 60 + m1 * 10 + m2)
    }
}
