import Testing
@testable import Tracestock
import TracestockCore

/// A large recall is grouped a part per core and the parts sorted together: the groups must be
/// those of the whole, serial order, customers and first ship dates included.
@Suite struct RecallGroupingTests {
    static let day: Int64 = 86_400_000
    static let locations: [Int64: String] = [1: "WH-B", 2: "WH-A"]
    static let lots: [Int64: String] = [10: "L2", 20: "L1"]

    static func unit(_ id: Int64, _ state: UnitState, location: Int64? = nil, order: String? = nil, lot: Int64 = 10,
                     shippedDay: Int64? = nil, customer: String? = nil) -> RecallUnit {
        RecallUnit(unit: Unit(id: id, skuID: 1, serial: "SN\(id)", lotID: lot, state: state, locationID: location, orderRef: order,
                              lastSeq: id, receivedSeq: 1),
                   shippedAt: shippedDay.map { Timestamp(milliseconds: $0 * day) }, customerRef: customer)
    }

    /// Order A's units on both sides of any cut, the later one shipped earlier and to another customer.
    static let units: [RecallUnit] = [
        unit(1, .inStock, location: 1), unit(2, .shipped, order: "A", shippedDay: 20_000, customer: "first"),
        unit(3, .inStock, location: 2), unit(4, .voided), unit(5, .shipped, order: "B", shippedDay: 20_001),
        unit(6, .inStock, location: 1), unit(7, .shipped, order: "A", shippedDay: 19_990, customer: "second"),
        unit(8, .disposed), unit(9, .inStock, location: 1, lot: 20), unit(10, .quarantined, location: 2),
        unit(11, .shipped, order: "A", lot: 20, shippedDay: 20_002), unit(12, .inStock, location: 1),
    ]

    /// The units cut into `count` runs of consecutive units, each grouped on its own (as a store
    /// folds its slices).
    static func parts(_ count: Int) -> [RecallGrouping] {
        (0..<count).map { part in
            var grouping = RecallGrouping(locations: locations, lotCodes: lots)
            for unit in units[units.count * part / count..<units.count * (part + 1) / count] { grouping.add(unit) }
            return grouping
        }
    }

    @Test(arguments: [2, 3, 5, 12])
    func groupingInPartsIsTheGroupingOfTheWhole(parts: Int) {
        let whole = Self.parts(1)
        let cut = Self.parts(parts)
        #expect(RecallGrouping.sorted(cut) == RecallGrouping.sorted(whole))
        #expect(cut.reduce(0) { $0 + $1.received } == 11)
        #expect(whole[0].received == 11)
        #expect(Set(cut.flatMap(\.lots)) == [10, 20])
    }

    @Test func noPartsAreNoGroups() {
        #expect(RecallGrouping.sorted([]).isEmpty)
        #expect(RecallGrouping.sorted([RecallGrouping(locations: Self.locations, lotCodes: Self.lots)]).isEmpty)
    }

    @Test(arguments: [1, 3, 12])
    func theGroupsKeepSerialOrderTheFirstCustomerAndTheEarliestShip(parts: Int) {
        let groups = RecallGrouping.sorted(Self.parts(parts))
        #expect(groups.map { "\($0.state) \($0.location ?? "-") \($0.order ?? "-") \($0.lot ?? "-") \($0.quantity)" } == [
            "disposed - - L2 1",
            "in_stock WH-A - L2 1",
            "in_stock WH-B - L1 1",
            "in_stock WH-B - L2 3",
            "quarantined WH-A - L2 1",
            "shipped - A L1 1",
            "shipped - A L2 2",
            "shipped - B L2 1",
        ])
        let orderA = groups.first { $0.order == "A" && $0.lot == "L2" }
        #expect(orderA?.serials == ["SN2", "SN7"])
        #expect(orderA?.customer == "first")
        #expect(orderA?.shippedAt == Timestamp(milliseconds: 19_990 * Self.day).isoDate)
        #expect(groups.first { $0.state == "in_stock" && $0.location == "WH-B" && $0.lot == "L2" }?.serials == ["SN1", "SN6", "SN12"])
    }
}
