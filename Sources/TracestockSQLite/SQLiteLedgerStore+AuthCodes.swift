import Foundation
import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    public func issueCodes(_ codes: [(unitID: Int64, hash: [UInt8])], at: Timestamp) async throws {
        try await write { db in
            let revoke = try db.cachedStatement(sql: """
                UPDATE auth_code SET revoked_at = ?, revoked_reason = 'reissued' WHERE unit_id = ? AND revoked_at IS NULL
                """)
            let insert = try db.cachedStatement(sql: "INSERT INTO auth_code (unit_id, code_hash, issued_at) VALUES (?, ?, ?)")
            for code in codes {
                try revoke.execute(arguments: [at.milliseconds, code.unitID])
                try insert.execute(arguments: [code.unitID, Data(code.hash), at.milliseconds])
            }
        }
    }

    public func unitsWithoutActiveCode(skuID: Int64) async throws -> [TracestockCore.Unit] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.unitColumns) FROM unit u WHERE sku_id = ? AND state <> 'voided'
                AND NOT EXISTS (SELECT 1 FROM auth_code c WHERE c.unit_id = u.id AND c.revoked_at IS NULL) ORDER BY id
                """, arguments: [skuID]).map(Self.unit)
        }
    }

    public func authCode(hash: [UInt8]) async throws -> AuthCodeRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT id, unit_id, code_hash, issued_at, revoked_at, revoked_reason FROM auth_code WHERE code_hash = ?",
                             arguments: [Data(hash)]).map(Self.authCode)
        }
    }

    public func activeAuthCode(unitID: Int64) async throws -> AuthCodeRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT id, unit_id, code_hash, issued_at, revoked_at, revoked_reason FROM auth_code WHERE unit_id = ? AND revoked_at IS NULL",
                             arguments: [unitID]).map(Self.authCode)
        }
    }

    static func authCode(_ row: Row) -> AuthCodeRecord {
        let hash: Data = row[2]
        return AuthCodeRecord(id: row[0], unitID: row[1], hash: [UInt8](hash), issuedAt: Timestamp(milliseconds: row[3]),
                              revokedAt: (row[4] as Int64?).map(Timestamp.init(milliseconds:)), revokedReason: row[5])
    }

    public func recordScan(codeID: Int64?, at: Timestamp, place: String?, verdict: String) async throws -> (scans: Int, places: Int) {
        try await write { db in
            try db.execute(sql: "INSERT INTO auth_scan (code_id, at, place, verdict) VALUES (?, ?, ?, ?)",
                           arguments: [codeID, at.milliseconds, place, verdict])
            guard let codeID else { return (1, place == nil ? 0 : 1) }
            let row = try Row.fetchOne(db, sql: "SELECT count(*), count(DISTINCT place) FROM auth_scan WHERE code_id = ?", arguments: [codeID])
            return (row?[0] ?? 1, row?[1] ?? 0)
        }
    }

    public func scans(codeID: Int64) async throws -> [AuthScan] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT at, place, verdict FROM auth_scan WHERE code_id = ? ORDER BY at, id", arguments: [codeID]).map {
                AuthScan(at: Timestamp(milliseconds: $0[0]), place: $0[1], verdict: $0[2])
            }
        }
    }

    public func suspectedClones(maxScans: Int, maxPlaces: Int) async throws -> [(code: AuthCodeRecord, scans: Int, places: Int)] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id, c.unit_id, c.code_hash, c.issued_at, c.revoked_at, c.revoked_reason, count(*), count(DISTINCT s.place)
                FROM auth_scan s JOIN auth_code c ON c.id = s.code_id
                GROUP BY c.id HAVING count(*) > ? OR count(DISTINCT s.place) > ? ORDER BY count(*) DESC
                """, arguments: [maxScans, maxPlaces]).map { (Self.authCode($0), $0[6], $0[7]) }
        }
    }
}
