import Foundation
import OpenAPIRuntime
import Tracestock
import TracestockCore

extension TracestockAPIHandler {
    public func listSKUs(_ input: Operations.ListSKUs.Input) async throws -> Operations.ListSKUs.Output {
        .ok(.init(body: .json(.init(skus: try await service.skus().map(Components.Schemas.Sku.init)))))
    }

    public func createSKU(_ input: Operations.CreateSKU.Input) async throws -> Operations.CreateSKU.Output {
        guard case .json(let body) = input.body else { throw Self.unsupportedBody }
        guard let tracking = TrackingLevel(rawValue: body.tracking.rawValue) else {
            throw TracestockError.invalid("tracking: must be serial, lot or none", details: ["field": "tracking"])
        }
        var sku = SKU(code: body.code, title: body.title, tracking: tracking)
        try Self.apply(CatalogFields(body), to: &sku)
        do {
            return .created(.init(body: .json(.init(try await service.addSKU(sku)))))
        } catch let error as TracestockError where error.code == .duplicate && input.headers.idempotencyKey != nil {
            // A retried create: answer the existing SKU when it is exactly what was asked for.
            if let existing = try? await service.sku(sku.code), Self.sameCatalogFields(existing, sku) {
                return .ok(.init(body: .json(.init(existing))))
            }
            throw error
        }
    }

    public func getSKU(_ input: Operations.GetSKU.Input) async throws -> Operations.GetSKU.Output {
        let sku = try await service.sku(input.path.sku)
        let lots = try await service.lots(of: sku.code)
        return .ok(.init(body: .json(.init(sku: .init(sku), lots: lots.map(Components.Schemas.Lot.init)))))
    }

    public func updateSKU(_ input: Operations.UpdateSKU.Input) async throws -> Operations.UpdateSKU.Output {
        guard case .json(let body) = input.body else { throw Self.unsupportedBody }
        let fields = CatalogFields(body)
        let sku = try await service.updateSKU(input.path.sku) { sku in
            try Self.apply(fields, to: &sku)
            if let next = body.serialNext {
                guard (0...1_000_000_000_000_000).contains(next) else {
                    throw TracestockError.invalid("serialNext: must be 0 to 10^15", details: ["field": "serialNext"])
                }
                sku.serialNext = next
            }
        }
        return .ok(.init(body: .json(.init(sku))))
    }

    public func listLots(_ input: Operations.ListLots.Input) async throws -> Operations.ListLots.Output {
        .ok(.init(body: .json(.init(lots: try await service.lots(of: input.path.sku).map(Components.Schemas.Lot.init)))))
    }

    public func traceLot(_ input: Operations.TraceLot.Input) async throws -> Operations.TraceLot.Output {
        .ok(.init(body: .json(.init(try await service.traceForward(sku: input.path.sku, lot: input.path.lot)))))
    }

    public func listLocations(_ input: Operations.ListLocations.Input) async throws -> Operations.ListLocations.Output {
        .ok(.init(body: .json(.init(locations: try await service.locations().map(Components.Schemas.Location.init)))))
    }

    public func createLocation(_ input: Operations.CreateLocation.Input) async throws -> Operations.CreateLocation.Output {
        guard case .json(let body) = input.body else { throw Self.unsupportedBody }
        try Self.checkLength(body.name, field: "name", max: 200)
        let kind = body.kind.flatMap { Location.Kind(rawValue: $0.rawValue) } ?? .warehouse
        let location = Location(code: body.code, kind: kind, name: body.name, allowNegative: body.allowNegative ?? false)
        do {
            return .created(.init(body: .json(.init(try await service.addLocation(location)))))
        } catch let error as TracestockError where error.code == .duplicate && input.headers.idempotencyKey != nil {
            if let existing = try? await service.locations().first(where: { $0.code == location.code }),
               existing.kind == location.kind, existing.name == location.name, existing.allowNegative == location.allowNegative {
                return .ok(.init(body: .json(.init(existing))))
            }
            throw error
        }
    }

    // MARK: Catalog fields (the API's `sku add` / `sku edit` options)

    /// The fields SKUInput and SKUChange share.
    struct CatalogFields {
        var title: String?, gtin: String?, asin: String?, fnsku: String?
        var warrantyDays: Int?, warrantyStart: String?, leadTimeDays: Int?, productionDays: Int?, transitDays: Int?, receivingDays: Int?
        var casePack: Int?, moq: Int?, supplier: String?, unitVolume: Double?, serialPrefix: String?, serialWidth: Int?

        init(_ b: Components.Schemas.SKUInput) {
            title = b.title; gtin = b.gtin; asin = b.asin; fnsku = b.fnsku; warrantyDays = b.warrantyDays
            warrantyStart = b.warrantyStart?.rawValue; leadTimeDays = b.leadTimeDays; productionDays = b.productionDays
            transitDays = b.transitDays; receivingDays = b.receivingDays; casePack = b.casePack; moq = b.moq; supplier = b.supplier
            unitVolume = b.unitVolume; serialPrefix = b.serialPrefix; serialWidth = b.serialWidth
        }

        init(_ b: Components.Schemas.SKUChange) {
            title = b.title; gtin = b.gtin; asin = b.asin; fnsku = b.fnsku; warrantyDays = b.warrantyDays
            warrantyStart = b.warrantyStart?.rawValue; leadTimeDays = b.leadTimeDays; productionDays = b.productionDays
            transitDays = b.transitDays; receivingDays = b.receivingDays; casePack = b.casePack; moq = b.moq; supplier = b.supplier
            unitVolume = b.unitVolume; serialPrefix = b.serialPrefix; serialWidth = b.serialWidth
        }
    }

    /// The same rules as `tracestock sku add/edit`: a lead time is given whole or in parts.
    static func apply(_ f: CatalogFields, to sku: inout SKU) throws {
        try checkLength(f.supplier, field: "supplier", max: 500)
        try checkLength(f.serialPrefix, field: "serialPrefix", max: 40)
        for (field, value) in [("gtin", f.gtin), ("asin", f.asin), ("fnsku", f.fnsku)] {
            try checkLength(value, field: field, max: 32)
        }
        if let title = f.title { sku.title = title }
        if let gtin = f.gtin { sku.gtin = gtin }
        if let asin = f.asin { sku.asin = asin }
        if let fnsku = f.fnsku { sku.fnsku = fnsku }
        if let days = f.warrantyDays { sku.warrantyDays = days }
        if let start = f.warrantyStart { sku.warrantyStart = SKU.WarrantyStart(rawValue: start) ?? .ship }
        if let lead = f.leadTimeDays {
            guard f.productionDays == nil, f.transitDays == nil, f.receivingDays == nil else {
                throw TracestockError.invalid("leadTimeDays: give either the total or its parts (productionDays, transitDays, receivingDays)",
                                              details: ["field": "leadTimeDays"])
            }
            sku.productionDays = lead
            sku.transitDays = nil
            sku.receivingDays = nil
        }
        if let days = f.productionDays { sku.productionDays = days }
        if let days = f.transitDays { sku.transitDays = days }
        if let days = f.receivingDays { sku.receivingDays = days }
        if let pack = f.casePack { sku.casePack = pack }
        if let moq = f.moq { sku.moq = moq }
        if let supplier = f.supplier { sku.supplier = supplier }
        if let volume = f.unitVolume {
            guard volume.isFinite, volume >= 0, volume <= 1_000_000 else {
                throw TracestockError.invalid("unitVolume: must be 0 to 1,000,000 cubic feet", details: ["field": "unitVolume"])
            }
            sku.unitVolume = volume
        }
        if let prefix = f.serialPrefix { sku.serialPrefix = prefix }
        if let width = f.serialWidth { sku.serialWidth = width }
    }

    /// Whether a stored SKU already is what a create asked for (GTIN compared as stored: 14 digits).
    static func sameCatalogFields(_ stored: SKU, _ asked: SKU) -> Bool {
        var asked = asked
        asked.id = stored.id
        asked.serialNext = stored.serialNext
        asked.title = asked.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if let gtin = asked.gtin { asked.gtin = (try? GTIN(gtin).value) ?? gtin }
        if let asin = asked.asin { asked.asin = (try? ASIN(asin).value) ?? asin }
        if let fnsku = asked.fnsku { asked.fnsku = (try? FNSKU(fnsku).value) ?? fnsku }
        return stored == asked
    }

    static var unsupportedBody: TracestockError {
        TracestockError.invalid("the body must be JSON (Content-Type: application/json)", details: ["field": "body"])
    }
}
