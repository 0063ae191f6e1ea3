/// A place where stock sits: a warehouse, an Amazon fulfilment centre, a store, a quarantine cage.
public struct Location: Sendable, Hashable, Codable {
    /// What kind of place it is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case warehouse, fba, store, quarantine, transit, other
    }

    public var id: Int64
    /// Short unique code, e.g. `WH-MAIN`.
    public var code: String
    public var kind: Kind
    public var name: String?
    /// Whether quantities here may go below zero (Amazon reports shipments before receipts).
    public var allowNegative: Bool
    /// The location's SGLN EPC URI (`urn:epc:id:sgln:…`), used in EPCIS documents.
    public var sgln: String?

    /// Creates a location value.
    public init(id: Int64 = 0, code: String, kind: Kind, name: String? = nil, allowNegative: Bool = false, sgln: String? = nil) {
        self.sgln = sgln
        self.id = id
        self.code = code
        self.kind = kind
        self.name = name
        self.allowNegative = allowNegative
    }
}
