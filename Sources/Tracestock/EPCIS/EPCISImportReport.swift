import TracestockCore

/// What an EPCIS import did with each event of the document.
public struct EPCISImportReport: Sendable, Encodable, Equatable {
    /// The fate of one event.
    public enum Status: String, Sendable, Encodable {
        /// Recorded as receipts (ledger events `seqs`).
        case recorded
        /// Imported before (same eventID, same content): nothing written.
        case alreadyImported
        /// Not a receipt to us (reason says why): nothing written.
        case ignored
    }

    /// One event's outcome.
    public struct Outcome: Sendable, Encodable, Equatable {
        public var index: Int
        public var eventID: String?
        public var status: Status
        public var reason: String?
        /// Ledger events written (or, when already imported, written back then).
        public var seqs: [Int64]
        /// Units or quantity received.
        public var quantity: Int64
    }

    public var events: [Outcome]
    /// Ledger events written by this import.
    public var seqs: [Int64]
    /// Units and quantities received by this import.
    public var quantity: Int64
}

/// What an import is told besides the document.
public struct EPCISImportOptions: Sendable, Equatable {
    /// Where receipts that name none of our locations are recorded (`--at`): a shipping event
    /// without a destination, a receiving event without a business location.
    public var location: String?
    public var actor: String?

    /// Creates options.
    public init(location: String? = nil, actor: String? = nil) {
        self.location = location
        self.actor = actor
    }
}
