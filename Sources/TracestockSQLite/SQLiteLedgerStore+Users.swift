import Foundation
import GRDB
import Tracestock
import TracestockCore

extension SQLiteLedgerStore {
    static let userColumns = "id, name, role, password_hash, created_at, disabled_at"

    public func insertUser(_ user: WebUser) async throws -> WebUser {
        try await write { db in
            try db.execute(sql: "INSERT INTO web_user (name, role, password_hash, created_at, disabled_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [user.name, user.role.rawValue, user.passwordHash, user.createdAt.milliseconds,
                                       user.disabledAt?.milliseconds])
            var stored = user
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func user(name: String) async throws -> WebUser? {
        try await read { db in
            try Self.fetchOne(db.cachedStatement(sql: "SELECT \(Self.userColumns) FROM web_user WHERE name = ?"), arguments: [name], Self.user)
        }
    }

    public func users() async throws -> [WebUser] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.userColumns) FROM web_user ORDER BY id").map(Self.user)
        }
    }

    public func disableUser(id: Int64, at: Timestamp) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE web_user SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", arguments: [at.milliseconds, id])
            if db.changesCount == 0 {
                throw TracestockError(.stateConflict, "user #\(id) does not exist or is already disabled", details: ["id": String(id)])
            }
        }
    }

    public func webSessionKey(orInsert candidate: WebSessionKey) async throws -> WebSessionKey {
        if let stored = try await read({ db in try Row.fetchOne(db, sql: "SELECT secret, created_at FROM web_session_key WHERE id = 1").map(Self.sessionKey) }) {
            return stored
        }
        return try await write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO web_session_key (id, secret, created_at) VALUES (1, ?, ?)",
                           arguments: [Data(candidate.secret), candidate.createdAt.milliseconds])
            let row = try Row.fetchOne(db, sql: "SELECT secret, created_at FROM web_session_key WHERE id = 1")
            return row.map(Self.sessionKey) ?? candidate
        }
    }

    static func user(_ row: Row) -> WebUser {
        WebUser(id: row[0], name: row[1], role: APIRole(rawValue: row[2]) ?? .viewer, passwordHash: row[3],
                createdAt: Timestamp(milliseconds: row[4]), disabledAt: (row[5] as Int64?).map(Timestamp.init(milliseconds:)))
    }

    static func sessionKey(_ row: Row) -> WebSessionKey {
        WebSessionKey(secret: Array(row[0] as Data), createdAt: Timestamp(milliseconds: row[1]))
    }
}
