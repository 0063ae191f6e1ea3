import Foundation
import Testing
import Tracestock
import TracestockCore
@testable import TracestockSQLite

/// The window of daily sales a restock plan reads: the whole catalog's (read day by day on SQLite,
/// then filed by SKU) must be exactly what reading each SKU's own days gives, and what was sold.
@Suite(.postgresScope) struct DailySalesTests {
    /// 60 SKUs with random sales on random days of 120 (two orders on some days, summed into one
    /// daily row; some SKUs silent; on SQLite also days whose net came out zero or negative, as
    /// voids and returns leave them); the whole-catalog read and the listed read return the days
    /// from `fromDay` on with a non-zero net, in day order.
    @Test(arguments: StoreKind.all)
    func theWholeCatalogsWindowIsEachSKUsOwnDaysInOrder(_ kind: StoreKind) async throws {
        let store = try await kind.make()
        let skus = try await store.insertSKUs((0..<60).map { SKU(code: "DS-\($0)", title: "SKU \($0)", tracking: .none) })
        var rng = SystemRandomNumberGenerator()
        let firstDay = 20_000
        var net: [Int64: [Int: Int]] = [:]
        var records: [SaleRecord] = []
        var netted: [(sku: Int64, day: Int, quantity: Int)] = []
        for (index, sku) in skus.enumerated() where index % 7 != 3 {
            for day in firstDay..<(firstDay + 120) {
                switch Int.random(in: 0..<12, using: &rng) {
                case 0..<3:
                    records.append(SaleRecord(skuID: sku.id, day: day, quantity: Int64.random(in: 1...40, using: &rng), orderRef: "O-\(sku.id)-\(day)"))
                case 3:
                    records.append(SaleRecord(skuID: sku.id, day: day, quantity: 3, orderRef: "O-\(sku.id)-\(day)"))
                    records.append(SaleRecord(skuID: sku.id, day: day, quantity: 4, orderRef: "P-\(sku.id)-\(day)"))
                case 4 where kind != .postgres:
                    netted.append((sku.id, day, Int.random(in: -2...0, using: &rng)))
                default:
                    continue
                }
            }
        }
        for record in records { net[record.skuID, default: [:]][record.day, default: 0] += Int(record.quantity) }
        _ = try await store.insertSales(records)
        if let sqlite = store as? SQLiteLedgerStore {
            let rows = netted
            try await sqlite.writer.write { db in
                for row in rows {
                    try db.execute(sql: "INSERT INTO daily_sales (sku_id, day, quantity) VALUES (?, ?, ?)", arguments: [row.sku, row.day, row.quantity])
                }
            }
            for row in rows { net[row.sku, default: [:]][row.day] = row.quantity }
        }
        for fromDay in [firstDay - 10, firstDay + 37, firstDay + 119, firstDay + 200] {
            var expected: [Int64: [DailySale]] = [:]
            for (sku, days) in net {
                let window = days.filter { $0.key >= fromDay && $0.value != 0 }.sorted { $0.key < $1.key }
                if !window.isEmpty { expected[sku] = window.map { DailySale(day: Day(daysSince1970: $0.key), quantity: $0.value) } }
            }
            let whole = try await store.dailySales(fromDay: fromDay, skuIDs: nil)
            #expect(whole == expected, "from day \(fromDay)")
            let listed = try await store.dailySales(fromDay: fromDay, skuIDs: skus.map(\.id))
            #expect(listed == expected, "from day \(fromDay)")
        }
    }

    /// Rows in day order, in parts, filed by SKU: the same whether a SKU's slot is its id's offset
    /// (dense ids) or its rank of first appearance (ids far apart, or the span too wide to count in).
    @Test func rowsInDayOrderAreFiledBySKUKeepingTheirOrder() {
        typealias Rows = SQLiteLedgerStore.SalesRows
        func sale(_ day: Int, _ quantity: Int) -> DailySale { DailySale(day: Day(daysSince1970: day), quantity: quantity) }
        let parts = [Rows(skuIDs: [5, 3, 5], sales: [sale(1, 10), sale(1, 20), sale(2, 11)]),
                     Rows(),
                     Rows(skuIDs: [9, 3, 5], sales: [sale(2, 40), sale(3, 21), sale(4, 12)])]
        let expected: [Int64: [DailySale]] = [5: [sale(1, 10), sale(2, 11), sale(4, 12)], 3: [sale(1, 20), sale(3, 21)], 9: [sale(2, 40)]]
        #expect(SQLiteLedgerStore.fileBySKU(parts) == expected)
        #expect(SQLiteLedgerStore.fileBySKU(parts, denseSpan: 0) == expected)
        #expect(SQLiteLedgerStore.fileBySKU([Rows()] + parts.reversed()) != expected, "the parts' order is the days' order")
        // Ids a span apart that no counting array should cover, and ones whose span overflows.
        let far = Rows(skuIDs: [1 << 40, 2, 1 << 40], sales: [sale(1, 1), sale(1, 2), sale(2, 3)])
        #expect(SQLiteLedgerStore.fileBySKU([far]) == [1 << 40: [sale(1, 1), sale(2, 3)], 2: [sale(1, 2)]])
        let extreme = Rows(skuIDs: [.max, .min, .max], sales: [sale(1, 1), sale(1, 2), sale(2, 3)])
        #expect(SQLiteLedgerStore.fileBySKU([extreme]) == [.max: [sale(1, 1), sale(2, 3)], .min: [sale(1, 2)]])
        #expect(SQLiteLedgerStore.fileBySKU([]).isEmpty)
        #expect(SQLiteLedgerStore.fileBySKU([Rows(), Rows()]).isEmpty)
    }
}
