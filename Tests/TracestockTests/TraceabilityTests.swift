import Foundation
import Testing
import Tracestock
import TracestockCore

@Suite(.postgresScope) struct ReturnVerificationTests {
    static let order1 = "113-0000001-0000001"
    static let order2 = "113-0000002-0000002"

    /// EB-100 SN1…SN5 received; SN1 shipped on order 1.
    static func shippedOne(_ kind: StoreKind = .sqliteMemory) async throws -> Tracestock {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("SN1-SN5", lot: "L1")
        try await service.earbuds(.ship, "SN1", order: order1)
        return service
    }

    @Test(arguments: StoreKind.all)
    func theUnitShippedOnTheOrderMatches(_ kind: StoreKind) async throws {
        let service = try await Self.shippedOne(kind)
        let check = try await service.verifyReturn(order: Self.order1, sku: "EB-100", serial: "SN1")
        #expect(check.verdict == .match)
        #expect(check.evidence.shippedAt == "2026-06-01")
        #expect(try await service.state("SN1") == .shipped, "verification changes nothing")
    }

    @Test(arguments: StoreKind.all)
    func aUnitOutOnAnotherOrderIsWrongOrderNamingIt(_ kind: StoreKind) async throws {
        let service = try await Self.shippedOne(kind)
        try await service.earbuds(.ship, "SN2", order: Self.order2)
        let check = try await service.verifyReturn(order: Self.order1, sku: "EB-100", serial: "SN2")
        #expect(check.verdict == .wrongOrder)
        #expect(check.evidence.shippedOrder == Self.order2)
    }

    @Test(arguments: StoreKind.all)
    func aUnitStillInStockIsNotShipped(_ kind: StoreKind) async throws {
        let service = try await Self.shippedOne(kind)
        let check = try await service.verifyReturn(order: Self.order1, sku: "EB-100", serial: "SN3")
        #expect(check.verdict == .notShipped)
        #expect(check.evidence.state == .inStock)
        #expect(check.evidence.location == "WH-MAIN")
    }

    @Test(arguments: StoreKind.all)
    func aSerialWeNeverReceivedIsUnknown(_ kind: StoreKind) async throws {
        let service = try await Self.shippedOne(kind)
        #expect(try await service.verifyReturn(order: Self.order1, sku: "EB-100", serial: "FAKE-9").verdict == .unknownSerial)
    }

    @Test(arguments: StoreKind.all)
    func aSerialOfAnotherSKUIsWrongSKU(_ kind: StoreKind) async throws {
        let service = try await Self.shippedOne(kind)
        _ = try await service.addSKU(SKU(code: "EB-200", title: "Earbuds Max", tracking: .serial))
        _ = try await service.receive(ReceiveRequest(sku: "EB-200", serials: ["Z9"], location: "WH-MAIN"))
        let check = try await service.verifyReturn(order: Self.order1, sku: "EB-100", serial: "Z9")
        #expect(check.verdict == .wrongSKU)
        #expect(check.evidence.belongsTo == ["EB-200"])
    }

    @Test(arguments: StoreKind.all)
    func anUnknownOrderIsItsOwnError(_ kind: StoreKind) async throws {
        let service = try await Self.shippedOne(kind)
        let error = await expectError(.notFound) { _ = try await service.verifyReturn(order: "113-9999999-9999999", sku: "EB-100", serial: "SN1") }
        #expect(error?.details["field"] == "order")
    }

    @Test(arguments: StoreKind.all)
    func shippedReturnedRestockedAndShippedAgainThenClaimedOnTheFirstOrder(_ kind: StoreKind) async throws {
        let service = try await Self.shippedOne(kind)
        try await service.earbuds(.return, "SN1", to: "WH-MAIN", order: Self.order1)
        try await service.earbuds(.restock, "SN1")
        try await service.earbuds(.ship, "SN1", order: Self.order2)
        let first = try await service.verifyReturn(order: Self.order1, sku: "EB-100", serial: "SN1")
        #expect(first.verdict == .alreadyReturned)
        #expect(first.evidence.returnedOrder == Self.order1)
        #expect(first.evidence.shippedOrder == Self.order2, "the evidence says where the unit is now")
        #expect(try await service.verifyReturn(order: Self.order2, sku: "EB-100", serial: "SN1").verdict == .match)
        let refused = await expectError(.stateConflict) { try await service.earbuds(.return, "SN1", to: "WH-MAIN", order: Self.order1) }
        #expect(refused?.details["verdict"] == "alreadyReturned")
        try await service.earbuds(.return, "SN1", to: "WH-MAIN", order: Self.order2)
        #expect(try await service.state("SN1") == .returned)
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func lotQuantitiesAreCheckedAgainstTheLotsTheOrderShipped(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 10, lot: "A", expires: "2027-01-01", location: "WH-MAIN"))
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 10, lot: "B", expires: "2028-01-01", location: "WH-MAIN"))
        _ = try await service.ship(MovementRequest(.ship, sku: "VIT-C", quantity: 3, order: "O-1"))
        #expect(try await service.verifyReturn(order: "O-1", sku: "VIT-C", serial: nil, lot: "A").verdict == .match)
        let wrong = try await service.verifyReturn(order: "O-1", sku: "VIT-C", serial: nil, lot: "B")
        #expect(wrong.verdict == .wrongLot)
        #expect(wrong.evidence.shippedLots == ["A"])
        _ = await expectError(.stateConflict) {
            _ = try await service.apply(MovementRequest(.return, sku: "VIT-C", quantity: 1, lot: "B", to: "WH-MAIN", order: "O-1"))
        }
    }

    @Test(arguments: StoreKind.all)
    func aSuspiciousReturnIsRefusedUnlessAcceptedWithAReasonAndThenKeepsItsVerdict(_ kind: StoreKind) async throws {
        let service = try await Self.shippedOne(kind)
        try await service.earbuds(.ship, "SN2", order: Self.order2)
        let claim = MovementRequest(.return, sku: "EB-100", serialExpression: "SN1 SN2 FAKE1", to: "WH-MAIN", order: Self.order1)
        let refused = await expectError(.stateConflict) { _ = try await service.apply(claim) }
        #expect(refused?.message.contains("--accept-suspicious") == true)
        #expect(try await service.state("SN1") == .shipped, "a refused return writes nothing")
        var accepted = claim
        accepted.acceptSuspicious = true
        _ = await expectError(.invalidInput) { _ = try await service.apply(accepted) }
        accepted.reason = "customer sent two units, one not ours"
        let result = try await service.apply(accepted)
        #expect(result.events.count == 3)
        #expect(try await service.state("SN1") == .returned)
        #expect(try await service.state("SN2") == .returned, "an accepted wrongOrder unit is ours and comes back")
        let report = try await service.returnsReport()
        #expect(Set(report.compactMap(\.verdict)) == ["match", "wrongOrder", "unknownSerial"])
        let unknown = try #require(report.first { $0.verdict == "unknownSerial" })
        #expect(unknown.claimed == "FAKE1")
        #expect(unknown.quantity == 0)
        #expect(try await service.returnsReport(verdicts: [.wrongOrder]).count == 1)
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func partialReturnsAffectOnlyTheSerialsReturned(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("SN1-SN3")
        try await service.earbuds(.ship, "SN1-SN3", order: Self.order1)
        try await service.earbuds(.return, "SN2", to: "WH-MAIN", order: Self.order1)
        #expect(try await service.state("SN1") == .shipped)
        #expect(try await service.state("SN2") == .returned)
        #expect(try await service.verifyReturn(order: Self.order1, sku: "EB-100", serial: "SN3").verdict == .match)
    }
}

@Suite(.postgresScope) struct WarrantyTests {
    @Test(arguments: StoreKind.all)
    func warrantyRunsFromTheShipDateAndKnowsEachStatus(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("W1-W4")
        #expect(try await service.warranty(serial: "W1").status == .notSold)
        _ = try await service.apply(MovementRequest(.ship, sku: "EB-100", serials: ["W1"], order: "O-1", at: Timestamp(year: 2026, month: 3, day: 1)))
        let live = try await service.warranty(serial: "W1")
        #expect(live.status == .inWarranty)
        #expect(live.start == "2026-03-01")
        #expect(live.end == "2027-03-01")
        #expect(live.daysLeft == Day(daysSince1970: Timestamp(year: 2027, month: 3, day: 1).epochDay) - fixedNow.day)
        _ = try await service.apply(MovementRequest(.ship, sku: "EB-100", serials: ["W2"], order: "O-2", at: Timestamp(year: 2025, month: 1, day: 1)))
        #expect(try await service.warranty(serial: "W2").status == .expired)
        try await service.earbuds(.ship, "W3", order: "O-3")
        try await service.earbuds(.return, "W3", to: "WH-MAIN", order: "O-3")
        #expect(try await service.warranty(serial: "W3").status == .returned)
        try await service.earbuds(.dispose, "W4")
        #expect(try await service.warranty(serial: "W4").status == .disposed)
    }

    @Test(arguments: StoreKind.all)
    func registrationStartsTheWarrantyWhenTheSKUSaysSoAndHappensOncePerSale(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.addSKU(SKU(code: "SW-200", title: "Smartwatch", tracking: .serial, warrantyDays: 730, warrantyStart: .registration))
        _ = try await service.receive(ReceiveRequest(sku: "SW-200", serials: ["R1"], location: "WH-MAIN"))
        let notSold = await expectError(.stateConflict) { _ = try await service.register(RegistrationRequest(sku: "SW-200", serial: "R1", customerRef: "C-1")) }
        #expect(notSold?.message.contains("in stock") == true)
        _ = try await service.apply(MovementRequest(.ship, sku: "SW-200", serials: ["R1"], order: "O-1", at: Timestamp(year: 2026, month: 1, day: 10)))
        _ = try await service.register(RegistrationRequest(sku: "SW-200", serial: "R1", customerRef: "C-1", at: Timestamp(year: 2026, month: 2, day: 1)))
        let report = try await service.warranty(serial: "R1", sku: "SW-200")
        #expect(report.start == "2026-02-01")
        #expect(report.end == "2028-02-01")
        #expect(report.customerRef == "C-1")
        _ = await expectError(.stateConflict) { _ = try await service.register(RegistrationRequest(sku: "SW-200", serial: "R1", customerRef: "C-2")) }
        _ = try await service.register(RegistrationRequest(sku: "SW-200", serial: "R1", customerRef: "C-2", transfer: true))
        #expect(try await service.warranty(serial: "R1").customerRef == "C-2")
        try await service.expectConsistent()
    }
}

@Suite(.postgresScope) struct RecallTests {
    /// L1: 10 units: 3 shipped (2 orders), 1 returned, 1 disposed, 1 quarantined, 1 moved to FBA, the rest in WH-MAIN.
    static func recallScenario(_ kind: StoreKind = .sqliteMemory) async throws -> Tracestock {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("U01-U10", lot: "L1")
        try await service.receiveEarbuds("V01-V05", lot: "L2")
        try await service.apply(MovementRequest(.ship, sku: "EB-100", serialExpression: "U01 U02", order: "O-1", customer: "C-1"))
        try await service.earbuds(.ship, "U03", order: "O-2")
        try await service.earbuds(.ship, "U04", order: "O-3")
        try await service.earbuds(.return, "U04", to: "WH-MAIN", order: "O-3")
        try await service.earbuds(.dispose, "U05")
        try await service.earbuds(.quarantine, "U06")
        try await service.earbuds(.move, "U07", to: "FBA-US")
        return service
    }

    @Test(arguments: StoreKind.all)
    func aLotRecallGroupsEveryUnitByWhereItIsNow(_ kind: StoreKind) async throws {
        let service = try await Self.recallScenario(kind)
        let report = try await service.recall(RecallRequest(sku: "EB-100", lots: ["L1"]))
        #expect(report.total == 10)
        #expect(report.received == 10)
        #expect(report.byState == ["in_stock": 4, "shipped": 3, "returned": 1, "disposed": 1, "quarantined": 1])
        #expect(report.orders == ["O-1", "O-2"])
        let o1 = try #require(report.groups.first { $0.order == "O-1" })
        #expect(o1.serials == ["U01", "U02"])
        #expect(o1.customer == "C-1")
        #expect(o1.shippedAt == "2026-06-01")
        let fba = try #require(report.groups.first { $0.state == "in_stock" && $0.location == "FBA-US" })
        #expect(fba.serials == ["U07"])
        #expect(report.quarantined == 0)
    }

    @Test(arguments: StoreKind.all)
    func aShippedGroupGivesTheEarliestShipDateOfItsUnits(_ kind: StoreKind) async throws {
        let service = try await Self.recallScenario(kind)
        try await service.apply(MovementRequest(.ship, sku: "EB-100", serialExpression: "U08", order: "O-4",
                                                at: Timestamp(year: 2026, month: 6, day: 5, hour: 9)))
        try await service.apply(MovementRequest(.ship, sku: "EB-100", serialExpression: "U09", order: "O-4",
                                                at: Timestamp(year: 2026, month: 6, day: 3, hour: 9)))
        let report = try await service.recall(RecallRequest(sku: "EB-100", lots: ["L1"]))
        let o4 = try #require(report.groups.first { $0.order == "O-4" })
        #expect(o4.serials == ["U08", "U09"])
        #expect(o4.quantity == 2)
        #expect(o4.shippedAt == "2026-06-03")
        #expect(report.groups.filter { $0.order == "O-4" }.count == 1)
    }

    /// The store finds a shipped unit's ship through the unit's last event when that is the ship;
    /// a registration or a voided return after it must still lead back to the ship.
    @Test(arguments: StoreKind.all)
    func aShippedUnitWhoseLastEventIsNotItsShipKeepsItsShipFacts(_ kind: StoreKind) async throws {
        let service = try await Self.recallScenario(kind)
        _ = try await service.register(RegistrationRequest(sku: "EB-100", serial: "U01", customerRef: "CUST-9"))
        let returned = try await service.earbuds(.return, "U02", to: "WH-MAIN", order: "O-1")
        _ = try await service.void(VoidRequest(seq: returned.seq, reason: "scanned by mistake"))
        let report = try await service.recall(RecallRequest(sku: "EB-100", lots: ["L1"]))
        let o1 = try #require(report.groups.first { $0.order == "O-1" })
        #expect(o1.serials == ["U01", "U02"])
        #expect(o1.customer == "C-1")
        #expect(o1.shippedAt == "2026-06-01")
        #expect(report.byState["shipped"] == 3)
        #expect(report.byState["returned"] == 1)
    }

    /// SQLite reads a lot whose unit ids span 4,096 or more in a slice per core, side by side: every
    /// unit once, each group's serials in id order, another lot's units between its own left out.
    @Test(arguments: StoreKind.all)
    func aLargeLotReceivedInTwoPartsIsRecalledWholeAndInOrder(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("A00001-A03000", lot: "L1")
        try await service.receiveEarbuds("B00001-B02000", lot: "L2")
        try await service.receiveEarbuds("A03001-A05000", lot: "L1")
        try await service.earbuds(.ship, "A00010", order: "O-1")
        try await service.earbuds(.ship, "A04000", order: "O-2")
        try await service.earbuds(.ship, "A00020,A04500", order: "O-3")
        let report = try await service.recall(RecallRequest(sku: "EB-100", lots: ["L1"]))
        #expect(report.total == 5_000)
        #expect(report.received == 5_000)
        #expect(report.orders == ["O-1", "O-2", "O-3"])
        #expect(report.groups.first { $0.order == "O-3" }?.serials == ["A00020", "A04500"], "one group across the slices")
        let serials = report.groups.flatMap(\.serials)
        #expect(serials.count == 5_000)
        #expect(Set(serials).count == 5_000)
        #expect(!serials.contains { $0.hasPrefix("B") })
        let shelf = try #require(report.groups.first { $0.state == "in_stock" })
        #expect(shelf.quantity == 4_996)
        let expected = (1...5_000).filter { ![10, 20, 4_000, 4_500].contains($0) }.map { "A" + String(repeating: "0", count: 5 - String($0).count) + String($0) }
        #expect(shelf.serials == expected, "in receipt (id) order")
        let both = try await service.recall(RecallRequest(sku: "EB-100", lots: ["L2", "L1"]))
        #expect(both.total == 7_000)
        #expect(Set(both.groups.flatMap(\.serials)).count == 7_000)
    }

    @Test(arguments: StoreKind.all)
    func aLotNamedTwiceIsRecalledOnce(_ kind: StoreKind) async throws {
        let service = try await Self.recallScenario(kind)
        let report = try await service.recall(RecallRequest(sku: "EB-100", lots: ["L1", "L2", "L1"]))
        #expect(report.total == 15)
        #expect(report.received == 15)
        #expect(report.lots == ["L1", "L2"])
        #expect(report.groups.flatMap(\.serials).count == 15)
    }

    @Test(arguments: StoreKind.all)
    func quarantiningARecallIsAtomicAndIdempotent(_ kind: StoreKind) async throws {
        let service = try await Self.recallScenario(kind)
        let first = try await service.recall(RecallRequest(sku: "EB-100", lots: ["L1"], quarantine: true, reason: "supplier recall R-7"))
        #expect(first.quarantined == 4)
        #expect(first.byState["in_stock"] == 0)
        #expect(first.byState["quarantined"] == 5)
        #expect(first.seqs.count == 1)
        let second = try await service.recall(RecallRequest(sku: "EB-100", lots: ["L1"], quarantine: true))
        #expect(second.quarantined == 0)
        #expect(second.seqs.isEmpty)
        #expect(try await service.state("V01") == .inStock, "other lots are untouched")
        let history = try await service.history(sku: "EB-100", serial: "U08")
        #expect(history.events.last?.reason == "supplier recall R-7")
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func recallBySerialsProductionWindowAndSupplier(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "EB-100", serialExpression: "A1..A5", lot: "P1", produced: "2026-01-10",
                                                     supplier: "Acme", location: "WH-MAIN"))
        _ = try await service.receive(ReceiveRequest(sku: "EB-100", serialExpression: "B1..B5", lot: "P2", produced: "2026-03-10",
                                                     supplier: "Other", location: "WH-MAIN"))
        #expect(try await service.recall(RecallRequest(sku: "EB-100", serialExpression: "A2..A3 B1")).total == 3)
        #expect(try await service.recall(RecallRequest(sku: "EB-100", producedFrom: "2026-03-01", producedTo: "2026-03-31")).lots == ["P2"])
        #expect(try await service.recall(RecallRequest(sku: "EB-100", supplier: "Acme")).total == 5)
        _ = await expectError(.invalidInput) { _ = try await service.recall(RecallRequest(sku: "EB-100")) }
        _ = await expectError(.notFound) { _ = try await service.recall(RecallRequest(sku: "EB-100", lots: ["NOPE"])) }
    }

    @Test(arguments: StoreKind.all)
    func aQuantityRecallReconcilesWithWhatWasReceived(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 100, lot: "B1", location: "WH-MAIN"))
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 50, lot: "B1", location: "FBA-US"))
        _ = try await service.ship(MovementRequest(.ship, sku: "VIT-C", quantity: 30, from: "WH-MAIN", order: "O-1", customer: "C-9"))
        _ = try await service.apply(MovementRequest(.return, sku: "VIT-C", quantity: 5, to: "WH-MAIN", order: "O-1"))
        _ = try await service.apply(MovementRequest(.dispose, sku: "VIT-C", quantity: 2, from: "WH-MAIN", fromStatus: .returned))
        _ = try await service.apply(MovementRequest(.adjust, sku: "VIT-C", quantity: -4, lot: "B1", from: "FBA-US", reason: "count"))
        let report = try await service.recall(RecallRequest(sku: "VIT-C", lots: ["B1"], quarantine: true))
        #expect(report.received == 150)
        #expect(report.total == 150)
        #expect(report.byState["shipped"] == 25)
        #expect(report.byState["disposed"] == 2)
        #expect(report.byState["returned"] == 3)
        #expect(report.quarantined == 70 + 46)
        #expect(report.groups.first { $0.state == "shipped" }?.customer == "C-9")
        try await service.expectConsistent()
    }
}

@Suite(.postgresScope) struct TraceTests {
    @Test(arguments: StoreKind.all)
    func forwardAndBackwardTraceAnswerEachOther(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.receive(ReceiveRequest(sku: "EB-100", serialExpression: "T1..T4", lot: "L9", supplier: "Acme",
                                                     location: "WH-MAIN", reference: "PO-77"))
        _ = try await service.receive(ReceiveRequest(sku: "VIT-C", quantity: 20, lot: "B5", location: "WH-MAIN"))
        try await service.apply(MovementRequest(.ship, sku: "EB-100", serialExpression: "T1 T2", order: "O-1", customer: "C-5"))
        try await service.apply(MovementRequest(.ship, sku: "VIT-C", quantity: 3, order: "O-1"))
        try await service.earbuds(.ship, "T3", order: "O-2")
        let forward = try await service.traceForward(sku: "EB-100", lot: "L9")
        #expect(forward.orders.map(\.order) == ["O-1", "O-2"])
        #expect(forward.orders[0].serials == ["T1", "T2"])
        #expect(forward.orders[0].customer == "C-5")
        let back = try await service.traceBack(order: "O-1")
        #expect(back.serials.map(\.serial) == ["T1", "T2"])
        #expect(Set(back.lots.compactMap(\.lot)) == ["L9", "B5"])
        #expect(back.suppliers == ["Acme"])
        #expect(back.receipts.map(\.reference).contains("PO-77"))
        #expect(back.receipts.count == 2)
        _ = await expectError(.notFound) { _ = try await service.traceBack(order: "O-404") }
    }
}
