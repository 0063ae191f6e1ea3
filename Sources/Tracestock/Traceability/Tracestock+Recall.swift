import Foundation
import TracestockCore

/// What a recall is about: lots, serials, a production window or a supplier, of one SKU.
public struct RecallRequest: Sendable, Codable, Equatable {
    public var sku: String
    public var lots: [String]?
    public var serialExpression: String?
    /// Production window, inclusive: `YYYY-MM-DD`.
    public var producedFrom: String?
    public var producedTo: String?
    public var supplier: String?
    /// Quarantine everything still sellable, as events, in one transaction.
    public var quarantine: Bool
    public var reason: String?
    public var actor: String?

    /// Creates a recall request.
    public init(sku: String, lots: [String]? = nil, serialExpression: String? = nil, producedFrom: String? = nil,
                producedTo: String? = nil, supplier: String? = nil, quarantine: Bool = false, reason: String? = nil, actor: String? = nil) {
        self.sku = sku
        self.lots = lots
        self.serialExpression = serialExpression
        self.producedFrom = producedFrom
        self.producedTo = producedTo
        self.supplier = supplier
        self.quarantine = quarantine
        self.reason = reason
        self.actor = actor
    }
}

/// Where every affected unit or quantity is now.
public struct RecallReport: Sendable, Encodable, Equatable {
    /// One place the affected stock is: a location, a customer order, the bin.
    public struct Group: Sendable, Encodable, Equatable {
        /// `in_stock`, `quarantined`, `shipped`, `returned`, `disposed` (and `adjusted` for counted corrections).
        public var state: String
        public var location: String?
        public var order: String?
        public var shippedAt: String?
        public var customer: String?
        public var lot: String?
        public var quantity: Int64
        public var serials: [String]

        enum CodingKeys: String, CodingKey { case state, location, order, shippedAt, customer, lot, quantity, serials }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(state, forKey: .state)
            try c.encode(location, forKey: .location)
            try c.encode(order, forKey: .order)
            try c.encode(shippedAt, forKey: .shippedAt)
            try c.encode(customer, forKey: .customer)
            try c.encode(lot, forKey: .lot)
            try c.encode(quantity, forKey: .quantity)
            try c.encode(serials, forKey: .serials)
        }
    }

    public var sku: String
    public var lots: [String]
    /// Everything affected; equals `received`.
    public var total: Int64
    /// What was received of the affected lots or serials (live receipts).
    public var received: Int64
    public var byState: [String: Int64]
    public var groups: [Group]
    /// How many units this call moved into quarantine.
    public var quarantined: Int64
    /// Orders to contact (shipped groups), sorted.
    public var orders: [String]
    /// Sequence numbers of the quarantine events written.
    public var seqs: [Int64]
}

extension Tracestock {
    /// Finds every unit or quantity a recall covers and groups it by where it is now; with
    /// `quarantine`, first moves everything still sellable into quarantine (idempotent: a second
    /// run finds nothing sellable and moves nothing).
    public func recall(_ request: RecallRequest, idempotencyKey: String? = nil) async throws -> RecallReport {
        let sku = try await requireSKU(request.sku)
        let given = [request.lots != nil, request.serialExpression != nil, request.producedFrom != nil || request.producedTo != nil,
                     request.supplier != nil].filter { $0 }.count
        guard given == 1 else {
            throw TracestockError.invalid("recall needs exactly one of --lot, --serials, --produced FROM..TO or --supplier", details: ["field": "lots"])
        }
        let allLots = try await store.lots(skuID: sku.id)
        var lotIDs: [Int64]?
        var unitIDs: [Int64]?
        if let codes = request.lots {
            guard !codes.isEmpty else { throw TracestockError.invalid("lots: name at least one lot", details: ["field": "lots"]) }
            lotIDs = try codes.map { code in
                guard let lot = allLots.first(where: { $0.code == code }) else {
                    throw TracestockError.notFound("SKU \(sku.code) has no lot \(code)", details: ["field": "lots", "lot": code])
                }
                return lot.id
            }
        } else if let expression = request.serialExpression {
            guard sku.tracking == .serial else {
                throw TracestockError.invalid("serials: \(sku.code) is not serial-tracked; recall it by lot", details: ["field": "serials"])
            }
            let serials = try SerialExpression.expand(expression)
            let units = try await store.units(skuID: sku.id, serials: serials)
            if units.count < serials.count {
                let known = Set(units.map(\.serial))
                let missing = serials.filter { !known.contains($0) }
                throw TracestockError.notFound("SKU \(sku.code) has no serial \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? " (and \(missing.count - 5) more)" : "")",
                                               details: ["field": "serials", "serial": missing[0]])
            }
            unitIDs = units.map(\.id)
        } else if let supplier = request.supplier {
            lotIDs = allLots.filter { ($0.supplier ?? sku.supplier) == supplier }.map(\.id)
        } else {
            let from = try request.producedFrom.map { try Day.parse($0, field: "producedFrom") }
            let to = try request.producedTo.map { try Day.parse($0, field: "producedTo") }
            if let from, let to, to < from {
                throw TracestockError.invalid("produced: the window ends before it starts", details: ["field": "produced"])
            }
            lotIDs = allLots.filter { lot in
                guard let produced = lot.produced.flatMap({ try? Day($0) }) else { return false }
                return (from.map { produced >= $0 } ?? true) && (to.map { produced <= $0 } ?? true)
            }.map(\.id)
        }

        var seqs: [Int64] = []
        var quarantined: Int64 = 0
        if request.quarantine {
            let reason = request.reason ?? "recall"
            let result = try await quarantineForRecall(sku: sku, lotIDs: lotIDs, unitIDs: unitIDs, reason: reason, actor: request.actor,
                                                       idempotencyKey: idempotencyKey)
            seqs = result.events.map(\.seq)
            quarantined = result.events.reduce(0) { $0 + $1.quantity }
        }
        var report = try await recallReport(sku: sku, lots: allLots, lotIDs: lotIDs, unitIDs: unitIDs)
        report.quarantined = quarantined
        report.seqs = seqs
        return report
    }

    func quarantineForRecall(sku: SKU, lotIDs: [Int64]?, unitIDs: [Int64]?, reason: String, actor: String?,
                             idempotencyKey: String?) async throws -> WriteResult {
        struct Fingerprint: Encodable { var sku: String; var lots: [Int64]?; var units: [Int64]?; var reason: String }
        let fingerprint = Fingerprint(sku: sku.code, lots: lotIDs, units: unitIDs, reason: reason)
        do {
            return try await execute(request: fingerprint, idempotencyKey: idempotencyKey) { view in
                let at = clock()
                let locations = Dictionary(uniqueKeysWithValues: try await store.locations().map { ($0.id, $0.code) })
                if sku.tracking == .serial {
                    let units = try await store.foldRecallUnits(skuID: sku.id, lotIDs: lotIDs, unitIDs: unitIDs, start: { [TracestockCore.Unit]() },
                                                                add: { if $1.unit.state == .inStock { $0.append($1.unit) } }).flatMap { $0 }
                    guard !units.isEmpty else { return }
                    var changes: [UnitChange] = []
                    for unit in units {
                        let before = UnitPosition(state: unit.state, locationID: unit.locationID, orderRef: unit.orderRef, lotID: unit.lotID)
                        guard let after = LedgerEffects.unitAfter(.quarantine, before: before, toLocationID: nil, orderRef: nil, lotID: nil) else { continue }
                        changes.append(UnitChange(unitID: unit.id, expectedLastSeq: unit.lastSeq, before: before, after: after))
                        view.plan.batch.effects.addUnit(skuID: sku.id, type: .quarantine, before: before, after: after)
                    }
                    let sources = Set(units.map(\.locationID))
                    let lots = Set(units.map(\.lotID))
                    let event = LedgerEvent(type: .quarantine, at: at, recordedAt: at, skuID: sku.id, lotID: lots.count == 1 ? lots.first! : nil,
                                            quantity: Int64(changes.count), fromLocationID: sources.count == 1 ? sources.first! : nil,
                                            actor: actor, reason: reason, verdict: "recall")
                    view.append(PlannedEvent(event: event, unitChanges: changes),
                                summary: EventSummary(seq: 0, type: .quarantine, at: at.iso8601, sku: sku.code, lot: nil, quantity: event.quantity,
                                                      from: event.fromLocationID.flatMap { locations[$0] }, to: nil, order: nil))
                } else {
                    let wanted = Set(lotIDs ?? [])
                    for cell in try await view.stockCells(skuID: sku.id, locationID: nil, status: .sellable)
                    where cell.quantity > 0 && cell.key.lotID.map(wanted.contains) == true {
                        let event = LedgerEvent(type: .quarantine, at: at, recordedAt: at, skuID: sku.id, lotID: cell.key.lotID, quantity: cell.quantity,
                                                fromLocationID: cell.key.locationID, toLocationID: cell.key.locationID, fromStatus: .sellable,
                                                toStatus: .quarantined, actor: actor, reason: reason, verdict: "recall")
                        view.plan.batch.effects.addQuantityEvent(event)
                        view.append(PlannedEvent(event: event),
                                    summary: EventSummary(seq: 0, type: .quarantine, at: at.iso8601, sku: sku.code, lot: cell.lotCode,
                                                          quantity: cell.quantity, from: cell.locationCode, to: cell.locationCode, order: nil))
                    }
                }
            }
        } catch let error as TracestockError where error.message.hasPrefix("nothing to write") {
            return WriteResult(events: [], replayed: false)
        }
    }

    func recallReport(sku: SKU, lots: [Lot], lotIDs: [Int64]?, unitIDs: [Int64]?) async throws -> RecallReport {
        let lotCodes = Dictionary(uniqueKeysWithValues: lots.map { ($0.id, $0.code) })
        let locations = Dictionary(uniqueKeysWithValues: try await store.locations().map { ($0.id, $0.code) })
        let parts: [RecallGrouping]
        if sku.tracking == .serial {
            // Grouped as read: a part per slice the store reads (one per core for a large lot).
            parts = try await store.foldRecallUnits(skuID: sku.id, lotIDs: lotIDs, unitIDs: unitIDs,
                                                    start: { RecallGrouping(locations: locations, lotCodes: lotCodes) },
                                                    add: { $0.add($1) })
        } else {
            var grouping = RecallGrouping(locations: locations, lotCodes: lotCodes)
            let ids = lotIDs ?? []
            let cells = try await store.stockCells(skuID: sku.id, locationID: nil, status: nil).filter { $0.key.lotID.map(ids.contains) == true }
            for cell in cells where cell.quantity != 0 {
                grouping.add(.init(state: .unit(cell.key.status.unitState), location: cell.key.locationID, order: nil, lot: cell.key.lotID),
                             quantity: cell.quantity)
            }
            let events = try await store.liveEvents(skuID: sku.id, lotIDs: ids, types: [.receive, .ship, .return, .dispose, .adjust])
            var shipments: [String: (at: Timestamp, customer: String?)] = [:]
            for event in events {
                switch event.type {
                case .receive: grouping.received += event.quantity
                case .dispose: grouping.add(.init(state: .unit(.disposed), location: nil, order: nil, lot: event.lotID), quantity: event.quantity)
                case .adjust: grouping.add(.init(state: .adjusted, location: nil, order: nil, lot: event.lotID), quantity: -event.quantity)
                case .ship:
                    if let order = event.orderRef, shipments[order] == nil { shipments[order] = (event.at, event.customerRef) }
                default: break
                }
            }
            for id in ids {
                for line in try await store.orderLines(lotID: id) where line.key.skuID == sku.id {
                    let out = line.quantities.shipped - line.quantities.returned
                    guard out != 0 else { continue }
                    let facts = shipments[line.key.orderRef]
                    grouping.add(.init(state: .unit(.shipped), location: nil, order: line.key.orderRef, lot: id), quantity: out,
                                 shippedAt: facts?.at, customer: facts?.customer)
                }
            }
            parts = [grouping]
        }
        let ordered = RecallGrouping.sorted(parts)
        var byState: [String: Int64] = ["in_stock": 0, "quarantined": 0, "shipped": 0, "returned": 0, "disposed": 0]
        for group in ordered { byState[group.state, default: 0] += group.quantity }
        let total = ordered.reduce(0) { $0 + $1.quantity }
        // The lots named, and those of the units found (a serial or production-window recall).
        let affectedLots = Set(lotIDs ?? []).union(parts.lazy.flatMap(\.lots))
        return RecallReport(sku: sku.code, lots: affectedLots.compactMap { lotCodes[$0] }.sorted(), total: total,
                            received: parts.reduce(0) { $0 + $1.received },
                            byState: byState, groups: ordered, quarantined: 0,
                            orders: Self.distinctShippedOrders(ordered), seqs: [])
    }

    /// The orders of shipped groups, once each, in order: groups sorted by state, location, order
    /// and lot hold a state's orders side by side (a shipped group has no location).
    static func distinctShippedOrders(_ sorted: [RecallReport.Group]) -> [String] {
        var orders: [String] = []
        for group in sorted where group.state == UnitState.shipped.rawValue {
            if let order = group.order, order != orders.last { orders.append(order) }
        }
        return orders
    }
}
