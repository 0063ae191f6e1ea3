import Foundation
import HTTPTypes
import Hummingbird
import Tracestock
import TracestockCore

/// Recall: choose lots, a serial expression or a production window; see where everything is now;
/// quarantine what is still in stock after a confirmation step; download the result as CSV.
struct RecallPageModel {
    struct Choice {
        var value: String
        var selected: Bool
    }
    struct Count {
        var state: String
        var quantity: String
    }
    struct Group {
        var state: String
        var location: String
        var order: String
        var shippedAt: String
        var customer: String
        var lot: String
        var quantity: String
        var serials: String
    }
    struct Result {
        var total: String
        var counts: [Count]
        var groups: [Group]
        var orders: String
        var inStock: String
        var canQuarantine: Bool
        var csvPath: String
    }
    struct Confirm {
        var inStock: String
        var reason: String
    }

    var csrf: String
    var skus: [Choice]
    var lots: String
    var serials: String
    var producedFrom: String
    var producedTo: String
    var supplier: String
    var result: Result?
    var confirm: Confirm?
    var canWrite: Bool
    var error: String?
    /// The criteria as hidden fields for the quarantine forms.
    var criteria: [Hidden]

    struct Hidden {
        var name: String
        var value: String
    }
}

extension WebUI {
    /// The recall named by a query string or form, nil when it names no SKU or no criterion.
    func recallRequest(_ fields: WebForm) -> RecallRequest? {
        guard let sku = fields["sku"] else { return nil }
        let lots = (fields["lots"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        let request = RecallRequest(sku: sku, lots: lots.isEmpty ? nil : lots, serialExpression: fields["serials"],
                                    producedFrom: fields["producedFrom"], producedTo: fields["producedTo"], supplier: fields["supplier"])
        guard request.lots != nil || request.serialExpression != nil || request.producedFrom != nil || request.producedTo != nil
            || request.supplier != nil else { return nil }
        return request
    }

    func recallPage(_ web: WebRequest) async throws -> Response {
        try await recallView(web, fields: web.query, confirm: false, flash: nil)
    }

    func recallView(_ web: WebRequest, fields: WebForm, confirm: Bool, flash: String?, report given: RecallReport? = nil,
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        let skus = try await service.skus()
        let chosen = fields["sku"]
        var error: String?
        var report = given
        let request = recallRequest(fields)
        if report == nil, let request {
            do { report = try await service.recall(request) } catch let failure as TracestockError { error = failure.message }
        } else if chosen != nil, request == nil, fields["run"] != nil {
            error = "Name at least one lot, a serial expression, a production date or a supplier."
        }
        let names = ["sku", "lots", "serials", "producedFrom", "producedTo", "supplier"]
        let criteria = names.compactMap { name in fields[name].map { RecallPageModel.Hidden(name: name, value: $0) } }
        let query = criteria.map { "\($0.name)=\(WebForm.encode($0.value))" }.joined(separator: "&")
        let result = report.map { report in
            let inStock = report.byState["in_stock"] ?? 0
            return RecallPageModel.Result(
                total: Format.count(report.total),
                counts: report.byState.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { .init(state: $0.key, quantity: Format.count($0.value)) },
                groups: report.groups.map { g in
                    RecallPageModel.Group(state: g.state, location: g.location ?? "-", order: g.order ?? "-", shippedAt: g.shippedAt.map(Format.time) ?? "-",
                                          customer: g.customer ?? "-", lot: g.lot ?? "-", quantity: Format.count(g.quantity),
                                          serials: g.serials.count > 12 ? g.serials.prefix(12).joined(separator: ", ") + " … (\(g.serials.count))"
                                                                        : g.serials.joined(separator: ", "))
                },
                orders: report.orders.isEmpty ? "none" : report.orders.joined(separator: ", "),
                inStock: Format.count(inStock), canQuarantine: inStock > 0 && web.canWrite, csvPath: "/recall.csv?" + query)
        }
        let model = RecallPageModel(
            csrf: web.csrf ?? "", skus: skus.map { .init(value: $0.code, selected: $0.code == chosen) }, lots: fields["lots"] ?? "",
            serials: fields["serials"] ?? "", producedFrom: fields["producedFrom"] ?? "", producedTo: fields["producedTo"] ?? "",
            supplier: fields["supplier"] ?? "", result: result,
            confirm: confirm && result?.canQuarantine == true ? .init(inStock: result?.inStock ?? "0", reason: fields["reason"] ?? "") : nil,
            canWrite: web.canWrite, error: error, criteria: criteria)
        return page(web, "recall", title: "Recall", active: "recall", model: model, status: error != nil && status == .ok ? .badRequest : status,
                    flash: flash)
    }

    /// First POST: asks for confirmation. Second (with `confirm=yes`): quarantines, atomically.
    func quarantineRecall(_ web: WebRequest) async throws -> Response {
        guard var request = recallRequest(web.form) else {
            return try await recallView(web, fields: web.form, confirm: false, flash: nil)
        }
        guard web.form["confirm"] == "yes" else { return try await recallView(web, fields: web.form, confirm: true, flash: nil) }
        request.quarantine = true
        request.reason = web.form["reason"] ?? "recall"
        request.actor = web.user?.name
        do {
            let report = try await service.recall(request)
            return try await recallView(web, fields: web.form, confirm: false,
                                        flash: "Quarantined \(Format.count(report.quarantined)) in-stock units (\(report.seqs.count) events).", report: report)
        } catch let error as TracestockError {
            let view = try await recallView(web, fields: web.form, confirm: false, flash: nil)
            return errorPage(web, status: view.status == .ok ? .conflict : view.status, title: "Quarantine refused", message: error.message)
        }
    }

    func recallCSV(_ web: WebRequest) async throws -> Response {
        guard let request = recallRequest(web.query) else {
            throw TracestockError.invalid("name a SKU and at least one lot, serial expression, production date or supplier", details: ["field": "sku"])
        }
        let report = try await service.recall(request)
        var rows: [[String]] = []
        for group in report.groups {
            let base = [report.sku, group.state, group.location ?? "", group.order ?? "", group.shippedAt ?? "", group.customer ?? "", group.lot ?? ""]
            if group.serials.isEmpty {
                rows.append(base + ["", String(group.quantity)])
            } else {
                rows.append(contentsOf: group.serials.map { base + [$0, "1"] })
            }
        }
        let text = CSVText.lines([["sku", "state", "location", "order", "shipped_at", "customer", "lot", "serial", "quantity"]] + rows)
        return Self.download(text, filename: "recall-\(Self.fileSafe(report.sku)).csv", contentType: "text/csv; charset=utf-8")
    }

    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
