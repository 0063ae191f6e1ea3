import Foundation
import HTTPTypes
import Testing
import Tracestock
import TracestockCore
@testable import TracestockWeb

/// Every page renders with the demo store's data, and the writes work through the forms.
@Suite struct PageTests {
    @Test(arguments: ["/", "/skus/EB-100", "/skus/VIT-C", "/skus/TOTE", "/scan", "/returns", "/recall", "/reorder", "/ageing", "/verify",
                      "/reorder?sort=on_hand&dir=desc", "/ageing?sort=quantity&dir=asc", "/recall?sku=VIT-C&lots=B7781"])
    func everyPageRendersForAViewer(_ path: String) async throws {
        try await WebFixture.shared.value.withClient { client in
            try await client.signIn("viewer")
            let page = try await client.get(path)
            #expect(page.status == .ok, "\(path): \(page.status) \(page.body.prefix(300))")
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.body.hasPrefix("<!doctype html>") && page.body.contains("</html>"))
        }
    }

    @Test func theSKUPageShowsIdentifiersLotsStockAChartAndRestockNumbers() async throws {
        try await WebFixture.shared.value.withClient { client in
            try await client.signIn("viewer")
            let page = try await client.get("/skus/VIT-C")
            #expect(page.body.contains("B7781") && page.body.contains("09520123456"))
            #expect(page.body.contains("<svg") && page.body.contains("<rect"))
            #expect(page.body.contains("Reorder point") && page.body.contains("Safety stock"))
            #expect(try await client.get("/skus/NOPE").status == .notFound)
        }
    }

    @Test func theUnitPageShowsTheTimelineWarrantyAndLabel() async throws {
        let fixture = try await WebFixture.shared.value
        let history = try await fixture.service.history(sku: "EB-100", serial: "EB000001")
        try await fixture.withClient { client in
            try await client.signIn("viewer")
            let page = try await client.get("/units/EB-100/EB000001")
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"unit-history\"") && page.body.contains("receive"))
            #expect(history.events.allSatisfy { page.body.contains("#\($0.seq)") })
            #expect(page.body.contains("id=\"warranty-status\""))
            let label = try await client.get("/units/EB-100/EB000001/label.svg")
            #expect(label.status == .ok && label.headers[.contentType] == "image/svg+xml" && label.body.contains("<svg"))
            #expect(try await client.get("/units?sku=EB-100&serial=EB000001").location == "/units/EB-100/EB000001")
            #expect(try await client.get("/units/EB-100/NOPE").status == .notFound)
        }
    }

    @Test func aViewerCannotWrite() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { client in
            try await client.signIn("viewer")
            let csrf = try await client.csrf(from: "/scan")
            let receive = try await client.post("/scan", [("csrf", csrf), ("mode", "receive"), ("scan", "(01)09520123456788(21)V-1"),
                                                          ("location", "WH-MAIN")])
            #expect(receive.status == .forbidden)
            #expect(receive.body.contains("Not allowed"))
            let record = try await client.post("/returns", [("csrf", csrf), ("order", "X"), ("sku", "EB-100"), ("serial", "EB000001")])
            #expect(record.status == .forbidden)
            let recall = try await client.post("/recall", [("csrf", csrf), ("sku", "VIT-C"), ("lots", "B7781"), ("confirm", "yes")])
            #expect(recall.status == .forbidden)
        }
        _ = await expectNotFound { _ = try await fixture.service.history(sku: "EB-100", serial: "V-1") }
    }

    @Test func anOperatorReceivesShipsAndChecksAReturnByScanning() async throws {
        let fixture = try await WebFixture.make()
        try await fixture.withClient { client in
            try await client.signIn("oper")
            let csrf = try await client.csrf(from: "/scan")
            for serial in ["W-1", "W-2"] {
                let page = try await client.post("/scan", [("csrf", csrf), ("mode", "receive"), ("scan", "(01)09520123456788(21)\(serial)"),
                                                           ("location", "WH-MAIN")])
                #expect(page.status == .ok && page.body.contains("RECEIVED"), "\(page.body)")
            }
            let ship1 = try await client.post("/scan", [("csrf", csrf), ("mode", "ship"), ("scan", "(01)09520123456788(21)W-1"), ("order", "O-1")])
            let ship2 = try await client.post("/scan", [("csrf", csrf), ("mode", "ship"), ("scan", "(01)09520123456788(21)W-2"), ("order", "O-2")])
            #expect(ship1.body.contains("SHIPPED") && ship2.body.contains("SHIPPED"))
            let again = try await client.post("/scan", [("csrf", csrf), ("mode", "ship"), ("scan", "(01)09520123456788(21)W-2"), ("order", "O-3")])
            #expect(again.status == .conflict && again.body.contains("REFUSED"))
            let swapped = try await client.post("/scan", [("csrf", csrf), ("mode", "return"), ("scan", "(01)09520123456788(21)W-2"), ("order", "O-1")])
            #expect(swapped.body.contains("wrongOrder"))
        }
        #expect(try await fixture.service.history(sku: "EB-100", serial: "W-1").state == .shipped)
        #expect(try await fixture.service.history(sku: "EB-100", serial: "W-1").events.last?.actor == "oper")
    }

    @Test func aSuspiciousReturnIsRecordedOnlyWhenAcceptedWithAReason() async throws {
        let fixture = try await WebFixture.make()
        _ = try await fixture.service.receive(ReceiveRequest(sku: "EB-100", serials: ["R-1", "R-2"], location: "WH-MAIN"))
        _ = try await fixture.service.apply(MovementRequest(.ship, sku: "EB-100", serials: ["R-1"], order: "RO-1"))
        _ = try await fixture.service.apply(MovementRequest(.ship, sku: "EB-100", serials: ["R-2"], order: "RO-2"))
        try await fixture.withClient { client in
            try await client.signIn("oper")
            let check = try await client.get("/returns?order=RO-1&serial=R-2")
            #expect(check.body.contains("wrongOrder") && check.body.contains("RO-2"))
            let csrf = try #require(check.csrf)
            let fields = [("csrf", csrf), ("order", "RO-1"), ("sku", "EB-100"), ("serial", "R-2"), ("to", "WH-MAIN")]
            let refused = try await client.post("/returns", fields)
            #expect(refused.status == .conflict && refused.body.contains("returns-error"))
            let recorded = try await client.post("/returns", fields + [("acceptSuspicious", "yes"), ("reason", "swapped")])
            #expect(recorded.status == .ok && recorded.body.contains("Recorded the return"), "\(recorded.body)")
            #expect(try await client.get("/").body.contains("RO-1"), "the dashboard lists it as suspicious")
        }
    }

    @Test func aRecallQuarantinesOnlyAfterConfirmation() async throws {
        let fixture = try await WebFixture.make()
        let before = try await fixture.service.recall(RecallRequest(sku: "VIT-C", lots: ["B7781"]))
        let inStock = try #require(before.byState["in_stock"])
        try await fixture.withClient { client in
            try await client.signIn("oper")
            let csrf = try await client.csrf(from: "/recall?sku=VIT-C&lots=B7781")
            let ask = try await client.post("/recall", [("csrf", csrf), ("sku", "VIT-C"), ("lots", "B7781")])
            #expect(ask.body.contains("Confirm quarantine"))
            #expect(try await fixture.service.recall(RecallRequest(sku: "VIT-C", lots: ["B7781"])).byState["in_stock"] == inStock, "nothing moved yet")
            let done = try await client.post("/recall", [("csrf", csrf), ("sku", "VIT-C"), ("lots", "B7781"), ("confirm", "yes"), ("reason", "notice")])
            #expect(done.body.contains("Quarantined \(Format.count(inStock))"), "\(done.body.prefix(2000))")
            let csv = try await client.get("/recall.csv?sku=VIT-C&lots=B7781")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.body.hasPrefix("sku,state,location,order,shipped_at,customer,lot,serial,quantity\n"))
            #expect(csv.body.contains("VIT-C,quarantined,"))
        }
        let after = try await fixture.service.recall(RecallRequest(sku: "VIT-C", lots: ["B7781"]))
        #expect((after.byState["in_stock"] ?? 0) == 0, "\(after.byState)")
        #expect(after.byState["quarantined"] == (before.byState["quarantined"] ?? 0) + inStock)
    }

    @Test func reportsDownloadAsSortedCSV() async throws {
        try await WebFixture.shared.value.withClient { client in
            try await client.signIn("viewer")
            let reorder = try await client.get("/reorder.csv?sort=sku&dir=desc")
            let lines = reorder.body.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("sku,status,daily_demand") == true)
            let skus = lines.dropFirst().map { String($0.split(separator: ",")[0]) }
            #expect(skus == skus.sorted(by: >) && skus.contains("EB-100"))
            let ageing = try await client.get("/ageing.csv")
            #expect(ageing.body.hasPrefix("sku,lot,bucket,quantity,surcharge\n"))
            #expect(ageing.headers[.contentDisposition]?.contains("attachment") == true)
        }
    }

    @Test func thePublicVerifyPageNeedsNoSignIn() async throws {
        let fixture = try await WebFixture.make()
        let code = try #require(try await fixture.service.issueCodes(sku: "EB-100", serials: ["EB000001"], allUnissued: false).first).code
        try await fixture.withClient { client in
            let form = try await client.get("/verify")
            #expect(form.status == .ok)
            let genuine = try await client.post("/verify", [("csrf", try #require(form.csrf)), ("code", code)])
            #expect(genuine.status == .ok && genuine.body.contains("genuine") && genuine.body.contains("Earbuds Pro"))
            let unknown = try await client.post("/verify", [("csrf", try #require(form.csrf)), ("code", "TS:0000000000000000000000000000")])
            #expect(unknown.body.contains("verdict bad"))
            let forged = try await client.post("/verify", [("csrf", "x"), ("code", code)])
            #expect(forged.status == .forbidden)
        }
    }

    @Test func csvCellsThatLookLikeFormulasAreDefused() {
        #expect(CSVText.escape("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVText.escape("-5") == "-5")
        #expect(CSVText.escape("a,b") == "\"a,b\"")
    }

    func expectNotFound(_ body: () async throws -> Void) async -> Bool {
        do { try await body(); Issue.record("expected notFound"); return false } catch let error as TracestockError {
            #expect(error.code == .notFound)
            return true
        } catch { Issue.record("\(error)"); return false }
    }
}
