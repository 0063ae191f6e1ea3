import Foundation
import OpenAPIRuntime
import Tracestock
import TracestockCore

extension TracestockAPIHandler {
    public func reorderPlan(_ input: Operations.ReorderPlan.Input) async throws -> Operations.ReorderPlan.Output {
        let q = input.query
        try Self.checkCount(q.sku, field: "sku", max: 100)
        let policy = RestockPolicy(window: q.window ?? 90, serviceLevel: q.serviceLevel ?? 95, targetDays: q.targetDays ?? 60,
                                   overstockDays: q.overstockDays ?? 180, weighting: q.halfLife.map { .exponential(halfLifeDays: $0) } ?? .uniform)
        let report = try await service.reorder(skus: q.sku ?? [], policy: policy, asOf: try q.asOf.map { try Day.parse($0, field: "asOf") })
        return .ok(.init(body: .json(try Self.converted(report))))
    }

    public func ageingReport(_ input: Operations.AgeingReport.Input) async throws -> Operations.AgeingReport.Output {
        let q = input.query
        let report = try await ageing(at: q.at, buckets: q.buckets, expiringWithin: q.expiringWithin, surchargeCSV: nil)
        return .ok(.init(body: .json(report)))
    }

    public func ageingReportWithSurcharges(_ input: Operations.AgeingReportWithSurcharges.Input) async throws
        -> Operations.AgeingReportWithSurcharges.Output
    {
        guard case .csv(let body) = input.body else { throw Self.unsupportedCSV }
        let q = input.query
        let report = try await ageing(at: q.at, buckets: q.buckets, expiringWithin: q.expiringWithin, surchargeCSV: try await Self.text(body))
        return .ok(.init(body: .json(report)))
    }

    func ageing(at: String?, buckets: String?, expiringWithin: Int?, surchargeCSV: String?) async throws -> Components.Schemas.AgeingReport {
        let parsedBuckets: AgeBuckets
        do {
            parsedBuckets = try buckets.map { try AgeBuckets(parsing: $0) } ?? .standard
        } catch let error as TracestockError {
            throw TracestockError.invalid("buckets: \(error.message)", details: ["field": "buckets"])
        }
        let report = try await service.ageing(asOf: try at.map { try Day.parse($0, field: "at") }, buckets: parsedBuckets,
                                              surchargeCSV: surchargeCSV, expiringWithinDays: expiringWithin ?? 90)
        return try Self.converted(report)
    }

    public func listInbound(_ input: Operations.ListInbound.Input) async throws -> Operations.ListInbound.Output {
        .ok(.init(body: .json(.init(inbound: try await service.inbound().map { Components.Schemas.InboundLine(sku: $0.sku, $0.line) }))))
    }

    public func addInbound(_ input: Operations.AddInbound.Input) async throws -> Operations.AddInbound.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        try Self.checkQuantity(b.quantity, allowNegative: false)
        do {
            let line = try await service.addInbound(sku: b.sku, quantity: b.quantity, eta: b.eta, reference: b.reference)
            return .created(.init(body: .json(.init(sku: b.sku, line))))
        } catch let error as TracestockError where error.code == .duplicate && input.headers.idempotencyKey != nil {
            // A retried add: answer the existing line when it is exactly what was asked for.
            let eta = try Day.parse(b.eta, field: "eta").daysSince1970
            if let existing = try await service.inbound().first(where: { $0.sku == b.sku && $0.line.reference == b.reference }),
               existing.line.quantity == b.quantity, existing.line.eta == eta {
                return .ok(.init(body: .json(.init(sku: existing.sku, existing.line))))
            }
            throw error
        }
    }

    public func importSales(_ input: Operations.ImportSales.Input) async throws -> Operations.ImportSales.Output {
        guard case .csv(let body) = input.body else { throw Self.unsupportedCSV }
        let result = try await service.importSales(csv: try await Self.text(body), file: "body")
        return .created(.init(body: .json(.init(result))))
    }
}

extension Components.Schemas.InboundLine {
    init(sku: String, _ line: Inbound) {
        self.init(sku: sku, reference: line.reference, quantity: line.quantity, received: line.received, open: line.open,
                  eta: Day(daysSince1970: line.eta).isoString)
    }
}
