import GRDBSQLite

/// A bare SQLite connection through the C API: the baselines the service is compared with.
/// Opened with the store's settings (WAL, synchronous=NORMAL, foreign keys, the same cache).
final class RawSQLite {
    let handle: OpaquePointer

    init(path: String, cacheSizeMB: Int) throws {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            if let db { sqlite3_close_v2(db) }
            throw RawSQLiteError(message: "cannot open \(path) (\(rc))")
        }
        handle = db
        sqlite3_busy_timeout(db, 10_000)
        try exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
            + "PRAGMA cache_size = -\(cacheSizeMB * 1024); PRAGMA temp_store = MEMORY")
    }

    deinit { sqlite3_close_v2(handle) }

    func exec(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw RawSQLiteError(message: "\(message) in \(sql)")
        }
    }

    func prepare(_ sql: String) throws -> RawStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK, let statement else {
            throw RawSQLiteError(message: "\(String(cString: sqlite3_errmsg(handle))) in \(sql)")
        }
        return RawStatement(handle: statement, db: handle)
    }

    var changes: Int32 { sqlite3_changes(handle) }
}

/// A prepared statement; bind, step, reset.
final class RawStatement {
    let handle: OpaquePointer
    private let db: OpaquePointer

    init(handle: OpaquePointer, db: OpaquePointer) {
        self.handle = handle
        self.db = db
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ text: String?) {
        guard let text else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_text(handle, index, text, -1, RawStatement.transient)
    }

    /// Binds bytes that stay valid until the next step (no copy).
    func bindStatic(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        bytes.withMemoryRebound(to: CChar.self) { chars in
            _ = sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), nil)
        }
    }

    /// Steps once: true when a row is available, false when done.
    @discardableResult
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        let message = String(cString: sqlite3_errmsg(db))
        sqlite3_reset(handle)
        throw RawSQLiteError(message: message)
    }

    /// Steps to the end, then resets.
    func run() throws {
        while try step() {}
        sqlite3_reset(handle)
    }

    func reset() { sqlite3_reset(handle) }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    /// SQLITE_TRANSIENT: SQLite copies the bound text.
    static var transient: sqlite3_destructor_type { unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self) }
}

struct RawSQLiteError: Error, CustomStringConvertible {
    var message: String
    var description: String { "sqlite: \(message)" }
}
