import TracestockCore

/// The store as a command sees it while planning: what is committed plus what the commands
/// planned earlier in the same batch. A CSV import plans row after row against this view, so
/// the whole file commits as one atomic batch and each row sees the rows before it.
final class LedgerView {
    let store: any LedgerStore
    /// Everything planned so far.
    var plan = Plan()
    /// Which batch entry (e.g. a CSV line) changed or created each unit.
    private var touchedUnits: [Int64: String] = [:]
    /// Serials created earlier in the batch per SKU, as planned; indexed only when a later entry
    /// of the same SKU asks (a single receive of a million serials never hashes them).
    private var createdSerials: [Int64: [(entry: String, serials: [String])]] = [:]
    private var createdIndex: [Int64: (lists: Int, entries: [String: String])] = [:]
    /// False while planning may leave serials that already exist to the store's unique index
    /// (the fast path of receive); `Tracestock.execute` plans again with it true when that fails.
    var checksExistingSerials = true
    /// Whether planning skipped the existing-serial check.
    var skippedSerialCheck = false
    /// Label of the entry being planned (e.g. "line 7"), used in messages about clashes.
    var currentEntry = "this request"

    init(store: any LedgerStore) {
        self.store = store
    }

    /// What the store already returned in one snapshot for the entry being planned (see `prime`).
    private var primed: (skuID: Int64, lots: [Lot], serials: [String], units: [Unit])?

    /// Keeps a snapshot's lots and units, so the reads below need no round trip for them.
    func prime(skuID: Int64, lots: [Lot], serials: [String], units: [Unit]) {
        primed = (skuID, lots, serials, units)
    }

    /// Lots of a SKU, including lots created earlier in the batch (negative ids).
    func lots(skuID: Int64) async throws -> [Lot] {
        var lots = if let primed, primed.skuID == skuID { primed.lots } else { try await store.lots(skuID: skuID) }
        for (index, lot) in plan.batch.newLots.enumerated() where lot.skuID == skuID {
            var pending = lot
            pending.id = -Int64(index + 1)
            lots.append(pending)
        }
        return lots
    }

    /// Creates a lot in the batch and returns its placeholder id.
    func addLot(_ lot: Lot) -> Int64 {
        plan.batch.newLots.append(lot)
        return -Int64(plan.batch.newLots.count)
    }

    /// Units as they will be after the batch so far.
    func units(skuID: Int64, serials: [String]) async throws -> [Unit] {
        var units = if let primed, primed.skuID == skuID, primed.serials == serials { primed.units }
                    else { try await store.units(skuID: skuID, serials: serials) }
        if touchedUnits.isEmpty { return units }
        var changes: [Int64: UnitChange] = [:]
        for planned in plan.batch.events { for change in planned.unitChanges { changes[change.unitID] = change } }
        for index in units.indices {
            if let change = changes[units[index].id], let state = change.after.state {
                units[index].state = state
                units[index].locationID = change.after.locationID
                units[index].orderRef = change.after.orderRef
                units[index].lotID = change.after.lotID
            }
        }
        return units
    }

    /// The entry that already changed or created a unit in this batch, if any.
    func entryThatTouched(unitID: Int64) -> String? { touchedUnits[unitID] }

    /// The entry that already created this serial in this batch, if any.
    func entryThatCreated(skuID: Int64, serial: String) -> String? {
        guard createdSerials[skuID] != nil else { return nil }
        return createdEntries(skuID: skuID)[serial]
    }

    /// The first of `serials` an earlier entry of this batch already created, with that entry.
    func firstCreated(skuID: Int64, among serials: [String]) -> (serial: String, entry: String)? {
        guard createdSerials[skuID] != nil else { return nil }
        let entries = createdEntries(skuID: skuID)
        for serial in serials { if let entry = entries[serial] { return (serial, entry) } }
        return nil
    }

    /// Serial → entry for the SKU, bringing the index up to date with the lists planned since.
    private func createdEntries(skuID: Int64) -> [String: String] {
        let lists = createdSerials[skuID] ?? []
        var index = createdIndex[skuID] ?? (0, [:])
        if index.lists < lists.count {
            for (entry, serials) in lists[index.lists...] { for serial in serials { index.entries[serial] = entry } }
            index.lists = lists.count
            createdIndex[skuID] = index
        }
        return index.entries
    }

    /// Appends a planned event and records which units it touches.
    func append(_ planned: PlannedEvent, summary: EventSummary) {
        for change in planned.unitChanges { touchedUnits[change.unitID] = currentEntry }
        if !planned.newSerials.isEmpty {
            createdSerials[planned.event.skuID, default: []].append((currentEntry, planned.newSerials))
        }
        plan.batch.events.append(planned)
        plan.batch.effects.addSale(planned.event)
        plan.summaries.append(summary)
    }

    /// Stock cells after the batch so far.
    func stockCells(skuID: Int64, locationID: Int64?, status: StockStatus?) async throws -> [StockCell] {
        var cells = try await store.stockCells(skuID: skuID, locationID: locationID, status: status)
        let pending = plan.batch.effects.stock.filter { key, _ in
            key.skuID == skuID && (locationID == nil || key.locationID == locationID) && (status == nil || key.status == status)
        }
        if pending.isEmpty { return cells }
        let lots = Dictionary(uniqueKeysWithValues: try await self.lots(skuID: skuID).map { ($0.id, $0) })
        let locations = Dictionary(uniqueKeysWithValues: try await store.locations().map { ($0.id, $0.code) })
        for (key, delta) in pending {
            if let index = cells.firstIndex(where: { $0.key == key }) {
                cells[index].quantity += delta
            } else {
                let lot = key.lotID.flatMap { lots[$0] }
                cells.append(StockCell(key: key, quantity: delta, skuCode: "", lotCode: lot?.code, locationCode: locations[key.locationID] ?? "",
                                       expires: lot?.expires, lotFirstSeq: lot.map { $0.id < 0 ? Int64.max : $0.firstSeq }))
            }
        }
        return cells.filter { $0.quantity != 0 }
    }

    /// Order lines after the batch so far.
    func orderLines(orderRef: String) async throws -> [OrderLine] {
        var lines = try await store.orderLines(orderRef: orderRef)
        for (key, delta) in plan.batch.effects.orders where key.orderRef == orderRef {
            if let index = lines.firstIndex(where: { $0.key == key }) {
                lines[index].quantities.shipped += delta.shipped
                lines[index].quantities.returned += delta.returned
            } else {
                lines.append(OrderLine(key: key, quantities: delta))
            }
        }
        return lines
    }
}
