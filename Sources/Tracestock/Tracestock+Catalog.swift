import Foundation
import TracestockCore

extension Tracestock {
    /// Adds a location. Codes are 1–64 printable characters without spaces.
    public func addLocation(_ location: Location) async throws -> Location {
        try Self.validateCode(location.code, field: "code", what: "location")
        if let sgln = location.sgln {
            _ = try EPCURI.validatedSGLN(sgln)
            if let other = try await store.locations().first(where: { $0.sgln == sgln }) {
                throw TracestockError(.duplicate, "sgln: \(sgln) already belongs to location \(other.code)", details: ["field": "sgln"])
            }
        }
        do {
            return try await store.insertLocation(location)
        } catch let error as TracestockError where error.code == .duplicate {
            throw TracestockError(.duplicate, "location '\(location.code)' already exists", details: ["field": "code"])
        }
    }

    /// All locations.
    public func locations() async throws -> [Location] { try await store.locations() }

    /// Adds a SKU after validating its identifiers and numbers.
    public func addSKU(_ sku: SKU) async throws -> SKU {
        let sku = try validated(sku)
        do {
            return try await store.insertSKU(sku)
        } catch let error as TracestockError where error.code == .duplicate {
            let existing = try await store.skus()
            if existing.contains(where: { $0.code == sku.code }) {
                throw TracestockError(.duplicate, "SKU '\(sku.code)' already exists", details: ["field": "code"])
            }
            if let gtin = sku.gtin, let other = existing.first(where: { $0.gtin == gtin }) {
                throw TracestockError(.duplicate, "GTIN \(gtin) already belongs to SKU \(other.code)", details: ["field": "gtin"])
            }
            if let fnsku = sku.fnsku, let other = existing.first(where: { $0.fnsku == fnsku }) {
                throw TracestockError(.duplicate, "FNSKU \(fnsku) already belongs to SKU \(other.code)", details: ["field": "fnsku"])
            }
            throw error
        }
    }

    /// Changes a SKU's catalog fields (code and tracking level stay as they were).
    public func updateSKU(_ code: String, _ change: (inout SKU) throws -> Void) async throws -> SKU {
        let current = try await requireSKU(code)
        var updated = current
        try change(&updated)
        updated.id = current.id
        updated.code = current.code
        if updated.tracking != current.tracking {
            throw TracestockError.invalid("tracking: a SKU's tracking level cannot change once created", details: ["field": "tracking"])
        }
        let valid = try validated(updated)
        try await store.updateSKU(valid)
        return valid
    }

    /// One SKU by code.
    public func sku(_ code: String) async throws -> SKU { try await requireSKU(code) }

    /// All SKUs.
    public func skus() async throws -> [SKU] { try await store.skus() }

    /// The lots of a SKU.
    public func lots(of code: String) async throws -> [Lot] {
        let sku = try await requireSKU(code)
        return try await store.lots(skuID: sku.id)
    }

    func validated(_ input: SKU) throws -> SKU {
        var sku = input
        try Self.validateCode(sku.code, field: "code", what: "SKU")
        sku.title = sku.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !sku.title.isEmpty, sku.title.count <= 500 else {
            throw TracestockError.invalid("title: a SKU needs a title of 1 to 500 characters", details: ["field": "title"])
        }
        if let gtin = sku.gtin { sku.gtin = try GTIN(gtin).value }
        if let asin = sku.asin { sku.asin = try ASIN(asin).value }
        if let fnsku = sku.fnsku { sku.fnsku = try FNSKU(fnsku).value }
        let numbers: [(String, Int?, ClosedRange<Int>)] = [
            ("warrantyDays", sku.warrantyDays, 0...36_500), ("productionDays", sku.productionDays, 0...3650),
            ("transitDays", sku.transitDays, 0...3650), ("receivingDays", sku.receivingDays, 0...3650),
            ("casePack", sku.casePack, 1...1_000_000), ("moq", sku.moq, 0...100_000_000),
            ("serialWidth", sku.serialWidth, 1...18),
        ]
        for (field, value, range) in numbers {
            if let value, !range.contains(value) {
                throw TracestockError.invalid("\(field): \(value) is out of range \(range.lowerBound)…\(range.upperBound)", details: ["field": field])
            }
        }
        if let volume = sku.unitVolume, !(volume >= 0 && volume.isFinite) {
            throw TracestockError.invalid("unitVolume: must be a non-negative number of cubic feet", details: ["field": "unitVolume"])
        }
        if let length = sku.gs1CompanyPrefixLength {
            guard EPCURI.prefixLengths.contains(length) else {
                throw TracestockError.invalid("gs1CompanyPrefixLength: \(length) is out of range 6…12", details: ["field": "gs1CompanyPrefixLength"])
            }
            guard sku.gtin != nil else {
                throw TracestockError.invalid("gs1CompanyPrefixLength: \(sku.code) has no GTIN for a company prefix to be part of", details: ["field": "gs1CompanyPrefixLength"])
            }
        }
        if sku.serialPrefix != nil || sku.serialWidth != nil {
            guard sku.tracking == .serial else {
                throw TracestockError.invalid("serialPrefix: only serial-tracked SKUs have a serial pattern", details: ["field": "serialPrefix"])
            }
            _ = try SerialPattern(prefix: sku.serialPrefix ?? "", width: sku.serialWidth ?? 6)
        }
        return sku
    }

    /// Codes: 1–64 printable ASCII characters, no spaces or quotes.
    static func validateCode(_ code: String, field: String, what: String) throws {
        let ok = !code.isEmpty && code.utf8.count <= 64 && code.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x2C }
        guard ok else {
            throw TracestockError.invalid("\(field): '\(code)' is not a valid \(what) code (1 to 64 printable characters, no spaces, commas or quotes)",
                                          details: ["field": field])
        }
    }
}
