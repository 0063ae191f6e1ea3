/// Mean and standard deviation of one SKU's daily demand over a window.
struct DemandStatistics: Equatable {
    /// Mean units per day (0 when nothing sold).
    var mean: Double
    /// Population standard deviation.
    var sigma: Double
    /// Whether any day of the window had positive net sales.
    var hasSales: Bool
}

/// Computes ``DemandStatistics`` for many SKUs in a row, reusing scratch buffers so that a
/// sparse history costs O(entries) with no allocation per SKU.
///
/// Days are addressed by their age `a = asOf − day` (0...window−1). For a sparse history each
/// entry is added into `value[a]`; `stamp[a]` records which SKU last wrote that slot, so slots need
/// no clearing between SKUs and duplicate days are summed. The statistics are then taken over the
/// touched slots only, the untouched days of the window being zeros:
///
///     m  = Σ w·x / W
///     σ² = (Σ_touched w·(x − m)² + (W − Σ_touched w)·m²) / W
///
/// where `w` is 1 (uniform) or the day's weight, and `W` is the total weight of the window.
final class DemandEstimator {
    /// Day count of `asOf`.
    let asOf: Int
    /// Window length in days.
    let window: Int
    /// Weight per age, nil for uniform weighting.
    let weights: [Double]?
    /// `weightPrefix[n]` = total weight of ages `0..<n`.
    let weightPrefix: [Double]?

    // Scratch buffers of `window` slots, owned by this object (raw memory: no copy-on-write or
    // uniqueness checks in the per-entry loop).
    private let stamp: UnsafeMutablePointer<Int>
    private let value: UnsafeMutablePointer<Int>
    private let touched: UnsafeMutablePointer<Int>
    private var touchedCount = 0
    private var generation = 0

    init(asOf: Day, window: Int, weighting: DemandWeighting) {
        self.asOf = asOf.daysSince1970
        self.window = window
        let weights = weighting.weights(window: window)
        self.weights = weights
        if let weights {
            var prefix = [Double](repeating: 0, count: window + 1)
            for age in 0..<window { prefix[age + 1] = prefix[age] + weights[age] }
            self.weightPrefix = prefix
        } else {
            self.weightPrefix = nil
        }
        stamp = .allocate(capacity: window)
        stamp.initialize(repeating: 0, count: window)
        value = .allocate(capacity: window)
        value.initialize(repeating: 0, count: window)
        touched = .allocate(capacity: window)
        touched.initialize(repeating: 0, count: window)
    }

    deinit {
        stamp.deallocate()
        value.deallocate()
        touched.deallocate()
    }

    /// Statistics of `history` over the `span` most recent days of the window (`1...window`).
    func statistics(of history: SalesHistory, span: Int, sku: String) throws(TracestockError) -> DemandStatistics {
        precondition(span >= 1 && span <= window)
        generation += 1
        touchedCount = 0
        let limit = RestockInput.maximumQuantity
        let generation = self.generation
        switch history {
        case .dense(let quantities):
            let count = Swift.min(quantities.count, span)
            let last = quantities.count - 1
            for age in 0..<count {
                let quantity = quantities[last - age]
                guard quantity >= -limit, quantity <= limit else {
                    throw Self.badQuantity(sku: sku, quantity: quantity, position: String(last - age))
                }
                value[age] = quantity
                touched[age] = age
            }
            touchedCount = count
        case .sparse(let entries):
            var count = 0
            defer { touchedCount = count }
            for index in entries.indices {
                let entry = entries[index]
                let age = asOf - entry.day.daysSince1970
                guard age >= 0, age < span else { continue }
                let quantity = entry.quantity
                guard quantity >= -limit, quantity <= limit else {
                    throw Self.badQuantity(sku: sku, quantity: quantity, position: entry.day.isoString)
                }
                if stamp[age] == generation {
                    value[age] += quantity
                } else {
                    stamp[age] = generation
                    value[age] = quantity
                    touched[count] = age
                    count += 1
                }
            }
        }
        return summarize(span: span)
    }

    /// Mean and σ over the touched slots, negative days clamped to zero.
    private func summarize(span: Int) -> DemandStatistics {
        if let weights, let weightPrefix {
            let total = weightPrefix[span]
            var weightedSum = 0.0
            var touchedWeight = 0.0
            for slot in 0..<touchedCount {
                let age = touched[slot]
                let weight = weights[age]
                weightedSum += weight * Double(Swift.max(0, value[age]))
                touchedWeight += weight
            }
            guard weightedSum > 0 else { return DemandStatistics(mean: 0, sigma: 0, hasSales: false) }
            let mean = weightedSum / total
            var squares = 0.0
            for slot in 0..<touchedCount {
                let age = touched[slot]
                let deviation = Double(Swift.max(0, value[age])) - mean
                squares += weights[age] * deviation * deviation
            }
            squares += Swift.max(0, total - touchedWeight) * mean * mean
            return DemandStatistics(mean: mean, sigma: (Swift.max(0, squares / total)).squareRoot(), hasSales: true)
        }
        var sum = 0
        for slot in 0..<touchedCount { sum += Swift.max(0, value[touched[slot]]) }
        guard sum > 0 else { return DemandStatistics(mean: 0, sigma: 0, hasSales: false) }
        let days = Double(span)
        let mean = Double(sum) / days
        var squares = 0.0
        for slot in 0..<touchedCount {
            let deviation = Double(Swift.max(0, value[touched[slot]])) - mean
            squares += deviation * deviation
        }
        squares += Double(span - touchedCount) * mean * mean
        return DemandStatistics(mean: mean, sigma: (squares / days).squareRoot(), hasSales: true)
    }

    private static func badQuantity(sku: String, quantity: Int, position: String) -> TracestockError {
        .invalid(
            "SKU \(sku): daily quantity \(quantity) at \(position) is outside ±\(RestockInput.maximumQuantity)",
            details: ["sku": sku, "field": "sales", "position": position, "value": String(quantity)]
        )
    }
}
