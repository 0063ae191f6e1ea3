/// One inventory-age bucket: a closed range of ages in days, or an open-ended one.
public struct AgeBucket: Sendable, Equatable, Hashable, Codable {
    /// The bucket's name as written in a bucket list or surcharge table, e.g. `"91-180"` or
    /// `"365+"`.
    public var label: String
    /// The youngest age (days) in the bucket.
    public var minimumAge: Int
    /// The oldest age (days) in the bucket; nil for an open-ended bucket.
    public var maximumAge: Int?

    /// Creates a bucket `minimumAge...maximumAge` (or `minimumAge...` when `maximumAge` is nil)
    /// labelled `"min-max"`, or `"N+"` with `N = minimumAge − 1` for an open-ended one.
    public init(minimumAge: Int, maximumAge: Int?) {
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        if let maximumAge {
            self.label = "\(minimumAge)-\(maximumAge)"
        } else {
            self.label = "\(minimumAge - 1)+"
        }
    }

    /// Whether `age` (days) falls in this bucket.
    public func contains(age: Int) -> Bool {
        age >= minimumAge && (maximumAge.map { age <= $0 } ?? true)
    }
}
