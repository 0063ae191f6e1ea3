import TracestockCore

/// What the demo loaded, for the walkthrough.
public struct DemoSummary: Sendable {
    public var events: Int
    public var orders: Int
    public var serials: Int
    /// A serial that was shipped, returned and restocked (worth showing its history).
    public var interestingSerial: (sku: String, serial: String)?
    /// The lot whose orders the walkthrough lists.
    public var tracedLot: (sku: String, lot: String)
}

extension Tracestock {
    /// Fills an empty store with a realistic year of activity: two locations, four SKUs across the
    /// three tracking levels, 5,200 serials, lots with expiry dates, a few hundred orders, returns
    /// (restocked or disposed), a move to Amazon FBA, a quarantine and an adjustment. Deterministic.
    public func loadDemo() async throws -> DemoSummary {
        guard try await store.lastSeq() == 0, try await store.skus().isEmpty else {
            throw TracestockError(.stateConflict, "the demo needs an empty store; this one already holds data")
        }
        var random = DemoRandom(seed: 2026)
        let today = clock().epochDay
        let start = today - 365
        func time(_ day: Int, _ hour: Int) -> Timestamp { Timestamp(milliseconds: Int64(start + day) * 86_400_000 + Int64(hour) * 3_600_000) }
        func date(_ day: Int) -> String { Timestamp(milliseconds: Int64(start + day) * 86_400_000).isoDate }

        _ = try await addLocation(Location(code: "WH-MAIN", kind: .warehouse, name: "Main warehouse"))
        _ = try await addLocation(Location(code: "FBA-US", kind: .fba, name: "Amazon FBA (US)", allowNegative: true))
        _ = try await addSKU(SKU(code: "EB-100", title: "Earbuds Pro", tracking: .serial, gtin: "09520123456788", asin: "B0C1234567",
                                 fnsku: "X001ABCDEF", warrantyDays: 365, productionDays: 30, transitDays: 12, receivingDays: 3,
                                 casePack: 20, moq: 200, supplier: "Shenzhen Audio Co", unitVolume: 0.05, serialPrefix: "EB", serialWidth: 6))
        _ = try await addSKU(SKU(code: "SW-200", title: "Smartwatch S2", tracking: .serial, gtin: try GTIN.withCheckDigit("0952012345680"),
                                 asin: "B0C7654321", fnsku: "X002GHIJKL", warrantyDays: 730, warrantyStart: .registration,
                                 productionDays: 35, transitDays: 14, receivingDays: 3, casePack: 10, supplier: "Wearables Ltd", unitVolume: 0.08))
        _ = try await addSKU(SKU(code: "VIT-C", title: "Vitamin C 500mg", tracking: .lot, gtin: try GTIN.withCheckDigit("0952012345690"),
                                 productionDays: 20, transitDays: 25, receivingDays: 2, casePack: 48, supplier: "NutriLabs", unitVolume: 0.01))
        _ = try await addSKU(SKU(code: "TOTE", title: "Canvas tote", tracking: .none, productionDays: 15, transitDays: 20, casePack: 50,
                                 unitVolume: 0.1))

        var inStock: [String: [String]] = ["EB-100": [], "SW-200": []]
        var atFBA: [String] = []
        var returns: [Int: [(sku: String, serial: String, order: String)]] = [:]
        var restocks: [Int: [(sku: String, serial: String, dispose: Bool)]] = [:]
        var orders = 0
        var interesting: (sku: String, serial: String)?

        func receive(_ request: ReceiveRequest) async throws {
            _ = try await self.receive(request)
        }
        func ebSerials(_ range: ClosedRange<Int>) -> [String] {
            range.map { "EB" + String(repeating: "0", count: 6 - String($0).count) + String($0) }
        }
        // Receipts, moves and a quarantine on fixed days; orders every day.
        for day in 0..<365 {
            switch day {
            case 0:
                try await receive(ReceiveRequest(sku: "EB-100", generate: 2000, lot: "L2025-11", produced: date(-20), location: "WH-MAIN", at: time(0, 9)))
                inStock["EB-100"] = ebSerials(1...2000)
                try await receive(ReceiveRequest(sku: "TOTE", quantity: 2000, location: "WH-MAIN", at: time(0, 10)))
                try await receive(ReceiveRequest(sku: "VIT-C", quantity: 3000, lot: "B7781", expires: date(545), produced: date(-10),
                                                 location: "WH-MAIN", at: time(0, 11)))
            case 10:
                try await receive(ReceiveRequest(sku: "SW-200", serialExpression: "SW25-00001..SW25-01200", lot: "W25Q4",
                                                     produced: date(-15), location: "WH-MAIN", at: time(10, 9)))
                inStock["SW-200"] = try SerialExpression.expand("SW25-00001..SW25-01200")
            case 30:
                let batch = Array(inStock["EB-100"]!.prefix(500))
                inStock["EB-100"]!.removeFirst(500)
                atFBA = batch
                _ = try await apply(MovementRequest(.move, sku: "EB-100", serials: batch, to: "FBA-US", at: time(30, 11),
                                                             reason: "FBA inbound shipment FBA15X2Y"))
            case 120:
                try await receive(ReceiveRequest(sku: "VIT-C", quantity: 3000, lot: "B7790", expires: date(600), produced: date(110),
                                                     location: "WH-MAIN", at: time(120, 9)))
            case 150:
                try await receive(ReceiveRequest(sku: "EB-100", generate: 2000, lot: "L2026-03", produced: date(130), location: "WH-MAIN",
                                                     at: time(150, 9)))
                inStock["EB-100"]! += ebSerials(2001...4000)
            case 200:
                try await receive(ReceiveRequest(sku: "TOTE", quantity: 1500, location: "WH-MAIN", at: time(200, 9)))
                _ = try await apply(MovementRequest(.adjust, sku: "TOTE", quantity: -3, from: "WH-MAIN", at: time(200, 16),
                                                          reason: "cycle count"))
            case 240:
                try await receive(ReceiveRequest(sku: "VIT-C", quantity: 3000, lot: "B7802", expires: date(700), produced: date(230),
                                                     location: "WH-MAIN", at: time(240, 9)))
            case 300:
                let held = Array(inStock["SW-200"]!.suffix(20))
                inStock["SW-200"]!.removeLast(20)
                _ = try await apply(MovementRequest(.quarantine, sku: "SW-200", serials: held, at: time(300, 14),
                                                          reason: "QA hold: firmware 1.2 battery drain"))
                _ = try await apply(MovementRequest(.release, sku: "SW-200", serials: Array(held.prefix(10)), at: time(310, 10),
                                                          reason: "firmware patched"))
                inStock["SW-200"]! += held.prefix(10)
            default:
                break
            }
            // Customer returns due today, and yesterday's returns restocked or disposed.
            for item in returns.removeValue(forKey: day) ?? [] {
                _ = try await apply(MovementRequest(.return, sku: item.sku, serials: [item.serial], to: "WH-MAIN", order: item.order,
                                                          at: time(day, 13), reason: "customer return"))
                restocks[day + 1, default: []].append((item.sku, item.serial, random.chance(0.3)))
            }
            for item in restocks.removeValue(forKey: day) ?? [] where day < 365 {
                if item.dispose {
                    _ = try await apply(MovementRequest(.dispose, sku: item.sku, serials: [item.serial], at: time(day, 15),
                                                              reason: "damaged on return"))
                } else {
                    _ = try await apply(MovementRequest(.restock, sku: item.sku, serials: [item.serial], at: time(day, 15),
                                                              reason: "inspected, like new"))
                    inStock[item.sku]!.append(item.serial)
                    if interesting == nil { interesting = (item.sku, item.serial) }
                }
            }
            guard day >= 1 else { continue }
            let count = random.below(3) + (day % 7 == 5 ? 1 : 0)
            for n in 0..<count {
                let order = "11\(random.below(8) + 1)-\(1_000_000 + random.below(9_000_000))-\(1_000_000 + random.below(9_000_000))"
                let customer = "C\(10_000 + random.below(90_000))"
                let hour = 8 + n * 3 + random.below(3)
                orders += 1
                var shipped = false
                if random.chance(0.55), !inStock["EB-100"]!.isEmpty || !atFBA.isEmpty {
                    let fromFBA = !atFBA.isEmpty && (random.chance(0.5) || inStock["EB-100"]!.isEmpty)
                    let serial = fromFBA ? atFBA.removeFirst() : inStock["EB-100"]!.removeFirst()
                    _ = try await apply(MovementRequest(.ship, sku: "EB-100", serials: [serial], order: order, customer: customer,
                                                              at: time(day, hour)))
                    if random.chance(0.07) && day + 10 < 365 { returns[day + 5 + random.below(20), default: []].append(("EB-100", serial, order)) }
                    shipped = true
                }
                if random.chance(0.25), !inStock["SW-200"]!.isEmpty {
                    let serial = inStock["SW-200"]!.removeFirst()
                    _ = try await apply(MovementRequest(.ship, sku: "SW-200", serials: [serial], order: order, customer: customer,
                                                              at: time(day, hour)))
                    if random.chance(0.08) && day + 10 < 365 { returns[day + 5 + random.below(20), default: []].append(("SW-200", serial, order)) }
                    shipped = true
                }
                if random.chance(0.4) || !shipped {
                    _ = try await apply(MovementRequest(.ship, sku: "VIT-C", quantity: Int64(1 + random.below(3)), from: "WH-MAIN",
                                                              order: order, customer: customer, at: time(day, hour)))
                }
                if random.chance(0.3) {
                    _ = try await apply(MovementRequest(.ship, sku: "TOTE", quantity: Int64(1 + random.below(4)), from: "WH-MAIN",
                                                              order: order, customer: customer, at: time(day, hour)))
                }
            }
        }
        return DemoSummary(events: Int(try await store.lastSeq()), orders: orders, serials: 5200,
                           interestingSerial: interesting, tracedLot: ("EB-100", "L2025-11"))
    }
}
