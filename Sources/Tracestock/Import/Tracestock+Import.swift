import Foundation
import TracestockCore

/// What an import wrote.
public struct ImportResult: Sendable, Encodable, Equatable {
    /// Data rows read.
    public var rows: Int
    /// Events appended (0 for a catalog import).
    public var events: Int
    /// Units or quantity moved in total.
    public var quantity: Int64
    /// True when an idempotency key replayed an earlier import.
    public var replayed: Bool
    /// Sequence numbers of the events written.
    public var seqs: [Int64]
    /// Sales history lines stored, skipped as already imported, and cancelled lines ignored.
    public var salesInserted: Int?
    public var salesSkipped: Int?
    public var cancelledIgnored: Int?

    /// Creates a result.
    public init(rows: Int, events: Int, quantity: Int64, replayed: Bool, seqs: [Int64], salesInserted: Int? = nil,
                salesSkipped: Int? = nil, cancelledIgnored: Int? = nil) {
        self.rows = rows
        self.events = events
        self.quantity = quantity
        self.replayed = replayed
        self.seqs = seqs
        self.salesInserted = salesInserted
        self.salesSkipped = salesSkipped
        self.cancelledIgnored = cancelledIgnored
    }
}

extension Tracestock {
    /// The columns of each CSV import, documented in README.md.
    public enum ImportColumns {
        public static let skus = ["sku", "title", "tracking", "gtin", "asin", "fnsku", "warranty_days", "warranty_start",
                                  "production_days", "transit_days", "receiving_days", "case_pack", "moq", "supplier",
                                  "unit_volume", "serial_prefix", "serial_width"]
        public static let receipts = ["date", "sku", "location", "serials", "quantity", "lot", "expires", "produced", "supplier",
                                      "reference"]
        public static let shipments = ["date", "sku", "order", "serials", "quantity", "lot", "from", "customer"]
    }

    /// Imports a catalog: every row a new SKU, all or nothing.
    public func importSKUs(csv text: String, file: String) async throws -> ImportResult {
        let table = try CSVTable(text: text, file: file, required: ["sku", "title", "tracking"], known: ImportColumns.skus)
        let existing = Set(try await store.skus().map(\.code))
        var seen: [String: Int] = [:]
        var skus: [SKU] = []
        for record in table.records {
            do {
                let code = record["sku"] ?? ""
                if existing.contains(code) { throw TracestockError(.duplicate, "SKU '\(code)' already exists", details: ["field": "sku"]) }
                if let line = seen[code] { throw TracestockError(.duplicate, "SKU '\(code)' is also on line \(line)", details: ["field": "sku"]) }
                seen[code] = record.line
                guard let tracking = TrackingLevel(rawValue: (record["tracking"] ?? "").lowercased()) else {
                    throw TracestockError.invalid("tracking must be serial, lot or none", details: ["field": "tracking"])
                }
                func int(_ column: String) throws -> Int? { try table.int(record, column).map { Int($0) } }
                var warrantyStart = SKU.WarrantyStart.ship
                if let text = record["warranty_start"] {
                    guard let value = SKU.WarrantyStart(rawValue: text) else {
                        throw TracestockError.invalid("warranty_start must be ship or registration", details: ["field": "warranty_start"])
                    }
                    warrantyStart = value
                }
                var volume: Double?
                if let text = record["unit_volume"] {
                    guard let value = Double(text) else { throw TracestockError.invalid("'\(text)' is not a number", details: ["field": "unit_volume"]) }
                    volume = value
                }
                let sku = SKU(code: code, title: record["title"] ?? "", tracking: tracking, gtin: record["gtin"], asin: record["asin"],
                              fnsku: record["fnsku"], warrantyDays: try int("warranty_days"), warrantyStart: warrantyStart,
                              productionDays: try int("production_days"), transitDays: try int("transit_days"),
                              receivingDays: try int("receiving_days"), casePack: try int("case_pack"), moq: try int("moq"),
                              supplier: record["supplier"], unitVolume: volume, serialPrefix: record["serial_prefix"],
                              serialWidth: try int("serial_width"))
                skus.append(try validated(sku))
            } catch {
                throw table.error(error, record: record, columnFor: Self.skuColumn)
            }
        }
        let gtins = skus.compactMap(\.gtin)
        if Set(gtins).count != gtins.count { throw TracestockError(.duplicate, "\(file): the same GTIN is given to two SKUs; nothing was imported") }
        _ = try await store.insertSKUs(skus)
        return ImportResult(rows: table.records.count, events: 0, quantity: 0, replayed: false, seqs: [])
    }

    static func skuColumn(_ field: String) -> String? {
        ["code": "sku", "warrantyDays": "warranty_days", "productionDays": "production_days", "transitDays": "transit_days",
         "receivingDays": "receiving_days", "casePack": "case_pack", "unitVolume": "unit_volume", "serialPrefix": "serial_prefix",
         "serialWidth": "serial_width"][field] ?? field
    }

    /// Imports receipts, one receive per row, in one transaction: a bad row imports nothing.
    public func importReceipts(csv text: String, file: String, idempotencyKey: String? = nil,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ImportResult {
        let table = try CSVTable(text: text, file: file, required: ["sku", "location"], known: ImportColumns.receipts)
        let requests = try table.records.map { record in
            do {
                return ReceiveRequest(sku: record["sku"] ?? "", serialExpression: record["serials"], quantity: try table.int(record, "quantity"),
                                      lot: record["lot"], expires: record["expires"], produced: record["produced"], supplier: record["supplier"],
                                      location: record["location"] ?? "", at: try record["date"].map { try Timestamp.parse($0, field: "date") },
                                      reference: record["reference"])
            } catch {
                throw table.error(error, record: record)
            }
        }
        let result = try await execute(request: ImportFingerprint(kind: "receipts", text: text), idempotencyKey: idempotencyKey) { view in
            for (index, (record, request)) in zip(table.records, requests).enumerated() {
                view.currentEntry = "line \(record.line)"
                do {
                    try await planReceive(request, in: view)
                } catch {
                    throw table.error(error, record: record, columnFor: Self.receiptColumn)
                }
                progress?(index + 1, requests.count)
            }
        }
        return ImportResult(rows: table.records.count, events: result.events.count, quantity: result.events.reduce(0) { $0 + $1.quantity },
                            replayed: result.replayed, seqs: result.events.map(\.seq))
    }

    static func receiptColumn(_ field: String) -> String? {
        ["location": "location", "serials": "serials", "generate": "serials", "at": "date"][field] ?? field
    }

    /// Imports shipments, one ship per row, in one transaction: a bad row imports nothing.
    public func importShipments(csv text: String, file: String, idempotencyKey: String? = nil,
                                progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ImportResult {
        let table = try CSVTable(text: text, file: file, required: ["sku", "order"], known: ImportColumns.shipments)
        let requests = try table.records.map { record in
            do {
                return MovementRequest(.ship, sku: record["sku"] ?? "", serialExpression: record["serials"],
                                       quantity: try table.int(record, "quantity"), lot: record["lot"], from: record["from"],
                                       order: record["order"], customer: record["customer"],
                                       at: try record["date"].map { try Timestamp.parse($0, field: "date") })
            } catch {
                throw table.error(error, record: record)
            }
        }
        let result = try await execute(request: ImportFingerprint(kind: "shipments", text: text), idempotencyKey: idempotencyKey) { view in
            for (index, (record, request)) in zip(table.records, requests).enumerated() {
                view.currentEntry = "line \(record.line)"
                do {
                    try await planMovement(request, in: view)
                } catch {
                    throw table.error(error, record: record)
                }
                progress?(index + 1, requests.count)
            }
        }
        return ImportResult(rows: table.records.count, events: result.events.count, quantity: result.events.reduce(0) { $0 + $1.quantity },
                            replayed: result.replayed, seqs: result.events.map(\.seq))
    }
}

/// What an import's idempotency key guards: the kind of import and the file's exact text.
struct ImportFingerprint: Encodable {
    var kind: String
    var text: String
}
