import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore {
    public func insertLocation(_ location: Location) async throws -> Location {
        try await transaction("adding location \(location.code)") { connection in
            let row = try await connection.row("""
                INSERT INTO location (code, kind, name, allow_negative, sgln)
                VALUES (\(location.code), \(location.kind.rawValue), \(location.name), \(location.allowNegative ? Int64(1) : 0), \(location.sgln))
                RETURNING id
                """, logger: self.logger)
            var stored = location
            stored.id = try row?.decode(Int64.self) ?? 0
            return stored
        }
    }

    public func locations() async throws -> [Location] {
        try await read { connection in try await self.fetchLocations(on: connection) }
    }

    func fetchLocations(on connection: PostgresConnection) async throws -> [Location] {
        try await connection.rows("SELECT \(unescaped: Self.locationColumns) FROM location ORDER BY code", logger: logger).map(Self.location)
    }

    public func insertSKU(_ sku: SKU) async throws -> SKU {
        try await insertSKUs([sku])[0]
    }

    public func insertSKUs(_ skus: [SKU]) async throws -> [SKU] {
        try await transaction("adding SKUs") { connection in
            var stored: [SKU] = []
            for sku in skus {
                do {
                    let row = try await connection.row(Self.insertSKUQuery(sku), logger: self.logger)
                    var copy = sku
                    copy.id = try row?.decode(Int64.self) ?? 0
                    stored.append(copy)
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                    throw TracestockError(.duplicate, "SKU \(sku.code): its code, GTIN or FNSKU already exists (\(error.serverInfo?[.detail] ?? ""))",
                                          details: ["sku": sku.code])
                }
            }
            return stored
        }
    }

    static func insertSKUQuery(_ sku: SKU) -> PostgresQuery {
        """
        INSERT INTO sku (code, title, tracking, gtin, asin, fnsku, warranty_days, warranty_start, production_days,
            transit_days, receiving_days, case_pack, moq, supplier, unit_volume, serial_prefix, serial_width, serial_next,
            gs1_company_prefix_length)
        VALUES (\(sku.code), \(sku.title), \(sku.tracking.rawValue), \(sku.gtin), \(sku.asin), \(sku.fnsku),
            \(sku.warrantyDays.map(Int64.init)), \(sku.warrantyStart.rawValue), \(sku.productionDays.map(Int64.init)),
            \(sku.transitDays.map(Int64.init)), \(sku.receivingDays.map(Int64.init)), \(sku.casePack.map(Int64.init)),
            \(sku.moq.map(Int64.init)), \(sku.supplier), \(sku.unitVolume), \(sku.serialPrefix), \(sku.serialWidth.map(Int64.init)),
            \(sku.serialNext), \(sku.gs1CompanyPrefixLength.map(Int64.init)))
        RETURNING id
        """
    }

    public func updateSKU(_ sku: SKU) async throws {
        try await transaction("updating SKU \(sku.code)") { connection in
            try await connection.run("""
                UPDATE sku SET code = \(sku.code), title = \(sku.title), tracking = \(sku.tracking.rawValue), gtin = \(sku.gtin),
                    asin = \(sku.asin), fnsku = \(sku.fnsku), warranty_days = \(sku.warrantyDays.map(Int64.init)),
                    warranty_start = \(sku.warrantyStart.rawValue), production_days = \(sku.productionDays.map(Int64.init)),
                    transit_days = \(sku.transitDays.map(Int64.init)), receiving_days = \(sku.receivingDays.map(Int64.init)),
                    case_pack = \(sku.casePack.map(Int64.init)), moq = \(sku.moq.map(Int64.init)), supplier = \(sku.supplier),
                    unit_volume = \(sku.unitVolume), serial_prefix = \(sku.serialPrefix), serial_width = \(sku.serialWidth.map(Int64.init)),
                    serial_next = \(sku.serialNext), gs1_company_prefix_length = \(sku.gs1CompanyPrefixLength.map(Int64.init))
                WHERE id = \(sku.id)
                """, logger: self.logger)
        }
    }

    public func sku(code: String) async throws -> SKU? {
        try await read { connection in try await self.fetchSKU(code: code, on: connection) }
    }

    func fetchSKU(code: String, on connection: PostgresConnection) async throws -> SKU? {
        try await connection.row("SELECT \(unescaped: Self.skuColumns) FROM sku WHERE code = \(code)", logger: logger).map(Self.sku)
    }

    public func skus(ids: [Int64]) async throws -> [SKU] {
        if ids.isEmpty { return [] }
        return try await read { connection in try await self.fetchSKUs(ids: ids, on: connection) }
    }

    func fetchSKUs(ids: [Int64], on connection: PostgresConnection) async throws -> [SKU] {
        try await connection.rows("SELECT \(unescaped: Self.skuColumns) FROM sku WHERE id = ANY(\(ids)) ORDER BY id", logger: logger).map(Self.sku)
    }

    public func skus() async throws -> [SKU] {
        try await read { connection in
            try await connection.rows("SELECT \(unescaped: Self.skuColumns) FROM sku ORDER BY code", logger: self.logger).map(Self.sku)
        }
    }

    public func skus(identifier: String) async throws -> [SKU] {
        try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Self.skuColumns) FROM sku WHERE gtin = \(identifier) OR fnsku = \(identifier) OR asin = \(identifier)
                ORDER BY code
                """, logger: self.logger).map(Self.sku)
        }
    }

    public func lots(skuID: Int64) async throws -> [Lot] {
        try await read { connection in try await self.fetchLots(skuID: skuID, on: connection) }
    }

    func fetchLots(skuID: Int64, on connection: PostgresConnection) async throws -> [Lot] {
        try await connection.rows("SELECT \(unescaped: Self.lotColumns) FROM lot WHERE sku_id = \(skuID) ORDER BY first_seq, code",
                                  logger: logger).map(Self.lot)
    }

    public func lots(ids: [Int64]) async throws -> [Lot] {
        if ids.isEmpty { return [] }
        return try await read { connection in try await self.fetchLots(ids: ids, on: connection) }
    }

    func fetchLots(ids: [Int64], on connection: PostgresConnection) async throws -> [Lot] {
        try await connection.rows("SELECT \(unescaped: Self.lotColumns) FROM lot WHERE id = ANY(\(ids)) ORDER BY id", logger: logger).map(Self.lot)
    }
}
