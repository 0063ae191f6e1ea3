import Foundation
import Testing
import Tracestock
import TracestockCore

@Suite struct ScanTests {
    @Test func scanJSONFollowsTheContractAndResolvesTheSKU() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        let result = await cli.run(["scan", "]d2010952012345678817251200\u{1D}10ABC123\u{1D}21SN-0001", "--json"])
        #expect(result.code == 0, "\(result.err)")
        let json = try result.json()
        #expect(json["kind"] as? String == "gs1")
        #expect(json["gtin"] as? String == "09520123456788")
        #expect(json["lot"] as? String == "ABC123")
        #expect(json["serial"] as? String == "SN-0001")
        #expect(json["expiry"] as? String == "2025-12-31")
        #expect(json["sku"] as? String == "EB-100")
        #expect(json["sscc"] is NSNull)
        #expect((json["ais"] as? [String: String])?["17"] == "251200")
        let fnsku = try await cli.run(["scan", "X001ABCDEF", "--json"]).json()
        #expect(fnsku["kind"] as? String == "fnsku")
        #expect(fnsku["sku"] as? String == "EB-100")
        let bad = await cli.run(["scan", "(01)09520123456789"])
        #expect(bad.code == 1)
        #expect(bad.err.contains("(01)") && bad.err.contains("check digit"), "\(bad.err)")
    }

    @Test func gs1EncodeRoundTripsThroughScan() async throws {
        let cli = try CLIHarness()
        let encoded = try await cli.run(["gs1", "encode", "--gtin", "9520123456788", "--lot", "A/B-1", "--serial", "12345", "--expiry", "2026-04-30",
                                         "--host", "brand.example", "--json"], withDB: false).json()
        #expect(encoded["bracketed"] as? String == "(01)09520123456788(17)260430(10)A/B-1(21)12345")
        let link = try #require(encoded["digitalLink"] as? String)
        #expect(link == "https://brand.example/01/09520123456788/10/A%2FB-1/21/12345?17=260430")
        for form in [encoded["bracketed"], encoded["raw"], encoded["digitalLink"]].compactMap({ $0 as? String }) {
            let scanned = try await cli.run(["scan", form, "--json"], withDB: false).json()
            #expect(scanned["lot"] as? String == "A/B-1", "\(form)")
            #expect(scanned["serial"] as? String == "12345")
            #expect(scanned["expiry"] as? String == "2026-04-30")
        }
    }

    @Test func receiveShipAndReturnByScan() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        let received = await cli.run(["receive", "--scan", "(01)09520123456788(17)271231(10)L7(21)S-1",
                                      "--scan", "https://id.gs1.org/01/09520123456788/10/L7/21/S-2", "--at", "WH-MAIN", "--json"])
        #expect(received.code == 0, "\(received.err)")
        let history = try await cli.run(["history", "EB-100", "S-1", "--json"]).json()
        #expect(history["lot"] as? String == "L7")
        let lots = try await cli.run(["sku", "show", "EB-100", "--json"]).json()["lots"] as? [[String: Any]]
        #expect(lots?.first?["expires"] as? String == "2027-12-31")

        let wrongSKU = await cli.run(["receive", "VIT-C", "--scan", "(01)09520123456788(10)L7(21)S-3", "--at", "WH-MAIN"])
        #expect(wrongSKU.code == 1)
        #expect(wrongSKU.err.contains("it is SKU EB-100, not VIT-C"), "\(wrongSKU.err)")
        let wrongLot = await cli.run(["receive", "--scan", "(01)09520123456788(10)L7(21)S-3", "--lot", "L8", "--at", "WH-MAIN"])
        #expect(wrongLot.code == 1)
        #expect(wrongLot.err.contains("its lot is L7, not L8"))

        let file = try cli.file("scans.txt", "(01)09520123456788(10)L7(21)S-1\n\n")
        #expect(await cli.run(["ship", "--scan-file", file, "--order", "113-1234567-1234567"]).code == 0)
        #expect(await cli.run(["return", "--scan", "(01)09520123456788(21)S-1", "--order", "113-1234567-1234567", "--to", "WH-MAIN"]).code == 0)
        let state = try await cli.run(["history", "EB-100", "S-1", "--json"]).json()["state"] as? String
        #expect(state == "returned")
    }

    @Test func returnVerifyAndRecallPrintTheDocumentedJSON() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        #expect(await cli.run(["receive", "EB-100", "--serials", "R1..R5", "--lot", "L1", "--at", "WH-MAIN"]).code == 0)
        #expect(await cli.run(["ship", "EB-100", "--serials", "R1", "--order", "113-1000000-0000001", "--customer", "C-1"]).code == 0)
        let verify = try await cli.run(["return", "verify", "--order", "113-1000000-0000001", "--sku", "EB-100", "--serial", "R2", "--json"]).json()
        #expect(verify["verdict"] as? String == "notShipped")
        #expect((verify["evidence"] as? [String: Any])?["state"] as? String == "in_stock")
        let refused = await cli.run(["return", "--order", "113-1000000-0000001", "--serial", "R2", "--to", "WH-MAIN"])
        #expect(refused.code == 3)
        #expect(refused.err.contains("notShipped"))
        let recall = try await cli.run(["recall", "--sku", "EB-100", "--lot", "L1", "--quarantine", "--json"]).json()
        #expect(recall["total"] as? Int == 5)
        #expect(recall["quarantined"] as? Int == 4)
        let byState = try #require(recall["byState"] as? [String: Int])
        #expect(byState == ["in_stock": 0, "quarantined": 4, "shipped": 1, "returned": 0, "disposed": 0])
        let groups = try #require(recall["groups"] as? [[String: Any]])
        #expect(Set(groups[0].keys).isSuperset(of: ["state", "location", "order", "lot", "quantity", "serials"]))
        let warranty = try await cli.run(["warranty", "R1", "--json"]).json()
        #expect(warranty["status"] as? String == "inWarranty")
        #expect(warranty["daysLeft"] as? Int == 365)
        let back = try await cli.run(["trace", "back", "--order", "113-1000000-0000001", "--json"]).json()
        #expect((back["serials"] as? [[String: Any]])?.first?["serial"] as? String == "R1")
        let forward = try await cli.run(["trace", "forward", "--sku", "EB-100", "--lot", "L1", "--json"]).json()
        #expect((forward["orders"] as? [[String: Any]])?.first?["customer"] as? String == "C-1")
        let csv = await cli.run(["returns", "report", "--csv"])
        #expect(csv.out.hasPrefix("seq,date,order,sku"))
    }
}
