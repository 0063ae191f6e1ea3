/// Rebuilds unit positions, stock and order lines from the ledger alone, as `tracestock check`
/// needs: the projections a store keeps must equal what this replay computes.
public struct LedgerReplay: Sendable {
    /// A unit as the replay sees it.
    public struct ReplayedUnit: Sendable, Hashable {
        public var position: UnitPosition
        public var lastSeq: Int64
        public var skuID: Int64
    }

    /// Replayed position and last touching event of every unit.
    public private(set) var units: [Int64: ReplayedUnit] = [:]
    /// Replayed stock and order lines.
    public private(set) var effects = LedgerEffects()
    /// Inconsistencies found inside the ledger itself (illegal transitions, wrong "before" records).
    public private(set) var problems: [String] = []

    private var listedUnits: [Int64: [EventUnit]] = [:]
    private var ranges: [Int64: ClosedRange<Int64>] = [:]
    private var replayed: [Int64: LedgerEvent] = [:]

    /// Creates an empty replay.
    public init() {}

    /// Applies one event. `eventUnits` are the units it lists in the store; a receive's range of new
    /// units (`unitFirst...unitLast`) is walked here.
    public mutating func apply(_ event: LedgerEvent, eventUnits: [EventUnit]) {
        switch event.type {
        case .void:
            applyVoid(event, eventUnits: eventUnits)
        case .register:
            replayed[event.seq] = event
            listedUnits[event.seq] = eventUnits
            for eu in eventUnits {
                if var current = units[eu.unitID] {
                    current.lastSeq = event.seq
                    units[eu.unitID] = current
                } else {
                    problems.append("event #\(event.seq): registers unit \(eu.unitID) that was never received")
                }
            }
        default:
            replayed[event.seq] = event
            effects.addSale(event)
            if let first = event.unitFirst, let last = event.unitLast {
                ranges[event.seq] = first...last
                for id in first...last {
                    step(event, unitID: id, claimed: .none, claimedIsNew: true)
                }
            }
            if !eventUnits.isEmpty {
                listedUnits[event.seq] = eventUnits
                for eu in eventUnits {
                    let claimed = UnitPosition(state: eu.prevState, locationID: eu.prevLocationID,
                                               orderRef: eu.prevOrderRef, lotID: eu.prevLotID)
                    step(event, unitID: eu.unitID, claimed: claimed, claimedIsNew: eu.prevState == nil)
                }
            }
            if event.unitFirst == nil && eventUnits.isEmpty {
                effects.addQuantityEvent(event)
            }
        }
    }

    private mutating func step(_ event: LedgerEvent, unitID: Int64, claimed: UnitPosition, claimedIsNew: Bool) {
        let current = units[unitID]
        let before = current?.position ?? .none
        if current != nil || !claimedIsNew, before != claimed {
            problems.append("event #\(event.seq): unit \(unitID) was recorded as \(claimed.state?.rawValue ?? "new") but the ledger had it \(before.state?.rawValue ?? "absent")")
        }
        guard let after = LedgerEffects.unitAfter(event.type, before: before, toLocationID: event.toLocationID,
                                                  orderRef: event.orderRef, lotID: event.lotID) else {
            problems.append("event #\(event.seq): \(event.type.rawValue) is illegal for unit \(unitID) in state \(before.state?.rawValue ?? "absent")")
            return
        }
        effects.addUnit(skuID: event.skuID, type: event.type, before: before, after: after)
        units[unitID] = ReplayedUnit(position: after, lastSeq: event.seq, skuID: event.skuID)
    }

    private mutating func applyVoid(_ event: LedgerEvent, eventUnits: [EventUnit]) {
        guard let targetSeq = event.voidsSeq, let target = replayed.removeValue(forKey: targetSeq) else {
            problems.append("event #\(event.seq): voids #\(event.voidsSeq.map(String.init) ?? "?"), which is not a live event")
            return
        }
        effects.addSale(target, sign: -1)
        var restores: [(Int64, UnitPosition?)] = []
        if let range = ranges[targetSeq] {
            for id in range { restores.append((id, nil)) }
        }
        for eu in listedUnits[targetSeq] ?? [] {
            restores.append((eu.unitID, UnitPosition(state: eu.prevState, locationID: eu.prevLocationID,
                                                     orderRef: eu.prevOrderRef, lotID: eu.prevLotID)))
        }
        if restores.isEmpty {
            effects.addQuantityEvent(target, sign: -1)
            return
        }
        for (id, prev) in restores {
            guard let current = units[id] else { continue }
            var restored = prev ?? .none
            if restored.state == nil || restored.state == .voided {
                restored = UnitPosition(state: .voided, locationID: nil, orderRef: current.position.orderRef, lotID: current.position.lotID)
            }
            effects.addUnit(skuID: current.skuID, type: target.type, before: restored, after: current.position, sign: -1)
            units[id] = ReplayedUnit(position: restored, lastSeq: event.seq, skuID: current.skuID)
        }
    }

    /// Drops zero cells so the result compares with a store's projection.
    public mutating func finish() { effects.compact() }
}
