import Foundation
import Testing
@testable import TracestockCore

/// Helpers shared by the planner tests.
private let asOf = Day(daysSince1970: 20000) // 2024-10-04

/// A dense history alternating 30 and 50 units: mean 40, population σ exactly 10.
private func alternating(days: Int = 90) -> SalesHistory {
    .dense((0..<days).map { $0 % 2 == 0 ? 30 : 50 })
}

private func input(
    _ sales: SalesHistory, sellable: Int = 0, inbound: [InboundShipment] = [],
    lead: LeadTime = .total(days: 10), casePack: Int = 1, moq: Int = 0, historyStart: Day? = nil
) -> RestockInput {
    RestockInput(
        sku: "SKU-1", sales: sales, sellable: sellable, inbound: inbound, leadTime: lead,
        casePack: casePack, moq: moq, historyStart: historyStart
    )
}

@Suite("Restock planner")
struct RestockPlannerTests {
    // MARK: Worked check

    @Test("worked check: 40/day, σ 10, L 62, 97.5% gives safety stock 155 and reorder point 2,635")
    func workedCheck() throws {
        let policy = RestockPolicy(window: 90, serviceLevel: 97.5, targetDays: 60)
        let lead = LeadTime.stages(productionDays: 30, transitDays: 25, receivingDays: 7)
        let line = try RestockPlanner.plan(
            input(alternating(), sellable: 2000, inbound: [InboundShipment(quantity: 635, eta: asOf + 20)], lead: lead),
            policy: policy, asOf: asOf
        )
        #expect(line.dailyDemand == 40)
        #expect(abs(line.sigma - 10) < 1e-12)
        #expect(line.leadTimeDays == 62)
        #expect(1.96 * 10 * 62.0.squareRoot() > 154.3 && 1.96 * 10 * 62.0.squareRoot() < 154.4)
        #expect(line.safetyStock == 155)
        #expect(line.reorderPoint == 2635)
        // Position 2,635 is exactly at the reorder point: reorder now.
        #expect(line.status == .reorderNow)
        // Target: 40 · (62 + 60) + 155 − 2,635 = 2,400.
        #expect(line.orderQuantity == 2400)
        #expect(line.daysOfCover.map { abs($0 - 2635.0 / 40) < 1e-12 } == true)
    }

    @Test("one unit above the reorder point is ok, not reorderNow")
    func aboveReorderPoint() throws {
        let policy = RestockPolicy(window: 90, serviceLevel: 97.5)
        let line = try RestockPlanner.plan(
            input(alternating(), sellable: 2636, lead: .total(days: 62)), policy: policy, asOf: asOf
        )
        #expect(line.status == .ok)
        #expect(line.orderQuantity == 0)
    }

    @Test("with suggestOrdersAboveReorderPoint an ok SKU gets its top-up quantity")
    func topUpAboveReorderPoint() throws {
        let policy = RestockPolicy(window: 90, serviceLevel: 97.5, targetDays: 60, suggestOrdersAboveReorderPoint: true)
        let line = try RestockPlanner.plan(
            input(alternating(), sellable: 2636, lead: .total(days: 62)), policy: policy, asOf: asOf
        )
        #expect(line.status == .ok)
        #expect(line.orderQuantity == 2399)
    }

    // MARK: Demand

    @Test("sparse and dense forms of the same history give the same demand and σ")
    func sparseMatchesDense() throws {
        let values = (0..<90).map { ($0 * 7919) % 23 == 0 ? 0 : ($0 * 31) % 17 }
        let sparse = values.enumerated().compactMap { index, quantity in
            quantity == 0 ? nil : DailySale(day: asOf - (89 - index), quantity: quantity)
        }
        let dense = try RestockPlanner.plan(input(.dense(values)), asOf: asOf)
        let fromSparse = try RestockPlanner.plan(input(.sparse(sparse.shuffled())), asOf: asOf)
        #expect(abs(dense.dailyDemand - fromSparse.dailyDemand) < 1e-12)
        #expect(abs(dense.sigma - fromSparse.sigma) < 1e-12)
        let mean = Double(values.reduce(0, +)) / 90
        let variance = values.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / 90
        #expect(abs(dense.dailyDemand - mean) < 1e-12)
        #expect(abs(dense.sigma - variance.squareRoot()) < 1e-12)
    }

    @Test("sparse entries outside the window or after asOf are ignored and duplicate days are summed")
    func sparseWindowing() throws {
        let sales: SalesHistory = .sparse(pairs: [
            (asOf, 6), (asOf, 4), (asOf - 9, 10), (asOf - 10, 1000), (asOf + 1, 1000),
        ])
        let line = try RestockPlanner.plan(input(sales), policy: RestockPolicy(window: 10), asOf: asOf)
        #expect(line.dailyDemand == 2) // (6 + 4 + 10) / 10
        #expect(abs(line.sigma - 4) < 1e-12) // two days at 10, eight at 0
    }

    @Test("a dense history shorter than the window counts the missing older days as zero")
    func shortDenseHistory() throws {
        let line = try RestockPlanner.plan(input(.dense([9, 9, 12])), policy: RestockPolicy(window: 30), asOf: asOf)
        #expect(line.dailyDemand == 1)
    }

    @Test("a dense history longer than the window uses only its last window days")
    func longDenseHistory() throws {
        let line = try RestockPlanner.plan(
            input(.dense([500, 500, 4, 6])), policy: RestockPolicy(window: 2), asOf: asOf
        )
        #expect(line.dailyDemand == 5)
        #expect(line.sigma == 1)
    }

    @Test("no sales in the window gives noSales with stock reported and null cover, dates and order")
    func noSales() throws {
        let line = try RestockPlanner.plan(
            input(.dense([0, 0, 0]), sellable: 12, inbound: [InboundShipment(quantity: 5, eta: asOf + 3)]),
            asOf: asOf
        )
        #expect(line.status == .noSales)
        #expect(line.dailyDemand == 0)
        #expect(line.onHand == 12)
        #expect(line.inbound == 5)
        #expect(line.daysOfCover == nil)
        #expect(line.stockoutDate == nil)
        #expect(line.reorderBy == nil)
        #expect(line.orderQuantity == 0)
        #expect(line.safetyStock == 0 && line.reorderPoint == 0)

        let empty = try RestockPlanner.plan(input(.sparse([])), asOf: asOf)
        #expect(empty.status == .noSales)
    }

    @Test("one day of history is averaged over the whole window unless historyStart shortens it")
    func oneDayOfHistory() throws {
        let sales = SalesHistory.sparse(pairs: [(asOf, 30)])
        let policy = RestockPolicy(window: 90)
        let diluted = try RestockPlanner.plan(input(sales), policy: policy, asOf: asOf)
        #expect(abs(diluted.dailyDemand - 30.0 / 90) < 1e-12)
        #expect(diluted.sigma > 0)

        let launched = try RestockPlanner.plan(input(sales, historyStart: asOf), policy: policy, asOf: asOf)
        #expect(launched.dailyDemand == 30)
        #expect(launched.sigma == 0)
        #expect(launched.safetyStock == 0)
        #expect(launched.reorderPoint == 300) // 30 · L 10

        let threeDaysAgo = try RestockPlanner.plan(input(sales, historyStart: asOf - 2), policy: policy, asOf: asOf)
        #expect(threeDaysAgo.dailyDemand == 10)
    }

    @Test("a negative net day (returns above shipments) is clamped to zero after summing the day")
    func negativeDaysClampToZero() throws {
        let policy = RestockPolicy(window: 3)
        let dense = try RestockPlanner.plan(input(.dense([10, -4, 10])), policy: policy, asOf: asOf)
        #expect(abs(dense.dailyDemand - 20.0 / 3) < 1e-12)
        let expectedSigma = ((2 * (10 - 20.0 / 3) * (10 - 20.0 / 3) + (20.0 / 3) * (20.0 / 3)) / 3).squareRoot()
        #expect(abs(dense.sigma - expectedSigma) < 1e-12)

        // +5 and −2 on one day net to 3; a day of only returns counts as 0.
        let sparse = try RestockPlanner.plan(
            input(.sparse(pairs: [(asOf, 5), (asOf, -2), (asOf - 1, -7)])), policy: policy, asOf: asOf
        )
        #expect(sparse.dailyDemand == 1)

        let onlyReturns = try RestockPlanner.plan(input(.sparse(pairs: [(asOf, -3)])), policy: policy, asOf: asOf)
        #expect(onlyReturns.status == .noSales)
    }

    @Test("exponential weighting uses weights 0.5^(age / half-life) for the mean and σ")
    func exponentialWeighting() throws {
        let policy = RestockPolicy(window: 2, weighting: .exponential(halfLifeDays: 1))
        // Weights: asOf 1, yesterday 0.5. Mean (10 + 0.5·4) / 1.5 = 8; σ² = (1·4 + 0.5·16) / 1.5 = 8.
        let line = try RestockPlanner.plan(input(.dense([4, 10])), policy: policy, asOf: asOf)
        #expect(abs(line.dailyDemand - 8) < 1e-12)
        #expect(abs(line.sigma - 8.0.squareRoot()) < 1e-12)
    }

    @Test("exponential weighting follows a recent rise more than the uniform mean")
    func weightingFavoursRecentWeeks() throws {
        let values = (0..<84).map { $0 < 56 ? 10 : 30 } // last four weeks tripled
        let uniform = try RestockPlanner.plan(input(.dense(values)), policy: RestockPolicy(window: 84), asOf: asOf)
        let weighted = try RestockPlanner.plan(
            input(.dense(values)),
            policy: RestockPolicy(window: 84, weighting: .exponential(halfLifeDays: 14)), asOf: asOf
        )
        #expect(abs(uniform.dailyDemand - 50.0 / 3) < 1e-12)
        #expect(weighted.dailyDemand > 22)
        #expect(weighted.dailyDemand < 30)
        // The sparse form gives the same weighted answer.
        let sparse = values.enumerated().map { DailySale(day: asOf - (83 - $0.offset), quantity: $0.element) }
        let weightedSparse = try RestockPlanner.plan(
            input(.sparse(sparse)),
            policy: RestockPolicy(window: 84, weighting: .exponential(halfLifeDays: 14)), asOf: asOf
        )
        #expect(abs(weighted.dailyDemand - weightedSparse.dailyDemand) < 1e-9)
        #expect(abs(weighted.sigma - weightedSparse.sigma) < 1e-9)
    }

    // MARK: Stock-out projection

    @Test("stock-out date is asOf plus whole days of sellable stock")
    func stockoutWithoutInbound() throws {
        let ten = SalesHistory.dense(Array(repeating: 10, count: 30))
        let partial = try RestockPlanner.plan(input(ten, sellable: 55), policy: RestockPolicy(window: 30), asOf: asOf)
        #expect(partial.stockoutDate == asOf + 5)
        let exact = try RestockPlanner.plan(input(ten, sellable: 50), policy: RestockPolicy(window: 30), asOf: asOf)
        #expect(exact.stockoutDate == asOf + 5)
        let empty = try RestockPlanner.plan(input(ten, sellable: 0), policy: RestockPolicy(window: 30), asOf: asOf)
        #expect(empty.stockoutDate == asOf)
        #expect(empty.reorderBy == asOf)
    }

    @Test("inbound arriving on or before the stock-out day extends it; a later one does not")
    func inboundExtendsStockout() throws {
        let ten = SalesHistory.dense(Array(repeating: 10, count: 30))
        let policy = RestockPolicy(window: 30)
        func stockout(_ inbound: [InboundShipment]) throws -> Day? {
            try RestockPlanner.plan(input(ten, sellable: 55, inbound: inbound), policy: policy, asOf: asOf).stockoutDate
        }
        // Arrives day 3 (before running out on day 5): 105 units last 10 days.
        #expect(try stockout([InboundShipment(quantity: 50, eta: asOf + 3)]) == asOf + 10)
        // Arriving on the stock-out day itself still counts (available from the start of its day).
        #expect(try stockout([InboundShipment(quantity: 50, eta: asOf + 5)]) == asOf + 10)
        // Arriving after the stock-out: the first stock-out stands.
        #expect(try stockout([InboundShipment(quantity: 50, eta: asOf + 6)]) == asOf + 5)
        // Chained arrivals, given out of order: 55 → day 5; +50 on day 4 → day 10; +100 on day 9 → day 20.
        #expect(try stockout([
            InboundShipment(quantity: 100, eta: asOf + 9), InboundShipment(quantity: 50, eta: asOf + 4),
            InboundShipment(quantity: 500, eta: asOf + 25),
        ]) == asOf + 20)
        // An overdue ETA counts as arriving on asOf.
        #expect(try stockout([InboundShipment(quantity: 50, eta: asOf - 3)]) == asOf + 10)
    }

    @Test("reorderBy is the stock-out date minus the lead time, or asOf when that has passed")
    func reorderBy() throws {
        let ten = SalesHistory.dense(Array(repeating: 10, count: 30))
        let policy = RestockPolicy(window: 30)
        let soon = try RestockPlanner.plan(input(ten, sellable: 100, lead: .total(days: 4)), policy: policy, asOf: asOf)
        #expect(soon.stockoutDate == asOf + 10)
        #expect(soon.reorderBy == asOf + 6)
        let late = try RestockPlanner.plan(input(ten, sellable: 100, lead: .total(days: 20)), policy: policy, asOf: asOf)
        #expect(late.reorderBy == asOf)
    }

    // MARK: Order quantity

    @Test("the order quantity is rounded up to whole case packs")
    func casePackRounding() throws {
        let policy = RestockPolicy(window: 90, serviceLevel: 97.5, targetDays: 60)
        let line = try RestockPlanner.plan(
            input(alternating(), sellable: 2635, lead: .total(days: 62), casePack: 7), policy: policy, asOf: asOf
        )
        #expect(line.orderQuantity == 2401) // 2,400 → 343 cases of 7
    }

    @Test("the order quantity is at least the MOQ, itself rounded up to whole cases")
    func moqRounding() throws {
        let policy = RestockPolicy(window: 90, serviceLevel: 97.5, targetDays: 60)
        let line = try RestockPlanner.plan(
            input(alternating(), sellable: 2635, lead: .total(days: 62), casePack: 7, moq: 3000),
            policy: policy, asOf: asOf
        )
        #expect(line.orderQuantity == 3003)
        let smallMOQ = try RestockPlanner.plan(
            input(alternating(), sellable: 2635, lead: .total(days: 62), casePack: 7, moq: 100),
            policy: policy, asOf: asOf
        )
        #expect(smallMOQ.orderQuantity == 2401)
    }

    @Test("a reorderNow SKU whose target is already met orders nothing, MOQ notwithstanding")
    func noOrderWhenTargetMet() throws {
        // Lead time 300 days with targetDays 0: need = d·L + ss − P ≤ 0 when P equals the reorder point.
        let policy = RestockPolicy(window: 10, targetDays: 0)
        let line = try RestockPlanner.plan(
            input(.dense(Array(repeating: 2, count: 10)), sellable: 600, lead: .total(days: 300), moq: 50),
            policy: policy, asOf: asOf
        )
        #expect(line.reorderPoint == 600)
        #expect(line.status == .reorderNow)
        #expect(line.orderQuantity == 0)
    }

    // MARK: Status

    @Test("more days of cover than overstockDays is overstock; exactly at the threshold is ok")
    func overstock() throws {
        let one = SalesHistory.dense(Array(repeating: 1, count: 90))
        let over = try RestockPlanner.plan(input(one, sellable: 181), asOf: asOf)
        #expect(over.status == .overstock)
        #expect(over.daysOfCover == 181)
        let at = try RestockPlanner.plan(input(one, sellable: 150, inbound: [InboundShipment(quantity: 30, eta: asOf + 5)]), asOf: asOf)
        #expect(at.status == .ok)
        let custom = try RestockPlanner.plan(input(one, sellable: 181), policy: RestockPolicy(overstockDays: 365), asOf: asOf)
        #expect(custom.status == .ok)
    }

    @Test("a stock-out beyond the 100-year horizon is reported as null")
    func farStockout() throws {
        let line = try RestockPlanner.plan(
            input(.sparse(pairs: [(asOf, 1)]), sellable: 1_000_000), policy: RestockPolicy(window: 90), asOf: asOf
        )
        #expect(line.stockoutDate == nil)
        #expect(line.reorderBy == nil)
        #expect(line.status == .overstock)
    }

    // MARK: Output and validation

    @Test("plan returns one line per input in input order")
    func manyInputs() throws {
        let inputs = (0..<5).map { index in
            RestockInput(sku: "S\(index)", sales: .dense([index]), sellable: index, leadTime: .total(days: 1))
        }
        let lines = try RestockPlanner.plan(inputs, asOf: asOf)
        #expect(lines.map(\.sku) == ["S0", "S1", "S2", "S3", "S4"])
        #expect(lines[0].status == .noSales)
    }

    @Test("planning SKUs together gives the same lines as planning each alone (no state leaks between SKUs)")
    func batchEqualsSingles() throws {
        let inputs = [
            input(.sparse(pairs: [(asOf, 9), (asOf - 1, 3), (asOf, 1)]), sellable: 5),
            input(.dense([7, 0, 2, 5]), sellable: 50),
            input(.sparse(pairs: [(asOf - 1, 4)]), sellable: 1),
            input(.sparse(pairs: [(asOf, -2), (asOf - 2, 6)]), sellable: 0),
            input(.sparse([]), sellable: 3),
        ]
        for weighting in [DemandWeighting.uniform, .exponential(halfLifeDays: 3)] {
            let policy = RestockPolicy(window: 5, weighting: weighting)
            let batch = try RestockPlanner.plan(inputs, policy: policy, asOf: asOf)
            let singles = try inputs.map { try RestockPlanner.plan($0, policy: policy, asOf: asOf) }
            #expect(batch == singles)
        }
        let lines = try RestockPlanner.plan(inputs, policy: RestockPolicy(window: 5), asOf: asOf)
        #expect(lines.map(\.dailyDemand) == [2.6, 2.8, 0.8, 1.2, 0])
    }

    @Test("a line encodes exactly the documented JSON keys with ISO dates and explicit nulls")
    func jsonKeys() throws {
        let lines = try RestockPlanner.plan([
            input(alternating(), sellable: 100),
            input(.dense([0]), sellable: 3),
        ], asOf: asOf)
        let data = try JSONEncoder().encode(lines)
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let keys: Set<String> = [
            "sku", "dailyDemand", "sigma", "leadTimeDays", "safetyStock", "reorderPoint", "onHand", "inbound",
            "daysOfCover", "stockoutDate", "orderQuantity", "status", "reorderBy",
        ]
        #expect(Set(objects[0].keys) == keys)
        #expect(Set(objects[1].keys) == keys)
        #expect(objects[0]["stockoutDate"] as? String == (asOf + 2).isoString)
        #expect(objects[0]["status"] as? String == "reorderNow")
        #expect(objects[1]["daysOfCover"] is NSNull)
        #expect(objects[1]["stockoutDate"] is NSNull)
        #expect(objects[1]["reorderBy"] is NSNull)
        #expect(objects[1]["status"] as? String == "noSales")
        #expect(try JSONDecoder().decode([RestockLine].self, from: data) == lines)
    }

    @Test("inputs and policies round-trip through JSON, missing optional keys taking defaults")
    func inputJSON() throws {
        let original = input(
            .sparse(pairs: [(asOf, 3)]), sellable: 4, inbound: [InboundShipment(quantity: 2, eta: asOf + 1)],
            lead: .stages(productionDays: 1, transitDays: 2, receivingDays: 3), casePack: 6, moq: 12, historyStart: asOf - 5
        )
        let data = try JSONEncoder().encode(original)
        #expect(try JSONDecoder().decode(RestockInput.self, from: data) == original)
        let minimal = #"{"sku":"A","sales":{"dense":[1,2]},"sellable":0,"leadTime":{"total":{"days":5}}}"#
        let decoded = try JSONDecoder().decode(RestockInput.self, from: Data(minimal.utf8))
        #expect(decoded == RestockInput(sku: "A", sales: .dense([1, 2]), sellable: 0, leadTime: .total(days: 5)))
        let policy = try JSONDecoder().decode(RestockPolicy.self, from: Data(#"{"serviceLevel":99}"#.utf8))
        #expect(policy == RestockPolicy(serviceLevel: 99))
        let weighted = RestockPolicy(weighting: .exponential(halfLifeDays: 21))
        #expect(try JSONDecoder().decode(RestockPolicy.self, from: JSONEncoder().encode(weighted)) == weighted)
    }

    @Test("bad input fields are rejected with the SKU and field named", arguments: [
        (RestockInput(sku: "X", sales: .dense([1]), sellable: -1, leadTime: .total(days: 1)), "sellable"),
        (RestockInput(sku: "X", sales: .dense([1]), sellable: 0, leadTime: .total(days: 1), casePack: 0), "casePack"),
        (RestockInput(sku: "X", sales: .dense([1]), sellable: 0, leadTime: .total(days: 1), moq: -5), "moq"),
        (RestockInput(sku: "X", sales: .dense([1]), sellable: 0, leadTime: .total(days: -1)), "leadTime.days"),
        (RestockInput(sku: "X", sales: .dense([1]), sellable: 0,
                      leadTime: .stages(productionDays: 1, transitDays: -2, receivingDays: 0)), "leadTime.transitDays"),
        (RestockInput(sku: "X", sales: .dense([1]), sellable: 0,
                      inbound: [InboundShipment(quantity: -3, eta: Day(daysSince1970: 0))], leadTime: .total(days: 1)),
         "inbound"),
        (RestockInput(sku: "X", sales: .dense([2_000_000_000]), sellable: 0, leadTime: .total(days: 1)), "sales"),
    ])
    func rejectsBadInput(bad: RestockInput, field: String) {
        let error = #expect(throws: TracestockError.self) { try RestockPlanner.plan([bad], asOf: asOf) }
        #expect(error?.code == .invalidInput)
        #expect(error?.details["sku"] == "X")
        #expect(error?.details["field"] == field)
    }

    @Test("bad policy settings are rejected with the field named", arguments: [
        (RestockPolicy(window: 0), "window"),
        (RestockPolicy(serviceLevel: 100), "serviceLevel"),
        (RestockPolicy(targetDays: -1), "targetDays"),
        (RestockPolicy(overstockDays: 0), "overstockDays"),
        (RestockPolicy(weighting: .exponential(halfLifeDays: 0)), "weighting.halfLifeDays"),
    ])
    func rejectsBadPolicy(policy: RestockPolicy, field: String) {
        let error = #expect(throws: TracestockError.self) { try RestockPlanner.plan([], policy: policy, asOf: asOf) }
        #expect(error?.details["field"] == field)
    }
}
