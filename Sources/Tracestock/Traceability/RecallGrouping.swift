import TracestockCore

/// A recall's affected stock grouped by where it is now: state, location, order and lot.
///
/// Keyed by ids and enums, not codes (hashing text cost more than the rest of the grouping);
/// one hash per unit at most (`KeyNumbering`): the key's number is its group's index, and the
/// group is changed in place.
/// Groupings of consecutive parts of the units sort into the groups of the whole (`sorted(_:)`),
/// so a large recall is grouped a part per core, each part where the store read it.
struct RecallGrouping: Sendable {
    /// A group's state: a unit state, or `adjusted` for counted corrections.
    enum State: Hashable, Sendable {
        case unit(UnitState)
        case adjusted

        var name: String {
            switch self {
            case .unit(let state): state.rawValue
            case .adjusted: "adjusted"
            }
        }
    }

    struct Key: Hashable, Sendable {
        var state: State
        var location: Int64?
        var order: String?
        var lot: Int64?
    }

    let locations: [Int64: String]
    let lotCodes: [Int64: String]
    /// The groups' keys, at the groups' indexes.
    private var numbering = KeyNumbering<Key>()
    private var groups: [RecallReport.Group] = []
    /// Each group's earliest ship, written out once as a date by `sorted(_:)`.
    private var firstShipped: [Timestamp?] = []
    /// Live units or quantities received of what the recall covers.
    var received: Int64 = 0

    init(locations: [Int64: String], lotCodes: [Int64: String]) {
        self.locations = locations
        self.lotCodes = lotCodes
    }

    /// Adds a serialized unit to its group (a voided one is left out).
    mutating func add(_ row: RecallUnit) {
        let unit = row.unit
        guard unit.state != .voided else { return }
        received += 1
        add(Key(state: .unit(unit.state), location: unit.state.isOnHand ? unit.locationID : nil,
                order: unit.state == .shipped ? unit.orderRef : nil, lot: unit.lotID),
            quantity: 1, serial: unit.serial, shippedAt: row.shippedAt, customer: row.customerRef)
    }

    mutating func add(_ key: Key, quantity: Int64, serial: String? = nil, shippedAt: Timestamp? = nil, customer: String? = nil) {
        let (i, isNew) = numbering.number(of: key)
        if isNew {
            groups.append(RecallReport.Group(state: key.state.name, location: key.location.flatMap { locations[$0] }, order: key.order,
                                             shippedAt: nil, customer: customer, lot: key.lot.flatMap { lotCodes[$0] },
                                             quantity: 0, serials: []))
            firstShipped.append(nil)
        }
        groups[i].quantity += quantity
        if let serial { groups[i].serials.append(serial) }
        if let shippedAt, firstShipped[i].map({ shippedAt < $0 }) ?? true { firstShipped[i] = shippedAt }
    }

    /// The groups of `parts` (groupings of consecutive runs of units; one grouping is one part)
    /// sorted by (state, location, order, lot) as text, each with its first ship date, as one
    /// grouping of all the units would be: a key found in several parts is one group, with the
    /// quantities added, the serials in part order, the first part's customer and the earliest ship.
    /// The groups of every part are sorted together (by key, then part), so a key's groups end up
    /// side by side and are joined there, without a second hash of every key.
    /// The few distinct states, locations and lots are ranked once by name, so most comparisons
    /// are of integers and only orders are compared as text; the groups are moved once, into place.
    static func sorted(_ parts: [RecallGrouping]) -> [RecallReport.Group] {
        guard let first = parts.first else { return [] }
        let keys = parts.lazy.flatMap(\.numbering.keys)
        func ranks<ID: Hashable>(_ ids: Set<ID>, name: (ID) -> String) -> [ID: Int] {
            Dictionary(uniqueKeysWithValues: ids.map { ($0, name($0)) }.sorted { $0.1 < $1.1 }.enumerated().map { ($1.0, $0) })
        }
        let stateRanks = ranks(Set(keys.map(\.state)), name: \.name)
        let locationRanks = ranks(Set(keys.compactMap(\.location))) { first.locations[$0] ?? "" }
        let lotRanks = ranks(Set(keys.compactMap(\.lot))) { first.lotCodes[$0] ?? "" }
        typealias SortKey = (state: Int, location: Int, order: String, lot: Int, part: Int, index: Int)
        var sortKeys: [SortKey] = []
        sortKeys.reserveCapacity(parts.reduce(0) { $0 + $1.groups.count })
        for (part, grouping) in parts.enumerated() {
            for (i, key) in grouping.numbering.keys.enumerated() {
                // No location or lot sorts first, as the empty text did.
                sortKeys.append((state: stateRanks[key.state] ?? 0, location: key.location.flatMap { locationRanks[$0] } ?? -1,
                                 order: key.order ?? "", lot: key.lot.flatMap { lotRanks[$0] } ?? -1, part: part, index: i))
            }
        }
        func sameGroup(_ a: SortKey, _ b: SortKey) -> Bool {
            a.state == b.state && a.location == b.location && a.lot == b.lot && a.order == b.order
        }
        sortKeys.sort { a, b in
            if a.state != b.state { return a.state < b.state }
            if a.location != b.location { return a.location < b.location }
            if a.order != b.order { return a.order < b.order }
            if a.lot != b.lot { return a.lot < b.lot }
            return a.part < b.part
        }
        var sorted: [RecallReport.Group] = []
        sorted.reserveCapacity(sortKeys.count)
        var firstShipped: Timestamp?
        for (n, key) in sortKeys.enumerated() {
            let group = parts[key.part].groups[key.index]
            let shipped = parts[key.part].firstShipped[key.index]
            if n > 0, sameGroup(sortKeys[n - 1], key) {
                sorted[sorted.count - 1].quantity += group.quantity
                sorted[sorted.count - 1].serials.append(contentsOf: group.serials)
                if let shipped, firstShipped.map({ shipped < $0 }) ?? true { firstShipped = shipped }
            } else {
                if !sorted.isEmpty { sorted[sorted.count - 1].shippedAt = firstShipped?.isoDate }
                sorted.append(group)
                firstShipped = shipped
            }
        }
        if !sorted.isEmpty { sorted[sorted.count - 1].shippedAt = firstShipped?.isoDate }
        return sorted
    }

    /// The lots of the groups.
    var lots: Set<Int64> { Set(numbering.keys.lazy.compactMap(\.lot)) }
}
