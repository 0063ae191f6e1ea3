import ArgumentParser
import Foundation
import Tracestock
import TracestockCore

struct ReorderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reorder", abstract: "What to order and when: demand, safety stock, reorder point, days of cover.",
        discussion: "tracestock reorder --window 90 --service-level 95 --target-days 60 [--sku EB-100] [--json | --csv FILE]")
    @OptionGroup var store: StoreOptions
    @Option(help: "Only this SKU (repeatable).") var sku: [String] = []
    @Option(help: "Days of sales history to average.") var window: Int = 90
    @Option(name: .customLong("service-level"), help: "Percent chance of not running out during the lead time.") var serviceLevel: Double = 95
    @Option(name: .customLong("target-days"), help: "Days of cover an order should reach after the lead time.") var targetDays: Int = 60
    @Option(name: .customLong("overstock-days"), help: "Cover beyond this many days is overstock.") var overstockDays: Int = 180
    @Option(name: .customLong("half-life"), help: "Weight recent days more: demand half-life in days (default: all days equal).")
    var halfLife: Double?
    @Option(name: .customLong("as-of"), help: "Plan as of this day (default today).") var asOf: String?
    @Option(help: "Write the plan as CSV to this file.") var csv: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let policy = RestockPolicy(window: window, serviceLevel: serviceLevel, targetDays: targetDays, overstockDays: overstockDays,
                                   weighting: halfLife.map { .exponential(halfLifeDays: $0) } ?? .uniform)
        let report = try await store.open().reorder(skus: sku, policy: policy, asOf: try asOf.map { try Day.parse($0, field: "as-of") })
        let header = ["sku", "status", "daily_demand", "sigma", "lead_time_days", "safety_stock", "reorder_point", "on_hand", "inbound",
                      "days_of_cover", "stockout_date", "reorder_by", "order_quantity"]
        let rows = report.skus.map { l in
            [l.sku, l.status.rawValue, String(format: "%.2f", l.dailyDemand), String(format: "%.2f", l.sigma), String(l.leadTimeDays),
             String(l.safetyStock), String(l.reorderPoint), String(l.onHand), String(l.inbound), l.daysOfCover.map { String(format: "%.1f", $0) } ?? "",
             l.stockoutDate?.isoString ?? "", l.reorderBy?.isoString ?? "", String(l.orderQuantity)]
        }
        if let csv {
            let text = ([header] + rows).map { $0.map(CSVField.escape).joined(separator: ",") }.joined(separator: "\n") + "\n"
            do { try text.write(toFile: csv, atomically: true, encoding: .utf8) } catch {
                throw TracestockError.invalid("--csv: cannot write \(csv): \(error.localizedDescription)", details: ["field": "csv"])
            }
        }
        if json { return try Console.json(report) }
        Console.out(Table.render(["sku", "status", "demand/day", "σ", "lead", "safety", "reorder at", "on hand", "inbound", "cover", "stock-out", "order by", "order"],
                                 rows.map { r in [r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12]] }))
        if let csv { Console.out("plan written to \(csv)") }
    }
}

struct AgeingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ageing", abstract: "On-hand stock by age (FIFO from receipt dates), with storage surcharges and expiring lots.",
        discussion: "tracestock ageing --buckets 0-90,91-180,181-270,271-365,365+ --surcharge surcharge.csv [--json | --csv FILE]")
    @OptionGroup var store: StoreOptions
    @Option(help: "Age as of this day (default today).") var at: String?
    @Option(help: "Age buckets in days.") var buckets: String = "0-90,91-180,181-270,271-365,365+"
    @Option(help: "Surcharge table: CSV `bucket,per_unit,per_cubic_foot` (monthly).") var surcharge: String?
    @Option(name: .customLong("expiring-within"), help: "List lots expiring within this many days.") var expiringWithin: Int = 90
    @Option(help: "Write the rows as CSV to this file.") var csv: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        var table: String?
        if let surcharge {
            do { table = try String(contentsOfFile: surcharge, encoding: .utf8) } catch {
                throw TracestockError.invalid("--surcharge: cannot read \(surcharge): \(error.localizedDescription)", details: ["field": "surcharge"])
            }
        }
        let report = try await store.open().ageing(asOf: try at.map { try Day.parse($0, field: "at") }, buckets: try AgeBuckets(parsing: buckets),
                                                   surchargeCSV: table, expiringWithinDays: expiringWithin)
        let rows = report.rows.map { [$0.sku, $0.lot ?? "", $0.bucket, String($0.quantity), String(format: "%.2f", $0.surcharge)] }
        if let csv {
            let text = ([["sku", "lot", "bucket", "quantity", "surcharge"]] + rows).map { $0.map(CSVField.escape).joined(separator: ",") }
                .joined(separator: "\n") + "\n"
            do { try text.write(toFile: csv, atomically: true, encoding: .utf8) } catch {
                throw TracestockError.invalid("--csv: cannot write \(csv): \(error.localizedDescription)", details: ["field": "csv"])
            }
        }
        if json { return try Console.json(report) }
        Console.out(Table.render(["sku", "lot", "age (days)", "quantity", "surcharge/month"], rows))
        Console.out(String(format: "estimated monthly surcharge %.2f", report.totalSurcharge))
        if !report.expiring.isEmpty {
            Console.out("")
            Console.out("expiring within \(expiringWithin) days:")
            Console.out(Table.render(["sku", "lot", "expiry", "days left", "quantity"], report.expiring.map {
                [$0.sku, $0.lot.orDash, $0.expiry.isoString, String($0.daysLeft), String($0.quantity)]
            }))
        }
    }
}

struct InboundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inbound", abstract: "Stock on the way (purchase orders, shipments to us).",
                                                    subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add stock on the way; receipts with the same --reference count against it.",
                                                        discussion: "tracestock inbound add EB-100 --qty 600 --eta 2027-01-15 --reference PO-1042")
        @OptionGroup var store: StoreOptions
        @Argument var sku: String
        @Option(name: .customLong("qty")) var quantity: Int64
        @Option(help: "Expected arrival, YYYY-MM-DD.") var eta: String
        @Option(help: "Purchase order or shipment reference.") var reference: String
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let line = try await store.open().addInbound(sku: sku, quantity: quantity, eta: eta, reference: reference)
            if json { return try Console.json(line) }
            Console.out("inbound \(reference): \(quantity) \(sku) due \(eta)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stock on the way with what has arrived.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON.") var json = false

        struct Line: Encodable { var sku: String; var reference: String; var quantity: Int64; var received: Int64; var open: Int64; var eta: String }

        func run() async throws {
            let lines = try await store.open().inbound().map {
                Line(sku: $0.sku, reference: $0.line.reference, quantity: $0.line.quantity, received: $0.line.received, open: $0.line.open,
                     eta: Day(daysSince1970: $0.line.eta).isoString)
            }
            if json { return try Console.json(["inbound": lines]) }
            Console.out(Table.render(["sku", "reference", "qty", "received", "open", "eta"], lines.map {
                [$0.sku, $0.reference, String($0.quantity), String($0.received), String($0.open), $0.eta]
            }))
        }
    }
}
