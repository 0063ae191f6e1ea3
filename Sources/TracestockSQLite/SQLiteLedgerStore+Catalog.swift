import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    public func insertLocation(_ location: Location) async throws -> Location {
        try await write { db in
            try db.execute(sql: "INSERT INTO location (code, kind, name, allow_negative, sgln) VALUES (?, ?, ?, ?, ?)",
                           arguments: [location.code, location.kind.rawValue, location.name, location.allowNegative, location.sgln])
            var stored = location
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// A point read, as are a SKU by code and a SKU's lots: nearly every command starts with them.
    public func locations() async throws -> [Location] {
        try await pointRead(Self.fetchLocations)
    }

    static func fetchLocations(_ db: Database) throws -> [Location] {
        try Self.fetchAll(db.cachedStatement(sql: "SELECT id, code, kind, name, allow_negative, sgln FROM location ORDER BY code"), Self.location)
    }

    public func insertSKU(_ sku: SKU) async throws -> SKU {
        try await write { db in
            try db.execute(sql: Self.insertSKUSQL, arguments: Self.skuArguments(sku))
            var stored = sku
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    static let insertSKUSQL = """
        INSERT INTO sku (code, title, tracking, gtin, asin, fnsku, warranty_days, warranty_start, production_days,
            transit_days, receiving_days, case_pack, moq, supplier, unit_volume, serial_prefix, serial_width, serial_next,
            gs1_company_prefix_length)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    public func insertSKUs(_ skus: [SKU]) async throws -> [SKU] {
        try await write { db in
            var stored: [SKU] = []
            for sku in skus {
                do {
                    try db.execute(sql: Self.insertSKUSQL, arguments: Self.skuArguments(sku))
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                    throw TracestockError(.duplicate, "SKU \(sku.code): its code, GTIN or FNSKU already exists (\(error.message ?? ""))",
                                          details: ["sku": sku.code])
                }
                var copy = sku
                copy.id = db.lastInsertedRowID
                stored.append(copy)
            }
            return stored
        }
    }

    public func updateSKU(_ sku: SKU) async throws {
        try await write { db in
            var arguments = Self.skuArguments(sku)
            _ = arguments.append(contentsOf: [sku.id])
            try db.execute(sql: """
                UPDATE sku SET code = ?, title = ?, tracking = ?, gtin = ?, asin = ?, fnsku = ?, warranty_days = ?,
                    warranty_start = ?, production_days = ?, transit_days = ?, receiving_days = ?, case_pack = ?, moq = ?,
                    supplier = ?, unit_volume = ?, serial_prefix = ?, serial_width = ?, serial_next = ?,
                    gs1_company_prefix_length = ?
                WHERE id = ?
                """, arguments: arguments)
        }
    }

    static func skuArguments(_ sku: SKU) -> StatementArguments {
        [sku.code, sku.title, sku.tracking.rawValue, sku.gtin, sku.asin, sku.fnsku, sku.warrantyDays, sku.warrantyStart.rawValue,
         sku.productionDays, sku.transitDays, sku.receivingDays, sku.casePack, sku.moq, sku.supplier, sku.unitVolume,
         sku.serialPrefix, sku.serialWidth, sku.serialNext, sku.gs1CompanyPrefixLength]
    }

    public func sku(code: String) async throws -> SKU? {
        try await pointRead { db in try Self.fetchSKU(db, code: code) }
    }

    static func fetchSKU(_ db: Database, code: String) throws -> SKU? {
        try Self.fetchOne(db.cachedStatement(sql: "SELECT \(Self.skuColumns) FROM sku WHERE code = ?"), arguments: [code], Self.sku)
    }

    public func skus(ids: [Int64]) async throws -> [SKU] {
        if ids.isEmpty { return [] }
        return try await read { db in try Self.fetchSKUs(db, ids: ids) }
    }

    static func fetchSKUs(_ db: Database, ids: [Int64]) throws -> [SKU] {
        try Self.fetchAll(db.cachedStatement(sql: "SELECT \(Self.skuColumns) FROM sku WHERE id IN (SELECT value FROM json_each(?))"),
                          arguments: [Self.jsonArray(ids)], Self.sku)
    }

    public func skus() async throws -> [SKU] {
        try await read { db in
            // Decoded straight off the statement: a copied `Row` per SKU cost more than the read.
            try Self.fetchAll(db.makeStatement(sql: "SELECT \(Self.skuColumns) FROM sku ORDER BY code"), Self.sku)
        }
    }

    public func skus(identifier: String) async throws -> [SKU] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.skuColumns) FROM sku WHERE gtin = ? OR fnsku = ? OR asin = ? ORDER BY code",
                             arguments: [identifier, identifier, identifier]).map(Self.sku)
        }
    }

    public func lots(skuID: Int64) async throws -> [Lot] {
        try await pointRead { db in try Self.fetchLots(db, skuID: skuID) }
    }

    static func fetchLots(_ db: Database, skuID: Int64) throws -> [Lot] {
        try Self.fetchAll(db.cachedStatement(sql: "SELECT id, sku_id, code, produced, expires, supplier, first_seq FROM lot WHERE sku_id = ? ORDER BY first_seq, code"),
                          arguments: [skuID], Self.lot)
    }

    public func lots(ids: [Int64]) async throws -> [Lot] {
        if ids.isEmpty { return [] }
        return try await read { db in try Self.fetchLots(db, ids: ids) }
    }

    static func fetchLots(_ db: Database, ids: [Int64]) throws -> [Lot] {
        try Self.fetchAll(db.cachedStatement(sql: "SELECT id, sku_id, code, produced, expires, supplier, first_seq FROM lot WHERE id IN (SELECT value FROM json_each(?))"),
                          arguments: [Self.jsonArray(ids)], Self.lot)
    }

    /// One lot by id (the unit-history paths; `fetchLots(ids:)` parses a JSON list for its IN).
    static func fetchLot(_ db: Database, id: Int64) throws -> Lot? {
        try Self.fetchOne(db.cachedStatement(sql: "SELECT id, sku_id, code, produced, expires, supplier, first_seq FROM lot WHERE id = ?"),
                          arguments: [id], Self.lot)
    }

    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// A JSON array of strings for `json_each`: quotes, backslashes and control characters escaped.
    static func jsonArray(_ strings: some Collection<String>) -> String {
        var json: [UInt8] = [UInt8(ascii: "[")]
        json.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        for string in strings {
            if json.count > 1 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "\""))
            if string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                for byte in string.utf8 {
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): json += [UInt8(ascii: "\\"), byte]
                    case ..<0x20: json += Array(String(format: "\\u%04x", byte).utf8)
                    default: json.append(byte)
                    }
                }
            } else {
                json.append(contentsOf: string.utf8)
            }
            json.append(UInt8(ascii: "\""))
        }
        json.append(UInt8(ascii: "]"))
        return String(decoding: json, as: UTF8.self)
    }
}
