import Foundation
import HTTPTypes
import Hummingbird
import Tracestock
import TracestockCore

/// One serial: its state, full history as a timeline, warranty and a label preview.
struct UnitPageModel {
    struct Fact {
        var name: String
        var value: String
    }
    struct Step {
        var seq: String
        var type: String
        var at: String
        var detail: String
        var voided: Bool
        var voidedBy: String?
    }

    var sku: String
    var skuPath: String
    var serial: String
    var state: String
    var facts: [Fact]
    var timeline: [Step]
    var warranty: [Fact]
    var warrantyStatus: String
    var labelPath: String
}

extension WebUI {
    func unitPage(_ web: WebRequest, sku code: String, serial: String) async throws -> Response {
        let history = try await service.history(sku: code, serial: serial)
        let warranty = try? await service.warranty(serial: serial, sku: history.sku)
        var facts: [UnitPageModel.Fact] = [.init(name: "State", value: history.state.rawValue)]
        if let lot = history.lot { facts.append(.init(name: "Lot", value: lot)) }
        if let location = history.location { facts.append(.init(name: "Location", value: location)) }
        if let order = history.order { facts.append(.init(name: "Order", value: order)) }
        let steps = history.events.map { e in
            UnitPageModel.Step(seq: String(e.seq), type: e.type.rawValue, at: Format.time(e.at),
                               detail: [e.location.map { "at \($0)" }, e.order.map { "order \($0)" }, e.actor.map { "by \($0)" },
                                        e.reason.map { "“\($0)”" }, e.voids.map { "voids #\($0)" }].compactMap { $0 }.joined(separator: " · "),
                               voided: e.voidedBy != nil, voidedBy: e.voidedBy.map { "#\($0)" })
        }
        var warrantyFacts: [UnitPageModel.Fact] = []
        if let warranty {
            for (name, value) in [("Status", warranty.status.rawValue), ("Order", warranty.order), ("Shipped", warranty.shipDate),
                                  ("Registered", warranty.registeredAt), ("Starts", warranty.start), ("Ends", warranty.end),
                                  ("Days left", warranty.daysLeft.map(String.init))] {
                if let value { warrantyFacts.append(.init(name: name, value: value)) }
            }
        }
        let model = UnitPageModel(sku: history.sku, skuPath: Self.skuPath(history.sku), serial: history.serial, state: history.state.rawValue,
                                  facts: facts, timeline: steps, warranty: warrantyFacts,
                                  warrantyStatus: warranty?.status.rawValue ?? "no warranty terms",
                                  labelPath: Self.unitPath(history.sku, history.serial) + "/label.svg")
        return page(web, "unit", title: "\(history.sku) \(history.serial)", active: "dashboard", model: model)
    }

    /// The unit's label as SVG (QR with its GS1 Digital Link, SKU, serial, title).
    func unitLabel(_ web: WebRequest, sku code: String, serial: String) async throws -> Response {
        let files = try await service.renderLabels(sku: code, units: [(serial: serial, code: nil)], fnsku: false, format: .svg)
        var headers = HTTPFields()
        headers[.contentType] = "image/svg+xml"
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'none'; style-src 'unsafe-inline'"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: files.first?.bytes ?? [])))
    }

    /// `/units?sku=…&serial=…` (the look-up form) → the unit's page.
    func findUnit(_ web: WebRequest) async throws -> Response {
        guard let serial = web.query["serial"] else { throw TracestockError.invalid("serial: enter a serial", details: ["field": "serial"]) }
        let sku: String
        if let given = web.query["sku"] { sku = given } else { sku = try await service.skuOwning(serials: [serial]) }
        return Self.redirect(Self.unitPath(sku, serial))
    }
}
