import Foundation
import Testing
import Tracestock
import TracestockCore
import TracestockSQLite

/// A store's one-read snapshots must answer exactly what its single reads answer: the service
/// takes either path (stores without snapshots take the single reads).
@Suite(.postgresScope) struct SnapshotTests {
    /// A store with a little of everything: lots, ships, a return, a void, a serial in two SKUs.
    func makePopulatedService(_ kind: StoreKind) async throws -> Tracestock {
        let service = try await makeService(kind)
        _ = try await service.addSKU(SKU(code: "EB-200", title: "Earbuds Lite", tracking: .serial))
        try await service.receiveEarbuds("SN0001-SN0020", lot: "L1")
        try await service.receiveEarbuds("SN0021-SN0030", lot: "L2", at: "FBA-US")
        try await service.receive(ReceiveRequest(sku: "EB-200", serials: ["SN0001", "X9"], location: "WH-MAIN"))
        try await service.earbuds(.ship, "SN0002-SN0004", order: "113-0000001-0000001")
        try await service.earbuds(.return, "SN0003", to: "WH-MAIN", order: "113-0000001-0000001")
        let shipped = try await service.earbuds(.ship, "SN0005", order: "113-0000002-0000002")
        try await service.void(VoidRequest(seq: shipped.seq, reason: "scanned twice"))
        return service
    }

    @Test(arguments: StoreKind.all)
    func planningSnapshotsMatchTheSingleReads(_ kind: StoreKind) async throws {
        let service = try await makePopulatedService(kind)
        let store = try #require(service.store as? any LedgerSnapshotReading)
        for (code, serials) in [("EB-100", ["SN0001", "SN0003", "SN0025", "NOPE"]), ("EB-100", []), ("EB-200", ["SN0001"]), ("VIT-C", [])] {
            let snapshot = try await store.planningSnapshot(skuCode: code, serials: serials)
            let sku = try #require(try await store.sku(code: code))
            #expect(snapshot.sku == sku)
            #expect(snapshot.locations == (try await store.locations()))
            #expect(snapshot.lots == (try await store.lots(skuID: sku.id)))
            #expect(snapshot.units == (try await store.units(skuID: sku.id, serials: serials)))
        }
        #expect(try await store.planningSnapshot(skuCode: "MISSING", serials: ["SN0001"]).sku == nil)
    }

    @Test(arguments: StoreKind.all)
    func historySnapshotsMatchTheSingleReads(_ kind: StoreKind) async throws {
        let service = try await makePopulatedService(kind)
        let store = try #require(service.store as? any LedgerSnapshotReading)
        for serial in ["SN0001", "SN0003", "SN0005", "SN0025", "X9"] {
            let units = try await store.units(serial: serial)
            let snapshots = try await store.unitHistorySnapshots(serial: serial)
            #expect(snapshots.map(\.unit) == units)
            for (unit, snapshot) in zip(units, snapshots) {
                let sku = try #require(try await store.skus(ids: [unit.skuID]).first)
                let single = try await store.unitHistorySnapshot(skuCode: sku.code, serial: serial)
                for s in [snapshot, single] {
                    #expect(s.sku == sku)
                    #expect(s.unit == unit)
                    #expect(s.events == (try await store.history(unitID: unit.id)))
                    #expect(s.locations == (try await store.locations()))
                    #expect(s.lot == (try await store.lots(ids: unit.lotID.map { [$0] } ?? []).first))
                }
                // The service's answer is the same whichever path it takes.
                #expect(try await service.history(sku: sku.code, serial: serial) == (try await service.history(of: unit, sku: sku)))
            }
        }
        #expect(try await store.unitHistorySnapshot(skuCode: "EB-100", serial: "NOPE").unit == nil)
        #expect(try await store.unitHistorySnapshots(serial: "NOPE").isEmpty)
    }

    @Test func missingSKUsAndSerialsGiveTheUsualErrors() async throws {
        let service = try await makePopulatedService(.sqliteMemory)
        let noSKU = await expectError(.notFound) { _ = try await service.history(sku: "NOPE", serial: "SN0001") }
        #expect(noSKU?.message.contains("unknown SKU 'NOPE'") == true)
        let elsewhere = await expectError(.notFound) { _ = try await service.history(sku: "EB-200", serial: "SN0002") }
        #expect(elsewhere?.message == "SKU EB-200 has no serial SN0002 (serial SN0002 belongs to EB-100)")
        let ship = await expectError(.notFound) { try await service.earbuds(.ship, "SN9999", order: "113-0000003-0000003") }
        #expect(ship?.message == "SKU EB-100 has no serial SN9999 (never received)")
        let empty = await expectError(.invalidInput) { try await service.ship(MovementRequest(.ship, sku: " ", serials: ["SN0001"], order: "113-0000004-0000004")) }
        #expect(empty?.message == "sku: a SKU code is required")
    }
}
