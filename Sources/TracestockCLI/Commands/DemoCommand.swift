import ArgumentParser
import Foundation
import Tracestock
import TracestockCore
import TracestockSQLite

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Build a sample store with a year of activity and walk through it.",
        discussion: "Without --db it (re)builds ./tracestock-demo.sqlite; a store named with --db must be empty.")
    @Option(help: "Store file (default ./tracestock-demo.sqlite, rebuilt on every run).") var db: String?

    func run() async throws {
        let path = db ?? "tracestock-demo.sqlite"
        if db == nil {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try SQLiteLedgerStore(path: path)
        try await store.migrate()
        let service = Tracestock(store: store)
        let started = Date()
        let summary = try await service.loadDemo()
        let seconds = Date().timeIntervalSince(started)
        Console.out("Built \(path): \(summary.events) ledger events, \(summary.orders) orders, \(summary.serials) serials in \(String(format: "%.1f", seconds)) s.")
        Console.out("")
        Console.out("== Stock by SKU (tracestock stock --db \(path))")
        let stock = try await service.stock(by: .sku)
        Console.out(Table.render(["sku", "sellable", "quarantined", "returned"],
                                 stock.rows.map { [$0.sku, String($0.quantity), String($0.quarantined), String($0.returned)] }))
        Console.out("")
        Console.out("== Stock of the lot-tracked SKU by lot (tracestock stock --sku VIT-C --by lot)")
        let lots = try await service.stock(sku: "VIT-C", by: .lot)
        Console.out(Table.render(["lot", "expires", "sellable"], lots.rows.map { [$0.lot.orDash, $0.expires.orDash, String($0.quantity)] }))
        if let unit = summary.interestingSerial {
            Console.out("")
            Console.out("== History of one unit (tracestock history \(unit.sku) \(unit.serial))")
            HistoryCommand.printHuman(try await service.history(sku: unit.sku, serial: unit.serial))
        }
        Console.out("")
        let trace = try await service.traceForward(sku: summary.tracedLot.sku, lot: summary.tracedLot.lot)
        let units = trace.orders.reduce(0) { $0 + $1.quantity }
        Console.out("== Orders that received units of lot \(trace.lot) of \(trace.sku): \(trace.orders.count) orders, \(units) units (first 10)")
        Console.out(Table.render(["order", "shipped", "customer", "qty", "serials"], trace.orders.prefix(10).map {
            [$0.order, $0.date.orDash, $0.customer.orDash, String($0.quantity), $0.serials.joined(separator: ",")]
        }))
        Console.out("")
        let check = try await service.check()
        Console.out("== tracestock check: \(check.ok ? "ok, the projections match a replay of all \(check.events) events" : "\(check.problems.count) problems")")
    }
}
