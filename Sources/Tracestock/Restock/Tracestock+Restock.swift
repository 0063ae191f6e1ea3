import CSV
import Foundation
import TracestockCore

/// The restock plan: one line per SKU.
public struct ReorderReport: Sendable, Encodable, Equatable {
    public var asOf: String
    public var skus: [RestockLine]
}

extension Tracestock {
    /// Adds stock on the way (a purchase order or a shipment to us). Receipts whose `reference`
    /// equals it count against it.
    @discardableResult
    public func addInbound(sku code: String, quantity: Int64, eta: String, reference: String) async throws -> Inbound {
        let sku = try await requireSKU(code)
        guard quantity > 0 else { throw TracestockError.invalid("quantity: must be positive", details: ["field": "quantity"]) }
        try Self.validateCode(reference, field: "reference", what: "inbound reference")
        let day = try Day.parse(eta, field: "eta")
        do {
            return try await store.insertInbound(Inbound(skuID: sku.id, quantity: quantity, eta: day.daysSince1970, reference: reference))
        } catch let error as TracestockError where error.code == .duplicate {
            throw TracestockError(.duplicate, "inbound \(reference) of \(sku.code) already exists", details: ["field": "reference"])
        }
    }

    /// Inbound lines with their SKU codes.
    public func inbound() async throws -> [(sku: String, line: Inbound)] {
        let lines = try await store.inbound()
        let skus = Dictionary(uniqueKeysWithValues: try await store.skus(ids: Array(Set(lines.map(\.skuID)))).map { ($0.id, $0.code) })
        return lines.map { (skus[$0.skuID] ?? "?", $0) }
    }

    /// The restock plan for some SKUs (all when empty), from the sales history in the window.
    public func reorder(skus codes: [String] = [], policy: RestockPolicy = RestockPolicy(), asOf: Day? = nil) async throws -> ReorderReport {
        let today = asOf ?? clock().day
        _ = try policy.validate()
        let fromDay = today.daysSince1970 - policy.window + 1
        // The reads are independent: run them side by side (each in its own read transaction, as
        // before), and the whole catalog's sales with them when no SKUs are named.
        async let catalogRead = store.skus()
        async let sellableRead = store.stockTotals(status: .sellable)
        async let inboundRead = store.inbound()
        async let startsRead = store.firstActivityDays(since: fromDay)
        async let allSalesRead = codes.isEmpty ? store.dailySales(fromDay: fromDay, skuIDs: nil) : [:]
        var skus = try await catalogRead
        if !codes.isEmpty {
            let wanted = Set(codes)
            for code in codes where !skus.contains(where: { $0.code == code }) {
                throw TracestockError.notFound("unknown SKU '\(code)'", details: ["field": "sku", "sku": code])
            }
            skus = skus.filter { wanted.contains($0.code) }
        }
        let sales = codes.isEmpty ? try await allSalesRead : try await store.dailySales(fromDay: fromDay, skuIDs: skus.map(\.id))
        let sellable = try await sellableRead
        var inbound: [Int64: [InboundShipment]] = [:]
        for line in try await inboundRead where line.open > 0 {
            inbound[line.skuID, default: []].append(InboundShipment(quantity: Int(line.open), eta: Day(daysSince1970: line.eta)))
        }
        let starts = try await startsRead
        /// A SKU's days up to `today` (days are in order, so only a plan made in the past filters).
        func history(_ skuID: Int64) -> [DailySale] {
            guard let days = sales[skuID], let last = days.last else { return [] }
            return last.day <= today ? days : days.filter { $0.day <= today }
        }
        let inputs = skus.map { sku in
            RestockInput(sku: sku.code, sales: .sparse(history(sku.id)), sellable: max(0, Int(sellable[sku.id] ?? 0)),
                         inbound: inbound[sku.id] ?? [],
                         leadTime: sku.transitDays == nil && sku.receivingDays == nil ? .total(days: sku.productionDays ?? 0)
                             : .stages(productionDays: sku.productionDays ?? 0, transitDays: sku.transitDays ?? 0, receivingDays: sku.receivingDays ?? 0),
                         casePack: sku.casePack ?? 1, moq: sku.moq ?? 0,
                         historyStart: starts[sku.id].map { Day(daysSince1970: $0) })
        }
        return ReorderReport(asOf: today.isoString, skus: try RestockPlanner.plan(inputs, policy: policy, asOf: today))
    }

    /// Aged inventory: on-hand per SKU and lot aged FIFO from receipt dates into buckets, with an
    /// optional monthly surcharge table and the lots expiring soon.
    public func ageing(asOf: Day? = nil, buckets: AgeBuckets = .standard, surchargeCSV: String? = nil,
                       expiringWithinDays: Int = 90) async throws -> AgeingReport {
        let today = asOf ?? clock().day
        var table = SurchargeTable()
        if let surchargeCSV {
            let reader = try CSVReader(string: surchargeCSV, hasHeaderRow: false)
            var rows: [[String]] = []
            while let row = reader.next() { rows.append(row) }
            table = try SurchargeTable(rows: rows, buckets: buckets)
        }
        let skus = Dictionary(uniqueKeysWithValues: try await store.skus().map { ($0.id, $0) })
        let cells = try await store.stockReport(skuID: nil, locationID: nil)
        struct Key: Hashable { var sku: Int64; var lot: Int64? }
        var onHand: [Key: Int64] = [:]
        var lotFacts: [Int64: (code: String?, expires: String?)] = [:]
        for cell in cells {
            onHand[Key(sku: cell.key.skuID, lot: cell.key.lotID), default: 0] += cell.quantity
            if let lot = cell.key.lotID { lotFacts[lot] = (cell.lotCode, cell.expires) }
        }
        var receipts: [Key: [LotReceipt]] = [:]
        for event in try await store.liveEvents(skuID: nil, lotIDs: nil, types: [.receive, .adjust]) where event.quantity > 0 {
            receipts[Key(sku: event.skuID, lot: event.lotID), default: []].append(LotReceipt(day: event.at.day, quantity: Int(event.quantity)))
        }
        let inputs = onHand.filter { $0.value > 0 }.sorted { a, b in
            (skus[a.key.sku]?.code ?? "", lotFacts[a.key.lot ?? -1]?.code ?? "") < (skus[b.key.sku]?.code ?? "", lotFacts[b.key.lot ?? -1]?.code ?? "")
        }.map { key, quantity in
            AgeingInput(sku: skus[key.sku]?.code ?? "?", lot: key.lot.flatMap { lotFacts[$0]?.code }, onHand: Int(quantity),
                        receipts: receipts[key] ?? [LotReceipt(day: today, quantity: Int(quantity))],
                        cubicFeetPerUnit: skus[key.sku]?.unitVolume ?? 0,
                        expiry: key.lot.flatMap { lotFacts[$0]?.expires }.flatMap { try? Day($0) })
        }
        return try AgeingReporter.report(inputs, asOf: today, buckets: buckets, surcharges: table, expiringWithinDays: expiringWithinDays)
    }

    /// Imports sales history: `date,sku,quantity,order_id`, or Amazon's order report columns
    /// (`amazon-order-id`, `purchase-date`, `sku`, `quantity`, `item-status`; tab- or comma-separated;
    /// cancelled lines ignored, other columns ignored). A line whose order and SKU were imported
    /// before is skipped, so importing a report twice counts nothing twice. A bad line imports nothing.
    public func importSales(csv text: String, file: String) async throws -> ImportResult {
        let table = try CSVTable(text: text, file: file, required: ["date", "sku", "quantity"],
                                 known: ["date", "sku", "quantity", "order_id", "item_status"],
                                 aliases: ["amazon_order_id": "order_id", "purchase_date": "date", "order": "order_id"],
                                 ignoreUnknown: true)
        let skus = Dictionary(uniqueKeysWithValues: try await store.skus().map { ($0.code, $0) })
        var records: [SaleRecord] = []
        var ignored = 0
        for record in table.records {
            if let status = record["item_status"]?.lowercased(), status.contains("cancel") {
                ignored += 1
                continue
            }
            do {
                let code = record["sku"] ?? ""
                guard let sku = skus[code] else { throw TracestockError.notFound("unknown SKU '\(code)'", details: ["field": "sku"]) }
                guard let quantity = try table.int(record, "quantity"), quantity >= 0 else {
                    throw TracestockError.invalid("quantity must be a whole number, 0 or more", details: ["field": "quantity"])
                }
                let day = try Timestamp.parse(record["date"] ?? "", field: "date").epochDay
                if quantity > 0 { records.append(SaleRecord(skuID: sku.id, day: day, quantity: quantity, orderRef: record["order_id"])) }
            } catch {
                throw table.error(error, record: record)
            }
        }
        let (inserted, skipped) = try await store.insertSales(records)
        return ImportResult(rows: table.records.count, events: 0, quantity: records.reduce(0) { $0 + $1.quantity }, replayed: false, seqs: [],
                            salesInserted: inserted, salesSkipped: skipped, cancelledIgnored: ignored)
    }
}
