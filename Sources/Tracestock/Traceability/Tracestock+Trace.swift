import TracestockCore

/// Which orders got units or quantities of one lot.
public struct ForwardTrace: Sendable, Encodable, Equatable {
    /// One order that received some of the lot.
    public struct Order: Sendable, Encodable, Equatable {
        public var order: String
        /// Date of the first shipment of the lot on this order.
        public var date: String?
        public var customer: String?
        /// Net quantity shipped (returns not subtracted; see `returned`).
        public var quantity: Int64
        public var returned: Int64
        public var serials: [String]

        enum CodingKeys: String, CodingKey { case order, date, customer, quantity, returned, serials }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(order, forKey: .order)
            try c.encode(date, forKey: .date)
            try c.encode(customer, forKey: .customer)
            try c.encode(quantity, forKey: .quantity)
            try c.encode(returned, forKey: .returned)
            try c.encode(serials, forKey: .serials)
        }
    }

    public var sku: String
    public var lot: String
    public var orders: [Order]
}

extension Tracestock {
    /// Forward trace: every order that shipped units or quantities of a lot, with dates and serials.
    public func traceForward(sku code: String, lot lotCode: String) async throws -> ForwardTrace {
        let sku = try await requireSKU(code)
        guard let lot = try await store.lots(skuID: sku.id).first(where: { $0.code == lotCode }) else {
            throw TracestockError.notFound("SKU \(sku.code) has no lot \(lotCode)", details: ["field": "lot", "lot": lotCode])
        }
        var orders: [ForwardTrace.Order] = []
        for line in try await store.orderLines(lotID: lot.id) where line.key.skuID == sku.id {
            let events = try await store.events(orderRef: line.key.orderRef).filter { $0.type == .ship && $0.skuID == sku.id }
            let first = events.first { $0.lotID == lot.id || $0.lotID == nil }
            let serials = sku.tracking == .serial
                ? try await store.shippedSerials(orderRef: line.key.orderRef, skuID: sku.id, lotID: lot.id) : []
            orders.append(ForwardTrace.Order(order: line.key.orderRef, date: first?.at.isoDate, customer: first?.customerRef,
                                             quantity: line.quantities.shipped, returned: line.quantities.returned, serials: serials))
        }
        orders.sort { ($0.date ?? "", $0.order) < ($1.date ?? "", $1.order) }
        return ForwardTrace(sku: sku.code, lot: lot.code, orders: orders)
    }
}

/// Backward trace of an order: which lots, serials, suppliers and receipts it drew from.
public struct BackwardTrace: Sendable, Encodable, Equatable {
    /// A lot the order took from.
    public struct LotLine: Sendable, Encodable, Equatable {
        public var sku: String
        public var lot: String?
        public var quantity: Int64
        public var returned: Int64
        public var supplier: String?
        public var produced: String?
        public var expires: String?
    }

    /// A unit the order took.
    public struct SerialLine: Sendable, Encodable, Equatable {
        public var sku: String
        public var serial: String
        public var lot: String?
        public var state: UnitState
    }

    /// A receipt that brought in what the order took.
    public struct Receipt: Sendable, Encodable, Equatable {
        public var seq: Int64
        public var at: String
        public var sku: String
        public var lot: String?
        public var quantity: Int64
        public var location: String?
        public var reference: String?
        public var supplier: String?
    }

    public var order: String
    public var lots: [LotLine]
    public var serials: [SerialLine]
    public var receipts: [Receipt]
    public var suppliers: [String]
}

extension Tracestock {
    /// Backward trace: the lots, serials, suppliers and receipt events an order drew from.
    public func traceBack(order: String) async throws -> BackwardTrace {
        let lines = try await store.orderLines(orderRef: order)
        guard !lines.isEmpty else {
            throw TracestockError.notFound("unknown order \(order): nothing was shipped on it", details: ["field": "order", "order": order])
        }
        let skus = Dictionary(uniqueKeysWithValues: try await store.skus(ids: Array(Set(lines.map(\.key.skuID)))).map { ($0.id, $0) })
        let lots = Dictionary(uniqueKeysWithValues: try await store.lots(ids: lines.compactMap(\.key.lotID)).map { ($0.id, $0) })
        let locations = Dictionary(uniqueKeysWithValues: try await store.locations().map { ($0.id, $0.code) })
        let lotLines = lines.filter { $0.quantities.shipped != 0 }.map { line -> BackwardTrace.LotLine in
            let lot = line.key.lotID.flatMap { lots[$0] }
            let sku = skus[line.key.skuID]
            return BackwardTrace.LotLine(sku: sku?.code ?? "?", lot: lot?.code, quantity: line.quantities.shipped, returned: line.quantities.returned,
                                         supplier: lot?.supplier ?? sku?.supplier, produced: lot?.produced, expires: lot?.expires)
        }
        let units = try await store.shippedUnits(orderRef: order)
        let serials = units.map { row in
            BackwardTrace.SerialLine(sku: skus[row.unit.skuID]?.code ?? "?", serial: row.unit.serial,
                                     lot: row.lotID.flatMap { lots[$0]?.code }, state: row.unit.state)
        }
        // Receipts: the events that received these units, and for quantities every live receipt of the lot.
        var receiptSeqs = Set(units.map(\.unit.receivedSeq))
        for line in lines where skus[line.key.skuID]?.tracking != .serial {
            let events = try await store.liveEvents(skuID: line.key.skuID, lotIDs: line.key.lotID.map { [$0] }, types: [.receive])
            receiptSeqs.formUnion(events.map(\.seq))
        }
        let receiptEvents = try await store.events(seqs: receiptSeqs.sorted())
        let receiptLots = Dictionary(uniqueKeysWithValues: try await store.lots(ids: receiptEvents.compactMap(\.lotID)).map { ($0.id, $0) })
        let receipts = receiptEvents.map { e in
            let lot = e.lotID.flatMap { receiptLots[$0] }
            return BackwardTrace.Receipt(seq: e.seq, at: e.at.iso8601, sku: skus[e.skuID]?.code ?? "?", lot: lot?.code, quantity: e.quantity,
                                         location: e.toLocationID.flatMap { locations[$0] }, reference: e.orderRef,
                                         supplier: lot?.supplier ?? skus[e.skuID]?.supplier)
        }
        let suppliers = Set(lotLines.compactMap(\.supplier) + receipts.compactMap(\.supplier)).sorted()
        return BackwardTrace(order: order, lots: lotLines, serials: serials, receipts: receipts, suppliers: suppliers)
    }
}
