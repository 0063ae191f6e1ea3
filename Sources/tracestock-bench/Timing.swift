import Foundation

/// Monotonic time in nanoseconds.
func monotonicNanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Seconds elapsed while running `body`.
func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    try await elapsed(body).wall
}

/// CPU time (user + system, every thread) this process has used, in seconds.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Wall-clock and CPU seconds while running `body`. On a shared machine the wall clock also
/// counts time other processes had the cores; the CPU time is what this work itself cost.
func elapsed(_ body: () async throws -> Void) async rethrows -> (wall: Double, cpu: Double) {
    let cpu = processCPUSeconds()
    let start = monotonicNanos()
    try await body()
    return (Double(monotonicNanos() - start) / 1e9, processCPUSeconds() - cpu)
}

/// Latencies of repeated operations; percentiles by nearest rank on the sorted samples.
struct Latencies {
    private(set) var nanos: [UInt64] = []
    private(set) var totalNanos: UInt64 = 0

    init(capacity: Int) { nanos.reserveCapacity(capacity) }

    /// Times one operation and keeps its sample.
    mutating func measure(_ body: () async throws -> Void) async rethrows {
        let start = monotonicNanos()
        try await body()
        record(monotonicNanos() - start)
    }

    /// Keeps a sample measured elsewhere.
    mutating func record(_ elapsed: UInt64) {
        nanos.append(elapsed)
        totalNanos += elapsed
    }

    var count: Int { nanos.count }

    /// Operations per second over the measured time.
    var perSecond: Double { totalNanos == 0 ? 0 : Double(nanos.count) / (Double(totalNanos) / 1e9) }

    /// The `p`-th percentile (0 < p ≤ 100) in nanoseconds, nearest rank.
    func percentile(_ p: Double) -> Double {
        guard !nanos.isEmpty else { return .nan }
        let sorted = nanos.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return Double(sorted[min(max(rank, 1), sorted.count) - 1])
    }

    /// CPU seconds the process used over the whole series (set by the caller).
    var cpuSeconds: Double = .nan

    /// Adds `<prefix>.per_s` (or `ops_per_s`), `.p50_us` and `.p99_us`.
    func report(_ prefix: String, to report: Report, rateName: String = "ops_per_s", rateUnit: String = "ops/s") {
        report.add("\(prefix).\(rateName)", perSecond, rateUnit)
        if cpuSeconds.isFinite { report.add("\(prefix).\(rateName.replacingOccurrences(of: "_s", with: "_cpu_s"))", Double(count) / cpuSeconds, rateUnit) }
        report.add("\(prefix).p50_us", percentile(50) / 1000, "us")
        report.add("\(prefix).p99_us", percentile(99) / 1000, "us")
    }
}

/// A small deterministic generator (SplitMix64): the same data on every machine and run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

/// `n` zero-padded to `width` digits.
func padded(_ n: Int, _ width: Int) -> String {
    let digits = String(n)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
