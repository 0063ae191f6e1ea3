import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore {
    static let notVoided = "NOT EXISTS (SELECT 1 FROM event v WHERE v.voids_seq = e.seq)"

    public func liveEvents(skuID: Int64?, lotIDs: [Int64]?, types: [EventType]) async throws -> [LedgerEvent] {
        try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Self.qualified(Self.eventColumns, by: "e")) FROM event e
                WHERE e.type = ANY(\(types.map(\.rawValue))::text[]) AND \(unescaped: Self.notVoided)
                  AND (\(skuID)::bigint IS NULL OR e.sku_id = \(skuID))
                  AND (\(lotIDs == nil) OR e.lot_id = ANY(\(lotIDs ?? [])::bigint[]))
                ORDER BY e.seq
                """, logger: self.logger).map(Self.event)
        }
    }

    public func returnEvents(since: Timestamp?) async throws -> [LedgerEvent] {
        try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Self.qualified(Self.eventColumns, by: "e")) FROM event e
                WHERE e.type = 'return' AND e.at >= \(since?.milliseconds ?? Int64.min) AND \(unescaped: Self.notVoided)
                ORDER BY e.at, e.seq
                """, logger: self.logger).map(Self.event)
        }
    }

    /// One read, folded as one part.
    public func foldRecallUnits<Part: Sendable>(skuID: Int64, lotIDs: [Int64]?, unitIDs: [Int64]?,
                                                start: @escaping @Sendable () -> Part,
                                                add: @escaping @Sendable (inout Part, RecallUnit) -> Void) async throws -> [Part] {
        let units = try await read { connection in
            // A shipped unit's ship facts come from the latest ship event that listed it.
            let (column, ids) = lotIDs.map { ("u.lot_id", $0) } ?? ("u.id", unitIDs ?? [])
            return try await connection.rows("""
                SELECT \(unescaped: Self.qualified(Self.unitColumns, by: "u")), s.at, s.customer_ref FROM unit u
                LEFT JOIN event s ON s.seq = (
                    SELECT max(e.seq) FROM event_unit eu JOIN event e ON e.seq = eu.event_seq
                    WHERE eu.unit_id = u.id AND e.type = 'ship' AND u.state = 'shipped')
                WHERE \(unescaped: column) = ANY(\(ids)::bigint[]) AND u.sku_id = \(skuID)
                ORDER BY u.id
                """, logger: self.logger).map { row in
                var c = Columns(row)
                let unit = try Self.unit(&c)
                return RecallUnit(unit: unit, shippedAt: (try c.next(Int64?.self)).map(Timestamp.init(milliseconds:)), customerRef: try c.next())
            }
        }
        var part = start()
        for unit in units { add(&part, unit) }
        return [part]
    }

    public func shippedUnits(orderRef: String) async throws -> [ShippedUnit] {
        try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Self.qualified(Self.unitColumns, by: "u")), eu.prev_lot_id, e.seq FROM event e
                JOIN event_unit eu ON eu.event_seq = e.seq JOIN unit u ON u.id = eu.unit_id
                WHERE e.order_ref = \(orderRef) AND e.type = 'ship' AND \(unescaped: Self.notVoided)
                ORDER BY e.seq, u.serial
                """, logger: self.logger).map { row in
                var c = Columns(row)
                let unit = try Self.unit(&c)
                return ShippedUnit(unit: unit, lotID: try c.next(), shipSeq: try c.next())
            }
        }
    }
}
