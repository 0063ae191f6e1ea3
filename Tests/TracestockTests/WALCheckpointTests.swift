import Foundation
import GRDB
import Testing
import Tracestock
import TracestockCore
@testable import TracestockSQLite

/// The WAL is copied back into the store file by a background checkpoint (not inside the commit
/// that crosses 1,000 pages, as SQLite's automatic checkpoint would), with the committing
/// connection checkpointing itself only past a backstop.
@Suite struct WALCheckpointTests {
    static let pageSize = 4_096
    /// Transactions written, and pages each.
    static let writes = 20
    static let pagesPerWrite = 200

    /// A migrated store file with the given checkpoint thresholds.
    static func store(pages: Int32, backstop: Int32) async throws -> (SQLiteLedgerStore, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tracestock-wal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("store.sqlite").path
        let store = try SQLiteLedgerStore(path: path, busyTimeout: 5, cacheSizeMB: 8, pointReaders: 2,
                                          checkpointer: WALCheckpointer(path: path, pages: pages, backstopPages: backstop))
        try await store.migrate()
        try await store.write { db in try db.execute(sql: "CREATE TABLE scratch (b BLOB NOT NULL)") }
        return (store, path)
    }

    /// Writes `writes` transactions of about `pagesPerWrite` pages each (one 3,000-byte row per
    /// page), letting any checkpoint asked for finish before the next.
    static func fill(_ store: SQLiteLedgerStore) async throws {
        for _ in 0..<writes {
            try await store.write { db in
                try db.execute(sql: """
                    INSERT INTO scratch (b) SELECT randomblob(3000) FROM
                    (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT i FROM n)
                    """, arguments: [pagesPerWrite])
            }
            store.checkpointer?.waitUntilIdle()
        }
    }

    static func walBytes(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
    }

    @Test func backgroundCheckpointsKeepTheWALShortAndLoseNothing() async throws {
        let (store, path) = try await Self.store(pages: 300, backstop: .max)
        try await Self.fill(store)
        let checkpoints = try #require(store.checkpointer).checkpoints
        #expect(checkpoints >= Self.writes / 3)
        // Never more than a checkpoint's worth and one write in the WAL: far below the 4,000 pages written.
        #expect(Self.walBytes(path) < 4 * Self.pagesPerWrite * Self.pageSize)
        try store.close()

        let reopened = try SQLiteLedgerStore(path: path)
        let (rows, integrity) = try await reopened.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM scratch") ?? 0, try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "")
        }
        #expect(rows == Self.writes * Self.pagesPerWrite)
        #expect(integrity == "ok")
        try reopened.close()
    }

    @Test func theWriterCheckpointsItselfPastTheBackstop() async throws {
        let (store, path) = try await Self.store(pages: .max, backstop: 300)
        try await Self.fill(store)
        #expect(try #require(store.checkpointer).checkpoints == 0)
        #expect(Self.walBytes(path) < 4 * Self.pagesPerWrite * Self.pageSize)
        try store.close()
    }

    /// The control: with neither threshold reachable nothing checkpoints (SQLite's automatic
    /// checkpoint is off once the hook is in place) and the WAL holds every page written.
    @Test func withoutThresholdsTheWALKeepsEveryWrite() async throws {
        let (store, path) = try await Self.store(pages: .max, backstop: .max)
        try await Self.fill(store)
        #expect(Self.walBytes(path) > Self.writes * Self.pagesPerWrite * Self.pageSize)
        try store.close()
    }
}
