import TracestockCore

extension Tracestock {
    /// Receives stock. Serialized SKUs take serials (list, expression or `generate`); lot-tracked
    /// SKUs take a lot and a quantity; untracked SKUs a quantity. Receiving a serial that exists
    /// is always an error; a rejected receive writes nothing.
    @discardableResult
    public func receive(_ request: ReceiveRequest, idempotencyKey: String? = nil) async throws -> WriteResult {
        try await execute(request: request, idempotencyKey: idempotencyKey) { try await planReceive(request, in: $0) }
    }

    func planReceive(_ request: ReceiveRequest, in view: LedgerView) async throws {
        let sku = try await requireSKU(request.sku)
        let locations = try await store.locations()
        let location = try requireLocation(request.location, field: "location", in: locations)
        let at = request.at ?? clock()

        // The lot: existing (its facts must agree) or new.
        var lotID: Int64?
        if let lotCode = request.lot {
            try Self.validateCode(lotCode, field: "lot", what: "lot")
            let produced = try request.produced.map { text -> String in _ = try Day.parse(text, field: "produced"); return text }
            let expires = try request.expires.map { text -> String in _ = try Day.parse(text, field: "expires"); return text }
            if let produced, let expires, expires < produced {
                throw TracestockError.invalid("expires: \(expires) is before the production date \(produced)", details: ["field": "expires"])
            }
            if let existing = try await view.lots(skuID: sku.id).first(where: { $0.code == lotCode }) {
                for (field, given, stored) in [("expires", expires, existing.expires), ("produced", produced, existing.produced),
                                               ("supplier", request.supplier, existing.supplier)] {
                    if let given, let stored, given != stored {
                        throw TracestockError(.stateConflict, "lot \(lotCode) of \(sku.code) already has \(field) \(stored); this receipt says \(given)",
                                              details: ["field": field, "lot": lotCode])
                    }
                }
                lotID = existing.id
            } else {
                lotID = view.addLot(Lot(skuID: sku.id, code: lotCode, produced: produced, expires: expires,
                                        supplier: request.supplier ?? sku.supplier))
            }
        } else if request.expires != nil || request.produced != nil {
            throw TracestockError.invalid("lot: expiry and production dates belong to a lot; name it with --lot", details: ["field": "lot"])
        }

        var event = LedgerEvent(type: .receive, at: at, recordedAt: at, skuID: sku.id, lotID: lotID, quantity: 0,
                                toLocationID: location.id, orderRef: request.reference, actor: request.actor, reason: request.reason)
        var planned: PlannedEvent
        switch sku.tracking {
        case .serial:
            let serials = try await serialsToReceive(request, sku: sku, batch: &view.plan.batch)
            if let quantity = request.quantity, quantity != Int64(serials.count) {
                throw TracestockError.invalid("quantity: \(quantity) does not match the \(serials.count) serials given", details: ["field": "quantity"])
            }
            event.quantity = Int64(serials.count)
            planned = try await planNewUnits(serials, sku: sku, event: event, in: view)
        case .lot, .none:
            if request.serials != nil || request.serialExpression != nil || request.generate != nil {
                throw TracestockError.invalid("serials: \(sku.code) is tracked by \(sku.tracking == .lot ? "lot" : "quantity"), not by serial; give --qty",
                                              details: ["field": "serials"])
            }
            if sku.tracking == .lot, lotID == nil {
                throw TracestockError.invalid("lot: \(sku.code) is lot-tracked; name the lot with --lot", details: ["field": "lot"])
            }
            if sku.tracking == .none, lotID != nil {
                throw TracestockError.invalid("lot: \(sku.code) is not lot-tracked; leave out --lot", details: ["field": "lot"])
            }
            guard let quantity = request.quantity, quantity > 0 else {
                throw TracestockError.invalid("quantity: receive needs a positive --qty", details: ["field": "quantity"])
            }
            event.quantity = quantity
            event.toStatus = .sellable
            view.plan.batch.effects.addQuantityEvent(event)
            planned = PlannedEvent(event: event)
        }
        view.append(planned, summary: EventSummary(seq: 0, type: .receive, at: at.iso8601, sku: sku.code, lot: request.lot,
                                                   quantity: event.quantity, from: nil, to: location.code, order: request.reference))
    }

    /// The serials a receive names, validated: exactly one of a list, an expression or `generate`.
    func serialsToReceive(_ request: ReceiveRequest, sku: SKU, batch: inout LedgerBatch) async throws -> [String] {
        let given = [request.serials != nil, request.serialExpression != nil, request.generate != nil].filter { $0 }.count
        guard given == 1 else {
            throw TracestockError.invalid("serials: \(sku.code) is serial-tracked; give exactly one of --serials or --generate",
                                          details: ["field": "serials"])
        }
        if let count = request.generate {
            guard count > 0, count <= 10_000_000 else {
                throw TracestockError.invalid("generate: must be between 1 and 10,000,000", details: ["field": "generate"])
            }
            guard let width = sku.serialWidth else {
                throw TracestockError.invalid("generate: \(sku.code) has no serial pattern; set one with `tracestock sku edit \(sku.code) --serial-prefix P --serial-width N`",
                                              details: ["field": "generate"])
            }
            let pattern = try SerialPattern(prefix: sku.serialPrefix ?? "", width: width)
            let serials = try pattern.serials(from: Int(sku.serialNext), count: count)
            batch.serialCounter = (sku.id, sku.serialNext, sku.serialNext + Int64(count))
            return serials
        }
        return try serialList(serials: request.serials, expression: request.serialExpression)
    }

    /// Expands an expression or validates a list: non-empty, no duplicates, valid characters.
    func serialList(serials: [String]?, expression: String?) throws -> [String] {
        if let expression { return try SerialExpression.expand(expression) }
        let list = serials ?? []
        guard !list.isEmpty else { throw TracestockError.invalid("serials: the list is empty", details: ["field": "serials"]) }
        var seen = Set<String>()
        seen.reserveCapacity(list.count)
        for (index, serial) in list.enumerated() {
            guard !serial.isEmpty, serial.utf8.count <= 64, serial.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw TracestockError.invalid("serials[\(index)]: '\(serial)' is not a valid serial (1 to 64 printable characters, no spaces)",
                                              details: ["field": "serials", "index": String(index), "serial": serial])
            }
            guard seen.insert(serial).inserted else {
                throw TracestockError.invalid("serials[\(index)]: \(serial) is listed twice", details: ["field": "serials", "serial": serial])
            }
        }
        return list
    }

    /// Plans the creation of units; serials that exist (and are not voided receipts) are an error.
    func planNewUnits(_ serials: [String], sku: SKU, event: LedgerEvent, in view: LedgerView) async throws -> PlannedEvent {
        if let (serial, entry) = view.firstCreated(skuID: sku.id, among: serials) {
            throw TracestockError(.duplicate, "SKU \(sku.code) serial \(serial) is received twice: by \(entry) and by \(view.currentEntry); nothing was received",
                                  details: ["sku": sku.code, "serial": serial])
        }
        // Looking up every serial first dominated a large receive. The fast path leaves serials
        // that exist to the unique index on (serial, sku); if the commit hits it, `execute` plans
        // again with this lookup, so errors and voided-serial re-receipts stay exactly as they were.
        var existing: [Unit] = []
        if view.checksExistingSerials {
            existing = try await view.units(skuID: sku.id, serials: serials)
        } else {
            view.skippedSerialCheck = true
        }
        let live = existing.filter { $0.state != .voided }
        if let first = live.first {
            let described = try await describe(first, sku: sku)
            let more = live.count > 1 ? " (and \(live.count - 1) more of the \(serials.count) serials exist)" : ""
            throw TracestockError(.duplicate, "SKU \(sku.code) serial \(first.serial) already exists: it \(described)\(more); nothing was received",
                                  details: ["sku": sku.code, "serial": first.serial, "count": String(live.count)])
        }
        var changes: [UnitChange] = []
        var fresh = serials
        if !existing.isEmpty {
            let voided = Dictionary(uniqueKeysWithValues: existing.map { ($0.serial, $0) })
            fresh = serials.filter { voided[$0] == nil }
            for unit in existing {
                let before = UnitPosition(state: unit.state, locationID: unit.locationID, orderRef: unit.orderRef, lotID: unit.lotID)
                guard let after = LedgerEffects.unitAfter(.receive, before: before, toLocationID: event.toLocationID,
                                                          orderRef: nil, lotID: event.lotID) else { continue }
                changes.append(UnitChange(unitID: unit.id, expectedLastSeq: unit.lastSeq, before: before, after: after))
                view.plan.batch.effects.addUnit(skuID: sku.id, type: .receive, before: before, after: after)
            }
        }
        if !fresh.isEmpty, let to = event.toLocationID {
            view.plan.batch.effects.stock[StockKey(skuID: sku.id, lotID: event.lotID, locationID: to, status: .sellable), default: 0] += Int64(fresh.count)
        }
        return PlannedEvent(event: event, newSerials: fresh, unitChanges: changes)
    }
}
