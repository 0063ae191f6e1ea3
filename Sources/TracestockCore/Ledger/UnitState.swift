/// The state of one serialized unit. `voided` is the state of a unit whose receipt was voided:
/// it no longer counts as ours, but its history is kept and its serial may be received again.
public enum UnitState: String, Sendable, Codable, CaseIterable {
    case inStock = "in_stock"
    case shipped
    case returned
    case quarantined
    case disposed
    case voided

    /// The stock bucket a unit in this state counts in, or nil when it is not on hand.
    public var stockStatus: StockStatus? {
        switch self {
        case .inStock: .sellable
        case .quarantined: .quarantined
        case .returned: .returned
        case .shipped, .disposed, .voided: nil
        }
    }

    /// Whether the unit is physically at one of our locations.
    public var isOnHand: Bool { stockStatus != nil }
}
