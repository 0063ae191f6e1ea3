/// The kinds of ledger event. Every change to stock is one of these, appended, never edited.
public enum EventType: String, Sendable, Codable, CaseIterable {
    case receive, move, ship, `return`, restock, quarantine, release, adjust, dispose, void, register

    /// Whether the event changes units or quantities (as opposed to `void` and `register`).
    public var movesStock: Bool { self != .void && self != .register }
}
