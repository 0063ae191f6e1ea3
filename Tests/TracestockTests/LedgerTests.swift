import Foundation
import Testing
import Tracestock
import TracestockCore

/// The ledger's rules, run against every store kind (the conformance suite).
@Suite(.postgresScope) struct LedgerTests {
    @Test(arguments: StoreKind.all)
    func receivingAndShippingSerialsUpdatesStockAndHistory(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("SN0001-SN1000", lot: "L2026-03")
        try await service.earbuds(.ship, "SN0042", order: "113-1234567-1234567")
        #expect(try await service.sellable("EB-100") == 999)
        let history = try await service.history(sku: "EB-100", serial: "SN0042")
        #expect(history.state == .shipped)
        #expect(history.lot == "L2026-03")
        #expect(history.events.map(\.type) == [.receive, .ship])
        #expect(history.events.last?.order == "113-1234567-1234567")
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func aRejectedReceiveWritesNothing(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("SN0500")
        let before = try await service.store.lastSeq()
        let error = await expectError(.duplicate) { try await service.receiveEarbuds("SN0001-SN1000", lot: "NEW-LOT") }
        #expect(error?.message.contains("SN0500") == true)
        #expect(try await service.store.lastSeq() == before)
        #expect(try await service.sellable("EB-100") == 1)
        #expect(try await service.lots(of: "EB-100").map(\.code) == ["L1"], "the new lot must not be created either")
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func aHundredThousandSerialsReceiveInOneCommand(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        let result = try await service.receiveEarbuds("X000001-X100000")
        #expect(result.events.first?.quantity == 100_000)
        #expect(try await service.sellable("EB-100") == 100_000)
        #expect(try await service.history(sku: "EB-100", serial: "X100000").state == .inStock)
    }

    @Test(arguments: StoreKind.all)
    func generatedSerialsFollowTheSKUPatternAndAdvanceItsCounter(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "EB-100", generate: 3, location: "WH-MAIN"))
        _ = try await service.receive(ReceiveRequest(sku: "EB-100", generate: 2, location: "WH-MAIN"))
        #expect(try await service.state("EB000005") == .inStock)
        #expect(try await service.sku("EB-100").serialNext == 6)
    }

    @Test(arguments: StoreKind.all)
    func lotQuantitiesShipFEFOThenFIFOAndRecordTheLotsTaken(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 30, lot: "LATE", expires: "2027-12-31", location: "WH-MAIN"))
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 25, lot: "EARLY", expires: "2027-06-30", location: "WH-MAIN"))
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 10, lot: "NOEXP", location: "WH-MAIN"))
        let result = try await service.ship(MovementRequest(.ship, sku: "VIT-C", quantity: 40, order: "113-7654321-7654321"))
        #expect(result.events.map(\.lot) == ["EARLY", "LATE"])
        #expect(result.events.map(\.quantity) == [25, 15])
        #expect(try await service.sellable("VIT-C", lot: "EARLY") == 0)
        #expect(try await service.sellable("VIT-C", lot: "LATE") == 15)
        let forced = try await service.ship(MovementRequest(.ship, sku: "VIT-C", quantity: 5, lot: "NOEXP", order: "113-7654321-0000001"))
        #expect(forced.events.map(\.lot) == ["NOEXP"])
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func lotsWithoutExpiryShipOldestReceiptFirst(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 5, lot: "FIRST", location: "WH-MAIN"))
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 5, lot: "SECOND", location: "WH-MAIN"))
        let result = try await service.ship(MovementRequest(.ship, sku: "VIT-C", quantity: 7, order: "A-1"))
        #expect(result.events.map(\.lot) == ["FIRST", "SECOND"])
    }

    @Test(arguments: StoreKind.all)
    func quantitiesNeverGoNegativeUnlessTheLocationAllowsIt(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 10, location: "WH-MAIN"))
        let error = await expectError(.insufficientStock) {
            _ = try await service.ship(MovementRequest(.ship, sku: "TOTE", quantity: 11, order: "A-1"))
        }
        #expect(error?.message.contains("11 asked, 10 available") == true)
        #expect(try await service.sellable("TOTE") == 10)
        _ = try await service.ship(MovementRequest(.ship, sku: "TOTE", quantity: 4, from: "FBA-US", order: "A-2"))
        #expect(try await service.sellable("TOTE", at: "FBA-US") == -4)
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 6, location: "FBA-US"))
        #expect(try await service.sellable("TOTE", at: "FBA-US") == 2)
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func shippingWithoutNamingALocationNeedsStockInExactlyOne(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 10, location: "WH-MAIN"))
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 10, location: "QA-CAGE"))
        let error = await expectError(.invalidInput) { _ = try await service.ship(MovementRequest(.ship, sku: "TOTE", quantity: 1, order: "A")) }
        #expect(error?.message.contains("--from") == true)
    }

    @Test(arguments: StoreKind.all)
    func quantityReturnsRestockQuarantineReleaseAndDisposeMoveBetweenBuckets(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 100, lot: "B1", location: "WH-MAIN"))
        _ = try await service.ship(MovementRequest(.ship, sku: "VIT-C", quantity: 10, order: "O-1"))
        _ = try await service.apply(MovementRequest(.return, sku: "VIT-C", quantity: 3, to: "WH-MAIN", order: "O-1"))
        let tooMany = await expectError(.stateConflict) {
            _ = try await service.apply(MovementRequest(.return, sku: "VIT-C", quantity: 8, to: "WH-MAIN", order: "O-1"))
        }
        #expect(tooMany?.message.contains("7 can still come back") == true, "\(tooMany?.message ?? "")")
        #expect(tooMany?.details["verdict"] == "alreadyReturned")
        _ = try await service.apply(MovementRequest(.restock, sku: "VIT-C", quantity: 2, from: "WH-MAIN"))
        _ = try await service.apply(MovementRequest(.quarantine, sku: "VIT-C", quantity: 20, from: "WH-MAIN", to: "QA-CAGE", reason: "recall check"))
        _ = try await service.apply(MovementRequest(.release, sku: "VIT-C", quantity: 5, from: "QA-CAGE", to: "WH-MAIN"))
        _ = try await service.apply(MovementRequest(.dispose, sku: "VIT-C", quantity: 15, from: "QA-CAGE", fromStatus: .quarantined))
        _ = try await service.apply(MovementRequest(.dispose, sku: "VIT-C", quantity: 1, from: "WH-MAIN", fromStatus: .returned))
        let report = try await service.stock(sku: "VIT-C", by: .cell)
        #expect(report.total == 100 - 10 + 2 - 20 + 5)
        #expect(report.totalQuarantined == 0)
        #expect(report.totalReturned == 0)
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func adjustmentsNeedAReasonAndMayGoEitherWay(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 10, location: "WH-MAIN"))
        _ = await expectError(.invalidInput) { _ = try await service.apply(MovementRequest(.adjust, sku: "TOTE", quantity: -2, from: "WH-MAIN")) }
        _ = try await service.apply(MovementRequest(.adjust, sku: "TOTE", quantity: -2, from: "WH-MAIN", reason: "cycle count"))
        _ = try await service.apply(MovementRequest(.adjust, sku: "TOTE", quantity: 5, from: "WH-MAIN", reason: "found a box"))
        #expect(try await service.sellable("TOTE") == 13)
        _ = await expectError(.insufficientStock) {
            _ = try await service.apply(MovementRequest(.adjust, sku: "TOTE", quantity: -14, from: "WH-MAIN", reason: "cycle count"))
        }
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func sameIdempotencyKeyReturnsTheFirstResultAndWritesNothing(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        let request = ReceiveRequest(sku: "TOTE", quantity: 10, location: "WH-MAIN")
        let first = try await service.receive(request, idempotencyKey: "po-77")
        let second = try await service.receive(request, idempotencyKey: "po-77")
        #expect(second.replayed)
        #expect(second.events.map(\.seq) == first.events.map(\.seq))
        #expect(try await service.sellable("TOTE") == 10)
        var changed = request
        changed.quantity = 11
        let conflict = await expectError(.idempotencyConflict) { _ = try await service.receive(changed, idempotencyKey: "po-77") }
        #expect(conflict?.message.contains("po-77") == true)
        #expect(try await service.sellable("TOTE") == 10)
    }

    @Test(arguments: StoreKind.all)
    func retriesWithoutAnExplicitDateStillMatchTheirKey(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        let request = MovementRequest(.ship, sku: "TOTE", quantity: 1, from: "FBA-US", order: "O-9")
        _ = try await service.apply(request, idempotencyKey: "scan-1")
        _ = try await service.apply(request, idempotencyKey: "scan-1")
        #expect(try await service.sellable("TOTE", at: "FBA-US") == -1)
    }

    @Test(arguments: StoreKind.all)
    func voidReversesAnEventAndKeepsItInTheLedger(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("SN1-SN5")
        let ship = try await service.earbuds(.ship, "SN1-SN2", order: "O-1")
        _ = try await service.void(VoidRequest(seq: ship.seq, reason: "packed the wrong box"))
        #expect(try await service.state("SN1") == .inStock)
        #expect(try await service.sellable("EB-100") == 5)
        let history = try await service.history(sku: "EB-100", serial: "SN1")
        #expect(history.events.map(\.type) == [.receive, .ship, .void])
        #expect(history.events[1].voidedBy == history.events[2].seq)
        _ = await expectError(.stateConflict) { _ = try await service.void(VoidRequest(seq: ship.seq)) }
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func voidingAReceiptOfUnitsThatMovedSinceIsRefused(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        let receipt = try await service.receiveEarbuds("SN1-SN3")
        try await service.earbuds(.ship, "SN2", order: "O-1")
        let error = await expectError(.stateConflict) { _ = try await service.void(VoidRequest(seq: receipt.seq)) }
        #expect(error?.message.contains("SN2") == true)
    }

    @Test(arguments: StoreKind.all)
    func aVoidedReceiptFreesItsSerialsToBeReceivedAgain(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        let receipt = try await service.receiveEarbuds("SN1-SN3", lot: "WRONG")
        _ = try await service.void(VoidRequest(seq: receipt.seq, reason: "wrong lot"))
        #expect(try await service.state("SN1") == .voided)
        #expect(try await service.sellable("EB-100") == 0)
        try await service.receiveEarbuds("SN1-SN3", lot: "RIGHT")
        let history = try await service.history(sku: "EB-100", serial: "SN2")
        #expect(history.state == .inStock)
        #expect(history.lot == "RIGHT")
        #expect(history.events.map(\.type) == [.receive, .void, .receive])
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func voidingAQuantityReceiptThatWasShippedIsRefused(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        let receipt = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 10, location: "WH-MAIN"))
        _ = try await service.ship(MovementRequest(.ship, sku: "TOTE", quantity: 8, order: "O-1"))
        _ = await expectError(.insufficientStock) { _ = try await service.void(VoidRequest(seq: receipt.seq)) }
        #expect(try await service.sellable("TOTE") == 2)
    }

    @Test(arguments: StoreKind.all)
    func aLotKeepsItsDatesAndAConflictingReceiptIsRejected(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 5, lot: "B7781", expires: "2027-06-30", location: "WH-MAIN"))
        let error = await expectError(.stateConflict) {
            _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 5, lot: "B7781", expires: "2027-07-31", location: "WH-MAIN"))
        }
        #expect(error?.message.contains("2027-06-30") == true)
        _ = await expectError(.invalidInput) {
            _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 5, lot: "B9", expires: "2027-02-30", location: "WH-MAIN"))
        }
    }

    @Test(arguments: StoreKind.all)
    func badInputNamesTheField(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        let noLot = await expectError(.invalidInput) { _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 5, location: "WH-MAIN")) }
        #expect(noLot?.details["field"] == "lot")
        let unknownSKU = await expectError(.notFound) { _ = try await service.receive(ReceiveRequest(sku: "NOPE", quantity: 5, location: "WH-MAIN")) }
        #expect(unknownSKU?.details["field"] == "sku")
        let unknownPlace = await expectError(.notFound) { _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 5, location: "MARS")) }
        #expect(unknownPlace?.message.contains("WH-MAIN") == true)
        let noOrder = await expectError(.invalidInput) { try await service.earbuds(.ship, "SN1") }
        #expect(noOrder?.details["field"] == "order")
        let serialQty = await expectError(.invalidInput) { _ = try await service.receive(ReceiveRequest(sku: "TOTE", serialExpression: "A1", location: "WH-MAIN")) }
        #expect(serialQty?.details["field"] == "serials")
    }

    @Test(arguments: StoreKind.all)
    func aSerialLookupAloneFindsEverySKUThatHasIt(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.addSKU(SKU(code: "EB-200", title: "Earbuds Max", tracking: .serial))
        try await service.receiveEarbuds("SAME1")
        _ = try await service.receive(ReceiveRequest(sku: "EB-200", serials: ["SAME1"], location: "WH-MAIN"))
        let units = try await service.units(serial: "SAME1")
        #expect(units.map(\.sku).sorted() == ["EB-100", "EB-200"])
    }

    @Test(arguments: StoreKind.all)
    func eventsPageWithACursor(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        for n in 1...5 { _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: Int64(n), location: "WH-MAIN")) }
        try await service.receiveEarbuds("A1-A3")
        let first = try await service.events(since: 0, limit: 4)
        #expect(first.events.map(\.seq) == [1, 2, 3, 4])
        #expect(first.next == 4)
        let rest = try await service.events(since: 4, limit: 10)
        #expect(rest.events.count == 2)
        #expect(rest.next == nil)
        #expect(rest.events.last?.serials == ["A1", "A2", "A3"])
    }

    @Test(arguments: StoreKind.all)
    func stockGroupsBySkuLotAndLocation(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("A1-A4", lot: "L1")
        try await service.receiveEarbuds("B1-B2", lot: "L2", at: "FBA-US")
        try await service.earbuds(.quarantine, "A1")
        let bySKU = try await service.stock(by: .sku)
        #expect(bySKU.rows == [StockReport.Row(sku: "EB-100", lot: nil, location: nil, quantity: 5, quarantined: 1, returned: 0, expires: nil)])
        let byLot = try await service.stock(sku: "EB-100", by: .lot)
        #expect(byLot.rows.map(\.lot) == ["L1", "L2"])
        #expect(byLot.rows.map(\.location) == [nil, nil])
        let byLocation = try await service.stock(sku: "EB-100", by: .location)
        #expect(byLocation.rows.map { "\($0.location ?? "")=\($0.quantity)" } == ["FBA-US=2", "WH-MAIN=3"])
    }
}
