import TracestockCore

extension Tracestock {
    /// Cancels an earlier event by appending a `void` that reverses it. The original stays in the
    /// ledger. Units must not have moved since (void the later events first), and the stock a
    /// void takes back must still be there.
    @discardableResult
    public func void(_ request: VoidRequest, idempotencyKey: String? = nil) async throws -> WriteResult {
        try await execute(request: request, idempotencyKey: idempotencyKey) { try await planVoid(request, in: $0) }
    }

    func planVoid(_ request: VoidRequest, in view: LedgerView) async throws {
        guard let target = try await store.events(seqs: [request.seq]).first else {
            throw TracestockError.notFound("there is no event #\(request.seq)", details: ["field": "seq"])
        }
        guard target.type != .void else {
            throw TracestockError(.stateConflict, "event #\(target.seq) is itself a void; voids cannot be voided (record the change again instead)")
        }
        if let earlier = try await store.voidingEvent(of: target.seq) {
            throw TracestockError(.stateConflict, "event #\(target.seq) was already voided by event #\(earlier.seq) on \(earlier.at.isoDate)")
        }
        let skus = try await store.skus(ids: [target.skuID])
        guard let sku = skus.first else { throw TracestockError.notFound("event #\(target.seq) names an unknown SKU") }
        let at = request.at ?? clock()
        var plan = Plan()
        let linked = try await store.eventUnits(seq: target.seq)
        var changes: [UnitChange] = []
        if linked.isEmpty {
            plan.batch.effects.addQuantityEvent(target, sign: -1)
            let cells = try await store.stockCells(skuID: sku.id, locationID: nil, status: nil)
            let locations = try await store.locations()
            for (key, delta) in plan.batch.effects.stock where delta < 0 {
                let have = cells.first { $0.key == key }?.quantity ?? 0
                let negativeOK = locations.first { $0.id == key.locationID }?.allowNegative ?? false
                if have + delta < 0 && !negativeOK {
                    throw TracestockError(.insufficientStock,
                                          "cannot void event #\(target.seq): it added \(-delta) \(key.status.rawValue) \(sku.code) at \(locations.first { $0.id == key.locationID }?.code ?? "?") but only \(have) are left",
                                          details: ["seq": String(target.seq)])
                }
            }
        } else {
            let units = try await store.units(ids: linked.map(\.unitID))
            let current = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) })
            for link in linked {
                guard let unit = current[link.unitID] else { continue }
                guard unit.lastSeq == target.seq else {
                    let later = try await store.events(seqs: [unit.lastSeq]).first
                    throw TracestockError(.stateConflict,
                                          "cannot void event #\(target.seq): SKU \(sku.code) serial \(unit.serial) changed since (event #\(unit.lastSeq), \(later?.type.rawValue ?? "?")); void the later events first",
                                          details: ["serial": unit.serial, "seq": String(unit.lastSeq)])
                }
                let now = UnitPosition(state: unit.state, locationID: unit.locationID, orderRef: unit.orderRef, lotID: unit.lotID)
                var restored = UnitPosition(state: link.prevState, locationID: link.prevLocationID, orderRef: link.prevOrderRef, lotID: link.prevLotID)
                if link.prevState == nil || link.prevState == .voided {
                    restored = UnitPosition(state: .voided, locationID: nil, orderRef: now.orderRef, lotID: now.lotID)
                }
                changes.append(UnitChange(unitID: unit.id, expectedLastSeq: unit.lastSeq, before: now, after: restored))
                plan.batch.effects.addUnit(skuID: sku.id, type: target.type, before: restored, after: now, sign: -1)
            }
        }
        let event = LedgerEvent(type: .void, at: at, recordedAt: at, skuID: sku.id, lotID: target.lotID, quantity: abs(target.quantity),
                                orderRef: target.orderRef, actor: request.actor, reason: request.reason, voidsSeq: target.seq)
        plan.batch.effects.addSale(target, sign: -1)
        view.plan.batch.effects.merge(plan.batch.effects)
        view.append(PlannedEvent(event: event, unitChanges: changes),
                    summary: EventSummary(seq: 0, type: .void, at: at.iso8601, sku: sku.code, lot: nil, quantity: event.quantity,
                                          from: nil, to: nil, order: target.orderRef, voids: target.seq))
    }
}
