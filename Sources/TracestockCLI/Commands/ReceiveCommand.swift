import ArgumentParser
import Tracestock
import TracestockCore

struct ReceiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive", abstract: "Receive serialized units, or a quantity of a lot or SKU.",
        discussion: """
            tracestock receive EB-100 --serials "SN0001-SN1000" --lot L2026-03 --at WH-MAIN
            tracestock receive EB-100 --generate 500 --at WH-MAIN
            tracestock receive VIT-C --lot B7781 --qty 500 --expires 2027-06-30 --produced 2026-06-01 --at WH-MAIN
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "SKU code (may be left out with --scan: the GTIN names it).") var sku: String?
    @Option(help: ArgumentHelp("Serial expression (SN0001-SN1000, 100+9, A7,A9, \"2024-0001\").", valueName: "expr")) var serials: String?
    @OptionGroup var scan: ScanOptions
    @Option(help: "Mint this many new serials from the SKU's serial pattern.") var generate: Int?
    @Option(name: .customLong("qty"), help: "Quantity (lot-tracked and untracked SKUs).") var quantity: Int64?
    @Option var lot: String?
    @Option(help: "Lot expiry, YYYY-MM-DD.") var expires: String?
    @Option(help: "Lot production date, YYYY-MM-DD.") var produced: String?
    @Option var supplier: String?
    @Option(name: .customLong("at"), help: "Location receiving the stock.") var location: String
    @Option(help: "Purchase order or shipment reference.") var reference: String?
    @Option var reason: String?
    @OptionGroup var write: WriteOptions

    func run() async throws {
        let service = try await store.open()
        var request = ReceiveRequest(sku: sku ?? "", serialExpression: serials, generate: generate, quantity: quantity, lot: lot, expires: expires,
                                     produced: produced, supplier: supplier, location: location, at: try write.timestamp(),
                                     actor: write.actor, reason: reason, reference: reference)
        if !scan.isEmpty {
            guard serials == nil, generate == nil, quantity == nil else {
                throw TracestockError.invalid("--scan: scans name the units; leave out --serials, --generate and --qty", details: ["field": "scan"])
            }
            let goods = try await scan.resolve(service, sku: sku, lot: lot)
            request.sku = goods.sku
            request.lot = goods.lot
            request.expires = expires ?? goods.expires
            request.produced = produced ?? goods.produced
            if goods.serials.isEmpty { request.quantity = Int64(goods.count) } else { request.serials = goods.serials }
        }
        try write.print(try await service.receive(request, idempotencyKey: write.idempotencyKey))
    }
}

/// Options of every movement after receipt.
struct MovementOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Argument(help: "SKU code (may be left out when --serials names units of exactly one SKU).") var sku: String?
    @Option(name: [.customLong("serials"), .customLong("serial")], help: ArgumentHelp("Serial expression naming the units.", valueName: "expr"))
    var serials: String?
    @Option(name: .customLong("qty"), help: "Quantity (lot-tracked and untracked SKUs).") var quantity: Int64?
    @Option(help: "Take from this lot only (default FEFO, then FIFO).") var lot: String?
    @Option(name: [.customLong("from"), .customLong("at")], help: "Location the stock is at.") var from: String?
    @Option(help: "Destination location.") var to: String?
    @Option(help: "Order reference.") var order: String?
    @Option(help: "Opaque customer reference.") var customer: String?
    @Option(help: "Why (required for adjust).") var reason: String?
    @OptionGroup var scan: ScanOptions
    @OptionGroup var write: WriteOptions

    func run(_ type: EventType, fromStatus: StockStatus? = nil, acceptSuspicious: Bool = false) async throws {
        let service = try await store.open()
        var code: String
        var lot = lot
        var serialList: [String]?
        var quantity = quantity
        if !scan.isEmpty {
            guard serials == nil, quantity == nil else {
                throw TracestockError.invalid("--scan: scans name the units; leave out --serials and --qty", details: ["field": "scan"])
            }
            let goods = try await scan.resolve(service, sku: sku, lot: lot)
            code = goods.sku
            lot = goods.lot
            if goods.serials.isEmpty { quantity = Int64(goods.count) } else { serialList = goods.serials }
        } else if let sku {
            code = sku
        } else if let serials {
            code = try await service.skuOwning(serials: try SerialExpression.expand(serials))
        } else {
            throw TracestockError.invalid("sku: name the SKU (or the units with --serials)", details: ["field": "sku"])
        }
        let request = MovementRequest(type, sku: code, serials: serialList, serialExpression: serials, quantity: quantity, lot: lot, from: from, to: to,
                                      fromStatus: fromStatus, order: order, customer: customer, at: try write.timestamp(),
                                      actor: write.actor, reason: reason, acceptSuspicious: acceptSuspicious ? true : nil)
        try write.print(try await service.apply(request, idempotencyKey: write.idempotencyKey))
    }
}

struct ShipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ship", abstract: "Ship units or a quantity on an order.",
                                                    discussion: "tracestock ship EB-100 --serials SN0042 --order 113-1234567-1234567")
    @OptionGroup var options: MovementOptions
    func run() async throws { try await options.run(.ship) }
}

struct MoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "move", abstract: "Move stock between locations.",
                                                    discussion: "tracestock move EB-100 --serials SN0001-SN0300 --to FBA-US")
    @OptionGroup var options: MovementOptions
    func run() async throws { try await options.run(.move) }
}

struct ReturnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Record a customer return, verified against what the order shipped.",
        discussion: """
            tracestock return --order 113-1234567-1234567 --serial SN0042 --to WH-MAIN
            tracestock return verify --order 113-1234567-1234567 --sku EB-100 --serial SN0042
            A return whose verdict is not `match` is refused unless --accept-suspicious --reason is given;
            it is then recorded with its verdict (units that are not out with a customer do not move).
            """,
        subcommands: [Record.self, Verify.self], defaultSubcommand: Record.self)

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: "Record a return (the default).")
        @OptionGroup var options: MovementOptions
        @Flag(name: .customLong("accept-suspicious"), help: "Record a return whose verdict is not match (needs --reason).")
        var acceptSuspicious = false
        func run() async throws { try await options.run(.return, acceptSuspicious: acceptSuspicious) }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a returned unit against the order; changes nothing.")
        @OptionGroup var store: StoreOptions
        @Option var order: String
        @Option var sku: String?
        @Option var serial: String?
        @Option var lot: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let service = try await store.open()
            var code = sku
            if code == nil, let serial { code = try await service.skuOwning(serials: [serial], allowUnknown: true) }
            guard let code else { throw TracestockError.invalid("--sku: name the SKU", details: ["field": "sku"]) }
            let result = try await service.verifyReturn(order: order, sku: code, serial: serial, lot: lot)
            if json { return try Console.json(result) }
            Console.out(result.summary)
        }
    }
}

struct RestockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restock", abstract: "Put returned stock back on sale.",
                                                    discussion: "tracestock restock EB-100 --serials SN0042")
    @OptionGroup var options: MovementOptions
    func run() async throws { try await options.run(.restock) }
}

struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quarantine", abstract: "Hold stock out of sale.",
                                                    discussion: "tracestock quarantine VIT-C --lot B7781 --qty 100 --at WH-MAIN --reason \"supplier notice\"")
    @OptionGroup var options: MovementOptions
    func run() async throws { try await options.run(.quarantine) }
}

struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "release", abstract: "Release quarantined stock back to sellable.")
    @OptionGroup var options: MovementOptions
    func run() async throws { try await options.run(.release) }
}

struct DisposeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dispose", abstract: "Dispose of stock (destroyed, lost, written off).")
    @OptionGroup var options: MovementOptions
    @Option(name: .customLong("from-status"), help: "Bucket quantities are taken from: sellable, quarantined or returned.")
    var fromStatus: String?
    func run() async throws {
        let status = try fromStatus.map { text -> StockStatus in
            guard let status = StockStatus(rawValue: text) else {
                throw TracestockError.invalid("--from-status: must be sellable, quarantined or returned", details: ["field": "fromStatus"])
            }
            return status
        }
        try await options.run(.dispose, fromStatus: status)
    }
}

struct AdjustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "adjust", abstract: "Correct a counted quantity (+found, -missing), with a reason.",
                                                    discussion: "tracestock adjust TOTE --qty -3 --at WH-MAIN --reason \"cycle count\"")
    @OptionGroup var options: MovementOptions
    func run() async throws { try await options.run(.adjust) }
}

struct VoidCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "void", abstract: "Cancel an event by appending its reversal.",
                                                    discussion: "tracestock void 42 --reason \"scanned the wrong box\"")
    @OptionGroup var store: StoreOptions
    @Argument(help: "Sequence number of the event to cancel.") var seq: Int64
    @Option var reason: String?
    @OptionGroup var write: WriteOptions

    func run() async throws {
        let service = try await store.open()
        try write.print(try await service.void(VoidRequest(seq: seq, reason: reason, at: try write.timestamp(), actor: write.actor),
                                               idempotencyKey: write.idempotencyKey))
    }
}
