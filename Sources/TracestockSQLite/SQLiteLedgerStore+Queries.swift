import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    public func units(skuID: Int64, serials: [String]) async throws -> [Unit] {
        if serials.isEmpty { return [] }
        return try await read { db in try Self.fetchUnits(db, skuID: skuID, serials: serials) }
    }

    static func fetchUnits(_ db: Database, skuID: Int64, serials: [String]) throws -> [Unit] {
        if serials.isEmpty { return [] }
        let statement = try db.cachedStatement(sql: "SELECT \(Self.unitColumns) FROM unit WHERE serial = ? AND sku_id = ?")
        var found: [Unit] = []
        for serial in serials {
            if let unit = try Self.fetchOne(statement, arguments: [serial, skuID], Self.unit) { found.append(unit) }
        }
        return found
    }

    public func units(serial: String) async throws -> [Unit] {
        try await read { db in try Self.fetchUnits(db, serial: serial) }
    }

    static func fetchUnits(_ db: Database, serial: String) throws -> [Unit] {
        try Self.fetchAll(db.cachedStatement(sql: "SELECT \(Self.unitColumns) FROM unit WHERE serial = ? ORDER BY sku_id"), arguments: [serial], Self.unit)
    }

    public func units(ids: [Int64]) async throws -> [Unit] {
        if ids.isEmpty { return [] }
        return try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.unitColumns) FROM unit WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                             arguments: [Self.jsonArray(ids)]).map(Self.unit)
        }
    }

    public func stockCells(skuID: Int64, locationID: Int64?, status: StockStatus?) async throws -> [StockCell] {
        try await stockQuery(skuID: skuID, locationID: locationID, status: status)
    }

    public func stockReport(skuID: Int64?, locationID: Int64?) async throws -> [StockCell] {
        try await stockQuery(skuID: skuID, locationID: locationID, status: nil)
    }

    private func stockQuery(skuID: Int64?, locationID: Int64?, status: StockStatus?) async throws -> [StockCell] {
        try await read { db in
            var sql = """
                SELECT s.sku_id, s.lot_id, s.location_id, s.status, s.quantity, k.code, l.code, loc.code, l.expires, l.first_seq
                FROM stock s JOIN sku k ON k.id = s.sku_id JOIN location loc ON loc.id = s.location_id
                LEFT JOIN lot l ON l.id = s.lot_id
                WHERE s.quantity <> 0
                """
            var arguments: StatementArguments = []
            if let skuID { sql += " AND s.sku_id = ?"; _ = arguments.append(contentsOf: [skuID]) }
            if let locationID { sql += " AND s.location_id = ?"; _ = arguments.append(contentsOf: [locationID]) }
            if let status { sql += " AND s.status = ?"; _ = arguments.append(contentsOf: [status.rawValue]) }
            sql += " ORDER BY k.code, l.code, loc.code, s.status"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                StockCell(key: StockKey(skuID: row[0], lotID: row[1], locationID: row[2], status: StockStatus(rawValue: row[3]) ?? .sellable),
                          quantity: row[4], skuCode: row[5], lotCode: row[6], locationCode: row[7], expires: row[8], lotFirstSeq: row[9])
            }
        }
    }

    public func orderLines(orderRef: String) async throws -> [OrderLine] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT order_ref, sku_id, lot_id, shipped, returned FROM order_line WHERE order_ref = ? ORDER BY sku_id, lot_id",
                             arguments: [orderRef]).map(Self.orderLine)
        }
    }

    public func orderLines(lotID: Int64) async throws -> [OrderLine] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT order_ref, sku_id, lot_id, shipped, returned FROM order_line WHERE lot_id = ? AND shipped <> 0 ORDER BY order_ref",
                             arguments: [lotID]).map(Self.orderLine)
        }
    }

    public func shippedSerials(orderRef: String, skuID: Int64, lotID: Int64?) async throws -> [String] {
        try await read { db in
            try String.fetchAll(db.cachedStatement(sql: Self.shippedSerialsSQL), arguments: [orderRef, skuID, lotID])
        }
    }

    /// The serials an order's live ship events took. Found through the order (`event_order`):
    /// the `+` keeps SQLite from walking every ship event of the SKU instead.
    static let shippedSerialsSQL = """
        SELECT u.serial FROM event e
        JOIN event_unit eu ON eu.event_seq = e.seq
        JOIN unit u ON u.id = eu.unit_id
        WHERE e.order_ref = ?1 AND +e.type = 'ship' AND +e.sku_id = ?2 AND (?3 IS NULL OR eu.prev_lot_id = ?3)
          AND NOT EXISTS (SELECT 1 FROM event v WHERE v.voids_seq = e.seq)
        ORDER BY u.serial
        """

    static func orderLine(_ row: Row) -> OrderLine {
        OrderLine(key: OrderKey(orderRef: row[0], skuID: row[1], lotID: row[2]), quantities: OrderQuantities(shipped: row[3], returned: row[4]))
    }

    public func idempotencyRecord(key: String) async throws -> IdempotencyRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT key, request_hash, seqs FROM idempotency WHERE key = ?", arguments: [key]).map { row in
                let seqs = (row[2] as String).split(separator: ",").compactMap { Int64($0) }
                return IdempotencyRecord(key: row[0], requestHash: row[1], seqs: seqs)
            }
        }
    }

    public func events(since: Int64, limit: Int) async throws -> [LedgerEvent] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.eventColumns) FROM event WHERE seq > ? ORDER BY seq LIMIT ?",
                             arguments: [since, limit]).map(Self.event)
        }
    }

    public func events(seqs: [Int64]) async throws -> [LedgerEvent] {
        if seqs.isEmpty { return [] }
        return try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.eventColumns) FROM event WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq",
                             arguments: [Self.jsonArray(seqs)]).map(Self.event)
        }
    }

    public func voidingEvent(of seq: Int64) async throws -> LedgerEvent? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.eventColumns) FROM event WHERE voids_seq = ?", arguments: [seq]).map(Self.event)
        }
    }

    public func eventUnits(seq: Int64) async throws -> [EventUnit] {
        try await read { db in try Self.eventUnits(db, seq: seq) }
    }

    static func eventUnits(_ db: Database, seq: Int64) throws -> [EventUnit] {
        var result: [EventUnit] = []
        if let range = try Row.fetchOne(db, sql: "SELECT unit_first, unit_last FROM event WHERE seq = ? AND unit_first IS NOT NULL", arguments: [seq]) {
            let first: Int64 = range[0]
            let last: Int64 = range[1]
            result.reserveCapacity(Int(last - first + 1))
            for id in first...last {
                result.append(EventUnit(unitID: id, prevState: nil, prevLocationID: nil, prevOrderRef: nil, prevLotID: nil))
            }
        }
        let statement = try db.cachedStatement(sql: """
            SELECT unit_id, prev_state, prev_location_id, prev_order_ref, prev_lot_id FROM event_unit WHERE event_seq = ? ORDER BY unit_id
            """)
        result += try Row.fetchAll(statement, arguments: [seq]).map(Self.eventUnit)
        return result
    }

    public func serials(ofEvents seqs: [Int64], limitPerEvent: Int) async throws -> [Int64: [String]] {
        if seqs.isEmpty { return [:] }
        return try await read { db in
            var result: [Int64: [String]] = [:]
            let range = try db.cachedStatement(sql: """
                SELECT u.serial FROM event e JOIN unit u ON u.id BETWEEN e.unit_first AND e.unit_last
                WHERE e.seq = ? ORDER BY u.id LIMIT ?
                """)
            let listed = try db.cachedStatement(sql: """
                SELECT u.serial FROM event_unit eu JOIN unit u ON u.id = eu.unit_id WHERE eu.event_seq = ? ORDER BY u.id LIMIT ?
                """)
            for seq in seqs {
                var serials = try String.fetchAll(range, arguments: [seq, limitPerEvent])
                if serials.count < limitPerEvent {
                    serials += try String.fetchAll(listed, arguments: [seq, limitPerEvent - serials.count])
                }
                if !serials.isEmpty { result[seq] = serials }
            }
            return result
        }
    }

    public func history(unitID: Int64) async throws -> [LedgerEvent] {
        try await read { db in try Self.fetchHistory(db, unitID: unitID) }
    }

    static func fetchHistory(_ db: Database, unitID: Int64) throws -> [LedgerEvent] {
        try Self.fetchAll(db.cachedStatement(sql: """
            SELECT \(Self.eventColumns) FROM event WHERE seq IN (
                SELECT event_seq FROM event_unit WHERE unit_id = ?1
                UNION SELECT received_seq FROM unit WHERE id = ?1)
            ORDER BY seq
            """), arguments: [unitID], Self.event)
    }

    public func events(orderRef: String) async throws -> [LedgerEvent] {
        try await pointRead { db in
            try Self.fetchAll(db.cachedStatement(sql: "SELECT \(Self.eventColumns) FROM event WHERE order_ref = ? ORDER BY seq"), arguments: [orderRef], Self.event)
        }
    }

    public func lastSeq() async throws -> Int64 {
        try await pointRead { db in try Int64.fetchOne(db, sql: "SELECT ifnull(max(seq), 0) FROM event") ?? 0 }
    }
}
