import TracestockCore

/// A parsed scan with the SKU it resolves to in this store (when the store knows the identifier).
public struct ScanReport: Sendable, Encodable, Equatable {
    public var result: ScanResult
    public var sku: String?

    /// Creates a report.
    public init(result: ScanResult, sku: String?) {
        self.result = result
        self.sku = sku
    }

    enum CodingKeys: String, CodingKey { case sku }

    public func encode(to encoder: any Encoder) throws {
        try result.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sku, forKey: .sku)
    }
}

/// What a batch of scans names: one SKU, maybe one lot, and serials or a count.
public struct ScannedGoods: Sendable, Equatable {
    public var sku: String
    public var lot: String?
    public var expires: String?
    public var produced: String?
    /// Serials, for serial-tracked SKUs (in scan order).
    public var serials: [String]
    /// How many scans (one unit each) for quantity-tracked SKUs.
    public var count: Int
}

extension Tracestock {
    /// The current year for the GS1 century rule.
    var currentYear: Int { clock().day.components.year }

    /// Parses anything a scanner or a seller may send (GS1 element string, Digital Link, GTIN,
    /// SSCC, ASIN, FNSKU, authentication code, serial) and resolves the SKU when it can.
    public func scan(_ input: String) async throws -> ScanReport {
        let result = try Scan.parse(input, currentYear: currentYear)
        return ScanReport(result: result, sku: try await skuCode(for: result))
    }

    func skuCode(for result: ScanResult) async throws -> String? {
        for identifier in [result.gtin, result.fnsku, result.asin].compactMap({ $0 }) {
            let skus = try await store.skus(identifier: identifier)
            if skus.count == 1 { return skus[0].code }
        }
        return nil
    }

    /// Turns scans into the SKU, lot and serials a receive, ship or return needs. A scan that
    /// disagrees with the given SKU or lot, or with the other scans, is an error naming it.
    /// - Parameter labels: how to name each scan in errors (e.g. "line 7"); defaults to "scan N".
    public func resolveScans(_ inputs: [String], sku given: String?, lot givenLot: String?, labels: [String]? = nil) async throws -> ScannedGoods {
        guard !inputs.isEmpty else { throw TracestockError.invalid("scan: no scans given", details: ["field": "scan"]) }
        var sku: SKU?
        if let given { sku = try await requireSKU(given) }
        var lot = givenLot
        var expires: String?
        var produced: String?
        var serials: [String] = []
        for (index, input) in inputs.enumerated() {
            let label = labels?[index] ?? "scan \(index + 1)"
            func fail(_ message: String) -> TracestockError {
                TracestockError.invalid("\(label) '\(input)': \(message)", details: ["field": "scan", "index": String(index), "scan": input])
            }
            let result: ScanResult
            do {
                result = try Scan.parse(input, currentYear: currentYear)
            } catch let error as TracestockError {
                throw TracestockError(error.code, "\(label) '\(input)': \(error.message)", details: error.details.merging(["field": "scan", "index": String(index)]) { $1 })
            }
            if result.kind == .serial {
                guard sku != nil else { throw fail("a plain serial needs the SKU (give it, or scan a GS1 code with the GTIN)") }
                serials.append(result.serial ?? input)
                continue
            }
            if let identifier = result.gtin ?? result.fnsku ?? result.asin {
                let matches = try await store.skus(identifier: identifier)
                guard let found = matches.first, matches.count == 1 else {
                    throw fail(matches.isEmpty ? "no SKU has identifier \(identifier) (set it with `tracestock sku edit SKU --gtin/--fnsku/--asin`)"
                                               : "identifier \(identifier) belongs to several SKUs")
                }
                if let sku, sku.id != found.id { throw fail("it is SKU \(found.code), not \(sku.code)") }
                sku = found
            } else {
                throw fail("a \(result.kind.rawValue) does not name a product")
            }
            if let scanned = result.lot {
                if let lot, lot != scanned { throw fail("its lot is \(scanned), not \(lot)") }
                lot = scanned
            }
            if let expiry = result.expiry?.isoString {
                if let expires, expires != expiry { throw fail("its expiry \(expiry) differs from \(expires) in an earlier scan") }
                expires = expiry
            }
            if let date = result.produced?.isoString { produced = date }
            if let serial = result.serial { serials.append(serial) }
        }
        guard let sku else { throw TracestockError.invalid("scan: the scans name no SKU", details: ["field": "scan"]) }
        if sku.tracking == .serial && serials.count != inputs.count {
            throw TracestockError.invalid("scan: \(sku.code) is serial-tracked, but \(inputs.count - serials.count) of the scans carry no serial (AI 21)",
                                          details: ["field": "scan"])
        }
        if sku.tracking != .serial && !serials.isEmpty {
            throw TracestockError.invalid("scan: \(sku.code) is not serial-tracked, but the scans carry serials", details: ["field": "scan"])
        }
        return ScannedGoods(sku: sku.code, lot: lot, expires: expires, produced: produced, serials: serials, count: inputs.count)
    }
}
