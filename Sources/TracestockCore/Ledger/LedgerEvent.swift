/// One immutable ledger entry. Quantity events say which stock bucket they take from and put
/// into; unit events list their units separately (see `EventUnit`).
public struct LedgerEvent: Sendable, Hashable, Codable {
    /// Store-assigned, strictly increasing.
    public var seq: Int64
    public var type: EventType
    /// When it happened (may be in the past for imports).
    public var at: Timestamp
    /// When it was written.
    public var recordedAt: Timestamp
    public var skuID: Int64
    /// The lot of a quantity event, or the common lot of a unit event (nil when mixed or none).
    public var lotID: Int64?
    /// Units or quantity moved; signed for `adjust`.
    public var quantity: Int64
    public var fromLocationID: Int64?
    public var toLocationID: Int64?
    public var fromStatus: StockStatus?
    public var toStatus: StockStatus?
    public var orderRef: String?
    public var customerRef: String?
    public var actor: String?
    public var reason: String?
    /// For `void`: the event it cancels.
    public var voidsSeq: Int64?
    /// For returns: the verification verdict stored with it; for quarantines made by a recall: `recall`.
    public var verdict: String?
    /// For a return: the serials or quantity the customer's return claimed, as given (evidence for a claim).
    public var claimed: String?
    /// For a receive of new units: the contiguous range of unit ids it created.
    public var unitFirst: Int64?
    public var unitLast: Int64?

    /// Creates an event value.
    public init(
        seq: Int64 = 0, type: EventType, at: Timestamp, recordedAt: Timestamp, skuID: Int64, lotID: Int64? = nil,
        quantity: Int64, fromLocationID: Int64? = nil, toLocationID: Int64? = nil, fromStatus: StockStatus? = nil,
        toStatus: StockStatus? = nil, orderRef: String? = nil, customerRef: String? = nil, actor: String? = nil,
        reason: String? = nil, voidsSeq: Int64? = nil, verdict: String? = nil, claimed: String? = nil, unitFirst: Int64? = nil,
        unitLast: Int64? = nil
    ) {
        self.claimed = claimed
        self.seq = seq
        self.type = type
        self.at = at
        self.recordedAt = recordedAt
        self.skuID = skuID
        self.lotID = lotID
        self.quantity = quantity
        self.fromLocationID = fromLocationID
        self.toLocationID = toLocationID
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.orderRef = orderRef
        self.customerRef = customerRef
        self.actor = actor
        self.reason = reason
        self.voidsSeq = voidsSeq
        self.verdict = verdict
        self.unitFirst = unitFirst
        self.unitLast = unitLast
    }
}

/// A unit touched by an event, with what it was before (so voids and replays need no guessing).
public struct EventUnit: Sendable, Hashable, Codable {
    public var unitID: Int64
    /// State before the event; nil when the event created the unit.
    public var prevState: UnitState?
    public var prevLocationID: Int64?
    public var prevOrderRef: String?
    public var prevLotID: Int64?

    /// Creates an event-unit link.
    public init(unitID: Int64, prevState: UnitState?, prevLocationID: Int64?, prevOrderRef: String?, prevLotID: Int64? = nil) {
        self.unitID = unitID
        self.prevState = prevState
        self.prevLocationID = prevLocationID
        self.prevOrderRef = prevOrderRef
        self.prevLotID = prevLotID
    }
}
