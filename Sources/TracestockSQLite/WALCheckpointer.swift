import Foundation
import GRDB
import GRDBSQLite

/// Copies the WAL's pages back into the store file on a connection of its own, off the writer's
/// path.
///
/// SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages:
/// that commit copies the pages and waits for an fsync of the store file, and so one write in a
/// hundred or so took 16-17 ms instead of 0.5 (`tracestock-bench ship`, p99). Here the writer's
/// commits only note the WAL's size (SQLite's WAL hook, which replaces the automatic checkpoint);
/// past `pages` they ask for a passive checkpoint, which runs on this object's queue while the
/// writer goes on (a passive checkpoint waits for no reader or writer). Only if the WAL still
/// reaches `backstopPages` (the background checkpoints could not keep up or keep failing) does
/// a commit checkpoint in place, as SQLite would have, so the WAL cannot grow without bound.
/// Crash safety is SQLite's own: a checkpoint interrupted at any point is redone from the WAL.
final class WALCheckpointer: @unchecked Sendable {
    /// WAL pages after a commit from which a background checkpoint is asked for.
    let pages: Int32
    /// WAL pages after a commit from which the committing connection checkpoints itself.
    let backstopPages: Int32
    private let path: String
    private let queue = DispatchQueue(label: "tracestock.wal-checkpoint", qos: .utility)
    private let lock = NSLock()
    private var pending = false
    private var closed = false
    private var completed = 0
    /// Opened on the queue at the first checkpoint, used only there.
    private var connection: DatabaseQueue?

    init(path: String, pages: Int32 = 1_000, backstopPages: Int32 = 16_000) {
        self.path = path
        self.pages = pages
        self.backstopPages = backstopPages
    }

    /// Background checkpoints run so far.
    var checkpoints: Int { lock.withLock { completed } }

    /// Installs the WAL hook on a connection of the store (readers never commit, so it only
    /// ever runs on the writer). The connection's configuration keeps this object alive.
    func install(on db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, name, pages in
            guard let context else { return SQLITE_OK }
            return Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
                .committed(pages: pages, connection: connection, name: name)
        }, context)
    }

    /// Called by SQLite after each commit, with the pages now in the WAL.
    private func committed(pages: Int32, connection: OpaquePointer?, name: UnsafePointer<CChar>?) -> Int32 {
        if pages >= backstopPages {
            // What SQLite's automatic checkpoint does; a busy checkpoint lock is no error here.
            _ = sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        } else if pages >= self.pages {
            request()
        }
        return SQLITE_OK
    }

    /// Asks for a passive checkpoint on the queue; one already asked for and not yet begun covers it.
    func request() {
        let start = lock.withLock { () -> Bool in
            guard !pending, !closed else { return false }
            pending = true
            return true
        }
        guard start else { return }
        queue.async { [self] in
            lock.withLock { pending = false }
            // A failed checkpoint leaves the WAL as it was: the next commit past `pages` asks again.
            if (try? checkpoint()) == true { lock.withLock { completed += 1 } }
        }
    }

    /// Runs a passive checkpoint; false when closed.
    private func checkpoint() throws -> Bool {
        guard !lock.withLock({ closed }) else { return false }
        if connection == nil { connection = try DatabaseQueue(path: path) }
        try connection?.inDatabase { db in _ = try db.checkpoint(.passive) }
        return true
    }

    /// Waits until no checkpoint is running or asked for.
    func waitUntilIdle() {
        queue.sync {}
    }

    /// Stops asking for checkpoints, waits for a running one and closes the connection.
    func close() throws {
        lock.withLock { closed = true }
        try queue.sync {
            try connection?.close()
            connection = nil
        }
    }
}
