/// What one kind of ledger event means in EPCIS: an ObjectEvent's action, CBV business step and
/// disposition. The table is in README "EPCIS"; only CBV 2.0 vocabulary is used.
public struct EPCISEventMapping: Sendable, Hashable {
    public var action: EPCISAction
    public var bizStep: CBVBizStep
    public var disposition: CBVDisposition

    /// Creates a mapping.
    public init(_ action: EPCISAction, _ bizStep: CBVBizStep, _ disposition: CBVDisposition) {
        self.action = action
        self.bizStep = bizStep
        self.disposition = disposition
    }

    /// The mapping of a ledger event, or nil when it is not exported: `void` (exported as an
    /// error declaration of the event it cancels), `register` (a warranty registration moves no
    /// stock) and a return claim that moved nothing (quantity 0).
    /// - Parameters:
    ///   - verdict: the event's stored verdict (`recall` marks a quarantine made by a recall).
    public static func of(_ type: EventType, quantity: Int64, verdict: String?) -> EPCISEventMapping? {
        switch type {
        case .receive: EPCISEventMapping(.add, .receiving, .inProgress)
        case .move: EPCISEventMapping(.observe, .arriving, .inProgress)
        case .ship: EPCISEventMapping(.observe, .shipping, .inTransit)
        case .return: quantity == 0 ? nil : EPCISEventMapping(.observe, .receiving, .returned)
        case .restock: EPCISEventMapping(.observe, .stocking, .sellableAccessible)
        case .quarantine: EPCISEventMapping(.observe, .holding, verdict == "recall" ? .recalled : .nonSellableOther)
        case .release: EPCISEventMapping(.observe, .inspecting, .sellableAccessible)
        case .dispose: EPCISEventMapping(.delete, .destroying, .destroyed)
        case .adjust: quantity >= 0 ? EPCISEventMapping(.add, .cycleCounting, .inProgress) : EPCISEventMapping(.delete, .cycleCounting, .unknown)
        case .void, .register: nil
        }
    }
}
