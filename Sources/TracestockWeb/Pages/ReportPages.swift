import Foundation
import HTTPTypes
import Hummingbird
import Tracestock
import TracestockCore

/// The reorder plan and the ageing report: sortable tables with CSV downloads.
struct ReportPageModel {
    var heading: String
    var intro: String
    var tableID: String
    var table: SortableTable.Model
    var extraHeading: String?
    var extra: SortableTable.Model?
}

extension WebUI {
    func reorderTable() async throws -> (SortableTable, String) {
        let report = try await service.reorder()
        let columns: [SortableTable.Column] = [
            .init(key: "sku", label: "SKU", numeric: false), .init(key: "status", label: "Status", numeric: false),
            .init(key: "daily_demand", label: "Demand/day", numeric: true), .init(key: "sigma", label: "σ", numeric: true),
            .init(key: "lead_time_days", label: "Lead time", numeric: true), .init(key: "safety_stock", label: "Safety stock", numeric: true),
            .init(key: "reorder_point", label: "Reorder point", numeric: true), .init(key: "on_hand", label: "On hand", numeric: true),
            .init(key: "inbound", label: "Inbound", numeric: true), .init(key: "days_of_cover", label: "Days of cover", numeric: true),
            .init(key: "stockout_date", label: "Stock-out", numeric: false), .init(key: "order_quantity", label: "Order qty", numeric: true),
            .init(key: "reorder_by", label: "Reorder by", numeric: false),
        ]
        func number(_ value: Int) -> SortableTable.Value { .number(Double(value), String(value)) }
        let rows: [[SortableTable.Value]] = report.skus.map { line in
            [.text(line.sku), .text(line.status.rawValue), .number(line.dailyDemand, Format.decimal(line.dailyDemand, digits: 2)),
             .number(line.sigma, Format.decimal(line.sigma, digits: 2)), number(line.leadTimeDays), number(line.safetyStock),
             number(line.reorderPoint), number(line.onHand), number(line.inbound),
             .number(line.daysOfCover, line.daysOfCover.map { Format.decimal($0) } ?? ""), .text(line.stockoutDate?.isoString ?? ""),
             number(line.orderQuantity), .text(line.reorderBy?.isoString ?? "")]
        }
        return (SortableTable(columns: columns, rows: rows), report.asOf)
    }

    func reorderPage(_ web: WebRequest) async throws -> Response {
        let (table, asOf) = try await reorderTable()
        let model = ReportPageModel(heading: "Reorder plan", intro: "As of \(asOf): demand from the shipment history, safety stock for the service level, order quantities rounded up to the case pack.",
                                    tableID: "reorder-table", table: table.model(path: "/reorder", form: web.query))
        return page(web, "report", title: "Reorder", active: "reorder", model: model)
    }

    func reorderCSV(_ web: WebRequest) async throws -> Response {
        let (table, asOf) = try await reorderTable()
        return Self.download(table.csv(form: web.query), filename: "reorder-\(asOf).csv", contentType: "text/csv; charset=utf-8")
    }

    func ageingTables() async throws -> (SortableTable, SortableTable) {
        let report = try await service.ageing()
        let rows: [[SortableTable.Value]] = report.rows.map { row in
            [.text(row.sku), .text(row.lot ?? ""), .text(row.bucket), .number(Double(row.quantity), String(row.quantity)),
             .number(Double(row.surchargeCents), Format.money(cents: row.surchargeCents))]
        }
        let ageing = SortableTable(columns: [.init(key: "sku", label: "SKU", numeric: false), .init(key: "lot", label: "Lot", numeric: false),
                                             .init(key: "bucket", label: "Age (days)", numeric: false), .init(key: "quantity", label: "Units", numeric: true),
                                             .init(key: "surcharge", label: "Surcharge", numeric: true)],
                                   rows: rows)
        let expiring = SortableTable(columns: [.init(key: "sku", label: "SKU", numeric: false), .init(key: "lot", label: "Lot", numeric: false),
                                               .init(key: "expiry", label: "Expires", numeric: false),
                                               .init(key: "days_left", label: "Days left", numeric: true), .init(key: "quantity", label: "Units", numeric: true)],
                                     rows: report.expiring.map { [.text($0.sku), .text($0.lot ?? ""), .text($0.expiry.isoString),
                                                                  .number(Double($0.daysLeft), String($0.daysLeft)), .number(Double($0.quantity), String($0.quantity))] })
        return (ageing, expiring)
    }

    func ageingPage(_ web: WebRequest) async throws -> Response {
        let (ageing, expiring) = try await ageingTables()
        let model = ReportPageModel(heading: "Ageing", intro: "On-hand stock per lot, aged first-in first-out from its receipt date.",
                                    tableID: "ageing-table", table: ageing.model(path: "/ageing", form: web.query),
                                    extraHeading: "Lots expiring within 90 days", extra: expiring.model(path: "/ageing", form: WebForm(nil)))
        return page(web, "report", title: "Ageing", active: "ageing", model: model)
    }

    func ageingCSV(_ web: WebRequest) async throws -> Response {
        let (ageing, _) = try await ageingTables()
        return Self.download(ageing.csv(form: web.query), filename: "ageing.csv", contentType: "text/csv; charset=utf-8")
    }
}
