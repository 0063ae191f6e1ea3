import TracestockCore

extension Tracestock {
    /// Checks a returned unit (or lot quantity) against what was shipped on the order, without
    /// changing anything. An order we never shipped anything on is an error of its own.
    public func verifyReturn(order: String, sku code: String, serial: String?, lot: String? = nil) async throws -> ReturnVerification {
        let sku = try await requireSKU(code)
        let orderEvents = try await store.events(orderRef: order)
        guard orderEvents.contains(where: { $0.type == .ship }) else {
            throw TracestockError.notFound("unknown order \(order): nothing was shipped on it", details: ["field": "order", "order": order])
        }
        if sku.tracking == .serial {
            guard let serial, !serial.isEmpty else {
                throw TracestockError.invalid("serial: \(sku.code) is serial-tracked; name the returned serial", details: ["field": "serial"])
            }
            return try await verifySerial(order: order, sku: sku, serial: serial, lot: lot)
        }
        return try await verifyQuantity(order: order, sku: sku, lot: lot, quantity: 1, view: LedgerView(store: store))
    }

    func verifySerial(order: String, sku: SKU, serial: String, lot lotCode: String?) async throws -> ReturnVerification {
        let locations = Dictionary(uniqueKeysWithValues: try await store.locations().map { ($0.id, $0.code) })
        var evidence = ReturnVerification.Evidence(sku: sku.code, serial: serial)
        guard let unit = try await store.units(skuID: sku.id, serials: [serial]).first, unit.state != .voided else {
            let others = try await store.units(serial: serial).filter { $0.state != .voided }
            let owners = try await store.skus(ids: others.map(\.skuID)).map(\.code).sorted()
            if !owners.isEmpty { evidence.belongsTo = owners }
            let verdict = ReturnVerdict.decide(order: order, facts: nil, otherSKUs: owners)
            return ReturnVerification(order: order, sku: sku.code, serial: serial, lot: lotCode, verdict: verdict, evidence: evidence)
        }
        let history = try await store.history(unitID: unit.id)
        let voided = Set(history.compactMap(\.voidsSeq))
        let live = history.filter { !voided.contains($0.seq) && $0.type != .void }
        let ships = live.filter { $0.type == .ship }.compactMap { e in e.orderRef.map { UnitSaleFacts.OrderEvent(order: $0, seq: e.seq) } }
        let returns = live.filter { $0.type == .return }.compactMap { e in e.orderRef.map { UnitSaleFacts.OrderEvent(order: $0, seq: e.seq) } }
        var unitLot: String?
        if let lotID = unit.lotID { unitLot = try await store.lots(ids: [lotID]).first?.code }
        let facts = UnitSaleFacts(state: unit.state, currentOrder: unit.state == .shipped ? unit.orderRef : nil, ships: ships,
                                  returns: returns, lotMatches: lotCode.map { $0 == unitLot })
        let verdict = ReturnVerdict.decide(order: order, facts: facts)
        evidence.state = unit.state
        evidence.location = unit.locationID.flatMap { locations[$0] }
        evidence.lot = unitLot
        let lastShip = live.last { $0.type == .ship && (verdict == .match || verdict == .alreadyReturned ? $0.orderRef == order : true) }
        if unit.state == .shipped || verdict == .match {
            evidence.shippedOrder = unit.orderRef
            evidence.shippedAt = live.last { $0.type == .ship && $0.orderRef == unit.orderRef }?.at.isoDate
        } else if let lastShip {
            evidence.shippedOrder = lastShip.orderRef
            evidence.shippedAt = lastShip.at.isoDate
        }
        if verdict == .alreadyReturned, let back = live.last(where: { $0.type == .return && $0.orderRef == order }) ?? live.last(where: { $0.type == .return }) {
            evidence.returnedOrder = back.orderRef
            evidence.returnedAt = back.at.isoDate
        }
        if verdict == .notShipped {
            evidence.note = ships.isEmpty ? "never shipped" : "last shipped on order \(ships.last!.order)"
        }
        return ReturnVerification(order: order, sku: sku.code, serial: serial, lot: lotCode ?? unitLot, verdict: verdict, evidence: evidence)
    }

    func verifyQuantity(order: String, sku: SKU, lot lotCode: String?, quantity: Int64, view: LedgerView) async throws -> ReturnVerification {
        let lines = try await view.orderLines(orderRef: order).filter { $0.key.skuID == sku.id }
        let lots = Dictionary(uniqueKeysWithValues: try await view.lots(skuID: sku.id).map { ($0.id, $0.code) })
        var evidence = ReturnVerification.Evidence(sku: sku.code)
        evidence.shippedLots = lines.compactMap { $0.key.lotID.flatMap { lots[$0] } }.sorted()
        let matching = lines.filter { lotCode == nil || $0.key.lotID.flatMap { lots[$0] } == lotCode }
        let returnable = matching.reduce(0) { $0 + $1.quantities.shipped - $1.quantities.returned }
        evidence.returnable = returnable
        let verdict: ReturnVerdict
        if lines.isEmpty {
            verdict = .notShipped
            evidence.note = "order \(order) shipped no \(sku.code)"
        } else if matching.isEmpty {
            verdict = .wrongLot
        } else if returnable < quantity {
            verdict = .alreadyReturned
            evidence.note = "order \(order) shipped \(matching.reduce(0) { $0 + $1.quantities.shipped }); \(returnable) can still come back"
        } else {
            verdict = .match
        }
        return ReturnVerification(order: order, sku: sku.code, serial: nil, lot: lotCode, verdict: verdict, evidence: evidence)
    }

    /// Plans a return of serialized units: each serial is verified against the order; clean
    /// matches go to `returned`; anything else needs `acceptSuspicious` with a reason and is then
    /// recorded with its verdict (units that are not out with a customer do not move).
    func planSerialReturn(_ request: MovementRequest, serials: [String], sku: SKU, at: Timestamp, to: Location,
                          in view: LedgerView) async throws {
        let units = try await view.units(skuID: sku.id, serials: serials)
        let bySerial = Dictionary(uniqueKeysWithValues: units.map { ($0.serial, $0) })
        var verdicts: [(serial: String, check: ReturnVerification)] = []
        for serial in serials {
            if let order = request.order {
                verdicts.append((serial, try await verifySerial(order: order, sku: sku, serial: serial, lot: request.lot)))
            } else if let unit = bySerial[serial], unit.state == .shipped, let order = unit.orderRef {
                verdicts.append((serial, try await verifySerial(order: order, sku: sku, serial: serial, lot: request.lot)))
            } else if let unit = bySerial[serial] {
                throw TracestockError(.stateConflict, "SKU \(sku.code) serial \(serial) \(try await describe(unit, sku: sku)): \(UnitTransition.requirement(of: .return)); nothing was recorded",
                                      details: ["serial": serial, "state": unit.state.rawValue])
            } else {
                throw TracestockError.notFound("SKU \(sku.code) has no serial \(serial) (never received); name the order it came back on (--order) to record the claim",
                                               details: ["serial": serial, "field": "serials"])
            }
        }
        let suspicious = verdicts.filter { !$0.check.verdict.isClean }
        if let first = suspicious.first, request.acceptSuspicious != true {
            let more = suspicious.count > 1 ? " (\(suspicious.count - 1) more of the \(serials.count) serials are suspicious too)" : ""
            throw TracestockError(.stateConflict,
                                  "SKU \(sku.code) serial \(first.serial): \(first.check.summary)\(more); nothing was recorded. To record it anyway, add --accept-suspicious --reason \"…\"",
                                  details: ["serial": first.serial, "verdict": first.check.verdict.rawValue])
        }
        if !suspicious.isEmpty && (request.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw TracestockError.invalid("reason: accepting a suspicious return needs a reason (--reason)", details: ["field": "reason"])
        }
        let locations = Dictionary(uniqueKeysWithValues: try await store.locations().map { ($0.id, $0.code) })
        for verdict in ReturnVerdict.allCases {
            let group = verdicts.filter { $0.check.verdict == verdict }
            guard !group.isEmpty else { continue }
            let order = request.order ?? group[0].check.order
            if verdict.movesUnit {
                var changes: [UnitChange] = []
                var effects = LedgerEffects()
                for (serial, _) in group {
                    guard let unit = bySerial[serial] else { continue }
                    if let entry = view.entryThatTouched(unitID: unit.id) {
                        throw TracestockError.invalid("SKU \(sku.code) serial \(serial) is already changed by \(entry) of this batch", details: ["serial": serial])
                    }
                    let before = UnitPosition(state: unit.state, locationID: unit.locationID, orderRef: unit.orderRef, lotID: unit.lotID)
                    guard let after = LedgerEffects.unitAfter(.return, before: before, toLocationID: to.id, orderRef: nil, lotID: nil) else { continue }
                    changes.append(UnitChange(unitID: unit.id, expectedLastSeq: unit.lastSeq, before: before, after: after))
                    effects.addUnit(skuID: sku.id, type: .return, before: before, after: after)
                }
                let lots = Set(changes.map(\.before.lotID))
                let event = LedgerEvent(type: .return, at: at, recordedAt: at, skuID: sku.id, lotID: lots.count == 1 ? lots.first! : nil,
                                        quantity: Int64(changes.count), toLocationID: to.id, orderRef: order, customerRef: request.customer,
                                        actor: request.actor, reason: request.reason, verdict: verdict.rawValue,
                                        claimed: group.map(\.serial).joined(separator: ","))
                view.plan.batch.effects.merge(effects)
                view.append(PlannedEvent(event: event, unitChanges: changes),
                            summary: EventSummary(seq: 0, type: .return, at: at.iso8601, sku: sku.code, lot: nil, quantity: event.quantity,
                                                  from: nil, to: locations[to.id], order: order))
            } else {
                // Not ours to take back (unknown, another SKU's, never shipped, already back): record the claim, move nothing.
                let event = LedgerEvent(type: .return, at: at, recordedAt: at, skuID: sku.id, quantity: 0, toLocationID: nil,
                                        orderRef: order, customerRef: request.customer, actor: request.actor, reason: request.reason,
                                        verdict: verdict.rawValue, claimed: group.map(\.serial).joined(separator: ","))
                view.append(PlannedEvent(event: event),
                            summary: EventSummary(seq: 0, type: .return, at: at.iso8601, sku: sku.code, lot: nil, quantity: 0,
                                                  from: nil, to: nil, order: order))
            }
        }
    }

    /// Returns recorded, with their verdicts, for filing claims.
    public func returnsReport(since: Timestamp? = nil, verdicts: [ReturnVerdict] = []) async throws -> [ReturnRecord] {
        let events = try await store.returnEvents(since: since).filter { verdicts.isEmpty || verdicts.map(\.rawValue).contains($0.verdict ?? "match") }
        let described = try await describe(events, serialLimit: 10_000)
        return zip(events, described).map { event, entry in
            ReturnRecord(seq: event.seq, at: entry.at, order: event.orderRef, sku: entry.sku, lot: entry.lot, quantity: event.quantity,
                         serials: entry.serials, claimed: event.claimed, verdict: event.verdict ?? ReturnVerdict.match.rawValue,
                         reason: event.reason, location: entry.to)
        }
    }
}
