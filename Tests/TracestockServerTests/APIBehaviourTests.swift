import Foundation
import HTTPTypes
import Testing
import Tracestock
import TracestockCore
import TracestockServer

@Suite struct APIBehaviourTests {
    @Test func anIdempotencyKeyReplaysTheFirstResultAndWritesNothing() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let body: [String: Any] = ["sku": "EB-100", "serials": ["SN0003"], "order": "O-10"]
            let first = try await api.send(.post, "/api/v1/shipments", as: .operator, json: body, headers: ["Idempotency-Key": "scan-1"])
            #expect(first.status == .created)
            let seqAfterFirst = try await fixture.service.store.lastSeq()
            let again = try await api.send(.post, "/api/v1/shipments", as: .operator, json: body, headers: ["Idempotency-Key": "scan-1"])
            #expect(again.status == .ok)
            #expect(try again.json()["replayed"] as? Bool == true)
            #expect(try again.json()["seq"] as? Int == (try first.json()["seq"] as? Int))
            #expect(try await fixture.service.store.lastSeq() == seqAfterFirst)
            let other = try await api.send(.post, "/api/v1/shipments", as: .operator,
                                           json: ["sku": "EB-100", "serials": ["SN0004"], "order": "O-10"], headers: ["Idempotency-Key": "scan-1"])
            #expect(other.status == .conflict)
            #expect(other.errorCode == "idempotencyConflict")
        }
    }

    @Test func aRetriedCatalogCreateWithAKeyAnswersTheExistingRecord() async throws {
        try await APIFixture.prepared().withClient { api in
            let sku: [String: Any] = ["code": "MUG", "title": "Mug", "tracking": "none", "gtin": "4006381333931"]
            let reply31 = try await api.send(.post, "/api/v1/skus", json: sku, headers: ["Idempotency-Key": "k1"])
            #expect(reply31.status == .created)
            let reply32 = try await api.send(.post, "/api/v1/skus", json: sku, headers: ["Idempotency-Key": "k1"])
            #expect(reply32.status == .ok)
            let reply33 = try await api.send(.post, "/api/v1/skus", json: sku)
            #expect(reply33.status == .conflict)
            var changed = sku
            changed["title"] = "Big mug"
            let reply36 = try await api.send(.post, "/api/v1/skus", json: changed, headers: ["Idempotency-Key": "k1"])
            #expect(reply36.status == .conflict)
        }
    }

    @Test func aReceiptTakes100kSerialsInOneRequest() async throws {
        let fixture = try await APIFixture.make()
        try await fixture.withClient { api in
            let serials = (0..<100_000).map { "BULK\(String(format: "%06d", $0))" }
            let reply = try await api.send(.post, "/api/v1/receipts", as: .operator, json: ["sku": "EB-100", "serials": serials, "location": "WH-MAIN"])
            #expect(reply.status == .created)
            let events = try #require(try reply.json()["events"] as? [[String: Any]])
            #expect(events.first?["quantity"] as? Int == 100_000)
            let stock = try await api.send(.get, "/api/v1/stock?sku=EB-100", as: .viewer)
            #expect(((try stock.json()["rows"] as? [[String: Any]])?.first?["quantity"] as? Int) == 100_000)
            let expression = try await api.send(.post, "/api/v1/shipments", as: .operator,
                                                json: ["sku": "EB-100", "serialExpression": "BULK000000-BULK049999", "order": "BIG-1"])
            #expect(((try expression.json()["events"] as? [[String: Any]])?.first?["quantity"] as? Int) == 50_000)
        }
    }

    @Test func theActorDefaultsToTheTokenName() async throws {
        try await APIFixture.prepared().withClient { api in
            _ = try await api.send(.post, "/api/v1/shipments", as: .operator, json: ["sku": "EB-100", "serials": ["SN0002"], "order": "O-11"])
            let history = try await api.send(.get, "/api/v1/units/EB-100/SN0002", as: .viewer)
            let events = try #require(try history.json()["events"] as? [[String: Any]])
            #expect(events.last?["actor"] as? String == "scanner-1")
            #expect(try history.json()["state"] as? String == "shipped")
            #expect(try history.json()["order"] as? String == "O-11")
        }
    }

    @Test func eventsArePaginatedByCursor() async throws {
        try await APIFixture.prepared().withClient { api in
            var since = 0
            var seen: [Int] = []
            for _ in 0..<10 {
                let page = try await api.send(.get, "/api/v1/events?since=\(since)&limit=3", as: .viewer)
                let events = try #require(try page.json()["events"] as? [[String: Any]])
                seen += events.compactMap { $0["seq"] as? Int }
                guard let next = try page.json()["next"] as? Int else { break }
                since = next
            }
            #expect(seen == Array(1...7))
        }
    }

    @Test func csvImportsTakeTextCSVBodies() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let good = try await api.send(.post, "/api/v1/imports/receipts", as: .operator,
                                          raw: "sku,location,serials,lot\nEB-100,WH-MAIN,R001-R100,L2\n", contentType: "text/csv")
            #expect(good.status == .created)
            #expect(try good.json()["quantity"] as? Int == 100)
            let bad = try await api.send(.post, "/api/v1/imports/receipts", as: .operator,
                                         raw: "sku,location,quantity\nTOTE,WH-MAIN,5\nTOTE,NOWHERE,1\n", contentType: "text/csv")
            #expect(bad.status == .notFound)
            #expect(bad.text.contains("line 3"), "\(bad.text)")
        }
    }

    @Test func tokensAreManagedOverTheAPI() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let created = try await api.send(.post, "/api/v1/tokens", json: ["name": "shop-sync", "role": "operator"])
            #expect(created.status == .created)
            let secret = try #require(try created.json()["secret"] as? String)
            let id = try #require(try created.json()["id"] as? Int)
            #expect(secret.hasPrefix("ts_") && secret.count == 67)
            let auth = ["Authorization": "Bearer \(secret)"]
            #expect(try await api.send(.get, "/api/v1/stock", as: nil, headers: auth).status == .ok)
            let list = try await api.send(.get, "/api/v1/tokens")
            #expect(!list.text.contains(secret) && !list.text.contains(Tracestock.tokenHash(secret)))
            #expect(try await api.send(.delete, "/api/v1/tokens/\(id)").status == .ok)
            #expect(try await api.send(.get, "/api/v1/stock", as: nil, headers: auth).status == .unauthorized)
            #expect(try await api.send(.delete, "/api/v1/tokens/\(id)").status == .conflict)
            let own = try await api.send(.delete, "/api/v1/tokens/1")
            #expect(own.status == .conflict, "an admin token revoked itself: \(own.text)")
        }
    }

    @Test func webUsersAreManagedOverTheAPIAndSignInWithTheirPassword() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let created = try await api.send(.post, "/api/v1/users", json: ["name": "alice", "role": "operator", "password": "correct horse"])
            #expect(created.status == .created, "\(created.text)")
            #expect(try created.json()["role"] as? String == "operator")
            #expect(!created.text.contains("correct horse") && !created.text.contains("scrypt"), "no password, no hash: \(created.text)")
            #expect(try await fixture.service.signIn(name: "alice", password: "correct horse")?.name == "alice")
            let again = try await api.send(.post, "/api/v1/users", json: ["name": "alice", "role": "viewer", "password": "another one"])
            #expect(again.status == .conflict)
            let short = try await api.send(.post, "/api/v1/users", json: ["name": "bob", "role": "viewer", "password": "short"])
            #expect(short.status == .badRequest)
            #expect(short.text.contains("password"), "\(short.text)")
            let list = try await api.send(.get, "/api/v1/users")
            let users = try #require(try list.json()["users"] as? [[String: Any]])
            #expect(users.map { $0["name"] as? String } == ["sample-user", "alice"])
            #expect(!list.text.contains("scrypt"))
            let disabled = try await api.send(.delete, "/api/v1/users/alice")
            #expect(disabled.status == .ok)
            #expect(try disabled.json()["disabledAt"] is String)
            #expect(try await fixture.service.signIn(name: "alice", password: "correct horse") == nil)
            #expect(try await api.send(.delete, "/api/v1/users/alice").status == .conflict)
            #expect(try await api.send(.delete, "/api/v1/users/nobody").status == .notFound)
        }
    }

    @Test func operationalEndpointsAnswerWithoutAToken() async throws {
        try await APIFixture.prepared().withClient { api in
            _ = try await api.send(.get, "/api/v1/units/EB-100/SN0001", as: .viewer)
            _ = try await api.send(.post, "/api/v1/shipments", as: .operator, json: ["sku": "EB-100", "serials": ["SN0009"], "order": "O-12"])
            #expect(try await api.send(.get, "/health", as: nil).text.contains("ok"))
            #expect(try await api.send(.get, "/ready", as: nil).text.contains("\"lastSeq\""))
            let metrics = try await api.send(.get, "/metrics", as: nil)
            #expect(metrics.text.contains("tracestock_http_requests_total{route=\"/api/v1/units/{sku}/{serial}\",method=\"GET\",status=\"200\"} 1"), "\(metrics.text)")
            #expect(metrics.text.contains("tracestock_http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains("tracestock_ledger_events_written_total 1"))
            let spec = try await api.send(.get, "/openapi.yaml", as: nil)
            #expect(spec.status == .ok)
            #expect(spec.text == (try String(contentsOf: SpecFile.url, encoding: .utf8)))
        }
    }

    @Test func theRequestIDIsEchoed() async throws {
        try await APIFixture.prepared().withClient { api in
            let given = try await api.send(.get, "/health", as: nil, headers: ["X-Request-Id": "scan-77"])
            #expect(given.headers[HTTPField.Name("X-Request-Id")!] == "scan-77")
            let generated = try await api.send(.get, "/api/v1/skus/NOPE", as: .viewer, headers: ["X-Request-Id": "bad id with spaces"])
            let id = try #require(generated.headers[HTTPField.Name("X-Request-Id")!])
            #expect(!id.isEmpty && id != "bad id with spaces")
        }
    }

    @Test func everyQueryAnswersTheCLIFieldNames() async throws {
        try await APIFixture.prepared().withClient { api in
            let stock = try await api.send(.get, "/api/v1/stock?by=cell&sku=VIT-C", as: .viewer)
            let row = try #require((try stock.json()["rows"] as? [[String: Any]])?.first)
            #expect(Set(row.keys).isSuperset(of: ["sku", "lot", "location", "quantity", "quarantined", "returned"]))
            #expect(try stock.json()["totalQuarantined"] != nil)
            let lookup = try await api.send(.get, "/api/v1/units?serial=SN0006", as: .viewer)
            #expect(((try lookup.json()["units"] as? [[String: Any]])?.first?["state"] as? String) == "returned")
            let write = try await api.send(.post, "/api/v1/adjustments", as: .operator,
                                           json: ["sku": "TOTE", "quantity": 3, "from": "WH-MAIN", "reason": "found"])
            #expect(Set(try write.json().keys) == ["seq", "seqs", "events", "replayed"])
            let expand = try await api.send(.get, "/api/v1/serials/expand?expression=SN099%2B1", as: .viewer)
            #expect(try expand.json()["serials"] as? [String] == ["SN099", "SN100"])
        }
    }
}

/// The EPCIS identifiers of the catalog (`sku add --gs1-prefix-length`, `location add --sgln`) over HTTP.
@Suite struct CatalogEPCISFieldTests {
    @Test func aLocationsSGLNAndASKUsCompanyPrefixLengthAreStoredAndUsedByTheExport() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let location = try await api.send(.post, "/api/v1/locations", json: ["code": "DC-1", "sgln": "urn:epc:id:sgln:9520123.00001.0"])
            #expect(location.status == .created, "\(location.text)")
            #expect(try location.json()["sgln"] as? String == "urn:epc:id:sgln:9520123.00001.0")
            let badSGLN = try await api.send(.post, "/api/v1/locations", json: ["code": "DC-2", "sgln": "somewhere"])
            #expect(badSGLN.status == .badRequest)
            #expect((try badSGLN.json()["details"] as? [String: String])?["field"] == "sgln")
            let sku = try await api.send(.patch, "/api/v1/skus/EB-100", json: ["gs1CompanyPrefixLength": 7])
            #expect(try sku.json()["gs1CompanyPrefixLength"] as? Int == 7, "\(sku.text)")
            let noGTIN = try await api.send(.patch, "/api/v1/skus/TOTE", json: ["gs1CompanyPrefixLength": 7])
            #expect(noGTIN.status == .badRequest)
            let export = try await api.send(.get, "/api/v1/epcis/events?limit=1&sku=EB-100", as: .viewer)
            #expect(export.text.contains("urn:epc:id:sgtin:9520123.0"), "\(export.text.prefix(600))")
        }
    }
}
