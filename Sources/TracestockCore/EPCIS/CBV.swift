/// The EPCIS 2.0 `action` of an ObjectEvent.
public enum EPCISAction: String, Sendable, CaseIterable {
    case observe = "OBSERVE"
    case add = "ADD"
    case delete = "DELETE"
}

/// Core Business Vocabulary 2.0 business steps (the bare names the EPCIS 2.0 JSON schema lists).
public enum CBVBizStep: String, Sendable, CaseIterable, CBVVocabulary {
    public static let urnPrefix = "urn:epcglobal:cbv:bizstep:"
    public static let webPrefix = "BizStep-"

    case accepting, arriving, assembling, collecting, commissioning, consigning
    case creatingClassInstance = "creating_class_instance"
    case cycleCounting = "cycle_counting"
    case decommissioning, departing, destroying, disassembling, dispensing, encoding
    case enteringExiting = "entering_exiting"
    case holding, inspecting, installing, killing, loading, other, packing, picking, receiving, removing, repackaging
    case repairing, replacing, reserving
    case retailSelling = "retail_selling"
    case shipping
    case stagingOutbound = "staging_outbound"
    case stockTaking = "stock_taking"
    case stocking, storing, transporting, unloading, unpacking
    case voidShipping = "void_shipping"
    case sensorReporting = "sensor_reporting"
    case sampling
}

/// Core Business Vocabulary 2.0 dispositions (the bare names the EPCIS 2.0 JSON schema lists).
public enum CBVDisposition: String, Sendable, CaseIterable, CBVVocabulary {
    public static let urnPrefix = "urn:epcglobal:cbv:disp:"
    public static let webPrefix = "Disp-"

    case active
    case containerClosed = "container_closed"
    case damaged, destroyed, dispensed, disposed, encoded, expired
    case inProgress = "in_progress"
    case inTransit = "in_transit"
    case inactive
    case noPedigreeMatch = "no_pedigree_match"
    case nonSellableOther = "non_sellable_other"
    case partiallyDispensed = "partially_dispensed"
    case recalled, reserved
    case retailSold = "retail_sold"
    case returned
    case sellableAccessible = "sellable_accessible"
    case sellableNotAccessible = "sellable_not_accessible"
    case stolen, unknown, available
    case completenessVerified = "completeness_verified"
    case completenessInferred = "completeness_inferred"
    case conformant
    case containerOpen = "container_open"
    case mismatchInstance = "mismatch_instance"
    case mismatchClass = "mismatch_class"
    case mismatchQuantity = "mismatch_quantity"
    case needsReplacement = "needs_replacement"
    case nonConformant = "non_conformant"
    case unavailable
}

/// CBV 2.0 business transaction types used by Tracestock.
public enum CBVBizTransactionType: String, Sendable, CaseIterable, CBVVocabulary {
    public static let urnPrefix = "urn:epcglobal:cbv:btt:"
    public static let webPrefix = "BTT-"

    case bol, cert, desadv, inv, pedigree, po, poc, prodorder, recadv, rma, testprd, testres, upevt
}

/// CBV 2.0 source/destination types.
public enum CBVSourceDestType: String, Sendable, CaseIterable, CBVVocabulary {
    public static let urnPrefix = "urn:epcglobal:cbv:sdt:"
    public static let webPrefix = "SDT-"

    case owningParty = "owning_party"
    case possessingParty = "possessing_party"
    case location
}

/// CBV 2.0 error-declaration reasons.
public enum CBVErrorReason: String, Sendable, CaseIterable {
    case didNotOccur = "did_not_occur"
    case incorrectData = "incorrect_data"
}

/// A CBV vocabulary: its bare names, URN prefix and GS1 Web URI prefix.
public protocol CBVVocabulary: RawRepresentable where RawValue == String {
    /// `urn:epcglobal:cbv:…:` before a bare name.
    static var urnPrefix: String { get }
    /// `BizStep-`, `Disp-`, … after `https://ref.gs1.org/cbv/`.
    static var webPrefix: String { get }
}

extension CBVVocabulary {
    /// Reads a bare name or its URN and GS1 Web URI forms; nil for anything else (a private URI).
    public init?(cbv text: String) {
        guard let name = CBVNames.bare(text, urnPrefix: Self.urnPrefix, webPrefix: Self.webPrefix) else { return nil }
        self.init(rawValue: name)
    }
}

enum CBVNames {
    /// The bare CBV name of `text` in bare, URN or GS1 Web URI form (`https://ref.gs1.org/cbv/…` or `https://gs1.org/voc/…`).
    static func bare(_ text: String, urnPrefix: String, webPrefix: String) -> String? {
        if text.hasPrefix(urnPrefix) { return String(text.dropFirst(urnPrefix.count)) }
        for base in ["https://ref.gs1.org/cbv/", "https://gs1.org/voc/", "http://ns.gs1.org/cbv/", "https://ns.gs1.org/cbv/"] {
            if text.hasPrefix(base + webPrefix) { return String(text.dropFirst(base.count + webPrefix.count)) }
        }
        if text.contains(":") { return nil }
        return text
    }
}
