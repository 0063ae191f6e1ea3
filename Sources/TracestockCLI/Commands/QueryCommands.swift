import ArgumentParser
import Tracestock
import TracestockCore

struct StockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stock", abstract: "Stock on hand (sellable; quarantined and returned apart).")
    @OptionGroup var store: StoreOptions
    @Option var sku: String?
    @Option(name: .customLong("location")) var location: String?
    @Option(help: "Group rows by sku (default), lot, location or cell (lot and location).") var by: String = "sku"
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        guard let grouping = StockGrouping(rawValue: by) else {
            throw TracestockError.invalid("--by: must be sku, lot, location or cell", details: ["field": "by"])
        }
        let report = try await store.open().stock(sku: sku, location: location, by: grouping)
        if json { return try Console.json(report) }
        var header = ["sku"]
        if grouping == .lot || grouping == .cell { header += ["lot", "expires"] }
        if grouping == .location || grouping == .cell { header.append("location") }
        header += ["sellable", "quarantined", "returned"]
        let rows = report.rows.map { row -> [String] in
            var cells = [row.sku]
            if grouping == .lot || grouping == .cell { cells += [row.lot.orDash, row.expires.orDash] }
            if grouping == .location || grouping == .cell { cells.append(row.location.orDash) }
            return cells + [String(row.quantity), String(row.quarantined), String(row.returned)]
        }
        Console.out(Table.render(header, rows))
        Console.out("total sellable \(report.total), quarantined \(report.totalQuarantined), returned \(report.totalReturned)")
    }
}

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Every event of one unit.",
                                                    discussion: "tracestock history EB-100 SN0042")
    @OptionGroup var store: StoreOptions
    @Argument var sku: String
    @Argument var serial: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let history = try await store.open().history(sku: sku, serial: serial)
        if json { return try Console.json(history) }
        HistoryCommand.printHuman(history)
    }

    static func printHuman(_ history: UnitHistory) {
        var now = "\(history.sku) \(history.serial): \(history.state.rawValue)"
        if let location = history.location { now += " at \(location)" }
        if let lot = history.lot { now += ", lot \(lot)" }
        if let order = history.order { now += ", last order \(order)" }
        Console.out(now)
        Console.out(Table.render(["seq", "at", "event", "location", "order", "note"], history.events.map { e in
            var note = e.reason ?? ""
            if let voids = e.voids { note = "voids #\(voids) " + note }
            if let by = e.voidedBy { note = "voided by #\(by) " + note }
            return ["#\(e.seq)", e.at, e.type.rawValue, e.location.orDash, e.order.orDash, note]
        }))
    }
}

struct LookupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lookup", abstract: "Find a serial in every SKU that has it.")
    @OptionGroup var store: StoreOptions
    @Argument var serial: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let units = try await store.open().units(serial: serial)
        if json { return try Console.json(["units": units]) }
        if units.isEmpty { throw TracestockError.notFound("no SKU has serial \(serial)", details: ["serial": serial]) }
        for unit in units { HistoryCommand.printHuman(unit); Console.out("") }
    }
}

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "The ledger, oldest first.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Only events after this sequence number.") var since: Int64 = 0
    @Option(help: "At most this many events.") var limit: Int = 1000
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let page = try await store.open().events(since: since, limit: limit)
        if json { return try Console.json(page) }
        Console.out(Table.render(["seq", "at", "event", "sku", "lot", "qty", "from", "to", "order", "serials"], page.events.map { e in
            let serials = e.serials.count <= 3 ? e.serials.joined(separator: ",") : "\(e.serials[0]) … (\(e.quantity))"
            return ["#\(e.seq)", e.at, e.type.rawValue + (e.voids.map { " #\($0)" } ?? ""), e.sku, e.lot.orDash, String(e.quantity),
                    e.from.orDash, e.to.orDash, e.order.orDash, serials]
        }))
        if let next = page.next { Console.out("more: --since \(next)") }
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Replay the ledger and compare it with the stored projections.")
    @OptionGroup var store: StoreOptions
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let report = try await store.open().check()
        if json { try Console.json(report) } else {
            Console.out("\(report.events) events, \(report.units) units, \(report.stockCells) stock cells, \(report.orderLines) order lines")
            if report.ok { Console.out("ok: the projections match a replay of the ledger") }
            report.problems.forEach { Console.out("problem: \($0)") }
        }
        if !report.ok { throw TracestockError(.stateConflict, "check found \(report.problems.count) difference(s) between the ledger and its projections") }
    }
}

struct ExpandCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "expand", abstract: "Print the serials an expression names (writes nothing).",
                                                    discussion: "tracestock expand \"SN099+2, A7, B1-B3\"")
    @Argument var expression: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let serials = try SerialExpression.expand(expression)
        if json { return try Console.json(["serials": serials]) }
        serials.forEach(Console.out)
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import a CSV file; a bad row imports nothing.",
                                                    discussion: "tracestock import receipts receipts.csv")
    @OptionGroup var store: StoreOptions
    @Argument(help: "skus, receipts, shipments or sales.") var kind: String
    @Argument(help: "The CSV file.") var file: String
    @Option(name: .customLong("idempotency-key")) var idempotencyKey: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw TracestockError.invalid("cannot read \(file): \(error.localizedDescription)", details: ["file": file])
        }
        let service = try await store.open()
        let bar = ProgressBar(label: "importing \(kind)")
        let progress: @Sendable (Int, Int) -> Void = { bar.update($0, of: $1) }
        let result: ImportResult
        switch kind {
        case "skus": result = try await service.importSKUs(csv: text, file: file)
        case "receipts": result = try await service.importReceipts(csv: text, file: file, idempotencyKey: idempotencyKey, progress: progress)
        case "shipments": result = try await service.importShipments(csv: text, file: file, idempotencyKey: idempotencyKey, progress: progress)
        case "sales": result = try await service.importSales(csv: text, file: file)
        default: throw TracestockError.invalid("import: '\(kind)' is not skus, receipts, shipments or sales", details: ["field": "kind"])
        }
        if json { return try Console.json(result) }
        if let inserted = result.salesInserted {
            return Console.out("imported \(inserted) sales lines from \(file) (\(result.salesSkipped ?? 0) already imported, \(result.cancelledIgnored ?? 0) cancelled ignored)")
        }
        Console.out("\(result.replayed ? "already imported (same idempotency key): " : "imported ")\(result.rows) rows from \(file)\(result.events > 0 ? ": \(result.events) events, quantity \(result.quantity)" : "")")
    }
}
