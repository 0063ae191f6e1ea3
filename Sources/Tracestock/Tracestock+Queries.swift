import TracestockCore

extension Tracestock {
    /// Stock on hand, grouped, optionally for one SKU and/or one location.
    public func stock(sku code: String? = nil, location: String? = nil, by grouping: StockGrouping = .sku) async throws -> StockReport {
        var skuID: Int64?
        if let code { skuID = try await requireSKU(code).id }
        var locationID: Int64?
        if let location { locationID = try requireLocation(location, field: "location", in: try await store.locations()).id }
        let cells = try await store.stockReport(skuID: skuID, locationID: locationID)
        struct Group: Hashable { var sku: String; var lot: String?; var location: String? }
        var rows: [Group: StockReport.Row] = [:]
        var order: [Group] = []
        for cell in cells {
            let key = Group(sku: cell.skuCode,
                            lot: grouping == .lot || grouping == .cell ? cell.lotCode : nil,
                            location: grouping == .location || grouping == .cell ? cell.locationCode : nil)
            if rows[key] == nil {
                order.append(key)
                rows[key] = StockReport.Row(sku: key.sku, lot: key.lot, location: key.location, quantity: 0, quarantined: 0, returned: 0,
                                            expires: key.lot == nil ? nil : cell.expires)
            }
            switch cell.key.status {
            case .sellable: rows[key]?.quantity += cell.quantity
            case .quarantined: rows[key]?.quarantined += cell.quantity
            case .returned: rows[key]?.returned += cell.quantity
            }
        }
        let list = order.compactMap { rows[$0] }.sorted {
            ($0.sku, $0.lot ?? "", $0.location ?? "") < ($1.sku, $1.lot ?? "", $1.location ?? "")
        }
        return StockReport(rows: list, total: list.reduce(0) { $0 + $1.quantity },
                           totalQuarantined: list.reduce(0) { $0 + $1.quarantined }, totalReturned: list.reduce(0) { $0 + $1.returned })
    }

    /// Every event of one unit, in order, with where it is now: one store read (`unitSnapshot`)
    /// when the unit exists; a miss is explained by the single reads below.
    public func history(sku code: String, serial: String) async throws -> UnitHistory {
        if let snapshot = try await store.unitSnapshot(skuCode: code.trimmingCharacters(in: .whitespaces), serial: serial) {
            return makeHistory(of: snapshot.unit, sku: snapshot.sku, events: snapshot.events, locationCodes: snapshot.locationCodes,
                               lotCode: snapshot.lot?.code)
        }
        let sku = try await requireSKU(code)
        guard let unit = try await store.units(skuID: sku.id, serials: [serial]).first else {
            let elsewhere = try await store.units(serial: serial)
            let others = try await store.skus(ids: elsewhere.map(\.skuID)).map(\.code)
            let hint = others.isEmpty ? " (never received)" : " (serial \(serial) belongs to \(others.joined(separator: ", ")))"
            throw TracestockError.notFound("SKU \(sku.code) has no serial \(serial)\(hint)", details: ["sku": sku.code, "serial": serial])
        }
        return try await history(of: unit, sku: sku)
    }

    /// The history of a unit already looked up.
    public func history(of unit: Unit, sku: SKU) async throws -> UnitHistory {
        let events = try await store.history(unitID: unit.id)
        let locations = try await store.locations()
        var lot: String?
        if let lotID = unit.lotID { lot = try await store.lots(ids: [lotID]).first?.code }
        return makeHistory(of: unit, sku: sku, events: events, locations: locations, lotCode: lot)
    }

    /// A unit's history from what was read about it.
    func makeHistory(of unit: Unit, sku: SKU, events: [LedgerEvent], locations allLocations: [Location], lotCode lot: String?) -> UnitHistory {
        makeHistory(of: unit, sku: sku, events: events, locationCodes: Dictionary(uniqueKeysWithValues: allLocations.map { ($0.id, $0.code) }),
                    lotCode: lot)
    }

    /// A unit's history from what was read about it, with the codes of the locations it names by id.
    func makeHistory(of unit: Unit, sku: SKU, events: [LedgerEvent], locationCodes locations: [Int64: String], lotCode lot: String?) -> UnitHistory {
        var voidedBy: [Int64: Int64] = [:]
        for event in events where event.type == .void { if let target = event.voidsSeq { voidedBy[target] = event.seq } }
        let entries = events.map { e in
            UnitHistory.Entry(seq: e.seq, type: e.type, at: e.at.iso8601,
                              location: (e.toLocationID ?? e.fromLocationID).flatMap { locations[$0] },
                              order: e.orderRef, actor: e.actor, reason: e.reason, voids: e.voidsSeq, voidedBy: voidedBy[e.seq])
        }
        return UnitHistory(sku: sku.code, serial: unit.serial, state: unit.state, lot: lot,
                           location: unit.locationID.flatMap { locations[$0] }, order: unit.orderRef, events: entries)
    }

    /// Every unit with this serial, whatever its SKU (a serial is unique only within its SKU).
    public func units(serial: String) async throws -> [UnitHistory] {
        if let snapshots = store as? any LedgerSnapshotReading {
            return try await snapshots.unitHistorySnapshots(serial: serial).compactMap { snapshot in
                guard let sku = snapshot.sku, let unit = snapshot.unit else { return nil }
                return makeHistory(of: unit, sku: sku, events: snapshot.events, locations: snapshot.locations, lotCode: snapshot.lot?.code)
            }
        }
        let units = try await store.units(serial: serial)
        let skus = Dictionary(uniqueKeysWithValues: try await store.skus(ids: Array(Set(units.map(\.skuID)))).map { ($0.id, $0) })
        var result: [UnitHistory] = []
        for unit in units {
            guard let sku = skus[unit.skuID] else { continue }
            result.append(try await history(of: unit, sku: sku))
        }
        return result
    }

    /// The one SKU that has all these serials (for commands that name units without their SKU).
    /// With `allowUnknown`, serials nobody has are ignored as long as one SKU is found.
    public func skuOwning(serials: [String], allowUnknown: Bool = false) async throws -> String {
        var owners = Set<Int64>()
        for serial in serials.prefix(1000) {
            let units = try await store.units(serial: serial).filter { $0.state != .voided }
            if units.isEmpty && !allowUnknown {
                throw TracestockError.notFound("no SKU has serial \(serial); name the SKU", details: ["serial": serial, "field": "sku"])
            }
            if units.count > 1 {
                let codes = try await store.skus(ids: units.map(\.skuID)).map(\.code).sorted()
                throw TracestockError.invalid("serial \(serial) exists in \(codes.joined(separator: ", ")); name the SKU", details: ["field": "sku"])
            }
            owners.formUnion(units.map(\.skuID))
        }
        guard owners.count == 1, let id = owners.first, let sku = try await store.skus(ids: [id]).first else {
            throw TracestockError.invalid(owners.isEmpty ? "no SKU has these serials; name the SKU" : "these serials belong to several SKUs; name one",
                                          details: ["field": "sku"])
        }
        return sku.code
    }

    /// Ledger events after `since`, at most `limit`, with their serials (cut at `serialLimit` per event).
    public func events(since: Int64 = 0, limit: Int = 1000, serialLimit: Int = 10_000) async throws -> EventPage {
        guard since >= 0 else { throw TracestockError.invalid("since: must be 0 or a sequence number", details: ["field": "since"]) }
        guard (1...100_000).contains(limit) else { throw TracestockError.invalid("limit: must be 1 to 100,000", details: ["field": "limit"]) }
        let events = try await store.events(since: since, limit: limit)
        let entries = try await describe(events, serialLimit: serialLimit)
        let last = events.last?.seq
        var more = false
        if let last { more = try await store.lastSeq() > last }
        return EventPage(events: entries, next: more ? last : nil)
    }

    func describe(_ events: [LedgerEvent], serialLimit: Int) async throws -> [EventPage.Entry] {
        let skus = Dictionary(uniqueKeysWithValues: try await store.skus(ids: Array(Set(events.map(\.skuID)))).map { ($0.id, $0.code) })
        let lots = Dictionary(uniqueKeysWithValues: try await store.lots(ids: Array(Set(events.compactMap(\.lotID)))).map { ($0.id, $0.code) })
        let locations = Dictionary(uniqueKeysWithValues: try await store.locations().map { ($0.id, $0.code) })
        let serials = try await store.serials(ofEvents: events.map(\.seq), limitPerEvent: serialLimit)
        return events.map { e in
            let list = serials[e.seq] ?? []
            return EventPage.Entry(seq: e.seq, type: e.type, at: e.at.iso8601, sku: skus[e.skuID] ?? "?", lot: e.lotID.flatMap { lots[$0] },
                                   serials: list, serialsTruncated: list.count >= serialLimit && Int64(list.count) < abs(e.quantity),
                                   quantity: e.quantity, from: e.fromLocationID.flatMap { locations[$0] },
                                   to: e.toLocationID.flatMap { locations[$0] }, order: e.orderRef, actor: e.actor, reason: e.reason,
                                   voids: e.voidsSeq)
        }
    }

    /// The answer to a replayed idempotent request, rebuilt from the events it wrote.
    func replayResult(seqs: [Int64]) async throws -> WriteResult {
        let events = try await store.events(seqs: seqs)
        let entries = try await describe(events, serialLimit: 0)
        return WriteResult(events: entries.map {
            EventSummary(seq: $0.seq, type: $0.type, at: $0.at, sku: $0.sku, lot: $0.lot, quantity: $0.quantity, from: $0.from,
                         to: $0.to, order: $0.order, voids: $0.voids)
        }, replayed: true)
    }

    /// Replays the whole ledger and compares unit states, stock and order lines with the
    /// projections the store keeps. A healthy store reports no problems.
    public func check() async throws -> CheckReport {
        let (replay, projection) = try await store.replayLedger()
        var problems = replay.problems
        let limit = 100
        func note(_ text: String) { if problems.count < limit { problems.append(text) } else if problems.count == limit { problems.append("… more differences not listed") } }
        var seen = 0
        for unit in projection.units {
            guard let expected = replay.units[unit.id] else {
                note("unit \(unit.id) (serial \(unit.serial)) exists but no event created it")
                continue
            }
            seen += 1
            let actual = UnitPosition(state: unit.state, locationID: unit.locationID, orderRef: unit.orderRef, lotID: unit.lotID)
            if actual != expected.position {
                note("unit \(unit.id) (serial \(unit.serial)): stored \(unit.state.rawValue) at \(unit.locationID.map(String.init) ?? "-"), ledger says \(expected.position.state?.rawValue ?? "absent") at \(expected.position.locationID.map(String.init) ?? "-")")
            }
            if unit.lastSeq != expected.lastSeq {
                note("unit \(unit.id) (serial \(unit.serial)): stored last event #\(unit.lastSeq), ledger says #\(expected.lastSeq)")
            }
        }
        if seen != replay.units.count { note("the ledger names \(replay.units.count) units but the store holds \(seen) of them") }
        for (key, quantity) in replay.effects.stock where projection.stock[key] != quantity {
            note("stock sku \(key.skuID) lot \(key.lotID.map(String.init) ?? "-") location \(key.locationID) \(key.status.rawValue): stored \(projection.stock[key] ?? 0), ledger says \(quantity)")
        }
        for (key, quantity) in projection.stock where replay.effects.stock[key] == nil {
            note("stock sku \(key.skuID) lot \(key.lotID.map(String.init) ?? "-") location \(key.locationID) \(key.status.rawValue): stored \(quantity), ledger says 0")
        }
        for (key, q) in replay.effects.orders where projection.orders[key] != q {
            note("order \(key.orderRef) sku \(key.skuID): stored \(projection.orders[key].map { "\($0.shipped)/\($0.returned)" } ?? "none"), ledger says \(q.shipped)/\(q.returned) shipped/returned")
        }
        for (key, q) in projection.orders where replay.effects.orders[key] == nil {
            note("order \(key.orderRef) sku \(key.skuID): stored \(q.shipped)/\(q.returned) shipped/returned, ledger says none")
        }
        var expectedSales = replay.effects.sales
        for (key, quantity) in projection.importedSales { expectedSales[key, default: 0] += quantity }
        for (key, quantity) in expectedSales where quantity != 0 && projection.sales[key] != quantity {
            note("daily sales sku \(key.skuID) day \(Day(daysSince1970: key.day)): stored \(projection.sales[key] ?? 0), ledger and imports say \(quantity)")
        }
        for (key, quantity) in projection.sales where (expectedSales[key] ?? 0) == 0 {
            note("daily sales sku \(key.skuID) day \(Day(daysSince1970: key.day)): stored \(quantity), ledger and imports say 0")
        }
        return CheckReport(events: try await store.lastSeq(), units: projection.units.count, stockCells: projection.stock.count,
                           orderLines: projection.orders.count, problems: problems)
    }
}
