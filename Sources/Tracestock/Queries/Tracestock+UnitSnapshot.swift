import TracestockCore

extension Tracestock {
    /// The same answer as `history(sku:serial:)`, from one store read (`unitSnapshot`): what
    /// the API's unit-history endpoint calls. Misses go through `history(sku:serial:)` so the
    /// not-found message is the same everywhere.
    public func unitHistory(sku code: String, serial: String) async throws -> UnitHistory {
        guard let snapshot = try await store.unitSnapshot(skuCode: code.trimmingCharacters(in: .whitespaces), serial: serial) else {
            return try await history(sku: code, serial: serial)
        }
        var voidedBy: [Int64: Int64] = [:]
        for event in snapshot.events where event.type == .void { if let target = event.voidsSeq { voidedBy[target] = event.seq } }
        let codes = snapshot.locationCodes
        let entries = snapshot.events.map { e in
            UnitHistory.Entry(seq: e.seq, type: e.type, at: e.at.iso8601, location: (e.toLocationID ?? e.fromLocationID).flatMap { codes[$0] },
                              order: e.orderRef, actor: e.actor, reason: e.reason, voids: e.voidsSeq, voidedBy: voidedBy[e.seq])
        }
        let unit = snapshot.unit
        return UnitHistory(sku: snapshot.sku.code, serial: unit.serial, state: unit.state, lot: snapshot.lot?.code,
                           location: unit.locationID.flatMap { codes[$0] }, order: unit.orderRef, events: entries)
    }
}
