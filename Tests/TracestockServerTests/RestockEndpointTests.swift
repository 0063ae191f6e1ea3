import Foundation
import HTTPTypes
import Testing
import Tracestock
import TracestockCore
import TracestockServer

/// Reorder plan, ageing, inbound and sales history over HTTP.
@Suite struct RestockEndpointTests {
    @Test func theReorderPlanCountsInboundAndImportedSales() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let sales = try await api.send(.post, "/api/v1/imports/sales", as: .operator,
                                           raw: "date,sku,quantity,order_id\n2026-05-20,TOTE,10,S-1\n2026-05-21,TOTE,20,S-2\n", contentType: "text/csv")
            #expect(sales.status == .created, "\(sales.text)")
            #expect(try sales.json()["salesInserted"] as? Int == 2)
            let again = try await api.send(.post, "/api/v1/imports/sales", as: .operator,
                                           raw: "date,sku,quantity,order_id\n2026-05-20,TOTE,10,S-1\n", contentType: "text/csv")
            #expect(try again.json()["salesSkipped"] as? Int == 1, "a line imported before is skipped")
            let badLine = try await api.send(.post, "/api/v1/imports/sales", as: .operator,
                                             raw: "date,sku,quantity\n2026-05-22,NOPE,1\n", contentType: "text/csv")
            #expect(badLine.status == .notFound || badLine.status == .badRequest, "\(badLine.text)")
            #expect(badLine.text.contains("line 2"))

            let inbound: [String: Any] = ["sku": "TOTE", "quantity": 600, "eta": "2026-07-15", "reference": "PO-1042"]
            #expect(try await api.send(.post, "/api/v1/inbound", as: .operator, json: inbound, headers: ["Idempotency-Key": "po-1"]).status == .created)
            #expect(try await api.send(.post, "/api/v1/inbound", as: .operator, json: inbound, headers: ["Idempotency-Key": "po-1"]).status == .ok)
            #expect(try await api.send(.post, "/api/v1/inbound", as: .operator, json: inbound).status == .conflict)
            let list = try await api.send(.get, "/api/v1/inbound", as: .viewer)
            let line = try #require((try list.json()["inbound"] as? [[String: Any]])?.first)
            #expect(line["reference"] as? String == "PO-1042" && line["eta"] as? String == "2026-07-15" && line["open"] as? Int == 600)

            let plan = try await api.send(.get, "/api/v1/reorder?sku=TOTE&window=30&serviceLevel=97.5&asOf=2026-06-01", as: .viewer)
            #expect(plan.status == .ok, "\(plan.text)")
            #expect(try plan.json()["asOf"] as? String == "2026-06-01")
            let tote = try #require((try plan.json()["skus"] as? [[String: Any]])?.first)
            #expect(tote["sku"] as? String == "TOTE")
            #expect(tote["inbound"] as? Int == 600)
            // 30 units sold; the window starts at the first imported sale (2026-05-20): 13 days.
            #expect(abs((tote["dailyDemand"] as? Double ?? 0) - 30.0 / 13.0) < 1e-9)
            let badLevel = try await api.send(.get, "/api/v1/reorder?serviceLevel=100", as: .viewer)
            #expect(badLevel.status == .badRequest)
        }
    }

    @Test func ageingBucketsStockAndPricesItWithASurchargeTable() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let report = try await api.send(.get, "/api/v1/ageing?at=2026-06-01", as: .viewer)
            #expect(report.status == .ok, "\(report.text)")
            let rows = try #require(try report.json()["rows"] as? [[String: Any]])
            #expect(rows.contains { $0["sku"] as? String == "VIT-C" && $0["lot"] as? String == "B1" && $0["quantity"] as? Int == 100 })
            #expect(try report.json()["totalSurcharge"] as? Double == 0)
            let priced = try await api.send(.post, "/api/v1/ageing?at=2026-06-01", as: .viewer,
                                            raw: "bucket,per_unit,per_cubic_foot\n0-90,0.10,0\n", contentType: "text/csv")
            #expect(priced.status == .ok, "\(priced.text)")
            #expect((try priced.json()["totalSurcharge"] as? Double ?? 0) > 0)
            let badBuckets = try await api.send(.get, "/api/v1/ageing?buckets=90-0", as: .viewer)
            #expect(badBuckets.status == .badRequest)
            #expect((try badBuckets.json()["details"] as? [String: String])?["field"] == "buckets")
        }
    }
}
