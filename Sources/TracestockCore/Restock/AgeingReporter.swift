/// Ages on-hand stock into buckets, estimates the monthly aged-inventory surcharge and lists
/// expiring lots.
///
/// FIFO ageing: the units on hand are taken to be the most recently received ones (the oldest
/// were shipped first). Receipts are walked from the newest back, each one contributing
/// `min(its quantity, units still to place)` units aged `asOf − receipt day` days, until the
/// on-hand quantity is covered. Receipts dated after `asOf` count as age 0. On-hand units beyond
/// the whole receipt history are aged as of the oldest receipt (they are at least that old).
/// Slices falling into the same bucket are added into one row.
public enum AgeingReporter {
    /// Builds the report.
    ///
    /// - Parameters:
    ///   - inputs: one entry per SKU and lot.
    ///   - asOf: the day ages and days left are measured from.
    ///   - buckets: the age buckets (default ``AgeBuckets/standard``).
    ///   - surcharges: monthly rates per bucket label (default: none).
    ///   - expiringWithinDays: lots on hand whose expiry is at most this many days after `asOf`
    ///     (already expired ones included) are listed in ``AgeingReport/expiring``. Default 90.
    /// - Throws: ``TracestockError`` (`invalidInput`) for a negative on-hand or receipt quantity,
    ///   a negative or non-finite volume, a negative `expiringWithinDays`, units on hand with no
    ///   receipt at all, or a surcharge bucket that is not one of `buckets`; `details` name the
    ///   `sku`, `lot` and `field`.
    public static func report(
        _ inputs: [AgeingInput],
        asOf: Day,
        buckets: AgeBuckets = .standard,
        surcharges: SurchargeTable = SurchargeTable(),
        expiringWithinDays: Int = 90
    ) throws(TracestockError) -> AgeingReport {
        guard expiringWithinDays >= 0 else {
            throw .invalid(
                "expiringWithinDays is \(expiringWithinDays), expected 0 or more",
                details: ["field": "expiringWithinDays", "value": String(expiringWithinDays)]
            )
        }
        let labels = buckets.labels
        for label in surcharges.rates.keys.sorted() where !labels.contains(label) {
            throw .invalid(
                "surcharge bucket '\(label)' is not one of the age buckets \(buckets.description)",
                details: ["field": "surcharges", "bucket": label]
            )
        }
        let rates = labels.map { surcharges.rate(for: $0) }

        var rows: [AgeingRow] = []
        var total = 0
        var expiring: [ExpiringLot] = []
        var perBucket = [Int](repeating: 0, count: labels.count)

        for input in inputs {
            try validate(input)
            for index in perBucket.indices { perBucket[index] = 0 }
            try place(input, asOf: asOf, buckets: buckets, into: &perBucket)
            for (index, quantity) in perBucket.enumerated() where quantity > 0 {
                let cents = rates[index].cents(quantity: quantity, cubicFeetPerUnit: input.cubicFeetPerUnit)
                rows.append(AgeingRow(
                    sku: input.sku, lot: input.lot, bucket: labels[index], quantity: quantity, surchargeCents: cents
                ))
                total += cents
            }
            if let expiry = input.expiry, input.onHand > 0 {
                let daysLeft = expiry - asOf
                if daysLeft <= expiringWithinDays {
                    expiring.append(ExpiringLot(
                        sku: input.sku, lot: input.lot, expiry: expiry, daysLeft: daysLeft, quantity: input.onHand
                    ))
                }
            }
        }
        expiring.sort { a, b in
            if a.daysLeft != b.daysLeft { return a.daysLeft < b.daysLeft }
            if a.sku != b.sku { return a.sku < b.sku }
            return (a.lot ?? "") < (b.lot ?? "")
        }
        return AgeingReport(rows: rows, totalSurchargeCents: total, expiring: expiring)
    }

    private static func validate(_ input: AgeingInput) throws(TracestockError) {
        guard input.onHand >= 0 else {
            throw .invalid("\(input.name): on-hand quantity \(input.onHand) is negative", details: input.details("onHand"))
        }
        guard input.cubicFeetPerUnit.isFinite, input.cubicFeetPerUnit >= 0 else {
            throw .invalid(
                "\(input.name): cubic feet per unit \(input.cubicFeetPerUnit) must be a number ≥ 0",
                details: input.details("cubicFeetPerUnit")
            )
        }
        for (index, receipt) in input.receipts.enumerated() where receipt.quantity < 0 {
            var details = input.details("receipts")
            details["position"] = String(index)
            throw .invalid(
                "\(input.name): receipt \(index) on \(receipt.day.isoString) has negative quantity \(receipt.quantity)",
                details: details
            )
        }
    }

    /// Adds the FIFO slices of `input`'s on-hand units to `perBucket`.
    private static func place(
        _ input: AgeingInput, asOf: Day, buckets: AgeBuckets, into perBucket: inout [Int]
    ) throws(TracestockError) {
        var remaining = input.onHand
        guard remaining > 0 else { return }
        var receipts = input.receipts
        if !zip(receipts, receipts.dropFirst()).allSatisfy({ $0.day <= $1.day }) {
            // Stable: same-day receipts keep their given order.
            receipts = receipts.enumerated()
                .sorted { $0.element.day != $1.element.day ? $0.element.day < $1.element.day : $0.offset < $1.offset }
                .map(\.element)
        }
        guard let oldest = receipts.first else {
            throw .invalid(
                "\(input.name): \(input.onHand) units on hand but no receipt history to age them",
                details: input.details("receipts")
            )
        }
        for receipt in receipts.reversed() where receipt.quantity > 0 {
            let take = Swift.min(remaining, receipt.quantity)
            perBucket[buckets.index(forAge: asOf - receipt.day)] += take
            remaining -= take
            if remaining == 0 { return }
        }
        perBucket[buckets.index(forAge: asOf - oldest.day)] += remaining
    }
}
