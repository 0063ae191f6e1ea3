import Foundation
import HTTPTypes
import Testing
import Tracestock
import TracestockCore
import TracestockServer

/// Returns verification, returns report, warranty, recall and trace over HTTP, against `prepared()`
/// stock (SN0005 out on O-1, SN0006 back from O-2, SN0007 quarantined).
@Suite struct TraceabilityEndpointTests {
    @Test func verifyingAReturnGivesTheVerdictWithEvidenceAndWritesNothing() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let before = try await fixture.service.store.lastSeq()
            let match = try await api.send(.post, "/api/v1/returns/verify", as: .viewer, json: ["order": "O-1", "serial": "SN0005"])
            #expect(match.status == .ok)
            #expect(try match.json()["verdict"] as? String == "match")
            #expect(try match.json()["sku"] as? String == "EB-100", "the SKU comes from the serial")
            let wrong = try await api.send(.post, "/api/v1/returns/verify", as: .viewer, json: ["order": "O-2", "sku": "EB-100", "serial": "SN0005"])
            #expect(try wrong.json()["verdict"] as? String == "wrongOrder")
            #expect((try wrong.json()["evidence"] as? [String: Any])?["shippedOrder"] as? String == "O-1")
            #expect(!wrong.text.contains("null"), "absent fields are left out, not null")
            let unknown = try await api.send(.post, "/api/v1/returns/verify", as: .viewer, json: ["order": "O-1", "sku": "EB-100", "serial": "FAKE-1"])
            #expect(try unknown.json()["verdict"] as? String == "unknownSerial")
            let noSKU = try await api.send(.post, "/api/v1/returns/verify", as: .viewer, json: ["order": "O-1"])
            #expect(noSKU.status == .badRequest)
            #expect((try noSKU.json()["details"] as? [String: String])?["field"] == "sku")
            #expect(try await fixture.service.store.lastSeq() == before)
        }
    }

    @Test func aSuspiciousReturnIsRefusedUnlessAcceptedWithAReasonAndThenReported() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let body: [String: Any] = ["sku": "EB-100", "serials": ["SN0005"], "order": "O-2", "to": "WH-MAIN", "reason": "customer sent the wrong unit"]
            let before = try await fixture.service.store.lastSeq()
            let refused = try await api.send(.post, "/api/v1/returns", as: .operator, json: body)
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(refused.text.contains("wrongOrder"))
            #expect(try await fixture.service.store.lastSeq() == before, "a refused return writes nothing")
            var accepted = body
            accepted["acceptSuspicious"] = true
            let recorded = try await api.send(.post, "/api/v1/returns", as: .operator, json: accepted)
            #expect(recorded.status == .created, "\(recorded.text)")
            let report = try await api.send(.get, "/api/v1/returns/report?verdict=wrongOrder", as: .viewer)
            let returns = try #require(try report.json()["returns"] as? [[String: Any]])
            #expect(returns.count == 1)
            #expect(returns.first?["order"] as? String == "O-2")
            #expect(returns.first?["reason"] as? String == "customer sent the wrong unit")
            let csv = try await api.send(.get, "/api/v1/returns/report?since=2026-01-01", as: .viewer, headers: ["Accept": "text/csv"])
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("seq,date,order,sku,lot,quantity,serials,claimed,verdict,reason,location\n"))
            #expect(csv.text.contains("wrongOrder"))
            let onAShipment = try await api.send(.post, "/api/v1/shipments", as: .operator,
                                                 json: ["sku": "EB-100", "serials": ["SN0002"], "order": "O-9", "acceptSuspicious": true])
            #expect(onAShipment.status == .badRequest)
            #expect((try onAShipment.json()["details"] as? [String: String])?["field"] == "acceptSuspicious")
        }
    }

    @Test func warrantyIsAnsweredBySerialOrCodeAndARegistrationIsRecorded() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let shipped = try await api.send(.get, "/api/v1/warranty/SN0005", as: .viewer)
            #expect(shipped.status == .ok)
            #expect(try shipped.json()["order"] as? String == "O-1")
            let inStock = try await api.send(.get, "/api/v1/warranty/\(try #require(fixture.code))", as: .viewer)
            #expect(try inStock.json()["serial"] as? String == "SN0001", "an authentication code names its unit")
            #expect(try inStock.json()["status"] as? String == "notSold")
            let key = ["Idempotency-Key": "reg-1"]
            let body: [String: Any] = ["sku": "EB-100", "serial": "SN0005", "customerRef": "C-1029", "at": "2026-05-02"]
            #expect(try await api.send(.post, "/api/v1/registrations", as: .operator, json: body, headers: key).status == .created)
            let replay = try await api.send(.post, "/api/v1/registrations", as: .operator, json: body, headers: key)
            #expect(replay.status == .ok)
            #expect(try replay.json()["replayed"] as? Bool == true)
            let registered = try await api.send(.get, "/api/v1/warranty/SN0005?sku=EB-100", as: .viewer)
            #expect(try registered.json()["customerRef"] as? String == "C-1029")
            let again = try await api.send(.post, "/api/v1/registrations", as: .operator,
                                           json: ["sku": "EB-100", "serial": "SN0005", "customerRef": "C-2"])
            #expect(again.status == .conflict, "one registration per sale without transfer: \(again.text)")
            let unknown = try await api.send(.get, "/api/v1/warranty/NOPE-1", as: .viewer)
            #expect(unknown.status == .notFound)
            // Any serial is a serial, even one spelled like a resource name.
            _ = try await fixture.service.receive(ReceiveRequest(sku: "EB-100", serialExpression: "registrations", location: "WH-MAIN"))
            let named = try await api.send(.get, "/api/v1/warranty/registrations", as: .viewer)
            #expect(named.status == .ok, "\(named.text)")
            #expect(try named.json()["serial"] as? String == "registrations")
        }
    }

    @Test func aRecallReportsWhereEverythingIsAndQuarantinesOnlyWhenAsked() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let before = try await fixture.service.store.lastSeq()
            let report = try await api.send(.get, "/api/v1/recalls?sku=EB-100&lot=L1", as: .viewer)
            #expect(report.status == .ok, "\(report.text)")
            #expect(try report.json()["total"] as? Int == 10)
            let byState = try #require(try report.json()["byState"] as? [String: Int])
            #expect(byState["shipped"] == 1 && byState["quarantined"] == 1 && byState["returned"] == 1 && byState["in_stock"] == 7)
            #expect(try report.json()["orders"] as? [String] == ["O-1"])
            let csv = try await api.send(.get, "/api/v1/recalls?sku=EB-100&lot=L1", as: .viewer, headers: ["Accept": "text/csv"])
            #expect(csv.text.hasPrefix("state,location,order,shipped_at,customer,lot,quantity,serials\n"))
            #expect(csv.text.contains("shipped,,O-1,"))
            #expect(try await fixture.service.store.lastSeq() == before, "a recall report writes nothing")

            let recall = try await api.send(.post, "/api/v1/recalls", as: .operator,
                                            json: ["sku": "EB-100", "serialExpression": "SN0001-SN0004", "quarantine": true, "reason": "recall R-1"])
            #expect(recall.status == .ok, "\(recall.text)")
            #expect(try recall.json()["quarantined"] as? Int == 4)
            #expect(try await fixture.service.history(sku: "EB-100", serial: "SN0003").state == .quarantined)
            let second = try await api.send(.post, "/api/v1/recalls", as: .operator,
                                            json: ["sku": "EB-100", "serialExpression": "SN0001-SN0004", "quarantine": true, "reason": "recall R-1"])
            #expect(try second.json()["quarantined"] as? Int == 0)
            let nothingNamed = try await api.send(.get, "/api/v1/recalls?sku=EB-100", as: .viewer)
            #expect(nothingNamed.status == .badRequest, "\(nothingNamed.text)")
        }
    }

    @Test func anOrderTracesBackToItsLotsSerialsAndReceipts() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let trace = try await api.send(.get, "/api/v1/orders/O-1/trace", as: .viewer)
            #expect(trace.status == .ok)
            let serials = try #require(try trace.json()["serials"] as? [[String: Any]])
            #expect(serials.map { $0["serial"] as? String } == ["SN0005"])
            #expect((try trace.json()["lots"] as? [[String: Any]])?.first?["lot"] as? String == "L1")
            #expect((try trace.json()["receipts"] as? [[String: Any]])?.first?["seq"] as? Int == 1)
            #expect(try await api.send(.get, "/api/v1/orders/NO-SUCH/trace", as: .viewer).status == .notFound)
        }
    }
}
