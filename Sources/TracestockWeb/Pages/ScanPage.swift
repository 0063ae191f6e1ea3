import Foundation
import HTTPTypes
import Hummingbird
import Tracestock
import TracestockCore

/// The scan station: one input that takes a scanner's keystrokes and receives, ships or checks a return.
struct ScanPageModel {
    struct Choice {
        var value: String
        var label: String
        var selected: Bool
    }
    struct Outcome {
        var tone: String
        var headline: String
        var detail: String
        var link: String?
        var linkLabel: String?
    }

    var csrf: String
    var modes: [Choice]
    var locations: [Choice]
    var order: String
    var sku: String
    var lot: String
    var outcome: Outcome?
    var canWrite: Bool
}

extension WebUI {
    enum ScanMode: String, CaseIterable {
        case receive, ship, `return`

        var label: String {
            switch self {
            case .receive: "Receive"
            case .ship: "Ship"
            case .return: "Check a return"
            }
        }
    }

    func scanPage(_ web: WebRequest, outcome: ScanPageModel.Outcome?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let mode = ScanMode(rawValue: web.form["mode"] ?? web.query["mode"] ?? "") ?? (web.canWrite ? .receive : .return)
        let chosenLocation = web.form["location"] ?? web.query["location"]
        let locations = try await service.locations()
        let model = ScanPageModel(
            csrf: web.csrf ?? "",
            modes: ScanMode.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == mode) },
            locations: locations.enumerated().map { index, location in
                .init(value: location.code, label: location.name.map { "\(location.code) · \($0)" } ?? location.code,
                      selected: chosenLocation == nil ? index == 0 : chosenLocation == location.code)
            },
            order: web.form["order"] ?? web.query["order"] ?? "", sku: web.form["sku"] ?? web.query["sku"] ?? "",
            lot: web.form["lot"] ?? "", outcome: outcome, canWrite: web.canWrite)
        return page(web, "scan", title: "Scan station", active: "scan", model: model, status: status)
    }

    /// One scan: parse it, then receive, ship or check a return; the verdict is the page's headline.
    func scan(_ web: WebRequest) async throws -> Response {
        guard let mode = ScanMode(rawValue: web.form["mode"] ?? "") else {
            return try await scanPage(web, outcome: .init(tone: "bad", headline: "Choose what to do", detail: "Pick receive, ship or check a return."),
                                      status: .badRequest)
        }
        if mode != .return, !web.canWrite { return forbidden(web) }
        guard let input = web.form.raw("scan")?.trimmingCharacters(in: .whitespacesAndNewlines), !input.isEmpty else {
            return try await scanPage(web, outcome: .init(tone: "bad", headline: "Nothing scanned", detail: "Scan or type a code, then press Enter."),
                                      status: .badRequest)
        }
        do {
            let goods = try await service.resolveScans([input], sku: web.form["sku"], lot: web.form["lot"])
            let what = goods.serials.first.map { "\(goods.sku) serial \($0)" } ?? "\(goods.count) × \(goods.sku)\(goods.lot.map { " lot \($0)" } ?? "")"
            let unitLink = goods.serials.first.map { Self.unitPath(goods.sku, $0) }
            switch mode {
            case .receive:
                guard let location = web.form["location"] else { throw TracestockError.invalid("location: choose where it arrives", details: ["field": "location"]) }
                let result = try await service.receive(ReceiveRequest(
                    sku: goods.sku, serials: goods.serials.isEmpty ? nil : goods.serials, quantity: goods.serials.isEmpty ? Int64(goods.count) : nil,
                    lot: goods.lot, expires: goods.expires, produced: goods.produced, location: location, actor: web.user?.name))
                return try await scanPage(web, outcome: .init(tone: "good", headline: "RECEIVED", detail: "\(what) at \(location) (event #\(result.seq))",
                                                              link: unitLink, linkLabel: unitLink.map { _ in "Open the unit" }))
            case .ship:
                guard let order = web.form["order"] else { throw TracestockError.invalid("order: enter the order it ships on", details: ["field": "order"]) }
                let result = try await service.apply(MovementRequest(
                    .ship, sku: goods.sku, serials: goods.serials.isEmpty ? nil : goods.serials, quantity: goods.serials.isEmpty ? Int64(goods.count) : nil,
                    lot: goods.lot, from: web.form["from"], order: order, actor: web.user?.name))
                return try await scanPage(web, outcome: .init(tone: "good", headline: "SHIPPED", detail: "\(what) on order \(order) (event #\(result.seq))",
                                                              link: unitLink, linkLabel: unitLink.map { _ in "Open the unit" }))
            case .return:
                guard let order = web.form["order"] else { throw TracestockError.invalid("order: enter the order being returned", details: ["field": "order"]) }
                let check = try await service.verifyReturn(order: order, sku: goods.sku, serial: goods.serials.first, lot: goods.lot)
                var query = "order=\(WebForm.encode(order))&sku=\(WebForm.encode(goods.sku))"
                if let serial = goods.serials.first { query += "&serial=\(WebForm.encode(serial))" }
                if let lot = goods.lot { query += "&lot=\(WebForm.encode(lot))" }
                return try await scanPage(web, outcome: .init(tone: check.verdict == .match ? "good" : "bad", headline: check.verdict.rawValue,
                                                              detail: check.summary, link: "/returns?" + query, linkLabel: "Record this return"))
            }
        } catch let error as TracestockError {
            return try await scanPage(web, outcome: .init(tone: "bad", headline: "REFUSED", detail: error.message),
                                      status: error.code == .invalidInput || error.code == .notFound ? .badRequest : .conflict)
        }
    }

    /// The 403 page for a signed-in user whose role cannot write.
    func forbidden(_ web: WebRequest) -> Response {
        errorPage(web, status: .forbidden, title: "Not allowed",
                  message: "Your role (\(web.user?.role.rawValue ?? "none")) can look but not change stock. Ask an admin for the operator role.")
    }
}
