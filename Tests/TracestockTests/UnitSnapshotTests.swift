import Testing
import Tracestock
import TracestockCore

@Suite(.postgresScope) struct UnitSnapshotTests {
    /// The one-read unit history (`unitSnapshot`) must say exactly what the general reads
    /// (`units`, `history(unitID:)`, `locations`, `lots`) say, through every state, voids included.
    @Test(arguments: StoreKind.all)
    func theOneReadHistoryMatchesTheGeneralOne(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("SN0001-SN0006")
        try await service.earbuds(.ship, "SN0001, SN0002", order: "O-1")
        try await service.earbuds(.return, "SN0002", to: "WH-MAIN", order: "O-1")
        try await service.earbuds(.move, "SN0003", to: "FBA-US")
        try await service.earbuds(.quarantine, "SN0004")
        let shipped = try await service.earbuds(.ship, "SN0005", order: "O-2")
        try await service.void(VoidRequest(seq: shipped.seq, reason: "wrong unit"))
        for serial in ["SN0001", "SN0002", "SN0003", "SN0004", "SN0005", "SN0006"] {
            let fast = try await service.history(sku: "EB-100", serial: serial)
            let sku = try #require(try await service.store.sku(code: "EB-100"))
            let unit = try #require(try await service.store.units(skuID: sku.id, serials: [serial]).first)
            let general = try await service.history(of: unit, sku: sku)
            #expect(fast == general, "\(serial)")
            #expect(fast.events.count == general.events.count && !fast.events.isEmpty)
        }
        let missing = await expectError(.notFound) { _ = try await service.history(sku: "EB-100", serial: "NOPE") }
        #expect(missing?.message.contains("never received") == true)
    }
}
