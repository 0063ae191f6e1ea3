import Foundation
import HTTPTypes
import Hummingbird
import Tracestock
import TracestockCore

/// One SKU: identifiers, tracking, lots, stock by location and lot, sales velocity, restock numbers.
struct SKUPageModel {
    struct Fact {
        var name: String
        var value: String
    }
    struct LotRow {
        var code: String
        var produced: String
        var expires: String
        var supplier: String
    }
    struct StockRow {
        var location: String
        var lot: String
        var expires: String
        var sellable: String
        var quarantined: String
        var returned: String
    }

    var code: String
    var title: String
    var facts: [Fact]
    var lots: [LotRow]
    var hasLots: Bool
    var stock: [StockRow]
    var hasStock: Bool
    var chart: String
    var chartSummary: String
    var restock: [Fact]
    var serialTracked: Bool
    var labelsPath: String
}

extension WebUI {
    /// How many days of sales the velocity chart shows.
    static let chartDays = 90

    func skuPage(_ web: WebRequest, code: String) async throws -> Response {
        let sku = try await service.sku(code)
        let today = Tracestock.systemClock().day
        async let lotsRead = service.lots(of: sku.code)
        async let stockRead = service.stock(sku: sku.code, by: .cell)
        async let salesRead = service.store.dailySales(fromDay: (today - (Self.chartDays - 1)).daysSince1970, skuIDs: [sku.id])
        async let reorderRead = service.reorder(skus: [sku.code])
        let (lots, stock, sales, reorder) = try await (lotsRead, stockRead, salesRead, reorderRead)

        var facts: [SKUPageModel.Fact] = [.init(name: "Tracking", value: sku.tracking.rawValue)]
        for (name, value) in [("GTIN", sku.gtin), ("ASIN", sku.asin), ("FNSKU", sku.fnsku), ("Supplier", sku.supplier)] {
            if let value { facts.append(.init(name: name, value: value)) }
        }
        if let days = sku.warrantyDays { facts.append(.init(name: "Warranty", value: "\(days) days from \(sku.warrantyStart.rawValue)")) }
        if let lead = sku.leadTimeDays { facts.append(.init(name: "Lead time", value: "\(lead) days")) }
        if let pack = sku.casePack { facts.append(.init(name: "Case pack", value: String(pack))) }
        if let prefix = sku.serialPrefix { facts.append(.init(name: "Serial pattern", value: "\(prefix) + \(sku.serialWidth ?? 0) digits, next \(sku.serialNext)")) }

        let lotRows = lots.map { SKUPageModel.LotRow(code: $0.code, produced: $0.produced ?? "-", expires: $0.expires ?? "-", supplier: $0.supplier ?? "-") }
        let stockRows = stock.rows.map {
            SKUPageModel.StockRow(location: $0.location ?? "-", lot: $0.lot ?? "-", expires: $0.expires ?? "-", sellable: Format.count($0.quantity),
                                  quarantined: Format.count($0.quarantined), returned: Format.count($0.returned))
        }
        var perDay = Array(repeating: Int64(0), count: Self.chartDays)
        let firstDay = (today - (Self.chartDays - 1)).daysSince1970
        for sale in sales[sku.id] ?? [] {
            let index = sale.day.daysSince1970 - firstDay
            if perDay.indices.contains(index) { perDay[index] += Int64(sale.quantity) }
        }
        let chart = SalesChart(title: "Units sold per day, last \(Self.chartDays) days", firstDay: today - (Self.chartDays - 1), values: perDay)

        var restock: [SKUPageModel.Fact] = []
        if let line = reorder.skus.first {
            restock = [
                .init(name: "Status", value: line.status.rawValue),
                .init(name: "Daily demand", value: Format.decimal(line.dailyDemand, digits: 2) + " (σ " + Format.decimal(line.sigma, digits: 2) + ")"),
                .init(name: "Lead time", value: "\(line.leadTimeDays) days"),
                .init(name: "Safety stock", value: Format.count(Int64(line.safetyStock))),
                .init(name: "Reorder point", value: Format.count(Int64(line.reorderPoint))),
                .init(name: "On hand", value: Format.count(Int64(line.onHand))),
                .init(name: "Inbound", value: Format.count(Int64(line.inbound))),
                .init(name: "Days of cover", value: line.daysOfCover.map { Format.decimal($0) } ?? "-"),
                .init(name: "Stock-out", value: line.stockoutDate?.isoString ?? "-"),
                .init(name: "Order quantity", value: Format.count(Int64(line.orderQuantity))),
                .init(name: "Reorder by", value: line.reorderBy?.isoString ?? "-"),
            ]
        }
        let model = SKUPageModel(code: sku.code, title: sku.title, facts: facts, lots: lotRows, hasLots: !lotRows.isEmpty, stock: stockRows,
                                 hasStock: !stockRows.isEmpty, chart: chart.svg, chartSummary: chart.summary, restock: restock,
                                 serialTracked: sku.tracking == .serial, labelsPath: Self.skuPath(sku.code))
        return page(web, "sku", title: "\(sku.code) · \(sku.title)", active: "dashboard", model: model)
    }
}
