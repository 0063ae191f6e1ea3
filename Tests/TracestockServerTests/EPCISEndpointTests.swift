import Foundation
import HTTPTypes
import Testing
import Tracestock
import TracestockCore
import TracestockServer

/// EPCIS export (paged) and import over HTTP.
@Suite struct EPCISEndpointTests {
    @Test func theExportIsPagedWithANextCursor() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let first = try await api.send(.get, "/api/v1/epcis/events?limit=4", as: .viewer)
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.headers[.contentType]?.hasPrefix("application/ld+json") == true)
            #expect(try first.json()["type"] as? String == "EPCISDocument")
            let events = try #require((try first.json()["epcisBody"] as? [String: Any])?["eventList"] as? [[String: Any]])
            #expect(events.count == 4)
            #expect(first.headers[HTTPField.Name("Next-Since")!] == "4")
            let last = try await api.send(.get, "/api/v1/epcis/events?since=4&limit=4", as: .viewer)
            #expect(((try last.json()["epcisBody"] as? [String: Any])?["eventList"] as? [Any])?.count == 3)
            #expect(last.headers[HTTPField.Name("Next-Since")!] == nil, "the last page has no cursor")
            let badZone = try await api.send(.get, "/api/v1/epcis/events?timeZone=noon", as: .viewer)
            #expect(badZone.status == .badRequest)
        }
    }

    @Test func anImportRecordsReceiptsOnceAndABadDocumentWritesNothing() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let document = EPCISSample.shipmentToUs(serials: ["E1", "E2"])
            let first = try await api.send(.post, "/api/v1/epcis/events?at=WH-MAIN", as: .operator, json: document, contentType: "application/ld+json")
            #expect(first.status == .created, "\(first.text)")
            #expect(try first.json()["quantity"] as? Int == 2)
            #expect((try first.json()["events"] as? [[String: Any]])?.first?["status"] as? String == "recorded")
            #expect(try await fixture.service.history(sku: "EB-100", serial: "E2").location == "WH-MAIN")
            let seq = try await fixture.service.store.lastSeq()
            let again = try await api.send(.post, "/api/v1/epcis/events?at=WH-MAIN", as: .operator, json: document)
            #expect((try again.json()["events"] as? [[String: Any]])?.first?["status"] as? String == "alreadyImported")
            #expect(try await fixture.service.store.lastSeq() == seq)
            let unknownGTIN = EPCISSample.shipmentToUs(serials: ["E3"], eventID: "urn:uuid:7d7c4a1e-2222-5333-8444-000000000001")
                .mapValues { $0 }
            var text = String(decoding: try JSONSerialization.data(withJSONObject: unknownGTIN), as: UTF8.self)
            text = text.replacingOccurrences(of: "09520123456788", with: "04006381333931")
            let refused = try await api.send(.post, "/api/v1/epcis/events?at=WH-MAIN", as: .operator, raw: text, contentType: "application/json")
            #expect(refused.status.code >= 400 && refused.status.code < 500, "\(refused.text)")
            #expect(try await fixture.service.store.lastSeq() == seq, "a refused import writes nothing")
        }
    }
}
