import Foundation
import GRDB
import Testing
import Tracestock
import TracestockCore
@testable import TracestockSQLite

/// Short reads run on the caller's thread through a few read-only connections that are never
/// waited for: a busy set means the usual async read, never a blocked thread.
@Suite struct PointReaderTests {
    static func fileStore(pointReaders: Int) async throws -> SQLiteLedgerStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tracestock-points-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteLedgerStore(path: dir.appendingPathComponent("store.sqlite").path, pointReaders: pointReaders)
        try await store.migrate()
        return store
    }

    static func service(_ store: SQLiteLedgerStore) async throws -> Tracestock {
        let service = Tracestock(store: store, clock: { fixedNow })
        _ = try await service.addLocation(Location(code: "WH-MAIN", kind: .warehouse))
        _ = try await service.addSKU(SKU(code: "EB-100", title: "Earbuds", tracking: .serial))
        return service
    }

    @Test func aBusySetAnswersNilAtOnceAndAClosedOneNothing() async throws {
        let store = try await Self.fileStore(pointReaders: 2)
        let readers = try #require(store.pointReaders)
        let third = try readers.read { _ in try readers.read { _ in try readers.read { _ in 3 } } }
        #expect(third == .some(.some(nil)), "two connections: the third read must not wait")
        #expect(try readers.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1, "connections come back after use")
        try store.close()
        #expect(try readers.read { _ in 1 } == nil)
    }

    @Test func aPointReadIsOneSnapshotWhileAnotherConnectionCommits() async throws {
        let store = try await Self.fileStore(pointReaders: 2)
        let service = try await Self.service(store)
        try await service.receive(ReceiveRequest(sku: "EB-100", serialExpression: "A1-A3", location: "WH-MAIN"))
        let counts = try #require(try store.pointReaders?.read { db -> (Int, Int) in
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? -1
            try store.writer.write { db in
                try db.execute(sql: "UPDATE location SET name = 'Main' WHERE code = 'WH-MAIN'")
            }
            let after = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? -1
            return (before, after)
        })
        #expect(counts == (3, 3))
        let name = try await store.pointRead { db in try String.fetchOne(db, sql: "SELECT name FROM location WHERE code = 'WH-MAIN'") }
        #expect(name == "Main", "the next point read sees what was committed")
        #expect(throws: (any Error).self, "point readers are read-only") {
            _ = try store.pointReaders?.read { db in try db.execute(sql: "DELETE FROM location") }
        }
        try store.close()
    }

    /// Histories, return checks and ships from many tasks at once, with the point readers on and
    /// off (every read then takes the async path): all answer, the ledger stays consistent.
    @Test(arguments: [0, 2])
    func concurrentReadsAndShipsAllFinish(pointReaders: Int) async throws {
        let store = try await Self.fileStore(pointReaders: pointReaders)
        let service = try await Self.service(store)
        try await service.receive(ReceiveRequest(sku: "EB-100", serialExpression: "S0001-S0200", location: "WH-MAIN"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 1...200 {
                let serial = "S" + String(repeating: "0", count: 4 - String(n).count) + String(n)
                group.addTask {
                    if n.isMultiple(of: 2) {
                        _ = try await service.apply(MovementRequest(.ship, sku: "EB-100", serials: [serial], order: "O-\(n)"))
                    }
                    #expect(try await service.history(sku: "EB-100", serial: serial).serial == serial)
                    _ = try await service.units(serial: serial)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await service.history(sku: "EB-100", serial: "S0002").state == .shipped)
        #expect(try await service.history(sku: "EB-100", serial: "S0003").state == .inStock)
        let verdict = try await service.verifyReturn(order: "O-4", sku: "EB-100", serial: "S0004")
        #expect(verdict.verdict == .match)
        try await service.expectConsistent()
        try store.close()
    }
}
