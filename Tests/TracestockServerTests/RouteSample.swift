import HTTPTypes
import Tracestock
import TracestockCore
import TracestockServer

/// One valid request per operation of openapi.yaml, run against `prepared()` stock:
/// the role tests send each one without a token, with the role below the one it needs, and with
/// the role it needs.
struct RouteSample: Sendable, CustomStringConvertible {
    var operationID: String
    var method: HTTPRequest.Method
    var uri: String
    var json: [String: any Sendable]? = nil
    var csv: String? = nil
    var success: HTTPResponse.Status

    var description: String { operationID }

    static let all: [RouteSample] = [
        .init(operationID: "health", method: .get, uri: "/health", success: .ok),
        .init(operationID: "ready", method: .get, uri: "/ready", success: .ok),
        .init(operationID: "metrics", method: .get, uri: "/metrics", success: .ok),
        .init(operationID: "openAPIDocument", method: .get, uri: "/openapi.yaml", success: .ok),
        .init(operationID: "listSKUs", method: .get, uri: "/api/v1/skus", success: .ok),
        .init(operationID: "createSKU", method: .post, uri: "/api/v1/skus", json: ["code": "NEW-1", "title": "New", "tracking": "none"], success: .created),
        .init(operationID: "getSKU", method: .get, uri: "/api/v1/skus/EB-100", success: .ok),
        .init(operationID: "updateSKU", method: .patch, uri: "/api/v1/skus/TOTE", json: ["title": "Tote bag"], success: .ok),
        .init(operationID: "listLots", method: .get, uri: "/api/v1/skus/VIT-C/lots", success: .ok),
        .init(operationID: "traceLot", method: .get, uri: "/api/v1/skus/EB-100/lots/L1/orders", success: .ok),
        .init(operationID: "listLocations", method: .get, uri: "/api/v1/locations", success: .ok),
        .init(operationID: "createLocation", method: .post, uri: "/api/v1/locations", json: ["code": "STORE-1", "kind": "store"], success: .created),
        .init(operationID: "receive", method: .post, uri: "/api/v1/receipts",
              json: ["sku": "EB-100", "serialExpression": "N001-N005", "location": "WH-MAIN"], success: .created),
        .init(operationID: "ship", method: .post, uri: "/api/v1/shipments",
              json: ["sku": "EB-100", "serials": ["SN0001"], "order": "113-0000001-0000001"], success: .created),
        .init(operationID: "move", method: .post, uri: "/api/v1/moves",
              json: ["sku": "TOTE", "quantity": 5, "from": "WH-MAIN", "to": "FBA-US"], success: .created),
        .init(operationID: "recordReturn", method: .post, uri: "/api/v1/returns",
              json: ["sku": "EB-100", "serials": ["SN0005"], "order": "O-1", "to": "WH-MAIN"], success: .created),
        .init(operationID: "restock", method: .post, uri: "/api/v1/restocks", json: ["sku": "EB-100", "serials": ["SN0006"]], success: .created),
        .init(operationID: "quarantine", method: .post, uri: "/api/v1/quarantines",
              json: ["sku": "VIT-C", "lot": "B1", "quantity": 10, "from": "WH-MAIN", "reason": "supplier notice"], success: .created),
        .init(operationID: "release", method: .post, uri: "/api/v1/releases", json: ["sku": "EB-100", "serials": ["SN0007"]], success: .created),
        .init(operationID: "dispose", method: .post, uri: "/api/v1/disposals",
              json: ["sku": "EB-100", "serials": ["SN0008"], "reason": "water damage"], success: .created),
        .init(operationID: "adjust", method: .post, uri: "/api/v1/adjustments",
              json: ["sku": "TOTE", "quantity": -2, "from": "WH-MAIN", "reason": "cycle count"], success: .created),
        .init(operationID: "voidEvent", method: .post, uri: "/api/v1/voids", json: ["seq": 3, "reason": "wrong box"], success: .created),
        .init(operationID: "importSkus", method: .post, uri: "/api/v1/imports/skus", csv: "sku,title,tracking\nCSV-1,From CSV,none\n", success: .created),
        .init(operationID: "importReceipts", method: .post, uri: "/api/v1/imports/receipts", csv: "sku,location,quantity\nTOTE,WH-MAIN,5\n", success: .created),
        .init(operationID: "importShipments", method: .post, uri: "/api/v1/imports/shipments",
              csv: "sku,order,quantity,from\nTOTE,O-9,1,WH-MAIN\n", success: .created),
        .init(operationID: "getStock", method: .get, uri: "/api/v1/stock?by=lot", success: .ok),
        .init(operationID: "lookupSerial", method: .get, uri: "/api/v1/units?serial=SN0001", success: .ok),
        .init(operationID: "getUnitHistory", method: .get, uri: "/api/v1/units/EB-100/SN0001", success: .ok),
        .init(operationID: "listEvents", method: .get, uri: "/api/v1/events?since=0&limit=2", success: .ok),
        .init(operationID: "expandSerials", method: .get, uri: "/api/v1/serials/expand?expression=A1-A3", success: .ok),
        .init(operationID: "checkLedger", method: .get, uri: "/api/v1/check", success: .ok),
        .init(operationID: "listTokens", method: .get, uri: "/api/v1/tokens", success: .ok),
        .init(operationID: "createToken", method: .post, uri: "/api/v1/tokens", json: ["name": "ci", "role": "viewer"], success: .created),
        .init(operationID: "revokeToken", method: .delete, uri: "/api/v1/tokens/3", success: .ok),
        .init(operationID: "listUsers", method: .get, uri: "/api/v1/users", success: .ok),
        .init(operationID: "createUser", method: .post, uri: "/api/v1/users",
              json: ["name": "new-user", "role": "viewer", "password": "new password"], success: .created),
        .init(operationID: "disableUser", method: .delete, uri: "/api/v1/users/sample-user", success: .ok),
        .init(operationID: "verifyReturn", method: .post, uri: "/api/v1/returns/verify",
              json: ["order": "O-1", "sku": "EB-100", "serial": "SN0005"], success: .ok),
        .init(operationID: "returnsReport", method: .get, uri: "/api/v1/returns/report?verdict=match", success: .ok),
        .init(operationID: "getWarranty", method: .get, uri: "/api/v1/warranty/SN0005?sku=EB-100", success: .ok),
        .init(operationID: "registerWarranty", method: .post, uri: "/api/v1/registrations",
              json: ["sku": "EB-100", "serial": "SN0005", "customerRef": "C-1029"], success: .created),
        .init(operationID: "recallReport", method: .get, uri: "/api/v1/recalls?sku=EB-100&lot=L1", success: .ok),
        .init(operationID: "recall", method: .post, uri: "/api/v1/recalls",
              json: ["sku": "VIT-C", "lots": ["B1"], "quarantine": true, "reason": "supplier notice"], success: .ok),
        .init(operationID: "traceOrder", method: .get, uri: "/api/v1/orders/O-1/trace", success: .ok),
        .init(operationID: "reorderPlan", method: .get, uri: "/api/v1/reorder?sku=TOTE&window=30", success: .ok),
        .init(operationID: "ageingReport", method: .get, uri: "/api/v1/ageing", success: .ok),
        .init(operationID: "ageingReportWithSurcharges", method: .post, uri: "/api/v1/ageing",
              csv: "bucket,per_unit,per_cubic_foot\n0-90,0.10,0\n", success: .ok),
        .init(operationID: "listInbound", method: .get, uri: "/api/v1/inbound", success: .ok),
        .init(operationID: "addInbound", method: .post, uri: "/api/v1/inbound",
              json: ["sku": "TOTE", "quantity": 600, "eta": "2026-07-15", "reference": "PO-1042"], success: .created),
        .init(operationID: "importSales", method: .post, uri: "/api/v1/imports/sales",
              csv: "date,sku,quantity,order_id\n2026-05-01,TOTE,2,S-1\n", success: .created),
        .init(operationID: "scan", method: .get, uri: "/api/v1/scan?input=(01)09520123456788(21)SN0001", success: .ok),
        .init(operationID: "encodeGS1", method: .get, uri: "/api/v1/gs1/encode?gtin=09520123456788&serial=SN0001", success: .ok),
        .init(operationID: "issueCodes", method: .post, uri: "/api/v1/codes", json: ["sku": "EB-100", "serials": ["SN0002"]], success: .created),
        .init(operationID: "listSuspectedClones", method: .get, uri: "/api/v1/codes/clones", success: .ok),
        .init(operationID: "listCodeScans", method: .get, uri: "/api/v1/codes/{code}/scans", success: .ok),
        .init(operationID: "verifyCode", method: .get, uri: "/api/v1/verify/{code}?where=Berlin", success: .ok),
        .init(operationID: "unitLabel", method: .get, uri: "/api/v1/labels/EB-100/SN0001?format=png", success: .ok),
        .init(operationID: "fnskuLabel", method: .get, uri: "/api/v1/skus/EB-100/fnsku-label?format=zpl", success: .ok),
        .init(operationID: "exportEPCIS", method: .get, uri: "/api/v1/epcis/events?limit=2", success: .ok),
        .init(operationID: "importEPCIS", method: .post, uri: "/api/v1/epcis/events?at=WH-MAIN", json: EPCISSample.shipmentToUs(serials: ["E1", "E2"]),
              success: .created),
    ]
}

extension APIFixture {
    /// The fixture with stock the samples act on:
    /// #1 EB-100 SN0001-SN0010 lot L1, #2 VIT-C lot B1 ×100, #3 TOTE ×50 (all at WH-MAIN);
    /// SN0005 shipped on O-1; SN0006 shipped on O-2 and returned; SN0007 quarantined;
    /// SN0001 has an authentication code (`code`); web UI user `sample-user` (viewer).
    static func prepared() async throws -> APIFixture {
        var fixture = try await make()
        let s = fixture.service
        try await s.receive(ReceiveRequest(sku: "EB-100", serialExpression: "SN0001-SN0010", lot: "L1", location: "WH-MAIN"))
        try await s.receive(ReceiveRequest(sku: "VIT-C", quantity: 100, lot: "B1", location: "WH-MAIN"))
        try await s.receive(ReceiveRequest(sku: "TOTE", quantity: 50, location: "WH-MAIN"))
        try await s.ship(MovementRequest(.ship, sku: "EB-100", serials: ["SN0005"], order: "O-1"))
        try await s.ship(MovementRequest(.ship, sku: "EB-100", serials: ["SN0006"], order: "O-2"))
        try await s.apply(MovementRequest(.return, sku: "EB-100", serials: ["SN0006"], to: "WH-MAIN", order: "O-2"))
        try await s.apply(MovementRequest(.quarantine, sku: "EB-100", serials: ["SN0007"]))
        fixture.code = try await s.issueCodes(sku: "EB-100", serials: ["SN0001"], allUnissued: false).first?.code
        _ = try await s.createUser(name: "sample-user", role: .viewer, password: "sample password",
                                   cost: PasswordHash(rounds: 1 << 4, blockSize: 8, parallelism: 1))
        return fixture
    }
}

/// EPCIS documents for the import tests.
enum EPCISSample {
    /// One shipping ObjectEvent of EB-100 units (GTIN 09520123456788) with no destination: with
    /// `?at=WH-MAIN` it is a shipment to us, recorded as a receipt there.
    static func shipmentToUs(serials: [String], eventID: String = "urn:uuid:7d7c4a1e-2222-5333-8444-555555555555") -> [String: any Sendable] {
        let event: [String: any Sendable] = [
            "type": "ObjectEvent", "eventID": eventID, "eventTime": "2026-05-20T10:00:00Z", "eventTimeZoneOffset": "+00:00",
            "action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
            "epcList": serials.map { "https://id.gs1.org/01/09520123456788/21/\($0)" },
        ]
        return ["@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument", "schemaVersion": "2.0",
                "creationDate": "2026-05-21T08:00:00Z", "epcisBody": ["eventList": [event]]]
    }
}
