import ArgumentParser
import Tracestock
import TracestockCore

/// Catalog fields shared by `sku add` and `sku edit`.
struct SKUFields: ParsableArguments {
    @Option(help: "Product title.") var title: String?
    @Option(help: "GTIN (UPC/EAN/GTIN-14), stored as 14 digits.") var gtin: String?
    @Option(help: "Amazon ASIN.") var asin: String?
    @Option(help: "Amazon FNSKU.") var fnsku: String?
    @Option(name: .customLong("warranty-days")) var warrantyDays: Int?
    @Option(name: .customLong("warranty-start"), help: "ship or registration.") var warrantyStart: String?
    @Option(name: .customLong("lead-time-days"), help: "Total lead time (kept as production days when the parts are not given).")
    var leadTimeDays: Int?
    @Option(name: .customLong("production-days")) var productionDays: Int?
    @Option(name: .customLong("transit-days")) var transitDays: Int?
    @Option(name: .customLong("receiving-days")) var receivingDays: Int?
    @Option(name: .customLong("case-pack")) var casePack: Int?
    @Option(help: "Minimum order quantity.") var moq: Int?
    @Option var supplier: String?
    @Option(name: .customLong("unit-volume"), help: "Cubic feet per unit.") var unitVolume: Double?
    @Option(name: .customLong("serial-prefix"), help: "Prefix of generated serials.") var serialPrefix: String?
    @Option(name: .customLong("serial-width"), help: "Digits of generated serials.") var serialWidth: Int?
    @Option(name: .customLong("serial-next"), help: "Next number of generated serials.") var serialNext: Int64?
    @Option(name: .customLong("gs1-prefix-length"), help: "GS1 company prefix length in the GTIN (6-12): EPCIS exports use SGTIN/LGTIN URNs.")
    var gs1PrefixLength: Int?

    func apply(to sku: inout SKU) throws {
        if let title { sku.title = title }
        if let gtin { sku.gtin = gtin }
        if let asin { sku.asin = asin }
        if let fnsku { sku.fnsku = fnsku }
        if let warrantyDays { sku.warrantyDays = warrantyDays }
        if let warrantyStart {
            guard let value = SKU.WarrantyStart(rawValue: warrantyStart) else {
                throw TracestockError.invalid("--warranty-start: must be ship or registration", details: ["field": "warrantyStart"])
            }
            sku.warrantyStart = value
        }
        if let leadTimeDays {
            if productionDays == nil && transitDays == nil && receivingDays == nil {
                sku.productionDays = leadTimeDays
                sku.transitDays = nil
                sku.receivingDays = nil
            } else {
                throw TracestockError.invalid("--lead-time-days: give either the total or its parts (--production-days, --transit-days, --receiving-days)")
            }
        }
        if let productionDays { sku.productionDays = productionDays }
        if let transitDays { sku.transitDays = transitDays }
        if let receivingDays { sku.receivingDays = receivingDays }
        if let casePack { sku.casePack = casePack }
        if let moq { sku.moq = moq }
        if let supplier { sku.supplier = supplier }
        if let unitVolume { sku.unitVolume = unitVolume }
        if let serialPrefix { sku.serialPrefix = serialPrefix }
        if let serialWidth { sku.serialWidth = serialWidth }
        if let serialNext { sku.serialNext = serialNext }
        if let gs1PrefixLength { sku.gs1CompanyPrefixLength = gs1PrefixLength }
    }
}

struct SKUCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sku", abstract: "Add, edit, list and show SKUs.",
                                                    subcommands: [Add.self, Edit.self, List.self, Show.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a SKU.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "SKU code.") var code: String
        @Option(help: "serial, lot or none.") var tracking: String
        @OptionGroup var fields: SKUFields
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            guard let level = TrackingLevel(rawValue: tracking) else {
                throw TracestockError.invalid("--tracking: '\(tracking)' is not serial, lot or none", details: ["field": "tracking"])
            }
            guard fields.title != nil else { throw TracestockError.invalid("--title: a SKU needs a title", details: ["field": "title"]) }
            var sku = SKU(code: code, title: "", tracking: level)
            try fields.apply(to: &sku)
            let service = try await store.open()
            let added = try await service.addSKU(sku)
            if json { try Console.json(added) } else { Console.out("added SKU \(added.code) (\(added.tracking.rawValue)-tracked)") }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a SKU's catalog fields.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "SKU code.") var code: String
        @OptionGroup var fields: SKUFields
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let service = try await store.open()
            let sku = try await service.updateSKU(code) { try fields.apply(to: &$0) }
            if json { try Console.json(sku) } else { Console.out("updated SKU \(sku.code)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List SKUs.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let skus = try await store.open().skus()
            if json { return try Console.json(["skus": skus]) }
            Console.out(Table.render(["sku", "tracking", "title", "gtin", "asin", "fnsku"],
                                     skus.map { [$0.code, $0.tracking.rawValue, $0.title, $0.gtin.orDash, $0.asin.orDash, $0.fnsku.orDash] }))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one SKU with its lots.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "SKU code.") var code: String
        @Flag(help: "Print the result as JSON.") var json = false

        struct Output: Encodable { var sku: SKU; var lots: [Lot] }

        func run() async throws {
            let service = try await store.open()
            let sku = try await service.sku(code)
            let lots = try await service.lots(of: code)
            if json { return try Console.json(Output(sku: sku, lots: lots)) }
            var lines = ["\(sku.code)  \(sku.title)", "tracking: \(sku.tracking.rawValue)"]
            if let gtin = sku.gtin { lines.append("GTIN: \(gtin)") }
            if let asin = sku.asin { lines.append("ASIN: \(asin)") }
            if let fnsku = sku.fnsku { lines.append("FNSKU: \(fnsku)") }
            if let length = sku.gs1CompanyPrefixLength { lines.append("GS1 company prefix length: \(length)") }
            if let days = sku.warrantyDays { lines.append("warranty: \(days) days from \(sku.warrantyStart.rawValue)") }
            if let lead = sku.leadTimeDays { lines.append("lead time: \(lead) days") }
            if let pack = sku.casePack { lines.append("case pack: \(pack)") }
            if let width = sku.serialWidth { lines.append("serial pattern: \(sku.serialPrefix ?? "")\(String(repeating: "#", count: width)), next \(sku.serialNext)") }
            lines.forEach(Console.out)
            if !lots.isEmpty {
                Console.out("")
                Console.out(Table.render(["lot", "produced", "expires", "supplier"], lots.map { [$0.code, $0.produced.orDash, $0.expires.orDash, $0.supplier.orDash] }))
            }
        }
    }
}
