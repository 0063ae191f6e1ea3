import TracestockCore

/// A unit's warranty.
public struct WarrantyReport: Sendable, Encodable, Equatable {
    public var sku: String
    public var serial: String
    public var lot: String?
    public var order: String?
    public var shipDate: String?
    public var registeredAt: String?
    public var customerRef: String?
    public var warrantyDays: Int?
    public var startsAt: SKU.WarrantyStart
    public var start: String?
    public var end: String?
    public var status: WarrantyStatus
    public var daysLeft: Int?

    enum CodingKeys: String, CodingKey {
        case sku, serial, lot, order, shipDate, registeredAt, customerRef, warrantyDays, startsAt, start, end, status, daysLeft
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sku, forKey: .sku)
        try c.encode(serial, forKey: .serial)
        try c.encode(lot, forKey: .lot)
        try c.encode(order, forKey: .order)
        try c.encode(shipDate, forKey: .shipDate)
        try c.encode(registeredAt, forKey: .registeredAt)
        try c.encode(customerRef, forKey: .customerRef)
        try c.encode(warrantyDays, forKey: .warrantyDays)
        try c.encode(startsAt, forKey: .startsAt)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(status, forKey: .status)
        try c.encode(daysLeft, forKey: .daysLeft)
    }
}

/// A request to register a sold unit for warranty.
public struct RegistrationRequest: Sendable, Codable, Equatable {
    public var sku: String
    public var serial: String
    /// An opaque customer reference (no personal data).
    public var customerRef: String
    public var at: Timestamp?
    /// Allow a second registration (the unit changed hands).
    public var transfer: Bool
    public var actor: String?

    /// Creates a request.
    public init(sku: String, serial: String, customerRef: String, at: Timestamp? = nil, transfer: Bool = false, actor: String? = nil) {
        self.sku = sku
        self.serial = serial
        self.customerRef = customerRef
        self.at = at
        self.transfer = transfer
        self.actor = actor
    }
}

extension Tracestock {
    /// The warranty of a unit, found by serial (and SKU when several SKUs have the serial).
    public func warranty(serial: String, sku code: String? = nil) async throws -> WarrantyReport {
        var units = try await store.units(serial: serial).filter { $0.state != .voided }
        if let code {
            let sku = try await requireSKU(code)
            units = units.filter { $0.skuID == sku.id }
        }
        let skus = Dictionary(uniqueKeysWithValues: try await store.skus(ids: units.map(\.skuID)).map { ($0.id, $0) })
        guard let unit = units.first, let sku = skus[unit.skuID] else {
            throw TracestockError.notFound("no unit has serial \(serial)\(code.map { " in SKU \($0)" } ?? "")", details: ["serial": serial])
        }
        guard units.count == 1 else {
            throw TracestockError.invalid("sku: serial \(serial) exists in \(units.compactMap { skus[$0.skuID]?.code }.sorted().joined(separator: ", ")); name one with --sku",
                                          details: ["field": "sku"])
        }
        return try await warranty(of: unit, sku: sku)
    }

    func warranty(of unit: Unit, sku: SKU) async throws -> WarrantyReport {
        let history = try await store.history(unitID: unit.id)
        let voided = Set(history.compactMap(\.voidsSeq))
        let live = history.filter { !voided.contains($0.seq) && $0.type != .void }
        let ship = live.last { $0.type == .ship }
        let registration = live.last { $0.type == .register && (ship == nil || $0.seq > ship!.seq) }
        let today = clock().day
        let terms = WarrantyTerms.evaluate(state: unit.state, shipped: ship?.at.day, registered: registration?.at.day,
                                           startsAtRegistration: sku.warrantyStart == .registration,
                                           warrantyDays: sku.warrantyDays ?? 0, today: today)
        var lot: String?
        if let lotID = unit.lotID { lot = try await store.lots(ids: [lotID]).first?.code }
        return WarrantyReport(sku: sku.code, serial: unit.serial, lot: lot, order: ship?.orderRef, shipDate: ship?.at.isoDate,
                              registeredAt: registration?.at.isoDate, customerRef: registration?.customerRef ?? ship?.customerRef,
                              warrantyDays: sku.warrantyDays, startsAt: sku.warrantyStart, start: terms.start?.isoString,
                              end: terms.end?.isoString, status: terms.status, daysLeft: terms.daysLeft)
    }

    /// Records a warranty registration of a sold unit: one per sale unless `transfer`.
    @discardableResult
    public func register(_ request: RegistrationRequest, idempotencyKey: String? = nil) async throws -> WriteResult {
        try await execute(request: request, idempotencyKey: idempotencyKey) { view in
            let sku = try await requireSKU(request.sku)
            guard sku.tracking == .serial else {
                throw TracestockError.invalid("sku: only serial-tracked units are registered for warranty", details: ["field": "sku"])
            }
            let ref = request.customerRef.trimmingCharacters(in: .whitespaces)
            guard !ref.isEmpty, ref.count <= 100 else {
                throw TracestockError.invalid("customerRef: an opaque customer reference of 1 to 100 characters is required", details: ["field": "customerRef"])
            }
            guard let unit = try await view.units(skuID: sku.id, serials: [request.serial]).first else {
                throw TracestockError.notFound("SKU \(sku.code) has no serial \(request.serial)", details: ["serial": request.serial])
            }
            guard unit.state == .shipped else {
                throw TracestockError(.stateConflict, "SKU \(sku.code) serial \(request.serial) \(try await describe(unit, sku: sku)): only a sold (shipped) unit is registered",
                                      details: ["serial": request.serial, "state": unit.state.rawValue])
            }
            let history = try await store.history(unitID: unit.id)
            let voided = Set(history.compactMap(\.voidsSeq))
            let lastShip = history.last { $0.type == .ship && !voided.contains($0.seq) }?.seq ?? 0
            if let earlier = history.last(where: { $0.type == .register && !voided.contains($0.seq) && $0.seq > lastShip }), !request.transfer {
                throw TracestockError(.stateConflict,
                                      "SKU \(sku.code) serial \(request.serial) is already registered (event #\(earlier.seq) on \(earlier.at.isoDate)); use --transfer when the unit changed hands",
                                      details: ["serial": request.serial])
            }
            let at = request.at ?? clock()
            let position = UnitPosition(state: unit.state, locationID: unit.locationID, orderRef: unit.orderRef, lotID: unit.lotID)
            let event = LedgerEvent(type: .register, at: at, recordedAt: at, skuID: sku.id, lotID: unit.lotID, quantity: 1,
                                    orderRef: unit.orderRef, customerRef: ref, actor: request.actor,
                                    reason: request.transfer ? "ownership transfer" : nil)
            view.append(PlannedEvent(event: event, unitChanges: [UnitChange(unitID: unit.id, expectedLastSeq: unit.lastSeq, before: position, after: position)]),
                        summary: EventSummary(seq: 0, type: .register, at: at.iso8601, sku: sku.code, lot: nil, quantity: 1, from: nil, to: nil,
                                              order: unit.orderRef))
        }
    }
}
