import Foundation
import Testing
import Tracestock
import TracestockCore

@Suite(.postgresScope) struct RestockServiceTests {
    static func day(_ text: String) throws -> Day { try Day(text) }

    @Test(arguments: StoreKind.all)
    func theReorderPlanReadsShipmentsStockAndInbound(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.updateSKU("TOTE") { $0.productionDays = 10; $0.transitDays = 5; $0.casePack = 50; $0.moq = 100 }
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 400, location: "WH-MAIN", at: Timestamp(year: 2026, month: 1, day: 1)))
        // 10 a day for the 30 days before June 1st.
        for d in 2...31 {
            _ = try await service.ship(MovementRequest(.ship, sku: "TOTE", quantity: 10, order: "O-\(d)", at: Timestamp(year: 2026, month: 5, day: d, hour: 9)))
        }
        try await service.addInbound(sku: "TOTE", quantity: 200, eta: "2026-06-10", reference: "PO-1")
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 50, location: "WH-MAIN", reference: "PO-1"))
        let plan = try await service.reorder(skus: ["TOTE"], policy: RestockPolicy(window: 30, serviceLevel: 95, targetDays: 30),
                                             asOf: try Self.day("2026-05-31"))
        let line = try #require(plan.skus.first)
        #expect(abs(line.dailyDemand - 10) < 1e-9)
        #expect(line.sigma == 0)
        #expect(line.leadTimeDays == 15)
        #expect(line.onHand == 400 - 300 + 50)
        #expect(line.inbound == 150, "the receipt against PO-1 counts against the inbound line")
        #expect(line.reorderPoint == 150)
        #expect(line.status == .ok)
        let lines = try await service.inbound()
        #expect(lines.first?.line.received == 50)
    }

    @Test(arguments: StoreKind.all)
    func voidedShipmentsLeaveTheSalesHistoryAndRestockedReturnsDoNotReduceDemand(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 100, location: "WH-MAIN", at: Timestamp(year: 2026, month: 5, day: 1)))
        let ship = try await service.ship(MovementRequest(.ship, sku: "TOTE", quantity: 30, order: "O-1"))
        _ = try await service.ship(MovementRequest(.ship, sku: "TOTE", quantity: 20, order: "O-2"))
        _ = try await service.apply(MovementRequest(.return, sku: "TOTE", quantity: 5, to: "WH-MAIN", order: "O-2"))
        _ = try await service.apply(MovementRequest(.restock, sku: "TOTE", quantity: 5, from: "WH-MAIN"))
        var plan = try await service.reorder(skus: ["TOTE"], policy: RestockPolicy(window: 10))
        #expect(abs((plan.skus.first?.dailyDemand ?? 0) - 5) < 1e-9, "50 shipped over 10 days; the return comes back into stock, not out of demand")
        #expect(plan.skus.first?.onHand == 55)
        _ = try await service.void(VoidRequest(seq: ship.seq))
        plan = try await service.reorder(skus: ["TOTE"], policy: RestockPolicy(window: 10))
        #expect(abs((plan.skus.first?.dailyDemand ?? 0) - 2) < 1e-9)
        try await service.expectConsistent()
    }

    /// A SKU first received or sold inside the window is planned over the days since then; one with
    /// earlier activity (a receipt, or an imported sale) over the whole window.
    @Test(arguments: StoreKind.all)
    func aSKUsHistoryStartsAtItsFirstReceiptOrSaleInsideTheWindow(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        func at(_ day: Int) -> Timestamp { Timestamp(year: 2026, month: 5, day: day, hour: 9) }
        // TOTE: received before the window (May 22-31), 2 shipped a day on its last five days.
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 100, location: "WH-MAIN", at: at(1)))
        // VIT-C: first received on May 27, the same shipments.
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 100, lot: "L1", location: "WH-MAIN", at: at(27)))
        for day in 27...31 {
            for sku in ["TOTE", "VIT-C"] {
                _ = try await service.ship(MovementRequest(.ship, sku: sku, quantity: 2, order: "O-\(sku)-\(day)", at: at(day)))
            }
        }
        // EB-100: received on May 27 and 5 shipped on May 28, but an imported sale on May 10.
        _ = try await service.receive(ReceiveRequest(sku: "EB-100", serialExpression: "EB000001..EB000010", lot: "L1", location: "WH-MAIN", at: at(27)))
        _ = try await service.apply(MovementRequest(.ship, sku: "EB-100", serialExpression: "EB000001..EB000005", order: "O-EB", at: at(28)))
        var plan = try await service.reorder(policy: RestockPolicy(window: 10), asOf: try Self.day("2026-05-31"))
        func demand(_ sku: String) -> Double? { plan.skus.first { $0.sku == sku }?.dailyDemand }
        #expect(abs((demand("TOTE") ?? 0) - 1) < 1e-9, "10 units over the whole window of 10 days")
        #expect(abs((demand("VIT-C") ?? 0) - 2) < 1e-9, "10 units over the 5 days since its first receipt")
        #expect(abs((demand("EB-100") ?? 0) - 1) < 1e-9, "5 units over the 5 days since its first receipt")
        _ = try await service.importSales(csv: "date,sku,quantity,order_id\n2026-05-10,EB-100,1,A-1\n", file: "sales.csv")
        plan = try await service.reorder(policy: RestockPolicy(window: 10), asOf: try Self.day("2026-05-31"))
        #expect(abs((demand("EB-100") ?? 0) - 0.5) < 1e-9, "sold before the window: the whole window counts")
        // The same SKUs asked for by name take the same path.
        plan = try await service.reorder(skus: ["VIT-C", "EB-100"], policy: RestockPolicy(window: 10), asOf: try Self.day("2026-05-31"))
        #expect(abs((demand("VIT-C") ?? 0) - 2) < 1e-9)
        #expect(abs((demand("EB-100") ?? 0) - 0.5) < 1e-9)
    }

    @Test(arguments: StoreKind.all)
    func aSKUWithNoSalesSaysSo(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 10, location: "WH-MAIN"))
        let plan = try await service.reorder()
        #expect(plan.skus.first { $0.sku == "TOTE" }?.status == .noSales)
        #expect(plan.skus.count == 3)
    }

    @Test func amazonOrderReportsImportOnceWithCancelledLinesIgnored() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        let report = try cli.file("orders.txt", """
            amazon-order-id\tmerchant-order-id\tpurchase-date\tsku\tquantity\titem-status\tproduct-name
            111-0000001-0000001\t\t2026-05-30T10:00:00+00:00\tTOTE\t3\tShipped\tCanvas tote
            111-0000002-0000002\t\t2026-05-30T11:00:00+00:00\tTOTE\t2\tCancelled\tCanvas tote
            111-0000003-0000003\t\t2026-05-31T08:00:00-07:00\tTOTE\t4\tShipped\tCanvas tote
            """)
        let first = try await cli.run(["import", "sales", report, "--json"]).json()
        #expect(first["salesInserted"] as? Int == 2)
        #expect(first["cancelledIgnored"] as? Int == 1)
        let again = try await cli.run(["import", "sales", report, "--json"]).json()
        #expect(again["salesInserted"] as? Int == 0)
        #expect(again["salesSkipped"] as? Int == 2)
        let plan = try await cli.run(["reorder", "--sku", "TOTE", "--window", "7", "--as-of", "2026-05-31", "--json"]).json()
        let line = try #require((plan["skus"] as? [[String: Any]])?.first)
        #expect(abs((line["dailyDemand"] as? Double ?? 0) - 3.5) < 1e-9, "7 units over the 2 days since the SKU's history starts (its first sale)")
        #expect(Set(line.keys).isSuperset(of: ["sku", "dailyDemand", "sigma", "leadTimeDays", "safetyStock", "reorderPoint", "onHand", "inbound",
                                               "daysOfCover", "stockoutDate", "orderQuantity", "status"]))
        let plain = try cli.file("sales.csv", "date,sku,quantity,order_id\n2026-05-01,NOPE,1,A\n")
        let bad = await cli.run(["import", "sales", plain])
        #expect(bad.code == 1)
        #expect(bad.err.contains("sales.csv line 2, column sku"), "\(bad.err)")
        #expect(await cli.run(["check"]).code == 0, "imported history is part of the projection check")
    }

    @Test(arguments: StoreKind.all)
    func ageingBucketsStockFIFOAndChargesTheSurchargeTable(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.updateSKU("TOTE") { $0.unitVolume = 0.5 }
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 10, location: "WH-MAIN", at: Timestamp(year: 2025, month: 5, day: 1)))
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 10, location: "WH-MAIN", at: Timestamp(year: 2026, month: 5, day: 1)))
        _ = try await service.ship(MovementRequest(.ship, sku: "TOTE", quantity: 5, order: "O-1"))
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 4, lot: "B1", expires: "2026-07-01", location: "WH-MAIN",
                                                     at: Timestamp(year: 2026, month: 2, day: 1)))
        let report = try await service.ageing(surchargeCSV: "bucket,per_unit,per_cubic_foot\n365+,1.00,0.50\n181-270,0.10,0\n",
                                              expiringWithinDays: 60)
        let tote = report.rows.filter { $0.sku == "TOTE" }
        #expect(tote.map(\.bucket) == ["0-90", "365+"])
        #expect(tote.map(\.quantity) == [10, 5], "FIFO: the 5 shipped came out of the oldest receipt")
        #expect(tote.last?.surchargeCents == 5 * 125)
        #expect(report.expiring.map(\.lot) == ["B1"])
        #expect(report.expiring.first?.daysLeft == 30)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect(json?["totalSurcharge"] as? Double == 6.25)
        _ = await expectError(.invalidInput) { _ = try await service.ageing(surchargeCSV: "bucket,per_unit\n400+,1\n") }
    }
}
