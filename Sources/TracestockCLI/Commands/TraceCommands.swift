import ArgumentParser
import Foundation
import Tracestock
import TracestockCore

struct ReturnsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "returns", abstract: "Reports on returns.", subcommands: [Report.self])

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Returns with their verdicts (CSV or JSON), for filing claims.",
                                                        discussion: "tracestock returns report --since 2026-01-01 --verdict wrongOrder --verdict unknownSerial --csv")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only returns on or after this date.") var since: String?
        @Option(help: "Only these verdicts (repeatable).") var verdict: [String] = []
        @Flag(help: "Print JSON.") var json = false
        @Flag(help: "Print CSV.") var csv = false

        func run() async throws {
            let verdicts = try verdict.map { text -> ReturnVerdict in
                guard let value = ReturnVerdict(rawValue: text) else {
                    throw TracestockError.invalid("--verdict: '\(text)' is not one of \(ReturnVerdict.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return value
            }
            let records = try await store.open().returnsReport(since: try since.map { try Timestamp.parse($0, field: "since") }, verdicts: verdicts)
            if json { return try Console.json(["returns": records]) }
            if csv {
                Console.out("seq,date,order,sku,lot,quantity,serials,claimed,verdict,reason,location")
                for r in records {
                    Console.out([String(r.seq), r.at, r.order ?? "", r.sku, r.lot ?? "", String(r.quantity), r.serials.joined(separator: " "),
                                 r.claimed ?? "", r.verdict ?? "", r.reason ?? "", r.location ?? ""].map(CSVField.escape).joined(separator: ","))
                }
                return
            }
            Console.out(Table.render(["seq", "at", "order", "sku", "qty", "verdict", "claimed", "reason"], records.map {
                ["#\($0.seq)", $0.at, $0.order.orDash, $0.sku, String($0.quantity), $0.verdict.orDash, $0.claimed.orDash, $0.reason.orDash]
            }))
        }
    }
}

struct WarrantyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "warranty", abstract: "Warranty status of a unit, and registrations.",
                                                    subcommands: [Show.self, Register.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Warranty of one unit (the default).",
                                                        discussion: "tracestock warranty SN0042 [--sku EB-100]   (or an authentication code instead of the serial)")
        @OptionGroup var store: StoreOptions
        @Argument var serial: String
        @Option var sku: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let service = try await store.open()
            var serial = self.serial
            var sku = self.sku
            if AuthCode.isWellFormed(serial) {
                (sku, serial) = try await service.unit(forCode: serial)
            }
            let report = try await service.warranty(serial: serial, sku: sku)
            if json { return try Console.json(report) }
            Console.out("\(report.sku) \(report.serial): \(report.status.rawValue)\(report.daysLeft.map { ", \($0) days left" } ?? "")")
            if let order = report.order { Console.out("order \(order), shipped \(report.shipDate ?? "?")") }
            if let registered = report.registeredAt { Console.out("registered \(registered)\(report.customerRef.map { " by \($0)" } ?? "")") }
            if let start = report.start, let end = report.end { Console.out("warranty \(start) to \(end) (\(report.warrantyDays ?? 0) days from \(report.startsAt.rawValue))") }
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a warranty registration of a sold unit.",
                                                        discussion: "tracestock warranty register EB-100 SN0042 --customer-ref C-1029 --date 2026-03-05")
        @OptionGroup var store: StoreOptions
        @Argument var sku: String
        @Argument var serial: String
        @Option(name: .customLong("customer-ref"), help: "Opaque customer reference (no personal data).") var customerRef: String
        @Flag(help: "Allow a second registration: the unit changed hands.") var transfer = false
        @OptionGroup var write: WriteOptions

        func run() async throws {
            let service = try await store.open()
            try write.print(try await service.register(RegistrationRequest(sku: sku, serial: serial, customerRef: customerRef, at: try write.timestamp(),
                                                                           transfer: transfer, actor: write.actor),
                                                       idempotencyKey: write.idempotencyKey))
        }
    }
}

struct RecallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall", abstract: "Where every affected unit is now; optionally quarantine what is still in stock.",
        discussion: """
            tracestock recall --sku EB-100 --lot L2025-11 --quarantine
            tracestock recall --sku EB-100 --serials EB000100..EB000200 --json
            tracestock recall --sku VIT-C --produced 2026-01-01..2026-03-31 --csv recall.csv
            tracestock recall --sku VIT-C --supplier NutriLabs
            """)
    @OptionGroup var store: StoreOptions
    @Option var sku: String
    @Option(help: "A lot (repeatable).") var lot: [String] = []
    @Option(help: ArgumentHelp("A serial expression.", valueName: "expr")) var serials: String?
    @Option(help: ArgumentHelp("Production window FROM..TO (either end may be empty).", valueName: "from..to")) var produced: String?
    @Option var supplier: String?
    @Flag(help: "Quarantine everything still sellable, in one transaction.") var quarantine = false
    @Option var reason: String?
    @Option(help: "Write the groups as CSV to this file.") var csv: String?
    @OptionGroup var write: WriteOptions

    func run() async throws {
        var from: String?
        var to: String?
        if let produced {
            let parts = produced.components(separatedBy: "..")
            guard parts.count == 2 else { throw TracestockError.invalid("--produced: write the window as FROM..TO, e.g. 2026-01-01..2026-03-31", details: ["field": "produced"]) }
            from = parts[0].isEmpty ? nil : parts[0]
            to = parts[1].isEmpty ? nil : parts[1]
        }
        let request = RecallRequest(sku: sku, lots: lot.isEmpty ? nil : lot, serialExpression: serials, producedFrom: from, producedTo: to,
                                    supplier: supplier, quarantine: quarantine, reason: reason, actor: write.actor)
        let report = try await store.open().recall(request, idempotencyKey: write.idempotencyKey)
        if let csv {
            var lines = ["state,location,order,shipped_at,customer,lot,quantity,serials"]
            for g in report.groups {
                lines.append([g.state, g.location ?? "", g.order ?? "", g.shippedAt ?? "", g.customer ?? "", g.lot ?? "", String(g.quantity),
                              g.serials.joined(separator: " ")].map(CSVField.escape).joined(separator: ","))
            }
            do {
                try (lines.joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
            } catch {
                throw TracestockError.invalid("--csv: cannot write \(csv): \(error.localizedDescription)", details: ["field": "csv"])
            }
        }
        if write.json { return try Console.json(report) }
        Console.out("Recall of \(report.sku)\(report.lots.isEmpty ? "" : " lots \(report.lots.joined(separator: ", "))"): \(report.total) affected (received \(report.received))")
        Console.out(["in_stock", "quarantined", "shipped", "returned", "disposed"].map { "\($0) \(report.byState[$0] ?? 0)" }.joined(separator: ", "))
        if quarantine {
            Console.out(report.quarantined > 0 ? "quarantined \(report.quarantined) now (events \(report.seqs.map { "#\($0)" }.joined(separator: ", ")))"
                                               : "nothing left to quarantine: no affected stock is sellable")
        }
        Console.out(Table.render(["state", "location", "order", "shipped", "customer", "lot", "qty"], report.groups.map {
            [$0.state, $0.location.orDash, $0.order.orDash, $0.shippedAt.orDash, $0.customer.orDash, $0.lot.orDash, String($0.quantity)]
        }))
        if !report.orders.isEmpty { Console.out("\(report.orders.count) orders to contact") }
        if let csv { Console.out("groups written to \(csv)") }
    }
}

struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trace", abstract: "Forward (lot to orders) and backward (order to lots) trace.",
                                                    subcommands: [Forward.self, Back.self])

    struct Forward: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Which orders got units or quantities of a lot.",
                                                        discussion: "tracestock trace forward --sku EB-100 --lot L2025-11")
        @OptionGroup var store: StoreOptions
        @Option var sku: String
        @Option var lot: String
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let trace = try await store.open().traceForward(sku: sku, lot: lot)
            if json { return try Console.json(trace) }
            Console.out(Table.render(["order", "date", "customer", "qty", "returned", "serials"], trace.orders.map {
                [$0.order, $0.date.orDash, $0.customer.orDash, String($0.quantity), String($0.returned), $0.serials.joined(separator: ",")]
            }))
            Console.out("\(trace.orders.count) orders, \(trace.orders.reduce(0) { $0 + $1.quantity }) units")
        }
    }

    struct Back: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Which lots, serials, suppliers and receipts an order drew from.",
                                                        discussion: "tracestock trace back --order 113-1234567-1234567")
        @OptionGroup var store: StoreOptions
        @Option var order: String
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let trace = try await store.open().traceBack(order: order)
            if json { return try Console.json(trace) }
            Console.out(Table.render(["sku", "lot", "qty", "returned", "supplier", "produced", "expires"], trace.lots.map {
                [$0.sku, $0.lot.orDash, String($0.quantity), String($0.returned), $0.supplier.orDash, $0.produced.orDash, $0.expires.orDash]
            }))
            if !trace.serials.isEmpty { Console.out("serials: " + trace.serials.map { "\($0.sku) \($0.serial)" }.joined(separator: ", ")) }
            Console.out("receipts: " + trace.receipts.map { "#\($0.seq) \($0.at.prefix(10)) \($0.sku) \($0.lot ?? "") qty \($0.quantity)" }.joined(separator: "; "))
        }
    }
}

/// RFC 4180 quoting for CSV output.
enum CSVField {
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
