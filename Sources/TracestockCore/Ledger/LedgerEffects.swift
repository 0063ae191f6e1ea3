/// What events do to the projections, written once and used both to plan a command and to
/// replay the ledger in `check`, so the two can never disagree.
public struct LedgerEffects: Sendable {
    /// Net change per stock cell.
    public var stock: [StockKey: Int64] = [:]
    /// Net change per order line.
    public var orders: [OrderKey: OrderQuantities] = [:]
    /// Net change of units shipped per SKU and UTC day (the sales history restock planning reads).
    public var sales: [SaleKey: Int64] = [:]

    /// Creates an empty set of effects.
    public init() {}

    /// Where a unit ends up when `type` is applied (nil when illegal). `toLocationID`, `orderRef`
    /// and `lotID` come from the event; `void` is not handled here (it restores a stored position).
    public static func unitAfter(
        _ type: EventType, before: UnitPosition, toLocationID: Int64?, orderRef: String?, lotID: Int64?
    ) -> UnitPosition? {
        guard let state = UnitTransition.next(from: before.state, on: type) else { return nil }
        switch type {
        case .receive:
            guard let toLocationID else { return nil }
            return UnitPosition(state: state, locationID: toLocationID, orderRef: before.orderRef, lotID: lotID ?? before.lotID)
        case .move, .return:
            guard let toLocationID else { return nil }
            return UnitPosition(state: state, locationID: toLocationID, orderRef: before.orderRef, lotID: before.lotID)
        case .ship:
            return UnitPosition(state: state, locationID: nil, orderRef: orderRef, lotID: before.lotID)
        case .dispose:
            return UnitPosition(state: state, locationID: nil, orderRef: before.orderRef, lotID: before.lotID)
        case .restock, .quarantine, .release:
            return UnitPosition(state: state, locationID: toLocationID ?? before.locationID, orderRef: before.orderRef, lotID: before.lotID)
        case .adjust, .void, .register:
            return nil
        }
    }

    /// Adds the stock and order changes of one unit moving from `before` to `after` by an event of `type`.
    public mutating func addUnit(skuID: Int64, type: EventType, before: UnitPosition, after: UnitPosition, sign: Int64 = 1) {
        if let key = before.stockKey(skuID: skuID) { stock[key, default: 0] -= sign }
        if let key = after.stockKey(skuID: skuID) { stock[key, default: 0] += sign }
        switch type {
        case .ship:
            if let order = after.orderRef {
                orders[OrderKey(orderRef: order, skuID: skuID, lotID: after.lotID), default: OrderQuantities()].shipped += sign
            }
        case .return:
            if let order = after.orderRef {
                orders[OrderKey(orderRef: order, skuID: skuID, lotID: after.lotID), default: OrderQuantities()].returned += sign
            }
        default:
            break
        }
    }

    /// Adds the changes of a quantity event (no units); `sign` -1 reverses them (a void).
    public mutating func addQuantityEvent(_ event: LedgerEvent, sign: Int64 = 1) {
        let q = event.quantity * sign
        if let from = event.fromLocationID, let status = event.fromStatus {
            stock[StockKey(skuID: event.skuID, lotID: event.lotID, locationID: from, status: status), default: 0] -= q
        }
        if let to = event.toLocationID, let status = event.toStatus {
            stock[StockKey(skuID: event.skuID, lotID: event.lotID, locationID: to, status: status), default: 0] += q
        }
        if let order = event.orderRef {
            let key = OrderKey(orderRef: order, skuID: event.skuID, lotID: event.lotID)
            if event.type == .ship { orders[key, default: OrderQuantities()].shipped += q }
            if event.type == .return { orders[key, default: OrderQuantities()].returned += q }
        }
    }

    /// Counts a ship event's quantity as sold on its day; `sign` -1 takes it back (a void).
    public mutating func addSale(_ event: LedgerEvent, sign: Int64 = 1) {
        guard event.type == .ship, event.quantity != 0 else { return }
        sales[SaleKey(skuID: event.skuID, day: event.at.epochDay), default: 0] += event.quantity * sign
    }

    /// Drops cells whose net change is zero.
    public mutating func compact() {
        stock = stock.filter { $0.value != 0 }
        orders = orders.filter { $0.value.shipped != 0 || $0.value.returned != 0 }
        sales = sales.filter { $0.value != 0 }
    }
}

extension LedgerEffects {
    /// Adds another set of effects.
    public mutating func merge(_ other: LedgerEffects) {
        for (k, v) in other.stock { stock[k, default: 0] += v }
        for (k, v) in other.orders {
            orders[k, default: OrderQuantities()].shipped += v.shipped
            orders[k, default: OrderQuantities()].returned += v.returned
        }
        for (k, v) in other.sales { sales[k, default: 0] += v }
    }
}
