import Foundation
import HTTPTypes
import Hummingbird
import Tracestock
import TracestockCore

/// The dashboard's model: stock per SKU, reorder alerts, ageing totals, latest events, suspicious returns.
struct DashboardPageModel {
    struct StockRow {
        var sku: String
        var path: String
        var title: String
        var sellable: String
        var quarantined: String
        var returned: String
        var inbound: String
    }
    struct Alert {
        var sku: String
        var path: String
        var onHand: String
        var reorderPoint: String
        var orderQuantity: String
        var reorderBy: String
    }
    struct Bucket {
        var bucket: String
        var quantity: String
        var surcharge: String
    }
    struct Event {
        var seq: String
        var type: String
        var at: String
        var sku: String
        var quantity: String
        var detail: String
    }
    struct SuspiciousReturn {
        var at: String
        var order: String
        var sku: String
        var serials: String
        var verdict: String
    }

    var stock: [StockRow]
    var alerts: [Alert]
    var buckets: [Bucket]
    var events: [Event]
    var suspicious: [SuspiciousReturn]
    var hasAlerts: Bool
    var hasSuspicious: Bool
}

extension WebUI {
    func dashboard(_ web: WebRequest) async throws -> Response {
        async let skusRead = service.skus()
        async let stockRead = service.stock(by: .sku)
        async let reorderRead = service.reorder()
        async let ageingRead = service.ageing()
        async let returnsRead = service.returnsReport()
        async let lastSeqRead = service.store.lastSeq()
        let (skus, stock, reorder, ageing, returns, lastSeq) = try await (skusRead, stockRead, reorderRead, ageingRead, returnsRead, lastSeqRead)
        let events = try await service.events(since: max(0, lastSeq - 12), limit: 12, serialLimit: 3)

        let lines = Dictionary(reorder.skus.map { ($0.sku, $0) }, uniquingKeysWith: { a, _ in a })
        let stockBySKU = Dictionary(stock.rows.map { ($0.sku, $0) }, uniquingKeysWith: { a, _ in a })
        let stockRows = skus.map { sku in
            let row = stockBySKU[sku.code]
            return DashboardPageModel.StockRow(sku: sku.code, path: Self.skuPath(sku.code), title: sku.title,
                                               sellable: Format.count(row?.quantity ?? 0), quarantined: Format.count(row?.quarantined ?? 0),
                                               returned: Format.count(row?.returned ?? 0), inbound: Format.count(Int64(lines[sku.code]?.inbound ?? 0)))
        }
        let alerts = reorder.skus.filter { $0.status == .reorderNow }.map {
            DashboardPageModel.Alert(sku: $0.sku, path: Self.skuPath($0.sku), onHand: Format.count(Int64($0.onHand)),
                                     reorderPoint: Format.count(Int64($0.reorderPoint)), orderQuantity: Format.count(Int64($0.orderQuantity)),
                                     reorderBy: $0.reorderBy?.isoString ?? "now")
        }
        var bucketTotals: [String: (Int, Int)] = [:]
        for row in ageing.rows {
            let total = bucketTotals[row.bucket] ?? (0, 0)
            bucketTotals[row.bucket] = (total.0 + row.quantity, total.1 + row.surchargeCents)
        }
        var bucketOrder: [String] = []
        for row in ageing.rows where !bucketOrder.contains(row.bucket) { bucketOrder.append(row.bucket) }
        let buckets = bucketOrder.map { label in
            DashboardPageModel.Bucket(bucket: label, quantity: Format.count(Int64(bucketTotals[label]?.0 ?? 0)),
                                      surcharge: Format.money(cents: bucketTotals[label]?.1 ?? 0))
        }
        let latest = events.events.reversed().map { e in
            DashboardPageModel.Event(seq: String(e.seq), type: e.type.rawValue, at: Format.time(e.at), sku: e.sku, quantity: Format.count(e.quantity),
                                     detail: [e.lot.map { "lot \($0)" }, e.order.map { "order \($0)" }, e.from.map { "from \($0)" },
                                              e.to.map { "to \($0)" }].compactMap { $0 }.joined(separator: ", "))
        }
        let suspicious = returns.filter { ($0.verdict ?? "match") != "match" }.suffix(10).reversed().map {
            DashboardPageModel.SuspiciousReturn(at: Format.time($0.at), order: $0.order ?? "-", sku: $0.sku,
                                                serials: $0.serials.isEmpty ? Format.count($0.quantity) : $0.serials.joined(separator: ", "),
                                                verdict: $0.verdict ?? "")
        }
        let model = DashboardPageModel(stock: stockRows, alerts: alerts, buckets: buckets, events: latest, suspicious: Array(suspicious),
                                       hasAlerts: !alerts.isEmpty, hasSuspicious: !suspicious.isEmpty)
        return page(web, "dashboard", title: "Dashboard", active: "dashboard", model: model)
    }

    static func skuPath(_ code: String) -> String { "/skus/" + WebForm.encode(code) }
    static func unitPath(_ sku: String, _ serial: String) -> String { "/units/" + WebForm.encode(sku) + "/" + WebForm.encode(serial) }
}

/// Numbers and times as pages show them.
enum Format {
    static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(char)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func money(cents: Int) -> String {
        String(format: "%d.%02d", cents / 100, abs(cents % 100))
    }

    static func decimal(_ value: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

    /// `2026-03-02T10:15:00Z` → `2026-03-02 10:15`.
    static func time(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5))
    }
}
