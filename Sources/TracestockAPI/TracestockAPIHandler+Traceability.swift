import Foundation
import OpenAPIRuntime
import Tracestock
import TracestockCore

extension TracestockAPIHandler {
    public func verifyReturn(_ input: Operations.VerifyReturn.Input) async throws -> Operations.VerifyReturn.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        var sku = b.sku
        if sku == nil, let serial = b.serial { sku = try await service.skuOwning(serials: [serial], allowUnknown: true) }
        guard let sku else { throw TracestockError.invalid("sku: name the SKU (or the unit with serial)", details: ["field": "sku"]) }
        let verification = try await service.verifyReturn(order: b.order, sku: sku, serial: b.serial, lot: b.lot)
        return .ok(.init(body: .json(try Self.converted(verification))))
    }

    public func returnsReport(_ input: Operations.ReturnsReport.Input) async throws -> Operations.ReturnsReport.Output {
        let verdicts = (input.query.verdict ?? []).compactMap { ReturnVerdict(rawValue: $0.rawValue) }
        let records = try await service.returnsReport(since: try Self.timestamp(input.query.since, field: "since"), verdicts: verdicts)
        if Self.prefersCSV(input.headers.accept, csv: .csv) {
            return .ok(.init(body: .csv(HTTPBody(ReturnRecord.csvText(records)))))
        }
        return .ok(.init(body: .json(.init(returns: try Self.converted(records)))))
    }

    public func getWarranty(_ input: Operations.GetWarranty.Input) async throws -> Operations.GetWarranty.Output {
        var serial = input.path.serial
        var sku = input.query.sku
        if AuthCode.isWellFormed(serial) {
            (sku, serial) = try await service.unit(forCode: serial)
        }
        return .ok(.init(body: .json(try Self.converted(try await service.warranty(serial: serial, sku: sku)))))
    }

    public func registerWarranty(_ input: Operations.RegisterWarranty.Input) async throws -> Operations.RegisterWarranty.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        try Self.checkText(actor: b.actor, reason: nil, extra: [("customerRef", b.customerRef, 200)])
        let request = RegistrationRequest(sku: b.sku, serial: b.serial, customerRef: b.customerRef, at: try Self.timestamp(b.at),
                                          transfer: b.transfer ?? false, actor: Self.actor(b.actor))
        let (replayed, body) = written(try await service.register(request, idempotencyKey: input.headers.idempotencyKey))
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    public func recallReport(_ input: Operations.RecallReport.Input) async throws -> Operations.RecallReport.Output {
        let q = input.query
        try Self.checkLength(q.serials, field: "serials", max: 4000)
        try Self.checkCount(q.lot, field: "lot", max: 100)
        let request = try Self.recallRequest(sku: q.sku, lots: q.lot, serials: q.serials, producedFrom: q.producedFrom, producedTo: q.producedTo,
                                             supplier: q.supplier, quarantine: false, reason: nil, actor: nil)
        let report = try await service.recall(request)
        if Self.prefersCSV(input.headers.accept, csv: .csv) {
            return .ok(.init(body: .csv(HTTPBody(report.csvText))))
        }
        return .ok(.init(body: .json(try Self.converted(report))))
    }

    public func recall(_ input: Operations.Recall.Input) async throws -> Operations.Recall.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        try Self.checkText(actor: b.actor, reason: b.reason)
        let request = try Self.recallRequest(sku: b.sku, lots: b.lots, serials: b.serialExpression, producedFrom: b.producedFrom,
                                             producedTo: b.producedTo, supplier: b.supplier, quarantine: b.quarantine ?? false,
                                             reason: b.reason, actor: Self.actor(b.actor))
        let report = try await service.recall(request, idempotencyKey: input.headers.idempotencyKey)
        if !report.seqs.isEmpty { hooks.eventsWritten(report.seqs.count) }
        return .ok(.init(body: .json(try Self.converted(report))))
    }

    /// One recall request from the query (GET) or the body (POST), with the per-request limits checked.
    static func recallRequest(sku: String, lots: [String]?, serials: String?, producedFrom: String?, producedTo: String?, supplier: String?,
                              quarantine: Bool, reason: String?, actor: String?) throws -> RecallRequest {
        try checkSerialCount(list: nil, expression: serials)
        return RecallRequest(sku: sku, lots: (lots ?? []).isEmpty ? nil : lots, serialExpression: serials, producedFrom: producedFrom,
                             producedTo: producedTo, supplier: supplier, quarantine: quarantine, reason: reason, actor: actor)
    }

    public func traceOrder(_ input: Operations.TraceOrder.Input) async throws -> Operations.TraceOrder.Output {
        .ok(.init(body: .json(try Self.converted(try await service.traceBack(order: input.path.order)))))
    }
}
