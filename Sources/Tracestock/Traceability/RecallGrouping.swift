import TracestockCore

/// A recall's affected stock grouped by where it is now: state, location, order and lot.
///
/// Keyed by ids and enums, not codes (hashing text cost more than the rest of the grouping);
/// one hash per unit at most (`KeyNumbering`): the key's number is its group's index, and the
/// group is changed in place.
/// Two groupings of consecutive parts of the units merge into the grouping of the whole, so a
/// large recall is grouped a part per core.
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
    /// Each group's earliest ship, written out once as a date by `sorted()`.
    private var firstShipped: [Timestamp?] = []
    /// Live units or quantities received of what the recall covers.
    var received: Int64 = 0

    init(locations: [Int64: String], lotCodes: [Int64: String]) {
        self.locations = locations
        self.lotCodes = lotCodes
    }

    /// Groups serialized units (voided ones are left out).
    init(units: some Collection<RecallUnit>, locations: [Int64: String], lotCodes: [Int64: String]) {
        self.init(locations: locations, lotCodes: lotCodes)
        // At most one group per unit; shipped units are often a group each (one per order).
        numbering = KeyNumbering(capacity: units.count)
        for row in units where row.unit.state != .voided {
            let unit = row.unit
            received += 1
            add(Key(state: .unit(unit.state), location: unit.state.isOnHand ? unit.locationID : nil,
                    order: unit.state == .shipped ? unit.orderRef : nil, lot: unit.lotID),
                quantity: 1, serial: unit.serial, shippedAt: row.shippedAt, customer: row.customerRef)
        }
    }

    /// Groups `units` a part per core (parts of consecutive units, merged in order: each group's
    /// serials stay in the order of `units`).
    static func grouping(_ units: [RecallUnit], locations: [Int64: String], lotCodes: [Int64: String],
                         parts: Int) async -> RecallGrouping {
        guard parts > 1 else { return RecallGrouping(units: units, locations: locations, lotCodes: lotCodes) }
        let grouped = await withTaskGroup(of: (Int, RecallGrouping).self) { tasks in
            for part in 0..<parts {
                let slice = units[units.count * part / parts..<units.count * (part + 1) / parts]
                tasks.addTask { (part, RecallGrouping(units: slice, locations: locations, lotCodes: lotCodes)) }
            }
            var byPart = [RecallGrouping?](repeating: nil, count: parts)
            for await (part, grouping) in tasks { byPart[part] = grouping }
            return byPart.compactMap { $0 }
        }
        var whole = grouped[0]
        for part in grouped.dropFirst() { whole.merge(part) }
        return whole
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

    /// Adds the groups of what came after this grouping's units: a group found in both keeps
    /// this one's customer and serials first.
    mutating func merge(_ other: RecallGrouping) {
        received += other.received
        for (j, key) in other.numbering.keys.enumerated() {
            let theirs = other.groups[j]
            let (i, isNew) = numbering.number(of: key)
            if isNew {
                groups.append(theirs)
                firstShipped.append(other.firstShipped[j])
                continue
            }
            groups[i].quantity += theirs.quantity
            groups[i].serials.append(contentsOf: theirs.serials)
            if let shipped = other.firstShipped[j], firstShipped[i].map({ shipped < $0 }) ?? true { firstShipped[i] = shipped }
        }
    }

    /// The groups sorted by (state, location, order, lot) as text, each with its first ship date.
    /// The few distinct states, locations and lots are ranked once by name, so most comparisons
    /// are of integers and only orders are compared as text; the groups are moved once, into place.
    func sorted() -> [RecallReport.Group] {
        let keys = numbering.keys
        func ranks<ID: Hashable>(_ ids: Set<ID>, name: (ID) -> String) -> [ID: Int] {
            Dictionary(uniqueKeysWithValues: ids.map { ($0, name($0)) }.sorted { $0.1 < $1.1 }.enumerated().map { ($1.0, $0) })
        }
        let stateRanks = ranks(Set(keys.lazy.map(\.state)), name: \.name)
        let locationRanks = ranks(Set(keys.lazy.compactMap(\.location))) { locations[$0] ?? "" }
        let lotRanks = ranks(Set(keys.lazy.compactMap(\.lot))) { lotCodes[$0] ?? "" }
        var sortKeys = keys.indices.map { i in
            // No location or lot sorts first, as the empty text did.
            (state: stateRanks[keys[i].state] ?? 0, location: keys[i].location.flatMap { locationRanks[$0] } ?? -1,
             order: keys[i].order ?? "", lot: keys[i].lot.flatMap { lotRanks[$0] } ?? -1, index: i)
        }
        sortKeys.sort { a, b in
            if a.state != b.state { return a.state < b.state }
            if a.location != b.location { return a.location < b.location }
            if a.order != b.order { return a.order < b.order }
            return a.lot < b.lot
        }
        return sortKeys.map { key in
            var group = groups[key.index]
            group.shippedAt = firstShipped[key.index]?.isoDate
            return group
        }
    }

    /// The lots of the groups.
    var lots: Set<Int64> { Set(numbering.keys.lazy.compactMap(\.lot)) }
}
