import ArgumentParser
import Foundation
import Tracestock
import TracestockCore
import TracestockSQLite

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the store to a file, consistently, while it is in use.",
        discussion: "tracestock backup --to tracestock-2026-06-01.sqlite")
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("The backup file to write.", valueName: "file")) var to: String
    @Flag(help: "Replace the backup file if it exists.") var force = false

    func run() async throws {
        let ledger = try await store.open().store
        guard let sqlite = ledger as? SQLiteLedgerStore else {
            throw TracestockError.invalid("backup copies an SQLite store; back up a PostgreSQL store with pg_dump")
        }
        if FileManager.default.fileExists(atPath: to) {
            guard force else {
                throw TracestockError(.stateConflict, "\(to) exists; pass --force to replace it", details: ["field": "to"])
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: to + suffix) }
        }
        try await sqlite.backup(to: to)
        let copy = try SQLiteLedgerStore(path: to)
        let contents = try await copy.contents()
        Console.out("backed up \(store.displayName) to \(to): \(contents.events) events, \(contents.units) units")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Replace the store with a backup (refuses a non-empty store without --force).",
        discussion: "tracestock restore tracestock-2026-06-01.sqlite --db tracestock.sqlite")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The backup file.") var file: String
    @Flag(help: "Replace a store that is not empty.") var force = false

    func run() async throws {
        guard FileManager.default.fileExists(atPath: file) else {
            throw TracestockError.notFound("no backup file at \(file)", details: ["file": file])
        }
        let service = try await store.open(create: true)
        guard let sqlite = service.store as? SQLiteLedgerStore else {
            throw TracestockError.invalid("restore replaces an SQLite store; restore a PostgreSQL store with pg_restore")
        }
        let before = try await sqlite.contents()
        if !before.isEmpty && !force {
            throw TracestockError(.stateConflict,
                                  "\(store.displayName) is not empty (\(before.events) events, \(before.units) units, \(before.skus) SKUs, \(before.locations) locations); restoring would replace it: pass --force",
                                  details: ["field": "db"])
        }
        try await sqlite.restore(from: file)
        try await sqlite.migrate()
        let after = try await sqlite.contents()
        Console.out("restored \(file) into \(store.displayName): \(after.events) events, \(after.units) units")
    }
}
