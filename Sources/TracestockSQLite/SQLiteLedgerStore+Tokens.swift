import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    public func insertToken(_ token: APIToken) async throws -> APIToken {
        try await write { db in
            try db.execute(sql: "INSERT INTO api_token (name, role, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [token.name, token.role.rawValue, token.tokenHash, token.createdAt.milliseconds,
                                       token.revokedAt?.milliseconds])
            var stored = token
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func token(hash: String) async throws -> APIToken? {
        try await read { db in
            try Self.fetchOne(db.cachedStatement(sql: "SELECT \(Self.tokenColumns) FROM api_token WHERE token_hash = ?"), arguments: [hash], Self.token)
        }
    }

    public func tokens() async throws -> [APIToken] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.tokenColumns) FROM api_token ORDER BY id").map(Self.token)
        }
    }

    public func revokeToken(id: Int64, at: Timestamp) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [at.milliseconds, id])
            if db.changesCount == 0 {
                throw TracestockError(.stateConflict, "token #\(id) does not exist or is already revoked", details: ["id": String(id)])
            }
        }
    }

    static let tokenColumns = "id, name, role, token_hash, created_at, revoked_at"

    static func token(_ row: Row) -> APIToken {
        APIToken(id: row[0], name: row[1], role: APIRole(rawValue: row[2]) ?? .viewer, tokenHash: row[3],
                 createdAt: Timestamp(milliseconds: row[4]), revokedAt: (row[5] as Int64?).map(Timestamp.init(milliseconds:)))
    }
}
