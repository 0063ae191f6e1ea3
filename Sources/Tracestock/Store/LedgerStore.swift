import TracestockCore

/// Persistence for the ledger and its projections. A store does storage and set-based queries
/// only; every rule lives in `Tracestock` (the service) or the core. Every store passes the same
/// conformance suite (`LedgerStoreConformance`).
///
/// Writes go through `commit(_:)`, which applies a planned batch atomically: events, new units,
/// unit changes guarded by their expected `lastSeq` (optimistic concurrency), stock and order
/// deltas, new lots and the idempotency record. A store translates its own errors into
/// `TracestockError` (unique violations become `.duplicate`, lock timeouts `.busy`).
public protocol LedgerStore: Sendable {
    /// Creates or upgrades the schema; safe to call on every start.
    func migrate() async throws

    // MARK: Catalog

    /// Inserts a location; a duplicate code is `.duplicate`.
    func insertLocation(_ location: Location) async throws -> Location
    /// All locations, by code.
    func locations() async throws -> [Location]
    /// Inserts a SKU; duplicate code, GTIN or FNSKU is `.duplicate`.
    func insertSKU(_ sku: SKU) async throws -> SKU
    /// Inserts several SKUs in one transaction (all or none).
    func insertSKUs(_ skus: [SKU]) async throws -> [SKU]
    /// Replaces a SKU's catalog fields (not its id or code).
    func updateSKU(_ sku: SKU) async throws
    /// One SKU by code.
    func sku(code: String) async throws -> SKU?
    /// SKUs by id.
    func skus(ids: [Int64]) async throws -> [SKU]
    /// All SKUs, by code.
    func skus() async throws -> [SKU]
    /// SKUs whose GTIN, FNSKU or ASIN equals `identifier`.
    func skus(identifier: String) async throws -> [SKU]
    /// The lots of a SKU.
    func lots(skuID: Int64) async throws -> [Lot]
    /// Lots by id.
    func lots(ids: [Int64]) async throws -> [Lot]

    // MARK: Units and stock

    /// The units of one SKU with these serials (missing serials are absent from the result).
    func units(skuID: Int64, serials: [String]) async throws -> [Unit]
    /// Every unit with this serial, whatever its SKU.
    func units(serial: String) async throws -> [Unit]
    /// Units by id.
    func units(ids: [Int64]) async throws -> [Unit]
    /// Non-zero stock cells of a SKU, optionally at one location and in one bucket.
    func stockCells(skuID: Int64, locationID: Int64?, status: StockStatus?) async throws -> [StockCell]
    /// Stock rows joined with codes, for reports.
    func stockReport(skuID: Int64?, locationID: Int64?) async throws -> [StockCell]
    /// The order lines of an order.
    func orderLines(orderRef: String) async throws -> [OrderLine]
    /// Serials an order's live (not voided) ship events took, optionally only of one lot.
    func shippedSerials(orderRef: String, skuID: Int64, lotID: Int64?) async throws -> [String]
    /// Order lines that shipped a lot.
    func orderLines(lotID: Int64) async throws -> [OrderLine]

    // MARK: Events

    /// Applies a planned batch in one transaction and returns the sequence numbers of its events.
    func commit(_ batch: LedgerBatch) async throws -> [Int64]
    /// The idempotency record of a key, if it was used.
    func idempotencyRecord(key: String) async throws -> IdempotencyRecord?
    /// Events with `seq > since`, in order, at most `limit`.
    func events(since: Int64, limit: Int) async throws -> [LedgerEvent]
    /// Events by sequence number.
    func events(seqs: [Int64]) async throws -> [LedgerEvent]
    /// The event that voided `seq`, if any.
    func voidingEvent(of seq: Int64) async throws -> LedgerEvent?
    /// The units an event touched, with what they were before it (a receive's new units have no before).
    func eventUnits(seq: Int64) async throws -> [EventUnit]
    /// The serials of each event, for listings (`limitPerEvent` caps very large events).
    func serials(ofEvents seqs: [Int64], limitPerEvent: Int) async throws -> [Int64: [String]]
    /// Every event that touched a unit, in order.
    func history(unitID: Int64) async throws -> [LedgerEvent]
    /// One unit with its SKU, events, lot and location codes (nil when the SKU or serial is
    /// unknown). A default implementation composes the methods above; a store may answer it in
    /// one read, as SQLiteLedgerStore does for the API's hot unit-history path.
    func unitSnapshot(skuCode: String, serial: String) async throws -> UnitSnapshot?
    /// Events of an order, in order.
    func events(orderRef: String) async throws -> [LedgerEvent]
    /// Live events (neither voids nor voided) of a SKU, optionally only of some lots and types, in order.
    func liveEvents(skuID: Int64?, lotIDs: [Int64]?, types: [EventType]) async throws -> [LedgerEvent]
    /// Live return events, newest last, optionally since a time.
    func returnEvents(since: Timestamp?) async throws -> [LedgerEvent]
    /// Units of a SKU (all of given lots, or given ids) with, for shipped ones, their ship event,
    /// folded in parts: each part a run of consecutive units folded from `start()` through `add`,
    /// the parts answered in order. A store may fold parts side by side, each where it was read.
    func foldRecallUnits<Part: Sendable>(skuID: Int64, lotIDs: [Int64]?, unitIDs: [Int64]?,
                                         start: @escaping @Sendable () -> Part,
                                         add: @escaping @Sendable (inout Part, RecallUnit) -> Void) async throws -> [Part]
    /// Units that live ship events of an order took, with the lot they had then.
    func shippedUnits(orderRef: String) async throws -> [ShippedUnit]
    // MARK: Restock

    /// Units sold per SKU and day from `fromDay` on (shipments plus imported history), sparse:
    /// for each SKU with sales, its days with a non-zero quantity in day order.
    func dailySales(fromDay: Int, skuIDs: [Int64]?) async throws -> [Int64: [DailySale]]
    /// On-hand quantity per SKU in one bucket.
    func stockTotals(status: StockStatus) async throws -> [Int64: Int64]
    /// Imports sales history; a line whose (order, SKU) was imported before is skipped. Returns (inserted, skipped).
    func insertSales(_ sales: [SaleRecord]) async throws -> (inserted: Int, skipped: Int)
    /// Adds an inbound line; a duplicate (reference, SKU) is `.duplicate`.
    func insertInbound(_ inbound: Inbound) async throws -> Inbound
    /// Where the history starts of each SKU first received or sold (in imported history) on or after
    /// `day`: that first day. SKUs received or sold before `day`, and SKUs never received or sold, are
    /// left out (a plan whose window starts at `day` counts their whole window).
    func firstActivityDays(since day: Int) async throws -> [Int64: Int]
    /// Inbound lines with what has been received against them.
    func inbound() async throws -> [Inbound]

    // MARK: Authentication codes

    /// Stores new code hashes for units, revoking each unit's active code (reason `reissued`), in one transaction.
    func issueCodes(_ codes: [(unitID: Int64, hash: [UInt8])], at: Timestamp) async throws
    /// Units of a SKU that have no active code.
    func unitsWithoutActiveCode(skuID: Int64) async throws -> [Unit]
    /// The code stored under a hash, if any.
    func authCode(hash: [UInt8]) async throws -> AuthCodeRecord?
    /// The active code of a unit, if any.
    func activeAuthCode(unitID: Int64) async throws -> AuthCodeRecord?
    /// Logs one verification and returns the code's scan count and distinct places so far (including this one).
    func recordScan(codeID: Int64?, at: Timestamp, place: String?, verdict: String) async throws -> (scans: Int, places: Int)
    /// Every verification of a code, oldest first.
    func scans(codeID: Int64) async throws -> [AuthScan]
    /// Codes verified more than `maxScans` times or from more than `maxPlaces` places.
    func suspectedClones(maxScans: Int, maxPlaces: Int) async throws -> [(code: AuthCodeRecord, scans: Int, places: Int)]

    /// The highest sequence number, 0 when empty.
    func lastSeq() async throws -> Int64

    // MARK: API tokens (migration 002_api_token)
    //
    // Four small methods a store ports as plain SQL on table `api_token` (id, name, role,
    // token_hash UNIQUE, created_at ms, revoked_at ms). Only the SHA-256 of a secret is stored.

    /// Inserts a token record and returns it with its id; a duplicate hash is `.duplicate`.
    func insertToken(_ token: APIToken) async throws -> APIToken
    /// The token with this SHA-256 hash (revoked or not), nil when none.
    func token(hash: String) async throws -> APIToken?
    /// Every token, oldest first.
    func tokens() async throws -> [APIToken]
    /// Sets `revoked_at` of a token that is not revoked yet.
    func revokeToken(id: Int64, at: Timestamp) async throws

    // MARK: Web UI users (migration 007_web_user)
    //
    // Plain SQL on tables `web_user` (id, name UNIQUE, role, password_hash, created_at ms,
    // disabled_at ms) and `web_session_key` (one row: the cookie signing secret).

    /// Inserts a user and returns it with its id; a duplicate name is `.duplicate`.
    func insertUser(_ user: WebUser) async throws -> WebUser
    /// The user with this name (disabled or not), nil when none.
    func user(name: String) async throws -> WebUser?
    /// Every user, oldest first.
    func users() async throws -> [WebUser]
    /// Sets `disabled_at` of a user that is not disabled yet.
    func disableUser(id: Int64, at: Timestamp) async throws
    /// The stored session signing key; stores `candidate` first when there is none yet.
    func webSessionKey(orInsert candidate: WebSessionKey) async throws -> WebSessionKey

    // MARK: Check

    /// Streams the whole ledger in sequence order to `replay`, then returns it with the store's
    /// current projections, so the caller can compare the two.
    func replayLedger() async throws -> (replay: LedgerReplay, projection: Projection)
}

/// One stock cell with its codes.
public struct StockCell: Sendable, Hashable, Codable {
    public var key: StockKey
    public var quantity: Int64
    public var skuCode: String
    public var lotCode: String?
    public var locationCode: String
    public var expires: String?
    public var lotFirstSeq: Int64?

    /// Creates a cell.
    public init(key: StockKey, quantity: Int64, skuCode: String, lotCode: String?, locationCode: String,
                expires: String?, lotFirstSeq: Int64?) {
        self.key = key
        self.quantity = quantity
        self.skuCode = skuCode
        self.lotCode = lotCode
        self.locationCode = locationCode
        self.expires = expires
        self.lotFirstSeq = lotFirstSeq
    }
}

/// A unit found by a recall, with its ship facts when shipped.
public struct RecallUnit: Sendable, Hashable {
    public var unit: Unit
    public var shippedAt: Timestamp?
    public var customerRef: String?

    /// Creates a row.
    public init(unit: Unit, shippedAt: Timestamp?, customerRef: String?) {
        self.unit = unit
        self.shippedAt = shippedAt
        self.customerRef = customerRef
    }
}

/// A unit an order's shipment took.
public struct ShippedUnit: Sendable, Hashable {
    public var unit: Unit
    /// The lot it had when shipped.
    public var lotID: Int64?
    public var shipSeq: Int64

    /// Creates a row.
    public init(unit: Unit, lotID: Int64?, shipSeq: Int64) {
        self.unit = unit
        self.lotID = lotID
        self.shipSeq = shipSeq
    }
}

/// A stored authentication code (its hash, never the code).
public struct AuthCodeRecord: Sendable, Hashable {
    public var id: Int64
    public var unitID: Int64
    public var hash: [UInt8]
    public var issuedAt: Timestamp
    public var revokedAt: Timestamp?
    public var revokedReason: String?

    /// Creates a record.
    public init(id: Int64, unitID: Int64, hash: [UInt8], issuedAt: Timestamp, revokedAt: Timestamp?, revokedReason: String?) {
        self.id = id
        self.unitID = unitID
        self.hash = hash
        self.issuedAt = issuedAt
        self.revokedAt = revokedAt
        self.revokedReason = revokedReason
    }
}

/// One verification of a code.
public struct AuthScan: Sendable, Hashable, Codable {
    public var at: Timestamp
    public var place: String?
    public var verdict: String

    /// Creates a scan.
    public init(at: Timestamp, place: String?, verdict: String) {
        self.at = at
        self.place = place
        self.verdict = verdict
    }
}

/// One line of an order: what it shipped and got back of one SKU and lot.
public struct OrderLine: Sendable, Hashable, Codable {
    public var key: OrderKey
    public var quantities: OrderQuantities

    /// Creates a line.
    public init(key: OrderKey, quantities: OrderQuantities) {
        self.key = key
        self.quantities = quantities
    }
}

/// The stored projections, for `check`.
public struct Projection: Sendable {
    public var units: [Unit]
    public var stock: [StockKey: Int64]
    public var orders: [OrderKey: OrderQuantities]
    /// Daily sales as stored (shipments plus imported sales history).
    public var sales: [SaleKey: Int64]
    /// Imported sales history per SKU and day (not ledger events), so check can subtract it.
    public var importedSales: [SaleKey: Int64]

    /// Creates a projection snapshot.
    public init(units: [Unit], stock: [StockKey: Int64], orders: [OrderKey: OrderQuantities], sales: [SaleKey: Int64] = [:],
                importedSales: [SaleKey: Int64] = [:]) {
        self.units = units
        self.stock = stock
        self.orders = orders
        self.sales = sales
        self.importedSales = importedSales
    }
}

/// One imported line of sales history (before Tracestock, or from a marketplace report).
public struct SaleRecord: Sendable, Hashable, Codable {
    public var skuID: Int64
    public var day: Int
    public var quantity: Int64
    public var orderRef: String?

    /// Creates a record.
    public init(skuID: Int64, day: Int, quantity: Int64, orderRef: String?) {
        self.skuID = skuID
        self.day = day
        self.quantity = quantity
        self.orderRef = orderRef
    }
}

/// Stock on the way: a purchase order or shipment to us, received against by reference.
public struct Inbound: Sendable, Hashable, Codable {
    public var id: Int64
    public var skuID: Int64
    public var quantity: Int64
    /// Expected arrival (UTC day number).
    public var eta: Int
    public var reference: String
    /// Quantity received so far (live receive events of the SKU with this reference).
    public var received: Int64

    /// Creates an inbound line.
    public init(id: Int64 = 0, skuID: Int64, quantity: Int64, eta: Int, reference: String, received: Int64 = 0) {
        self.id = id
        self.skuID = skuID
        self.quantity = quantity
        self.eta = eta
        self.reference = reference
        self.received = received
    }

    /// What is still to come.
    public var open: Int64 { max(0, quantity - received) }
}

/// A stored idempotency key: which request it answered and which events that wrote.
public struct IdempotencyRecord: Sendable, Hashable, Codable {
    public var key: String
    public var requestHash: String
    public var seqs: [Int64]

    /// Creates a record.
    public init(key: String, requestHash: String, seqs: [Int64]) {
        self.key = key
        self.requestHash = requestHash
        self.seqs = seqs
    }
}
