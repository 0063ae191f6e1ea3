import Foundation
import OpenAPIRuntime
import Tracestock
import TracestockCore

extension TracestockAPIHandler {
    public func receive(_ input: Operations.Receive.Input) async throws -> Operations.Receive.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        try Self.checkSerialCount(list: b.serials, expression: b.serialExpression)
        try Self.checkQuantity(b.quantity, allowNegative: false)
        if let generate = b.generate, !(1...Self.maxSerialsPerRequest).contains(generate) {
            throw TracestockError.invalid("generate: must be 1 to \(Self.maxSerialsPerRequest) in one request", details: ["field": "generate"])
        }
        try Self.checkText(actor: b.actor, reason: b.reason, extra: [("reference", b.reference, 200), ("supplier", b.supplier, 500)])
        let request = ReceiveRequest(sku: b.sku, serials: b.serials, serialExpression: b.serialExpression, generate: b.generate,
                                     quantity: b.quantity, lot: b.lot, expires: b.expires, produced: b.produced, supplier: b.supplier,
                                     location: b.location, at: try Self.timestamp(b.at), actor: Self.actor(b.actor), reason: b.reason,
                                     reference: b.reference)
        let (replayed, body) = written(try await service.receive(request, idempotencyKey: input.headers.idempotencyKey))
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    public func ship(_ input: Operations.Ship.Input) async throws -> Operations.Ship.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        let (replayed, body) = try await movement(.ship, b, key: input.headers.idempotencyKey)
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    public func move(_ input: Operations.Move.Input) async throws -> Operations.Move.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        let (replayed, body) = try await movement(.move, b, key: input.headers.idempotencyKey)
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    public func recordReturn(_ input: Operations.RecordReturn.Input) async throws -> Operations.RecordReturn.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        let (replayed, body) = try await movement(.return, b, key: input.headers.idempotencyKey)
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    public func restock(_ input: Operations.Restock.Input) async throws -> Operations.Restock.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        let (replayed, body) = try await movement(.restock, b, key: input.headers.idempotencyKey)
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    public func quarantine(_ input: Operations.Quarantine.Input) async throws -> Operations.Quarantine.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        let (replayed, body) = try await movement(.quarantine, b, key: input.headers.idempotencyKey)
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    public func release(_ input: Operations.Release.Input) async throws -> Operations.Release.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        let (replayed, body) = try await movement(.release, b, key: input.headers.idempotencyKey)
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    public func dispose(_ input: Operations.Dispose.Input) async throws -> Operations.Dispose.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        let (replayed, body) = try await movement(.dispose, b, key: input.headers.idempotencyKey)
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    public func adjust(_ input: Operations.Adjust.Input) async throws -> Operations.Adjust.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        let (replayed, body) = try await movement(.adjust, b, key: input.headers.idempotencyKey)
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    public func voidEvent(_ input: Operations.VoidEvent.Input) async throws -> Operations.VoidEvent.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        guard b.seq >= 1 else { throw TracestockError.invalid("seq: must be a sequence number (1 or more)", details: ["field": "seq"]) }
        try Self.checkText(actor: b.actor, reason: b.reason)
        let request = VoidRequest(seq: b.seq, reason: b.reason, at: try Self.timestamp(b.at), actor: Self.actor(b.actor))
        let (replayed, body) = written(try await service.void(request, idempotencyKey: input.headers.idempotencyKey))
        return replayed ? .ok(.init(body: .json(body))) : .created(.init(body: .json(body)))
    }

    /// Every movement after receipt goes through here: one shape of body, the event type from the path.
    func movement(_ type: EventType, _ b: Components.Schemas.MovementInput, key: String?) async throws -> (Bool, Components.Schemas.WriteResult) {
        try Self.checkSerialCount(list: b.serials, expression: b.serialExpression)
        try Self.checkQuantity(b.quantity, allowNegative: type == .adjust)
        try Self.checkText(actor: b.actor, reason: b.reason, extra: [("customer", b.customer, 200)])
        if b.fromStatus != nil && type != .dispose {
            throw TracestockError.invalid("fromStatus: only disposals take a source bucket", details: ["field": "fromStatus"])
        }
        let request = MovementRequest(type, sku: b.sku, serials: b.serials, serialExpression: b.serialExpression, quantity: b.quantity,
                                      lot: b.lot, from: b.from, to: b.to, fromStatus: b.fromStatus.flatMap { StockStatus(rawValue: $0.rawValue) },
                                      order: b.order, customer: b.customer, at: try Self.timestamp(b.at), actor: Self.actor(b.actor),
                                      reason: b.reason)
        return written(try await service.apply(request, idempotencyKey: key))
    }

    static func checkText(actor: String?, reason: String?, extra: [(String, String?, Int)] = []) throws {
        try checkLength(actor, field: "actor", max: 200)
        try checkLength(reason, field: "reason", max: 1000)
        for (field, value, max) in extra { try checkLength(value, field: field, max: max) }
    }

    // MARK: CSV imports

    public func importSkus(_ input: Operations.ImportSkus.Input) async throws -> Operations.ImportSkus.Output {
        guard case .csv(let body) = input.body else { throw Self.unsupportedCSV }
        let result = try await service.importSKUs(csv: try await Self.text(body), file: "body")
        return .created(.init(body: .json(.init(result))))
    }

    public func importReceipts(_ input: Operations.ImportReceipts.Input) async throws -> Operations.ImportReceipts.Output {
        guard case .csv(let body) = input.body else { throw Self.unsupportedCSV }
        let result = try await service.importReceipts(csv: try await Self.text(body), file: "body", idempotencyKey: input.headers.idempotencyKey)
        if !result.replayed { hooks.eventsWritten(result.events) }
        return result.replayed ? .ok(.init(body: .json(.init(result)))) : .created(.init(body: .json(.init(result))))
    }

    public func importShipments(_ input: Operations.ImportShipments.Input) async throws -> Operations.ImportShipments.Output {
        guard case .csv(let body) = input.body else { throw Self.unsupportedCSV }
        let result = try await service.importShipments(csv: try await Self.text(body), file: "body", idempotencyKey: input.headers.idempotencyKey)
        if !result.replayed { hooks.eventsWritten(result.events) }
        return result.replayed ? .ok(.init(body: .json(.init(result)))) : .created(.init(body: .json(.init(result))))
    }

    static func text(_ body: HTTPBody) async throws -> String {
        let bytes = try await [UInt8](collecting: body, upTo: maxCSVBytes)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TracestockError.invalid("the CSV body is not UTF-8 text", details: ["field": "body"])
        }
        return text
    }

    static var unsupportedCSV: TracestockError {
        TracestockError.invalid("the body must be CSV text (Content-Type: text/csv)", details: ["field": "body"])
    }
}
