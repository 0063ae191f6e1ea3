import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore {
    /// Arrays sent as one parameter are cut into chunks of this many elements.
    static let chunkSize = 50_000

    public func units(skuID: Int64, serials: [String]) async throws -> [TracestockCore.Unit] {
        if serials.isEmpty { return [] }
        return try await read { connection in try await self.fetchUnits(skuID: skuID, serials: serials, on: connection) }
    }

    /// The SKU's units with these serials, in the order the serials are given.
    func fetchUnits(skuID: Int64, serials: [String], on connection: PostgresConnection) async throws -> [TracestockCore.Unit] {
        var found: [TracestockCore.Unit] = []
        for start in stride(from: 0, to: serials.count, by: Self.chunkSize) {
            let chunk = Array(serials[start..<min(start + Self.chunkSize, serials.count)])
            found += try await connection.rows("""
                SELECT u.id, u.sku_id, u.serial, u.lot_id, u.state, u.location_id, u.order_ref, u.last_seq, u.received_seq
                FROM unnest(\(chunk)::text[]) WITH ORDINALITY AS s(serial, n)
                JOIN unit u ON u.serial = s.serial AND u.sku_id = \(skuID)
                ORDER BY s.n
                """, logger: logger).map(Self.unit)
        }
        return found
    }

    public func units(serial: String) async throws -> [TracestockCore.Unit] {
        try await read { connection in try await self.fetchUnits(serial: serial, on: connection) }
    }

    func fetchUnits(serial: String, on connection: PostgresConnection) async throws -> [TracestockCore.Unit] {
        try await connection.rows("SELECT \(unescaped: Self.unitColumns) FROM unit WHERE serial = \(serial) ORDER BY sku_id", logger: logger)
            .map(Self.unit)
    }

    public func units(ids: [Int64]) async throws -> [TracestockCore.Unit] {
        if ids.isEmpty { return [] }
        return try await read { connection in
            var found: [TracestockCore.Unit] = []
            for start in stride(from: 0, to: ids.count, by: Self.chunkSize) {
                let chunk = Array(ids[start..<min(start + Self.chunkSize, ids.count)])
                found += try await connection.rows("SELECT \(unescaped: Self.unitColumns) FROM unit WHERE id = ANY(\(chunk)) ORDER BY id",
                                                   logger: self.logger).map(Self.unit)
            }
            return found.sorted { $0.id < $1.id }
        }
    }

    public func stockCells(skuID: Int64, locationID: Int64?, status: StockStatus?) async throws -> [StockCell] {
        try await stockQuery(skuID: skuID, locationID: locationID, status: status)
    }

    public func stockReport(skuID: Int64?, locationID: Int64?) async throws -> [StockCell] {
        try await stockQuery(skuID: skuID, locationID: locationID, status: nil)
    }

    private func stockQuery(skuID: Int64?, locationID: Int64?, status: StockStatus?) async throws -> [StockCell] {
        try await read { connection in
            try await connection.rows("""
                SELECT s.sku_id, s.lot_id, s.location_id, s.status, s.quantity, k.code, l.code, loc.code, l.expires, l.first_seq
                FROM stock s JOIN sku k ON k.id = s.sku_id JOIN location loc ON loc.id = s.location_id
                LEFT JOIN lot l ON l.id = s.lot_id
                WHERE s.quantity <> 0
                  AND (\(skuID)::bigint IS NULL OR s.sku_id = \(skuID))
                  AND (\(locationID)::bigint IS NULL OR s.location_id = \(locationID))
                  AND (\(status?.rawValue)::text IS NULL OR s.status = \(status?.rawValue))
                ORDER BY k.code, l.code NULLS FIRST, loc.code, s.status COLLATE "C"
                """, logger: self.logger).map { row in
                var c = Columns(row)
                return StockCell(key: try Self.stockKey(&c), quantity: try c.next(), skuCode: try c.next(), lotCode: try c.next(),
                                 locationCode: try c.next(), expires: try c.next(), lotFirstSeq: try c.next())
            }
        }
    }

    public func orderLines(orderRef: String) async throws -> [OrderLine] {
        try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Self.orderLineColumns) FROM order_line WHERE order_ref = \(orderRef) ORDER BY sku_id, lot_id NULLS FIRST
                """, logger: self.logger).map(Self.orderLine)
        }
    }

    public func orderLines(lotID: Int64) async throws -> [OrderLine] {
        try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Self.orderLineColumns) FROM order_line WHERE lot_id = \(lotID) AND shipped <> 0 ORDER BY order_ref
                """, logger: self.logger).map(Self.orderLine)
        }
    }

    public func shippedSerials(orderRef: String, skuID: Int64, lotID: Int64?) async throws -> [String] {
        try await read { connection in
            try await connection.rows("""
                SELECT u.serial FROM event e
                JOIN event_unit eu ON eu.event_seq = e.seq
                JOIN unit u ON u.id = eu.unit_id
                WHERE e.order_ref = \(orderRef) AND e.type = 'ship' AND e.sku_id = \(skuID)
                  AND (\(lotID)::bigint IS NULL OR eu.prev_lot_id = \(lotID))
                  AND NOT EXISTS (SELECT 1 FROM event v WHERE v.voids_seq = e.seq)
                ORDER BY u.serial
                """, logger: self.logger).map { try $0.decode(String.self) }
        }
    }

    public func idempotencyRecord(key: String) async throws -> IdempotencyRecord? {
        try await read { connection in
            try await connection.row("SELECT key, request_hash, seqs FROM idempotency WHERE key = \(key)", logger: self.logger).map { row in
                let (key, hash, seqs) = try row.decode((String, String, String).self)
                return IdempotencyRecord(key: key, requestHash: hash, seqs: seqs.split(separator: ",").compactMap { Int64($0) })
            }
        }
    }

    public func events(since: Int64, limit: Int) async throws -> [LedgerEvent] {
        try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Self.eventColumns) FROM event WHERE seq > \(since) ORDER BY seq LIMIT \(Int64(limit))
                """, logger: self.logger).map(Self.event)
        }
    }

    public func events(seqs: [Int64]) async throws -> [LedgerEvent] {
        if seqs.isEmpty { return [] }
        return try await read { connection in
            try await connection.rows("SELECT \(unescaped: Self.eventColumns) FROM event WHERE seq = ANY(\(seqs)) ORDER BY seq",
                                      logger: self.logger).map(Self.event)
        }
    }

    public func voidingEvent(of seq: Int64) async throws -> LedgerEvent? {
        try await read { connection in
            try await connection.row("SELECT \(unescaped: Self.eventColumns) FROM event WHERE voids_seq = \(seq)", logger: self.logger)
                .map(Self.event)
        }
    }

    public func eventUnits(seq: Int64) async throws -> [EventUnit] {
        try await read { connection in
            var result: [EventUnit] = []
            if let range = try await connection.row("""
                SELECT unit_first, unit_last FROM event WHERE seq = \(seq) AND unit_first IS NOT NULL
                """, logger: self.logger) {
                let (first, last) = try range.decode((Int64, Int64).self)
                result.reserveCapacity(Int(last - first + 1))
                for id in first...last {
                    result.append(EventUnit(unitID: id, prevState: nil, prevLocationID: nil, prevOrderRef: nil, prevLotID: nil))
                }
            }
            result += try await connection.rows("""
                SELECT unit_id, prev_state, prev_location_id, prev_order_ref, prev_lot_id FROM event_unit
                WHERE event_seq = \(seq) ORDER BY unit_id
                """, logger: self.logger).map(Self.eventUnit)
            return result
        }
    }

    public func serials(ofEvents seqs: [Int64], limitPerEvent: Int) async throws -> [Int64: [String]] {
        if seqs.isEmpty || limitPerEvent <= 0 { return [:] }
        return try await read { connection in
            // A receive's new units (its id range) come first, then the units it lists, by id; as in SQLite.
            var result: [Int64: [String]] = [:]
            for try await row in try await connection.query("""
                SELECT e.seq, s.serial FROM unnest(\(seqs)::bigint[]) AS e(seq)
                CROSS JOIN LATERAL (
                    SELECT part, id, serial FROM (
                        (SELECT 0 AS part, u.id, u.serial FROM event ev JOIN unit u ON u.id BETWEEN ev.unit_first AND ev.unit_last
                         WHERE ev.seq = e.seq ORDER BY u.id LIMIT \(Int64(limitPerEvent)))
                        UNION ALL
                        (SELECT 1 AS part, u.id, u.serial FROM event_unit eu JOIN unit u ON u.id = eu.unit_id
                         WHERE eu.event_seq = e.seq ORDER BY u.id LIMIT \(Int64(limitPerEvent)))
                    ) both_parts ORDER BY part, id LIMIT \(Int64(limitPerEvent))
                ) s
                """, logger: self.logger) {
                let (seq, serial) = try row.decode((Int64, String).self)
                result[seq, default: []].append(serial)
            }
            return result
        }
    }

    public func history(unitID: Int64) async throws -> [LedgerEvent] {
        try await read { connection in try await self.fetchHistory(unitID: unitID, on: connection) }
    }

    func fetchHistory(unitID: Int64, on connection: PostgresConnection) async throws -> [LedgerEvent] {
        try await connection.rows("""
            SELECT \(unescaped: Self.eventColumns) FROM event WHERE seq IN (
                SELECT event_seq FROM event_unit WHERE unit_id = \(unitID)
                UNION SELECT received_seq FROM unit WHERE id = \(unitID))
            ORDER BY seq
            """, logger: logger).map(Self.event)
    }

    public func events(orderRef: String) async throws -> [LedgerEvent] {
        try await read { connection in
            try await connection.rows("SELECT \(unescaped: Self.eventColumns) FROM event WHERE order_ref = \(orderRef) ORDER BY seq",
                                      logger: self.logger).map(Self.event)
        }
    }

    public func lastSeq() async throws -> Int64 {
        try await read { connection in
            try await connection.row("SELECT coalesce(max(seq), 0)::bigint FROM event", logger: self.logger)?.decode(Int64.self) ?? 0
        }
    }
}
