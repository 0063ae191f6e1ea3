/// Monthly surcharge rates per age bucket. Buckets missing from the table carry no surcharge.
///
/// Money: rates are `Double` currency units as written in the table; every computed surcharge is
/// an integer number of **cents** (rounded per report row, see ``SurchargeRate/cents(quantity:cubicFeetPerUnit:)``),
/// and totals are sums of those cents, so a total always equals the sum of its rows.
public struct SurchargeTable: Sendable, Equatable, Codable {
    /// Rate per bucket label (e.g. `"271-365"`).
    public var rates: [String: SurchargeRate]

    /// The column names of the CSV form, in order.
    public static let columns = ["bucket", "per_unit", "per_cubic_foot"]

    /// Creates a table from rates keyed by bucket label (no checks; an empty table charges
    /// nothing).
    public init(rates: [String: SurchargeRate] = [:]) {
        self.rates = rates
    }

    /// Parses the rows of a `bucket,per_unit,per_cubic_foot` CSV file, already split into cells.
    ///
    /// - An optional first row `bucket,per_unit,per_cubic_foot` is a header and is skipped
    ///   (matched case-insensitively; a header with other column names is an error).
    /// - Rows whose cells are all blank are skipped. Cells are trimmed of spaces.
    /// - `bucket` must be one of `buckets`' labels, at most once in the table.
    /// - `per_unit` and `per_cubic_foot` are plain non-negative decimals (`0.5`, `6.90`, `3`;
    ///   no sign, exponent, thousands separator or currency symbol). A blank amount is 0, but a
    ///   row must give at least one. A missing third cell counts as blank; cells beyond the third
    ///   must be blank.
    ///
    /// - Throws: ``TracestockError`` (`invalidInput`) whose `details` carry the 1-based `row`
    ///   (counting the header and blank rows, as in the file) and the `column` name.
    public init(rows: [[String]], buckets: AgeBuckets = .standard) throws(TracestockError) {
        var rates: [String: SurchargeRate] = [:]
        var sawData = false
        for (index, row) in rows.enumerated() {
            let rowNumber = index + 1
            let cells = row.map(\.trimmingSpaces)
            func fail(_ column: String, _ reason: String) -> TracestockError {
                .invalid(
                    "surcharge table row \(rowNumber), column \(column): \(reason)",
                    details: ["row": String(rowNumber), "column": column]
                )
            }
            if cells.allSatisfy(\.isEmpty) { continue }
            if !sawData, cells[0].lowercased() == Self.columns[0] {
                for (position, name) in Self.columns.enumerated().dropFirst() {
                    let found = position < cells.count ? cells[position].lowercased() : ""
                    guard found == name else {
                        throw fail(name, "header says '\(found)', expected '\(name)'")
                    }
                }
                sawData = true
                continue
            }
            sawData = true
            if cells.count > 3, let extra = cells[3...].firstIndex(where: { !$0.isEmpty }) {
                throw fail(String(extra + 1), "unexpected value '\(cells[extra])'; the table has 3 columns")
            }
            let label = cells[0]
            guard buckets.labels.contains(label) else {
                throw fail(
                    "bucket",
                    label.isEmpty
                        ? "the bucket is blank"
                        : "'\(label)' is not one of the age buckets \(buckets.description)"
                )
            }
            guard rates[label] == nil else {
                throw fail("bucket", "bucket '\(label)' appears more than once")
            }
            let perUnitText = cells.count > 1 ? cells[1] : ""
            let perCubicFootText = cells.count > 2 ? cells[2] : ""
            guard !(perUnitText.isEmpty && perCubicFootText.isEmpty) else {
                throw fail("per_unit", "give per_unit and/or per_cubic_foot")
            }
            guard let perUnit = Self.amount(perUnitText) else {
                throw fail("per_unit", "'\(perUnitText)' is not a non-negative decimal amount")
            }
            guard let perCubicFoot = Self.amount(perCubicFootText) else {
                throw fail("per_cubic_foot", "'\(perCubicFootText)' is not a non-negative decimal amount")
            }
            rates[label] = SurchargeRate(perUnit: perUnit, perCubicFoot: perCubicFoot)
        }
        self.rates = rates
    }

    /// The rate for a bucket label (zero when the table has none).
    public func rate(for label: String) -> SurchargeRate {
        rates[label] ?? SurchargeRate()
    }

    /// A blank cell is 0; otherwise `digits[.digits]` with at least one digit in total.
    private static func amount(_ text: String) -> Double? {
        if text.isEmpty { return 0 }
        var digits = 0
        var dots = 0
        for byte in text.utf8 {
            if byte >= 0x30, byte <= 0x39 {
                digits += 1
            } else if byte == 0x2E {
                dots += 1
            } else {
                return nil
            }
        }
        guard digits > 0, dots <= 1, digits <= 15 else { return nil }
        return Double(text)
    }
}
