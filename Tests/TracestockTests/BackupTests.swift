import Foundation
import Testing
import Tracestock
import TracestockCore
import TracestockSQLite

/// Online backup and restore of the SQLite store.
@Suite struct BackupTests {
    /// The store file behind a service made with `.sqliteFile`.
    func path(of service: Tracestock) throws -> String {
        try #require((service.store as? SQLiteLedgerStore)?.path)
    }

    /// A unique file name next to nothing else.
    func tempFile(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tracestock-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test func aBackupTakenDuringAStreamOfWritesIsAConsistentPrefixOfTheLedger() async throws {
        // Given a file store and a writer that ships units one by one and receives batches of 500
        let service = try await makeService(.sqliteFile)
        try await service.receiveEarbuds("B0001-B2000")
        let writer = Task {
            for n in 1...300 {
                let serial = "B" + String(repeating: "0", count: 4 - String(n).count) + String(n)
                try await service.ship(MovementRequest(.ship, sku: "EB-100", serials: [serial], order: "113-0000001-\(1_000_000 + n)"))
                if n % 50 == 0 { try await service.receiveEarbuds("N\(n)X0001-N\(n)X0500") }
            }
        }
        // When a backup is taken while it writes
        while try await service.store.lastSeq() < 60 { try await Task.sleep(for: .milliseconds(2)) }
        let backupPath = try tempFile("backup.sqlite")
        let store = try #require(service.store as? SQLiteLedgerStore)
        try await store.backup(to: backupPath)
        try await writer.value

        // Then the copy passes check and holds a prefix of the ledger, with nothing half-written
        let copy = Tracestock(store: try SQLiteLedgerStore(path: backupPath))
        let report = try await copy.check()
        #expect(report.ok, "\(report.problems)")
        let copied = try await copy.store.events(since: 0, limit: 100_000)
        let all = try await service.store.events(since: 0, limit: 100_000)
        #expect(copied.count >= 60, "the copy has the writes made before the backup")
        #expect(copied.count < all.count, "the writer went on after the backup")
        #expect(copied.map(\.seq) == Array(1...Int64(copied.count)), "no gap")
        #expect(copied == Array(all.prefix(copied.count)), "the same events as the store's first ones")
        // Every receive in the copy has all its units, every ship its unit.
        for event in copied {
            let units = try await copy.store.eventUnits(seq: event.seq)
            #expect(Int64(units.count) == event.quantity, "event #\(event.seq) \(event.type.rawValue) is complete")
        }
        let stock = try await copy.sellable("EB-100")
        let received = copied.filter { $0.type == .receive }.reduce(0) { $0 + $1.quantity }
        let shipped = copied.filter { $0.type == .ship }.reduce(0) { $0 + $1.quantity }
        #expect(stock == received - shipped)
    }

    @Test func aBackupThatCannotBeWrittenSaysWhere() async throws {
        let service = try await makeService(.sqliteFile)
        let store = try #require(service.store as? SQLiteLedgerStore)
        let missingFolder = try tempFile("no-such-folder") + "/backup.sqlite"
        let error = await expectError(.internalError) { try await store.backup(to: missingFolder) }
        #expect(error?.message.hasPrefix("backing up to \(missingFolder): cannot write the store file") == true, "\(error?.message ?? "")")
        #expect(!FileManager.default.fileExists(atPath: missingFolder))
    }

    @Test func restoreRefusesANonEmptyStoreWithoutForceAndReplacesItWithForce() async throws {
        // Given a store with a little history and its backup
        let cli = try CLIHarness()
        try await cli.seed()
        #expect(await cli.run(["receive", "EB-100", "--serials", "SN0001-SN0100", "--at", "WH-MAIN"]).code == 0)
        let backupPath = cli.dir.appendingPathComponent("copy.sqlite").path
        let backup = await cli.run(["backup", "--to", backupPath])
        #expect(backup.code == 0, "\(backup.err)")
        #expect(backup.out.contains("1 events, 100 units"))
        #expect(await cli.run(["backup", "--to", backupPath]).code == 3, "an existing backup file is not overwritten without --force")

        // When the store moves on and the backup is restored
        #expect(await cli.run(["ship", "EB-100", "--serials", "SN0001", "--order", "113-1234567-1234567"]).code == 0)
        let refused = await cli.run(["restore", backupPath])
        #expect(refused.code == 3)
        #expect(refused.err.contains("not empty") && refused.err.contains("--force"))
        #expect(try await cli.run(["history", "EB-100", "SN0001", "--json"]).json()["state"] as? String == "shipped", "a refused restore changes nothing")

        let forced = await cli.run(["restore", backupPath, "--force"])
        #expect(forced.code == 0, "\(forced.err)")

        // Then the store is the backup again, and consistent
        #expect(try await cli.run(["history", "EB-100", "SN0001", "--json"]).json()["state"] as? String == "in_stock")
        #expect(await cli.run(["check"]).code == 0)
    }

    @Test func restoreIntoANewStoreNeedsNoForceAndRejectsAFileThatIsNotAStore() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        #expect(await cli.run(["receive", "TOTE", "--qty", "7", "--at", "WH-MAIN"]).code == 0)
        let backupPath = cli.dir.appendingPathComponent("copy.sqlite").path
        #expect(await cli.run(["backup", "--to", backupPath]).code == 0)

        let fresh = cli.dir.appendingPathComponent("fresh.sqlite").path
        let restored = await cli.run(["restore", backupPath, "--db", fresh], withDB: false)
        #expect(restored.code == 0, "\(restored.err)")
        let stock = try await cli.run(["stock", "--sku", "TOTE", "--json", "--db", fresh], withDB: false).json()
        #expect(stock["total"] as? Int == 7)

        let notAStore = try cli.file("notes.txt", "hello")
        let rejected = await cli.run(["restore", notAStore, "--db", cli.dir.appendingPathComponent("other.sqlite").path], withDB: false)
        #expect(rejected.code == 1)
        #expect(await cli.run(["restore", cli.dir.appendingPathComponent("missing.sqlite").path]).code == 1)
    }
}
