/// How finely a SKU is tracked: every unit by serial, quantities by lot, or quantities only.
public enum TrackingLevel: String, Sendable, Codable, CaseIterable {
    case serial
    case lot
    case none

    /// Whether quantities of this SKU carry a lot (serial units carry one optionally).
    public var requiresLot: Bool { self == .lot }
}
