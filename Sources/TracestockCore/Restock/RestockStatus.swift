/// The verdict for one SKU. Exactly one applies, checked in this order: `noSales`, `reorderNow`,
/// `overstock`, `ok`.
public enum RestockStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Sellable plus inbound is at or below the reorder point: order now.
    case reorderNow
    /// Stock is between the reorder point and the overstock threshold.
    case ok
    /// Days of cover are above the policy's `overstockDays`.
    case overstock
    /// Nothing (net) shipped in the demand window, so no demand can be estimated; stock is still
    /// reported.
    case noSales
}
