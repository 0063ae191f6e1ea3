import Foundation
import HTTPTypes
import Hummingbird
import Tracestock
import TracestockCore

/// Returns: check a return by order + serial (GET, changes nothing), record it (POST), list suspicious ones.
struct ReturnsPageModel {
    struct Fact {
        var name: String
        var value: String
    }
    struct Check {
        var verdict: String
        var tone: String
        var summary: String
        var evidence: [Fact]
        var suspicious: Bool
    }
    struct Choice {
        var value: String
        var selected: Bool
    }
    struct Row {
        var at: String
        var order: String
        var sku: String
        var serials: String
        var claimed: String
        var verdict: String
        var reason: String
    }

    var csrf: String
    var order: String
    var sku: String
    var serial: String
    var lot: String
    var check: Check?
    var canRecord: Bool
    var locations: [Choice]
    var suspicious: [Row]
    var hasSuspicious: Bool
    var error: String?
}

extension WebUI {
    func returnsPage(_ web: WebRequest, outcome: String?, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let order = web.query["order"] ?? web.form["order"] ?? ""
        var sku = web.query["sku"] ?? web.form["sku"] ?? ""
        let serial = web.query["serial"] ?? web.form["serial"] ?? ""
        let lot = web.query["lot"] ?? web.form["lot"] ?? ""
        var check: ReturnsPageModel.Check?
        var problem = error
        if web.method == .get, !order.isEmpty, !(serial.isEmpty && sku.isEmpty) {
            do {
                if sku.isEmpty { sku = try await service.skuOwning(serials: [serial]) }
                let result = try await service.verifyReturn(order: order, sku: sku, serial: serial.isEmpty ? nil : serial, lot: lot.isEmpty ? nil : lot)
                let e = result.evidence
                var evidence: [ReturnsPageModel.Fact] = []
                for (name, value) in [("Shipped on order", e.shippedOrder), ("Shipped", e.shippedAt), ("Returned on order", e.returnedOrder),
                                      ("Returned", e.returnedAt), ("State", e.state?.rawValue), ("Location", e.location), ("Lot", e.lot),
                                      ("Belongs to", e.belongsTo?.joined(separator: ", ")), ("Lots shipped", e.shippedLots?.joined(separator: ", ")),
                                      ("Returnable", e.returnable.map { Format.count($0) }), ("Note", e.note)] {
                    if let value { evidence.append(.init(name: name, value: value)) }
                }
                check = .init(verdict: result.verdict.rawValue, tone: result.verdict == .match ? "good" : "bad", summary: result.summary,
                              evidence: evidence, suspicious: result.verdict != .match)
            } catch let failure as TracestockError {
                problem = failure.message
            }
        }
        let locations = try await service.locations()
        // Returns go back to a warehouse unless the operator picks another place.
        let chosen = web.form["to"] ?? (locations.first { $0.kind == .warehouse } ?? locations.first)?.code
        let returns = try await service.returnsReport()
        let suspicious = returns.filter { ($0.verdict ?? "match") != "match" }.suffix(50).reversed().map {
            ReturnsPageModel.Row(at: Format.time($0.at), order: $0.order ?? "-", sku: $0.sku,
                                 serials: $0.serials.isEmpty ? Format.count($0.quantity) : $0.serials.joined(separator: ", "),
                                 claimed: $0.claimed ?? "", verdict: $0.verdict ?? "", reason: $0.reason ?? "")
        }
        let model = ReturnsPageModel(csrf: web.csrf ?? "", order: order, sku: sku, serial: serial, lot: lot, check: check, canRecord: web.canWrite,
                                     locations: locations.map { .init(value: $0.code, selected: chosen == $0.code) },
                                     suspicious: Array(suspicious), hasSuspicious: !suspicious.isEmpty, error: problem)
        return page(web, "returns", title: "Returns", active: "returns", model: model, status: problem != nil && status == .ok ? .badRequest : status,
                    flash: outcome)
    }

    /// Records a return; one whose verdict is not `match` needs the box ticked and a reason.
    func recordReturn(_ web: WebRequest) async throws -> Response {
        guard let order = web.form["order"], let sku = web.form["sku"] else {
            return try await returnsPage(web, outcome: nil, error: "Check the return first: order and serial are needed.")
        }
        var request = MovementRequest(.return, sku: sku, serials: web.form["serial"].map { [$0] }, quantity: web.form["serial"] == nil ? 1 : nil,
                                      lot: web.form["lot"], to: web.form["to"], order: order, actor: web.user?.name, reason: web.form["reason"])
        if web.form["acceptSuspicious"] == "yes" { request.acceptSuspicious = true }
        do {
            let result = try await service.apply(request)
            return try await returnsPage(web, outcome: "Recorded the return of \(sku) \(web.form["serial"] ?? "") on order \(order) (event #\(result.seq)).")
        } catch let error as TracestockError {
            return try await returnsPage(web, outcome: nil, error: error.message, status: .conflict)
        }
    }
}
