/// Chooses which lots a quantity is taken from: FEFO (earliest expiry first, lots without an
/// expiry last), then FIFO (the lot received first), then lot code for a stable order.
public enum LotPicker {
    /// A lot with some quantity available at one place.
    public struct Candidate: Sendable, Hashable {
        public var lotID: Int64?
        public var lotCode: String?
        public var expires: String?
        public var firstSeq: Int64
        public var available: Int64

        /// Creates a candidate.
        public init(lotID: Int64?, lotCode: String?, expires: String?, firstSeq: Int64, available: Int64) {
            self.lotID = lotID
            self.lotCode = lotCode
            self.expires = expires
            self.firstSeq = firstSeq
            self.available = available
        }
    }

    /// Sorts candidates into picking order.
    public static func order(_ candidates: [Candidate]) -> [Candidate] {
        candidates.sorted { a, b in
            switch (a.expires, b.expires) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.firstSeq != b.firstSeq { return a.firstSeq < b.firstSeq }
            return (a.lotCode ?? "") < (b.lotCode ?? "")
        }
    }

    /// Takes `quantity` from the candidates in picking order; nil when they hold too little.
    public static func pick(_ quantity: Int64, from candidates: [Candidate]) -> [(candidate: Candidate, quantity: Int64)]? {
        var left = quantity
        var picks: [(candidate: Candidate, quantity: Int64)] = []
        for c in order(candidates) where left > 0 && c.available > 0 {
            let take = min(left, c.available)
            picks.append((c, take))
            left -= take
        }
        return left == 0 ? picks : nil
    }
}
