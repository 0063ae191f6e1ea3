import Foundation
import HTTPTypes
import Testing
import Tracestock
import TracestockCore
import TracestockServer

/// Receiving and shipping by scan over HTTP (`scans`, as the CLI's `--scan`).
@Suite struct ScanWriteTests {
    @Test func aReceiptByScanTakesSKULotAndSerialFromTheCodes() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let reply = try await api.send(.post, "/api/v1/receipts", as: .operator, json: [
                "scans": ["(01)09520123456788(17)271231(10)L9(21)S-1", "https://id.gs1.org/01/09520123456788/10/L9/21/S-2"],
                "location": "WH-MAIN",
            ])
            #expect(reply.status == .created, "\(reply.text)")
            let unit = try await fixture.service.history(sku: "EB-100", serial: "S-2")
            #expect(unit.lot == "L9" && unit.state == .inStock)
            #expect(try await fixture.service.lots(of: "EB-100").first { $0.code == "L9" }?.expires == "2027-12-31")
        }
    }

    @Test func aShipmentByScanShipsTheScannedUnitAndABadScanWritesNothing() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let shipped = try await api.send(.post, "/api/v1/shipments", as: .operator,
                                             json: ["scans": ["(01)09520123456788(21)SN0002"], "order": "O-5"], headers: ["Idempotency-Key": "scan-o5"])
            #expect(shipped.status == .created, "\(shipped.text)")
            #expect(try await fixture.service.history(sku: "EB-100", serial: "SN0002").state == .shipped)
            let replay = try await api.send(.post, "/api/v1/shipments", as: .operator,
                                            json: ["scans": ["(01)09520123456788(21)SN0002"], "order": "O-5"], headers: ["Idempotency-Key": "scan-o5"])
            #expect(replay.status == .ok)
            let before = try await fixture.service.store.lastSeq()
            let wrongSKU = try await api.send(.post, "/api/v1/shipments", as: .operator,
                                              json: ["sku": "TOTE", "scans": ["(01)09520123456788(21)SN0003"], "order": "O-6"])
            #expect(wrongSKU.status == .badRequest)
            #expect((try wrongSKU.json()["details"] as? [String: String])?["field"] == "scans")
            #expect(wrongSKU.text.contains("scans[0]"))
            let both = try await api.send(.post, "/api/v1/shipments", as: .operator,
                                          json: ["scans": ["(01)09520123456788(21)SN0003"], "serials": ["SN0003"], "order": "O-6"])
            #expect(both.status == .badRequest)
            let neither = try await api.send(.post, "/api/v1/shipments", as: .operator, json: ["serials": ["SN0003"], "order": "O-6"])
            #expect(neither.status == .badRequest)
            #expect((try neither.json()["details"] as? [String: String])?["field"] == "sku")
            #expect(try await fixture.service.store.lastSeq() == before, "rejected requests write nothing")
        }
    }
}
