/// The bucket an on-hand quantity sits in at a location: sellable, held in quarantine, or
/// returned and waiting to be restocked or disposed.
public enum StockStatus: String, Sendable, Codable, CaseIterable {
    case sellable
    case quarantined
    case returned

    /// The unit state that corresponds to this bucket.
    public var unitState: UnitState {
        switch self {
        case .sellable: .inStock
        case .quarantined: .quarantined
        case .returned: .returned
        }
    }
}
