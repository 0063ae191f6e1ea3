import TracestockCore

/// Every row a store holds, as plain values with their ids and sequence numbers, in a canonical
/// order: what `tracestock copy` moves from one store to another, and compares afterwards.
public struct LedgerDump: Sendable, Equatable {
    /// A stock row as stored (zero quantities included).
    public struct StockRow: Sendable, Hashable {
        public var key: StockKey
        public var quantity: Int64

        /// Creates a row.
        public init(key: StockKey, quantity: Int64) {
            self.key = key
            self.quantity = quantity
        }
    }

    /// An `event_unit` link: a unit an event listed, with what it was before.
    public struct EventUnitRow: Sendable, Hashable {
        public var eventSeq: Int64
        public var unit: EventUnit

        /// Creates a link.
        public init(eventSeq: Int64, unit: EventUnit) {
            self.eventSeq = eventSeq
            self.unit = unit
        }
    }

    /// A stored idempotency key with the time it was recorded.
    public struct IdempotencyRow: Sendable, Hashable {
        public var record: IdempotencyRecord
        public var createdAt: Int64

        /// Creates a row.
        public init(record: IdempotencyRecord, createdAt: Int64) {
            self.record = record
            self.createdAt = createdAt
        }
    }

    /// A `daily_sales` cell: units sold of a SKU on a day (shipments plus imported history).
    public struct DailySalesRow: Sendable, Hashable {
        public var key: SaleKey
        public var quantity: Int64

        /// Creates a row.
        public init(key: SaleKey, quantity: Int64) {
            self.key = key
            self.quantity = quantity
        }
    }

    /// An imported line of sales history with its id.
    public struct SaleRow: Sendable, Hashable {
        public var id: Int64
        public var sale: SaleRecord

        /// Creates a row.
        public init(id: Int64, sale: SaleRecord) {
            self.id = id
            self.sale = sale
        }
    }

    /// An inbound line as stored (`received` is derived from events, so always 0 here).
    public struct InboundRow: Sendable, Hashable {
        public var inbound: Inbound
        public var createdAt: Int64

        /// Creates a row.
        public init(inbound: Inbound, createdAt: Int64) {
            self.inbound = inbound
            self.createdAt = createdAt
        }
    }

    /// One verification of an authentication code (`codeID` nil for a code that matched nothing).
    public struct AuthScanRow: Sendable, Hashable {
        public var id: Int64
        public var codeID: Int64?
        public var scan: AuthScan

        /// Creates a row.
        public init(id: Int64, codeID: Int64?, scan: AuthScan) {
            self.id = id
            self.codeID = codeID
            self.scan = scan
        }
    }

    public var locations: [Location]
    public var skus: [SKU]
    public var lots: [Lot]
    public var events: [LedgerEvent]
    public var eventUnits: [EventUnitRow]
    public var units: [Unit]
    public var stock: [StockRow]
    public var orderLines: [OrderLine]
    public var idempotency: [IdempotencyRow]
    public var dailySales: [DailySalesRow]
    public var sales: [SaleRow]
    public var inbound: [InboundRow]
    public var authCodes: [AuthCodeRecord]
    public var authScans: [AuthScanRow]
    public var apiTokens: [APIToken]
    /// Web UI users (with their password hashes, so they can still sign in after a copy).
    public var webUsers: [WebUser]
    /// The web session signing key, if one was generated (sessions survive a copy).
    public var webSessionKey: WebSessionKey?

    /// Creates a dump and puts every table in canonical order (by id, sequence number or key).
    public init(locations: [Location], skus: [SKU], lots: [Lot], events: [LedgerEvent], eventUnits: [EventUnitRow], units: [Unit],
                stock: [StockRow], orderLines: [OrderLine], idempotency: [IdempotencyRow], dailySales: [DailySalesRow] = [],
                sales: [SaleRow] = [], inbound: [InboundRow] = [], authCodes: [AuthCodeRecord] = [], authScans: [AuthScanRow] = [],
                apiTokens: [APIToken] = [], webUsers: [WebUser] = [], webSessionKey: WebSessionKey? = nil) {
        self.locations = locations.sorted { $0.id < $1.id }
        self.skus = skus.sorted { $0.id < $1.id }
        self.lots = lots.sorted { $0.id < $1.id }
        self.events = events.sorted { $0.seq < $1.seq }
        self.eventUnits = eventUnits.sorted { ($0.eventSeq, $0.unit.unitID) < ($1.eventSeq, $1.unit.unitID) }
        self.units = units.sorted { $0.id < $1.id }
        self.stock = stock.sorted {
            ($0.key.skuID, $0.key.lotID ?? 0, $0.key.locationID, $0.key.status.rawValue) < ($1.key.skuID, $1.key.lotID ?? 0, $1.key.locationID, $1.key.status.rawValue)
        }
        self.orderLines = orderLines.sorted { a, b in
            if a.key.orderRef != b.key.orderRef { return a.key.orderRef.utf8.lexicographicallyPrecedes(b.key.orderRef.utf8) }
            return (a.key.skuID, a.key.lotID ?? 0) < (b.key.skuID, b.key.lotID ?? 0)
        }
        self.idempotency = idempotency.sorted { $0.record.key.utf8.lexicographicallyPrecedes($1.record.key.utf8) }
        self.dailySales = dailySales.sorted { ($0.key.skuID, $0.key.day) < ($1.key.skuID, $1.key.day) }
        self.sales = sales.sorted { $0.id < $1.id }
        self.inbound = inbound.sorted { $0.inbound.id < $1.inbound.id }
        self.authCodes = authCodes.sorted { $0.id < $1.id }
        self.authScans = authScans.sorted { $0.id < $1.id }
        self.apiTokens = apiTokens.sorted { $0.id < $1.id }
        self.webUsers = webUsers.sorted { $0.id < $1.id }
        self.webSessionKey = webSessionKey
    }

    /// Row counts per table, for messages.
    public var summary: String {
        "\(locations.count) locations, \(skus.count) SKUs, \(lots.count) lots, \(events.count) events, \(eventUnits.count) event-unit links, "
            + "\(units.count) units, \(stock.count) stock cells, \(orderLines.count) order lines, \(idempotency.count) idempotency keys, "
            + "\(dailySales.count) daily sales, \(sales.count) imported sales, \(inbound.count) inbound lines, "
            + "\(authCodes.count) authentication codes, \(authScans.count) code scans, \(apiTokens.count) API tokens, "
            + "\(webUsers.count) web users"
    }

    /// Whether the dump holds nothing at all.
    public var isEmpty: Bool {
        locations.isEmpty && skus.isEmpty && lots.isEmpty && events.isEmpty && units.isEmpty && sales.isEmpty && inbound.isEmpty
            && apiTokens.isEmpty && webUsers.isEmpty
    }
}

/// A store that can hand over all of its rows (`tracestock copy` reads the source through it).
public protocol LedgerDumping: Sendable {
    /// Every row, read in one consistent snapshot.
    func dump() async throws -> LedgerDump
}

/// A store that can take over a whole ledger, ids and sequence numbers included.
public protocol LedgerLoading: Sendable {
    /// Writes every row of `dump` in one transaction; refuses a store that is not empty.
    func load(_ dump: LedgerDump) async throws
}
