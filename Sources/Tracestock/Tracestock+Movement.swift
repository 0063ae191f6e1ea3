import TracestockCore

extension Tracestock {
    /// Applies a stock event after receipt (move, ship, return, restock, quarantine, release,
    /// dispose, adjust) to serialized units or to quantities. Every unit must be in a state the
    /// event is legal for (DESIGN §2); a rejected request writes nothing.
    @discardableResult
    public func apply(_ request: MovementRequest, idempotencyKey: String? = nil) async throws -> WriteResult {
        guard request.type.movesStock, request.type != .receive else {
            throw TracestockError.invalid("type: \(request.type.rawValue) is not a stock movement", details: ["field": "type"])
        }
        return try await execute(request: request, idempotencyKey: idempotencyKey) { try await planMovement(request, in: $0) }
    }

    /// Ships units or a quantity on an order.
    @discardableResult
    public func ship(_ request: MovementRequest, idempotencyKey: String? = nil) async throws -> WriteResult {
        var r = request
        r.type = .ship
        return try await apply(r, idempotencyKey: idempotencyKey)
    }

    func planMovement(_ request: MovementRequest, in view: LedgerView) async throws {
        let (sku, locations) = try await requireSKUAndLocations(request.sku, serials: Self.primingSerials(request), priming: view)
        let at = request.at ?? clock()
        if let reason = request.reason, reason.count > 1000 {
            throw TracestockError.invalid("reason: at most 1,000 characters", details: ["field": "reason"])
        }
        if request.type == .ship {
            guard let order = request.order, !order.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw TracestockError.invalid("order: ship needs the order reference (--order)", details: ["field": "order"])
            }
            try Self.validateCode(order, field: "order", what: "order")
        }
        if request.type == .adjust {
            guard let reason = request.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw TracestockError.invalid("reason: an adjustment needs a reason (--reason), e.g. \"cycle count\"", details: ["field": "reason"])
            }
        }
        let to = try request.to.map { try requireLocation($0, field: "to", in: locations) }
        let from = try request.from.map { try requireLocation($0, field: "from", in: locations) }
        if [.move, .return].contains(request.type), to == nil {
            throw TracestockError.invalid("to: \(request.type.rawValue) needs a destination location (--to)", details: ["field": "to"])
        }
        switch sku.tracking {
        case .serial:
            if request.quantity != nil && request.serials == nil && request.serialExpression == nil {
                throw TracestockError.invalid("serials: \(sku.code) is serial-tracked; name the units with --serials", details: ["field": "serials"])
            }
            if request.type == .adjust {
                throw TracestockError.invalid("type: serial-tracked units are not adjusted; receive found units, dispose lost ones (with --reason)",
                                              details: ["field": "type"])
            }
            let serials = try serialList(serials: request.serials, expression: request.serialExpression)
            if let quantity = request.quantity, quantity != Int64(serials.count) {
                throw TracestockError.invalid("quantity: \(quantity) does not match the \(serials.count) serials given", details: ["field": "quantity"])
            }
            if request.type == .return, let to {
                return try await planSerialReturn(request, serials: serials, sku: sku, at: at, to: to, in: view)
            }
            try await planUnits(request, serials: serials, sku: sku, at: at, from: from, to: to, locations: locations, in: view)
        case .lot, .none:
            if request.serials != nil || request.serialExpression != nil {
                throw TracestockError.invalid("serials: \(sku.code) is not serial-tracked; give --qty", details: ["field": "serials"])
            }
            try await planQuantity(request, sku: sku, at: at, from: from, to: to, locations: locations, in: view)
        }
    }

    // MARK: Units

    func planUnits(_ request: MovementRequest, serials: [String], sku: SKU, at: Timestamp, from: Location?, to: Location?,
                   locations: [Location], in view: LedgerView) async throws {
        let type = request.type
        let found = try await view.units(skuID: sku.id, serials: serials)
        if found.count < serials.count {
            let known = Set(found.map(\.serial))
            let missing = serials.filter { !known.contains($0) }
            let shown = missing.prefix(5).joined(separator: ", ")
            throw TracestockError.notFound("SKU \(sku.code) has no serial \(shown)\(missing.count > 5 ? " (and \(missing.count - 5) more)" : "") (never received)",
                                           details: ["sku": sku.code, "serial": missing[0], "count": String(missing.count)])
        }
        var lotFilter: Lot?
        if let lotCode = request.lot {
            guard let lot = try await view.lots(skuID: sku.id).first(where: { $0.code == lotCode }) else {
                throw TracestockError.notFound("SKU \(sku.code) has no lot \(lotCode)", details: ["field": "lot", "lot": lotCode])
            }
            lotFilter = lot
        }
        let order = request.order
        var changes: [UnitChange] = []
        changes.reserveCapacity(found.count)
        var effects = LedgerEffects()
        var illegal: [(Unit, String?)] = []
        let byLocation = Dictionary(uniqueKeysWithValues: locations.map { ($0.id, $0.code) })
        for unit in found {
            if let entry = view.entryThatTouched(unitID: unit.id) {
                throw TracestockError.invalid("SKU \(sku.code) serial \(unit.serial) is already changed by \(entry) of this batch; one unit can change once per batch",
                                              details: ["serial": unit.serial])
            }
            if let lotFilter, unit.lotID != lotFilter.id {
                throw TracestockError(.stateConflict, "SKU \(sku.code) serial \(unit.serial) is not in lot \(lotFilter.code)",
                                      details: ["serial": unit.serial, "lot": lotFilter.code])
            }
            let before = UnitPosition(state: unit.state, locationID: unit.locationID, orderRef: unit.orderRef, lotID: unit.lotID)
            if let from, unit.state.isOnHand, unit.locationID != from.id {
                throw TracestockError(.stateConflict, "SKU \(sku.code) serial \(unit.serial) is at \(unit.locationID.flatMap { byLocation[$0] } ?? "no location"), not at \(from.code)",
                                      details: ["serial": unit.serial, "field": "from"])
            }
            if type == .move, unit.state == .inStock, unit.locationID == to?.id {
                throw TracestockError(.stateConflict, "SKU \(sku.code) serial \(unit.serial) is already at \(to?.code ?? "")",
                                      details: ["serial": unit.serial, "field": "to"])
            }
            guard let after = LedgerEffects.unitAfter(type, before: before, toLocationID: to?.id,
                                                      orderRef: type == .ship ? order : nil, lotID: nil) else {
                illegal.append((unit, nil))
                continue
            }
            changes.append(UnitChange(unitID: unit.id, expectedLastSeq: unit.lastSeq, before: before, after: after))
            effects.addUnit(skuID: sku.id, type: type, before: before, after: after)
        }
        if let (unit, _) = illegal.first {
            let described = try await describe(unit, sku: sku)
            let more = illegal.count > 1 ? " (\(illegal.count - 1) more of the \(serials.count) serials cannot either)" : ""
            throw TracestockError(.stateConflict,
                                  "SKU \(sku.code) serial \(unit.serial) \(described): \(UnitTransition.requirement(of: type))\(more); nothing was written",
                                  details: ["sku": sku.code, "serial": unit.serial, "state": unit.state.rawValue, "lastSeq": String(unit.lastSeq)])
        }
        let eventOrder = type == .ship ? order : nil
        let lots = Set(found.map(\.lotID))
        let sources = Set(found.map(\.locationID))
        let event = LedgerEvent(type: type, at: at, recordedAt: at, skuID: sku.id, lotID: lots.count == 1 ? lots.first! : nil,
                                quantity: Int64(found.count), fromLocationID: sources.count == 1 ? sources.first! : nil,
                                toLocationID: to?.id, orderRef: eventOrder, customerRef: request.customer,
                                actor: request.actor, reason: request.reason)
        view.plan.batch.effects.merge(effects)
        let lotCode: String? = if let lotID = event.lotID { try await view.lots(skuID: sku.id).first { $0.id == lotID }?.code } else { nil }
        view.append(PlannedEvent(event: event, unitChanges: changes),
                    summary: EventSummary(seq: 0, type: type, at: at.iso8601, sku: sku.code, lot: lotCode, quantity: event.quantity,
                                          from: event.fromLocationID.flatMap { byLocation[$0] }, to: to?.code, order: eventOrder))
    }

    /// "is already shipped on order 113-…, 2026-03-02 (event #57)": where a unit is and which event put it there.
    func describe(_ unit: Unit, sku: SKU) async throws -> String {
        let last = try await store.events(seqs: [unit.lastSeq]).first
        let locations = try await store.locations()
        let place = unit.locationID.flatMap { id in locations.first { $0.id == id }?.code } ?? "?"
        let when = last.map { " on \($0.at.isoDate) (event #\($0.seq), \($0.type.rawValue))" } ?? ""
        switch unit.state {
        case .inStock: return "is in stock at \(place) since\(when)"
        case .shipped: return "is already shipped on order \(unit.orderRef ?? "?")\(when)"
        case .returned: return "was returned from order \(unit.orderRef ?? "?") to \(place)\(when)"
        case .quarantined: return "is quarantined at \(place)\(when)"
        case .disposed: return "was disposed\(when)"
        case .voided: return "had its receipt voided\(when)"
        }
    }

    // MARK: Quantities

    func planQuantity(_ request: MovementRequest, sku: SKU, at: Timestamp, from: Location?, to: Location?,
                      locations: [Location], in view: LedgerView) async throws {
        let type = request.type
        guard let quantity = request.quantity, quantity != 0, type == .adjust || quantity > 0 else {
            throw TracestockError.invalid(type == .adjust ? "quantity: an adjustment needs a non-zero --qty (negative to remove)"
                                                          : "quantity: \(type.rawValue) needs a positive --qty",
                                          details: ["field": "quantity"])
        }
        let lots = try await view.lots(skuID: sku.id)
        var lot: Lot?
        if let lotCode = request.lot {
            guard sku.tracking == .lot else {
                throw TracestockError.invalid("lot: \(sku.code) is not lot-tracked; leave out --lot", details: ["field": "lot"])
            }
            guard let found = lots.first(where: { $0.code == lotCode }) else {
                throw TracestockError.notFound("SKU \(sku.code) has no lot \(lotCode)", details: ["field": "lot", "lot": lotCode])
            }
            lot = found
        }
        let lotCodes = Dictionary(uniqueKeysWithValues: lots.map { ($0.id, $0.code) })
        let codes = Dictionary(uniqueKeysWithValues: locations.map { ($0.id, $0.code) })
        func addEvent(lotID: Int64?, quantity q: Int64, from f: (Location, StockStatus)?, to t: (Location, StockStatus)?, order: String?,
                      verdict: String? = nil) {
            let event = LedgerEvent(type: type, at: at, recordedAt: at, skuID: sku.id, lotID: lotID, quantity: q,
                                    fromLocationID: f?.0.id, toLocationID: t?.0.id, fromStatus: f?.1, toStatus: t?.1,
                                    orderRef: order, customerRef: request.customer, actor: request.actor, reason: request.reason,
                                    verdict: verdict)
            view.plan.batch.effects.addQuantityEvent(event)
            view.append(PlannedEvent(event: event),
                        summary: EventSummary(seq: 0, type: type, at: at.iso8601, sku: sku.code, lot: lotID.flatMap { lotCodes[$0] },
                                              quantity: q, from: f?.0.code, to: t?.0.code, order: order))
        }

        if type == .return {
            guard let order = request.order else {
                throw TracestockError.invalid("order: a return names the order it comes back from (--order)", details: ["field": "order"])
            }
            guard let to else { return }
            let check = try await verifyQuantity(order: order, sku: sku, lot: lot?.code ?? request.lot, quantity: quantity, view: view)
            if check.verdict != .match {
                guard request.acceptSuspicious == true else {
                    throw TracestockError(.stateConflict, "return of \(quantity) \(sku.code): \(check.summary)\(check.evidence.note.map { " (\($0))" } ?? ""); nothing was recorded. To record it anyway, add --accept-suspicious --reason \"…\"",
                                          details: ["field": "order", "order": order, "verdict": check.verdict.rawValue])
                }
                guard !(request.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw TracestockError.invalid("reason: accepting a suspicious return needs a reason (--reason)", details: ["field": "reason"])
                }
                let event = LedgerEvent(type: .return, at: at, recordedAt: at, skuID: sku.id, quantity: 0, orderRef: order,
                                        customerRef: request.customer, actor: request.actor, reason: request.reason,
                                        verdict: check.verdict.rawValue, claimed: "\(quantity)" + (request.lot.map { " of lot \($0)" } ?? ""))
                view.append(PlannedEvent(event: event), summary: EventSummary(seq: 0, type: .return, at: at.iso8601, sku: sku.code, lot: nil,
                                                                               quantity: 0, from: nil, to: nil, order: order))
                return
            }
            let lines = try await view.orderLines(orderRef: order).filter { $0.key.skuID == sku.id && (lot == nil || $0.key.lotID == lot?.id) }
            var left = quantity
            for line in lines where left > 0 {
                let take = min(left, line.quantities.shipped - line.quantities.returned)
                guard take > 0 else { continue }
                addEvent(lotID: line.key.lotID, quantity: take, from: nil, to: (to, .returned), order: order, verdict: ReturnVerdict.match.rawValue)
                left -= take
            }
            return
        }

        if type == .adjust && quantity > 0 {
            guard let place = from ?? to else {
                throw TracestockError.invalid("from: an adjustment names its location (--at)", details: ["field": "location"])
            }
            if sku.tracking == .lot && lot == nil {
                throw TracestockError.invalid("lot: \(sku.code) is lot-tracked; name the lot the found quantity belongs to (--lot)", details: ["field": "lot"])
            }
            addEvent(lotID: lot?.id, quantity: quantity, from: nil, to: (place, .sellable), order: nil)
            return
        }

        // Everything else takes a quantity out of one bucket at one location, FEFO then FIFO.
        let source: StockStatus = switch type {
        case .restock: .returned
        case .release: .quarantined
        case .dispose: request.fromStatus ?? .sellable
        default: .sellable
        }
        let amount = abs(quantity)
        var cells = try await view.stockCells(skuID: sku.id, locationID: from?.id, status: source).filter { $0.quantity > 0 }
        if let lot { cells = cells.filter { $0.key.lotID == lot.id } }
        let place: Location
        if let from {
            place = from
        } else {
            let holding = Set(cells.map(\.key.locationID))
            guard holding.count == 1, let only = holding.first, let found = locations.first(where: { $0.id == only }) else {
                if holding.isEmpty {
                    throw TracestockError(.insufficientStock, "no \(source.rawValue) stock of \(sku.code)\(lot.map { " lot \($0.code)" } ?? "") anywhere",
                                          details: ["field": "quantity"])
                }
                let list = holding.compactMap { codes[$0] }.sorted().joined(separator: ", ")
                throw TracestockError.invalid("from: \(sku.code) is stocked at \(list); name one with --from", details: ["field": "from"])
            }
            place = found
        }
        let candidates = cells.filter { $0.key.locationID == place.id }.map {
            LotPicker.Candidate(lotID: $0.key.lotID, lotCode: $0.lotCode, expires: $0.expires, firstSeq: $0.lotFirstSeq ?? 0, available: $0.quantity)
        }
        var picks = LotPicker.pick(amount, from: candidates)
        if picks == nil && place.allowNegative {
            // Amazon may report a shipment before its receipt: take what is there, the rest goes negative.
            var partial = LotPicker.order(candidates).map { (candidate: $0, quantity: $0.available) }
            let have = partial.reduce(0) { $0 + $1.quantity }
            let lotForRest: Int64? = lot?.id ?? partial.first?.candidate.lotID
            if sku.tracking == .lot && lotForRest == nil {
                throw TracestockError.invalid("lot: no stock of \(sku.code) at \(place.code) to take from; name the lot with --lot", details: ["field": "lot"])
            }
            if let index = partial.firstIndex(where: { $0.candidate.lotID == lotForRest }) {
                partial[index].quantity += amount - have
            } else {
                partial.append((LotPicker.Candidate(lotID: lotForRest, lotCode: nil, expires: nil, firstSeq: 0, available: 0), amount - have))
            }
            picks = partial.filter { $0.quantity > 0 }
        }
        guard let picks else {
            let available = candidates.reduce(0) { $0 + $1.available }
            let detail = !candidates.isEmpty && (candidates.count > 1 || sku.tracking == .lot)
                ? " (" + LotPicker.order(candidates).map { "lot \($0.lotCode ?? "-"): \($0.available)" }.joined(separator: ", ") + ")" : ""
            throw TracestockError(.insufficientStock,
                                  "not enough \(source.rawValue) \(sku.code)\(lot.map { " of lot \($0.code)" } ?? "") at \(place.code): \(amount) asked, \(available) available\(detail)",
                                  details: ["field": "quantity", "available": String(available)])
        }
        for (candidate, take) in picks {
            switch type {
            case .ship, .dispose:
                addEvent(lotID: candidate.lotID, quantity: take, from: (place, source), to: nil, order: type == .ship ? request.order : nil)
            case .move:
                guard let to else { continue }
                if to.id == place.id {
                    throw TracestockError.invalid("to: \(to.code) is where the stock already is", details: ["field": "to"])
                }
                addEvent(lotID: candidate.lotID, quantity: take, from: (place, .sellable), to: (to, .sellable), order: nil)
            case .quarantine:
                addEvent(lotID: candidate.lotID, quantity: take, from: (place, .sellable), to: (to ?? place, .quarantined), order: nil)
            case .release, .restock:
                addEvent(lotID: candidate.lotID, quantity: take, from: (place, source), to: (to ?? place, .sellable), order: nil)
            case .adjust:
                addEvent(lotID: candidate.lotID, quantity: -take, from: nil, to: (place, .sellable), order: nil)
            default:
                throw TracestockError.invalid("type: \(type.rawValue) does not apply to quantities", details: ["field": "type"])
            }
        }
    }
}
