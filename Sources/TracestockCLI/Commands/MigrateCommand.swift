import ArgumentParser
import Foundation
import Tracestock
import TracestockCore
import TracestockPostgres
import TracestockSQLite

/// `tracestock migrate`: creates or upgrades a store's schema and lists the migrations it has.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or upgrade a store's schema (SQLite or PostgreSQL) and list its migrations.",
        discussion: "Safe to run on every deploy and from several servers at once: each migration is applied once.")
    @OptionGroup var store: StoreOptions
    @Flag(help: "Print the result as JSON.") var json = false

    struct Result: Encodable {
        var store: String
        var migrations: [String]
    }

    func run() async throws {
        let selection = try store.selection()
        let applied: [String]
        switch selection {
        case .sqlite(let path):
            let sqlite = try SQLiteLedgerStore(path: path, busyTimeout: store.busyTimeout)
            try await sqlite.migrate()
            applied = try await sqlite.appliedMigrations()
        case .postgres(let configuration):
            let postgres = try PostgresStoreScope.required().open(configuration)
            try await postgres.migrate()
            applied = try await postgres.appliedMigrations()
        }
        if json { return try Console.json(Result(store: selection.displayName, migrations: applied)) }
        Console.out("\(selection.displayName): schema up to date; migrations applied: \(applied.joined(separator: ", "))")
    }
}
