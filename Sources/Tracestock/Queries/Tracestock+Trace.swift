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
