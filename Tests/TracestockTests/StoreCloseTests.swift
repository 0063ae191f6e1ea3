import Foundation
import Testing
import Tracestock
import TracestockCore
import TracestockSQLite

@Suite struct StoreCloseTests {
    @Test func closingCheckpointsTheWALIntoTheStoreFile() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tracestock-close-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("store.sqlite").path
        let store = try SQLiteLedgerStore(path: path)
        try await store.migrate()
        _ = try await Tracestock(store: store).addLocation(Location(code: "WH-MAIN", kind: .warehouse))
        try store.close()
        // Checkpointed: the WAL is gone, or empty where GRDB keeps it (persistent WAL).
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        #expect(wal == 0)
        let reopened = try SQLiteLedgerStore(path: path)
        #expect(try await reopened.locations().map(\.code) == ["WH-MAIN"])
    }
}
