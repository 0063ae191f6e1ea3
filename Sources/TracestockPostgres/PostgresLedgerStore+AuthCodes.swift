import Foundation
import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore {
    static let authCodeColumns = "id, unit_id, code_hash, issued_at, revoked_at, revoked_reason"

    /// Revokes each unit's active code and stores the new hashes, in one transaction (as SQLite: code by code,
    /// so a unit listed twice ends with its last code active and the earlier one `reissued`).
    public func issueCodes(_ codes: [(unitID: Int64, hash: [UInt8])], at: Timestamp) async throws {
        if codes.isEmpty { return }
        try await transaction("issuing authentication codes") { connection in
            if Set(codes.map(\.unitID)).count == codes.count {
                // Every unit once: two set-wise statements per chunk instead of two round trips per code.
                for start in stride(from: 0, to: codes.count, by: Self.chunkSize) {
                    let chunk = codes[start..<min(start + Self.chunkSize, codes.count)]
                    let units = chunk.map(\.unitID), hashes = chunk.map { Self.hex($0.hash) }
                    try await connection.run("""
                        UPDATE auth_code SET revoked_at = \(at.milliseconds), revoked_reason = 'reissued'
                        WHERE unit_id = ANY(\(units)::bigint[]) AND revoked_at IS NULL
                        """, logger: self.logger)
                    try await connection.run("""
                        INSERT INTO auth_code (unit_id, code_hash, issued_at)
                        SELECT unit_id, decode(hash, 'hex'), \(at.milliseconds)
                        FROM unnest(\(units)::bigint[], \(hashes)::text[]) WITH ORDINALITY AS c(unit_id, hash, n) ORDER BY n
                        """, logger: self.logger)
                }
                return
            }
            for code in codes {
                try await connection.run("""
                    UPDATE auth_code SET revoked_at = \(at.milliseconds), revoked_reason = 'reissued'
                    WHERE unit_id = \(code.unitID) AND revoked_at IS NULL
                    """, logger: self.logger)
                try await connection.run("""
                    INSERT INTO auth_code (unit_id, code_hash, issued_at) VALUES (\(code.unitID), \(Data(code.hash)), \(at.milliseconds))
                    """, logger: self.logger)
            }
        }
    }

    public func unitsWithoutActiveCode(skuID: Int64) async throws -> [TracestockCore.Unit] {
        try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Self.unitColumns) FROM unit u WHERE sku_id = \(skuID) AND state <> 'voided'
                AND NOT EXISTS (SELECT 1 FROM auth_code c WHERE c.unit_id = u.id AND c.revoked_at IS NULL) ORDER BY id
                """, logger: self.logger).map(Self.unit)
        }
    }

    public func authCode(hash: [UInt8]) async throws -> AuthCodeRecord? {
        try await read { connection in
            try await connection.row("SELECT \(unescaped: Self.authCodeColumns) FROM auth_code WHERE code_hash = \(Data(hash))",
                                     logger: self.logger).map(Self.authCode)
        }
    }

    public func activeAuthCode(unitID: Int64) async throws -> AuthCodeRecord? {
        try await read { connection in
            try await connection.row("""
                SELECT \(unescaped: Self.authCodeColumns) FROM auth_code WHERE unit_id = \(unitID) AND revoked_at IS NULL
                """, logger: self.logger).map(Self.authCode)
        }
    }

    public func recordScan(codeID: Int64?, at: Timestamp, place: String?, verdict: String) async throws -> (scans: Int, places: Int) {
        try await transaction("recording a code verification") { connection in
            try await connection.run("""
                INSERT INTO auth_scan (code_id, at, place, verdict) VALUES (\(codeID), \(at.milliseconds), \(place), \(verdict))
                """, logger: self.logger)
            guard let codeID else { return (1, place == nil ? 0 : 1) }
            guard let row = try await connection.row("""
                SELECT count(*), count(DISTINCT place) FROM auth_scan WHERE code_id = \(codeID)
                """, logger: self.logger) else { return (1, place == nil ? 0 : 1) }
            let (scans, places) = try row.decode((Int64, Int64).self)
            return (Int(scans), Int(places))
        }
    }

    public func scans(codeID: Int64) async throws -> [AuthScan] {
        try await read { connection in
            try await connection.rows("SELECT at, place, verdict FROM auth_scan WHERE code_id = \(codeID) ORDER BY at, id",
                                      logger: self.logger).map { row in
                let (at, place, verdict) = try row.decode((Int64, String?, String).self)
                return AuthScan(at: Timestamp(milliseconds: at), place: place, verdict: verdict)
            }
        }
    }

    public func suspectedClones(maxScans: Int, maxPlaces: Int) async throws -> [(code: AuthCodeRecord, scans: Int, places: Int)] {
        try await read { connection in
            try await connection.rows("""
                SELECT \(unescaped: Self.qualified(Self.authCodeColumns, by: "c")), count(*), count(DISTINCT s.place)
                FROM auth_scan s JOIN auth_code c ON c.id = s.code_id
                GROUP BY c.id HAVING count(*) > \(Int64(maxScans)) OR count(DISTINCT s.place) > \(Int64(maxPlaces))
                ORDER BY count(*) DESC
                """, logger: self.logger).map { row in
                var c = Columns(row)
                let code = try Self.authCode(&c)
                return (code, Int(try c.next(Int64.self)), Int(try c.next(Int64.self)))
            }
        }
    }

    static func authCode(_ row: PostgresRow) throws -> AuthCodeRecord {
        var c = Columns(row)
        return try authCode(&c)
    }

    static func authCode(_ c: inout Columns) throws -> AuthCodeRecord {
        AuthCodeRecord(id: try c.next(), unitID: try c.next(), hash: [UInt8](try c.next(Data.self)),
                       issuedAt: Timestamp(milliseconds: try c.next()), revokedAt: (try c.next(Int64?.self)).map(Timestamp.init(milliseconds:)),
                       revokedReason: try c.next())
    }

    /// Lowercase hex of bytes (hashes travel in text arrays and are decoded by the server).
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
