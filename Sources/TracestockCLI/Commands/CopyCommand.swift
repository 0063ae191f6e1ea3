import ArgumentParser
import Foundation
import Tracestock
import TracestockCore
import TracestockPostgres
import TracestockSQLite

/// `tracestock copy`: moves a SQLite store into an empty PostgreSQL database, every row with its id
/// and sequence number, in one transaction; then reads the copy back, compares it row by row with the
/// source and runs `check` on it.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy", abstract: "Copy a SQLite store into an empty PostgreSQL database, then verify and check the copy.",
        discussion: "Every event keeps its sequence number and every unit, lot, SKU and location its id. The copy is one transaction: on any error the target stays empty. Stop writers to the source first.")
    @Option(help: ArgumentHelp("The SQLite store to copy.", valueName: "path")) var from: String
    @Option(help: ArgumentHelp("The PostgreSQL database to fill: postgres://USER:PASSWORD@HOST:PORT/DATABASE.", valueName: "url")) var to: String
    @Flag(help: "Print the result as JSON.") var json = false

    struct Result: Encodable {
        var from: String
        var to: String
        var copied: String
        var seconds: Double
        var verified: Bool
        var check: CheckReport
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: from) else {
            throw TracestockError.notFound("no store at \(from)", details: ["field": "from"])
        }
        let configuration = try PostgresStoreConfiguration(url: to)
        let started = Date()
        let source = try SQLiteLedgerStore(path: from)
        try await source.migrate()
        let dump = try await source.dump()
        let target = try PostgresStoreScope.required().open(configuration)
        try await target.migrate()
        if !json { Console.out("copying \(dump.summary) from \(from) to \(configuration.displayName)") }
        try await target.load(dump)
        let seconds = Date().timeIntervalSince(started)
        let copy = try await target.dump()
        if let table = Self.firstDifference(dump, copy) {
            throw TracestockError(.internalError, "the copy in \(configuration.displayName) differs from \(from) in table \(table)")
        }
        let report = try await Tracestock(store: target).check()
        if json {
            try Console.json(Result(from: from, to: configuration.displayName, copied: dump.summary, seconds: seconds, verified: true, check: report))
        } else {
            Console.out("copied in \(String(format: "%.1f", seconds)) s; every row of the copy matches the source")
            Console.out("check: \(report.events) events, \(report.units) units, \(report.stockCells) stock cells, \(report.orderLines) order lines")
            if report.ok { Console.out("ok: the projections match a replay of the ledger") }
            report.problems.forEach { Console.out("problem: \($0)") }
        }
        if !report.ok { throw TracestockError(.stateConflict, "check found \(report.problems.count) difference(s) in the copy") }
    }

    /// The first table whose rows differ, nil when the dumps are equal.
    static func firstDifference(_ a: LedgerDump, _ b: LedgerDump) -> String? {
        if a.locations != b.locations { return "location" }
        if a.skus != b.skus { return "sku" }
        if a.lots != b.lots { return "lot" }
        if a.events != b.events { return "event" }
        if a.eventUnits != b.eventUnits { return "event_unit" }
        if a.units != b.units { return "unit" }
        if a.stock != b.stock { return "stock" }
        if a.orderLines != b.orderLines { return "order_line" }
        if a.idempotency != b.idempotency { return "idempotency" }
        if a.dailySales != b.dailySales { return "daily_sales" }
        if a.sales != b.sales { return "sale" }
        if a.inbound != b.inbound { return "inbound" }
        if a.authCodes != b.authCodes { return "auth_code" }
        if a.authScans != b.authScans { return "auth_scan" }
        if a.apiTokens != b.apiTokens { return "api_token" }
        if a.webUsers != b.webUsers { return "web_user" }
        if a.webSessionKey != b.webSessionKey { return "web_session_key" }
        return nil
    }
}
