import Foundation
import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore {
    static let userColumns = "id, name, role, password_hash, created_at, disabled_at"

    public func insertUser(_ user: WebUser) async throws -> WebUser {
        try await transaction("adding web user \(user.name)") { connection in
            let row = try await connection.row("""
                INSERT INTO web_user (name, role, password_hash, created_at, disabled_at)
                VALUES (\(user.name), \(user.role.rawValue), \(user.passwordHash), \(user.createdAt.milliseconds), \(user.disabledAt?.milliseconds))
                RETURNING id
                """, logger: self.logger)
            var stored = user
            stored.id = try row?.decode(Int64.self) ?? 0
            return stored
        }
    }

    public func user(name: String) async throws -> WebUser? {
        try await read { connection in
            try await connection.row("SELECT \(unescaped: Self.userColumns) FROM web_user WHERE name = \(name)", logger: self.logger)
                .map(Self.user)
        }
    }

    public func users() async throws -> [WebUser] {
        try await read { connection in
            try await connection.rows("SELECT \(unescaped: Self.userColumns) FROM web_user ORDER BY id", logger: self.logger).map(Self.user)
        }
    }

    public func disableUser(id: Int64, at: Timestamp) async throws {
        try await transaction("disabling web user #\(id)") { connection in
            let disabled = try await connection.row("""
                UPDATE web_user SET disabled_at = \(at.milliseconds) WHERE id = \(id) AND disabled_at IS NULL RETURNING 1
                """, logger: self.logger)
            if disabled == nil {
                throw TracestockError(.stateConflict, "user #\(id) does not exist or is already disabled", details: ["id": String(id)])
            }
        }
    }

    public func webSessionKey(orInsert candidate: WebSessionKey) async throws -> WebSessionKey {
        if let stored = try await read({ connection in
            try await connection.row("SELECT secret, created_at FROM web_session_key WHERE id = 1", logger: self.logger).map(Self.sessionKey)
        }) {
            return stored
        }
        return try await transaction("storing the web session key") { connection in
            try await connection.run("""
                INSERT INTO web_session_key (id, secret, created_at) VALUES (1, \(Data(candidate.secret)), \(candidate.createdAt.milliseconds))
                ON CONFLICT (id) DO NOTHING
                """, logger: self.logger)
            return try await connection.row("SELECT secret, created_at FROM web_session_key WHERE id = 1", logger: self.logger)
                .map(Self.sessionKey) ?? candidate
        }
    }

    static func user(_ row: PostgresRow) throws -> WebUser {
        var c = Columns(row)
        return WebUser(id: try c.next(), name: try c.next(), role: APIRole(rawValue: try c.next()) ?? .viewer, passwordHash: try c.next(),
                       createdAt: Timestamp(milliseconds: try c.next()), disabledAt: (try c.next(Int64?.self)).map(Timestamp.init(milliseconds:)))
    }

    static func sessionKey(_ row: PostgresRow) throws -> WebSessionKey {
        var c = Columns(row)
        return WebSessionKey(secret: [UInt8](try c.next(Data.self)), createdAt: Timestamp(milliseconds: try c.next()))
    }
}
