/// Plans replenishment for many SKUs at once.
///
/// For each SKU, with `d` the daily demand, `σ` its standard deviation, `L` the lead time in days,
/// `z` the service level's safety factor and `P = sellable + inbound` the stock position:
///
/// - `safetyStock = ceil(z · σ · √L)`; `reorderPoint = ceil(d · L + safetyStock)`.
/// - `daysOfCover = P / d` (nil when `d == 0`).
/// - Stock-out projection: stock is consumed at `d` units per day, continuously. With `S` the
///   supply counted so far (starting at `sellable`), the stock lasts `n = floor(S / d)` whole days,
///   so day `asOf + n` is the first day whose demand cannot be fully served: the stock-out date.
///   Inbound shipments are taken in ETA order (an overdue ETA counts as `asOf`); a shipment whose
///   ETA is on or before the current stock-out date arrives in time (at the start of its ETA day)
///   and is added to `S`, moving the date on. The first shipment arriving after the current
///   stock-out date stops the walk: the stock has already run out by then, and that first
///   stock-out is reported. A stock-out further than ``projectionHorizonDays`` ahead is nil.
/// - `reorderBy = max(asOf, stockoutDate − L)`.
/// - Status: `noSales` if nothing sold in the window; else `reorderNow` if `P ≤ reorderPoint`;
///   else `overstock` if `daysOfCover > overstockDays`; else `ok`.
/// - Order quantity (for `reorderNow`, or for every SKU with sales when
///   ``RestockPolicy/suggestOrdersAboveReorderPoint`` is set):
///   `need = ceil(d · (L + targetDays) + safetyStock − P)`; if `need > 0` it is rounded up to a
///   whole number of cases and raised to the MOQ rounded up to whole cases; otherwise 0.
///
/// All rounding up uses a tolerance of 1e-9 (relative, at least 1e-9 absolute) so that
/// floating-point noise such as `155.0000000001` does not add a unit.
public enum RestockPlanner {
    /// Stock-outs projected further ahead than this many days (100 years) are reported as nil.
    public static let projectionHorizonDays = 36_500

    /// Plans every input with one policy as of one day, returning one line per input in the same
    /// order.
    ///
    /// - Throws: ``TracestockError`` (`invalidInput`) for a policy setting out of range, or for an
    ///   input with an empty SKU, a negative or oversized quantity, a case pack below 1 or a lead
    ///   time out of range; `details` name the `sku` and `field`.
    public static func plan(
        _ inputs: [RestockInput], policy: RestockPolicy = RestockPolicy(), asOf: Day
    ) throws(TracestockError) -> [RestockLine] {
        let z = try policy.validate()
        let estimator = DemandEstimator(asOf: asOf, window: policy.window, weighting: policy.weighting)
        var lines: [RestockLine] = []
        lines.reserveCapacity(inputs.count)
        for input in inputs {
            lines.append(try line(for: input, policy: policy, z: z, asOf: asOf, estimator: estimator))
        }
        return lines
    }

    /// Plans one SKU (same rules as ``plan(_:policy:asOf:)``).
    public static func plan(
        _ input: RestockInput, policy: RestockPolicy = RestockPolicy(), asOf: Day
    ) throws(TracestockError) -> RestockLine {
        try plan([input], policy: policy, asOf: asOf)[0]
    }

    private static func line(
        for input: RestockInput, policy: RestockPolicy, z: Double, asOf: Day,
        estimator: DemandEstimator
    ) throws(TracestockError) -> RestockLine {
        try input.validate()
        var span = policy.window
        if let start = input.historyStart {
            span = Swift.max(1, Swift.min(span, asOf - start + 1))
        }
        let demand = try estimator.statistics(of: input.sales, span: span, sku: input.sku)
        let leadTime = input.leadTime.days
        var inboundTotal = 0
        for shipment in input.inbound { inboundTotal += shipment.quantity }
        let position = input.sellable + inboundTotal

        guard demand.hasSales else {
            return RestockLine(
                sku: input.sku, dailyDemand: 0, sigma: 0, leadTimeDays: leadTime, safetyStock: 0,
                reorderPoint: 0, onHand: input.sellable, inbound: inboundTotal, daysOfCover: nil,
                stockoutDate: nil, orderQuantity: 0, status: .noSales, reorderBy: nil
            )
        }

        let d = demand.mean
        let lead = Double(leadTime)
        let safetyStock = roundUp(z * demand.sigma * lead.squareRoot())
        let reorderPoint = roundUp(d * lead + Double(safetyStock))
        let daysOfCover = Double(position) / d

        let stockoutDate = stockout(sellable: input.sellable, inbound: input.inbound, demand: d, asOf: asOf)
        let reorderBy = stockoutDate.map { Swift.max(asOf, $0 - leadTime) }

        let status: RestockStatus
        if position <= reorderPoint {
            status = .reorderNow
        } else if daysOfCover > Double(policy.overstockDays) {
            status = .overstock
        } else {
            status = .ok
        }

        var orderQuantity = 0
        if status == .reorderNow || policy.suggestOrdersAboveReorderPoint {
            let need = roundUp(d * (lead + Double(policy.targetDays)) + Double(safetyStock) - Double(position))
            if need > 0 {
                let pack = input.casePack
                orderQuantity = Swift.max(wholeCases(need, pack), wholeCases(input.moq, pack))
            }
        }

        return RestockLine(
            sku: input.sku, dailyDemand: d, sigma: demand.sigma, leadTimeDays: leadTime,
            safetyStock: safetyStock, reorderPoint: reorderPoint, onHand: input.sellable,
            inbound: inboundTotal, daysOfCover: daysOfCover, stockoutDate: stockoutDate,
            orderQuantity: orderQuantity, status: status, reorderBy: reorderBy
        )
    }

    /// The projected stock-out day (see the type's documentation), nil beyond the horizon.
    static func stockout(sellable: Int, inbound: [InboundShipment], demand: Double, asOf: Day) -> Day? {
        let horizon = Double(projectionHorizonDays)
        var supply = Double(sellable)
        var lastsDays = roundDown(supply / demand)
        if !inbound.isEmpty, lastsDays <= horizon {
            let arrivals = isSortedByETA(inbound) ? inbound : inbound.sorted { $0.eta < $1.eta }
            for shipment in arrivals where shipment.quantity > 0 {
                let arrivesOn = Double(Swift.max(0, shipment.eta - asOf))
                if arrivesOn > lastsDays { break }
                supply += Double(shipment.quantity)
                lastsDays = roundDown(supply / demand)
                if lastsDays > horizon { break }
            }
        }
        guard lastsDays <= horizon else { return nil }
        return asOf + Int(lastsDays)
    }

    private static func isSortedByETA(_ inbound: [InboundShipment]) -> Bool {
        var previous = Int.min
        for shipment in inbound {
            if shipment.eta.daysSince1970 < previous { return false }
            previous = shipment.eta.daysSince1970
        }
        return true
    }

    /// Tolerance for rounding: relative 1e-9, at least 1e-9 absolute.
    private static func tolerance(_ x: Double) -> Double {
        Swift.max(1e-9, abs(x) * 1e-9)
    }

    /// `ceil(x)` ignoring floating-point noise just above an integer; clamped to a safe Int range.
    static func roundUp(_ x: Double) -> Int {
        let value = (x - tolerance(x)).rounded(.up)
        return Int(Swift.min(Swift.max(value, -4e18), 4e18))
    }

    /// `floor(x)` ignoring floating-point noise just below an integer.
    private static func roundDown(_ x: Double) -> Double {
        (x + tolerance(x)).rounded(.down)
    }

    /// `units` rounded up to a multiple of `pack`.
    private static func wholeCases(_ units: Int, _ pack: Int) -> Int {
        (units + pack - 1) / pack * pack
    }
}
