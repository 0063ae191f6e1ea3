import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore {
    static let tokenColumns = "id, name, role, token_hash, created_at, revoked_at"

    public func insertToken(_ token: APIToken) async throws -> APIToken {
        try await transaction("adding API token \(token.name)") { connection in
            let row = try await connection.row("""
                INSERT INTO api_token (name, role, token_hash, created_at, revoked_at)
                VALUES (\(token.name), \(token.role.rawValue), \(token.tokenHash), \(token.createdAt.milliseconds), \(token.revokedAt?.milliseconds))
                RETURNING id
                """, logger: self.logger)
            var stored = token
            stored.id = try row?.decode(Int64.self) ?? 0
            return stored
        }
    }

    public func token(hash: String) async throws -> APIToken? {
        try await read { connection in
            try await connection.row("SELECT \(unescaped: Self.tokenColumns) FROM api_token WHERE token_hash = \(hash)", logger: self.logger)
                .map(Self.token)
        }
    }

    public func tokens() async throws -> [APIToken] {
        try await read { connection in
            try await connection.rows("SELECT \(unescaped: Self.tokenColumns) FROM api_token ORDER BY id", logger: self.logger).map(Self.token)
        }
    }

    public func revokeToken(id: Int64, at: Timestamp) async throws {
        try await transaction("revoking API token #\(id)") { connection in
            let revoked = try await connection.row("""
                UPDATE api_token SET revoked_at = \(at.milliseconds) WHERE id = \(id) AND revoked_at IS NULL RETURNING 1
                """, logger: self.logger)
            if revoked == nil {
                throw TracestockError(.stateConflict, "token #\(id) does not exist or is already revoked", details: ["id": String(id)])
            }
        }
    }

    static func token(_ row: PostgresRow) throws -> APIToken {
        var c = Columns(row)
        return APIToken(id: try c.next(), name: try c.next(), role: APIRole(rawValue: try c.next()) ?? .viewer, tokenHash: try c.next(),
                        createdAt: Timestamp(milliseconds: try c.next()), revokedAt: (try c.next(Int64?.self)).map(Timestamp.init(milliseconds:)))
    }
}
