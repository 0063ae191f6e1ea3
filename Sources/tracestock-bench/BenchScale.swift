/// The sizes of every scenario. Scale 1 is the sizes: 1,000,000 units received,
/// a 10,000,000-unit store for lookups, 10,000 single-unit ships, 20,000 lookups of each kind.
/// Smaller scales shrink everything (with floors so a smoke run still measures something).
struct BenchScale: Sendable {
    let factor: Double

    private func scaled(_ base: Double, floor: Int) -> Int { max(floor, Int((base * factor).rounded())) }

    /// Units received by the `receive` scenario (10 SKUs × 10 lots).
    var receiveUnits: Int { scaled(1_000_000, floor: 1_000) / 100 * 100 }
    /// Units in the store the lookups and the recall run against; lots of 10,000 units.
    var lookupStoreUnits: Int { scaled(10_000_000, floor: 20_000) / LookupStore.unitsPerLot * LookupStore.unitsPerLot }
    /// Lookups per measured operation kind.
    var lookups: Int { scaled(20_000, floor: 200) }
    /// Single-unit ship transactions.
    var ships: Int { scaled(10_000, floor: 200) }
}
