import TracestockCore

extension Tracestock {
    /// `requireSKU` and the locations; when the store reads snapshots, the SKU's lots and the
    /// named units come in the same read and are primed into the view (one read, not four).
    func requireSKUAndLocations(_ code: String, serials: [String], priming view: LedgerView) async throws -> (SKU, [Location]) {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, let snapshots = store as? any LedgerSnapshotReading {
            let snapshot = try await snapshots.planningSnapshot(skuCode: trimmed, serials: serials)
            if let sku = snapshot.sku {
                view.prime(skuID: sku.id, lots: snapshot.lots, serials: serials, units: snapshot.units)
                return (sku, snapshot.locations)
            }
        }
        // No snapshots, or no such SKU: the single reads (and their errors).
        return (try await requireSKU(code), try await store.locations())
    }

    /// The serials a movement names, if they can be known before validation (for priming only:
    /// validation and its errors come later, as always).
    static func primingSerials(_ request: MovementRequest) -> [String] {
        if let serials = request.serials { return serials }
        if let expression = request.serialExpression { return (try? SerialExpression.expand(expression)) ?? [] }
        return []
    }
}
