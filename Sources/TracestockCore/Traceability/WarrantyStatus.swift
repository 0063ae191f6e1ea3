/// Where a unit stands with its warranty.
public enum WarrantyStatus: String, Sendable, Codable, CaseIterable {
    case inWarranty, expired, notSold, returned, disposed
}

/// Warranty arithmetic: start from the ship date, or the registration date when the SKU says so.
public enum WarrantyTerms {
    /// The status, start, end and days left of a unit's warranty on `today`.
    public static func evaluate(state: UnitState, shipped: Day?, registered: Day?, startsAtRegistration: Bool,
                                warrantyDays: Int, today: Day) -> (status: WarrantyStatus, start: Day?, end: Day?, daysLeft: Int?) {
        let start = (startsAtRegistration ? registered : nil) ?? shipped
        let end = start.map { $0 + warrantyDays }
        switch state {
        case .disposed, .voided: return (.disposed, start, end, nil)
        case .returned: return (.returned, start, end, nil)
        case .inStock, .quarantined: return (.notSold, nil, nil, nil)
        case .shipped:
            guard let end else { return (.notSold, nil, nil, nil) }
            let left = end - today
            return left >= 0 ? (.inWarranty, start, end, left) : (.expired, start, end, 0)
        }
    }
}
