/// The unit state machine (DESIGN §2): the only legal transitions of a serialized unit.
///
/// ```
/// (none) --receive--> in_stock --move--> in_stock
/// in_stock --ship(order)--> shipped --return(order)--> returned
/// returned --restock--> in_stock        returned --dispose--> disposed
/// in_stock --quarantine--> quarantined --release--> in_stock
/// quarantined --dispose--> disposed     in_stock --dispose--> disposed
/// ```
/// A unit whose receipt was voided may be received again.
public enum UnitTransition {
    /// The state a unit moves to when `event` is applied in `state` (nil: the unit does not exist),
    /// or nil when the transition is illegal. `void` and `register` are not transitions.
    public static func next(from state: UnitState?, on event: EventType) -> UnitState? {
        switch (state, event) {
        case (nil, .receive), (.voided?, .receive): .inStock
        case (.inStock?, .move): .inStock
        case (.inStock?, .ship): .shipped
        case (.shipped?, .return): .returned
        case (.returned?, .restock): .inStock
        case (.returned?, .dispose), (.quarantined?, .dispose), (.inStock?, .dispose): .disposed
        case (.inStock?, .quarantine): .quarantined
        case (.quarantined?, .release): .inStock
        default: nil
        }
    }

    /// The states from which `event` is legal, for error messages.
    public static func legalSources(of event: EventType) -> [UnitState?] {
        ([nil] + UnitState.allCases.map { Optional($0) }).filter { next(from: $0, on: event) != nil }
    }

    /// A sentence saying which states `event` needs, e.g. "ship needs a unit in_stock".
    public static func requirement(of event: EventType) -> String {
        let names = legalSources(of: event).map { $0?.rawValue ?? "not yet received" }
        return "\(event.rawValue) needs a unit that is \(names.joined(separator: " or "))"
    }
}
