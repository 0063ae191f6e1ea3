import Testing
import Tracestock
import TracestockCore

@Suite(.postgresScope) struct UnitSnapshotTests {
    /// The API's one-read unit history must say exactly what `history(sku:serial:)` says,
    /// through every state, voids included.
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
            let fast = try await service.unitHistory(sku: "EB-100", serial: serial)
            let general = try await service.history(sku: "EB-100", serial: serial)
            #expect(fast == general, "\(serial)")
        }
        let missing = await expectError(.notFound) { _ = try await service.unitHistory(sku: "EB-100", serial: "NOPE") }
        #expect(missing?.message.contains("never received") == true)
    }
}
