import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Tracestock
import TracestockCore
import TracestockServer
import TracestockSQLite

/// `http`: the API served in this process (the application `tracestock serve` builds) driven by
/// `wrk` over loopback: unit-history lookups of random serials, then single-unit shipments.
/// Baseline: the same lookups through the service in-process, so the ratio is what HTTP costs.
struct HTTPScenario {
    let sizes: BenchScale
    let workspace: BenchWorkspace
    let report: Report
    let verify: Bool

    static let sku = "HTTP-1"
    static let location = "WH-HTTP"

    /// Units in the store; the ship phase takes each at most once.
    var units: Int { max(20_000, Int(1_000_000 * sizes.factor)) }
    /// Seconds per wrk phase.
    var seconds: Int { sizes.factor >= 0.5 ? 10 : 3 }
    static let connections = 32

    static func serial(_ n: Int) -> String { "U" + padded(n, 7) }

    /// Why the scenario cannot run here, nil when it can.
    static var unavailableReason: String? {
        wrkPath == nil ? "wrk is not installed (apt-get install wrk)" : nil
    }

    static var wrkPath: String? {
        ["/usr/bin/wrk", "/usr/local/bin/wrk"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func run() async throws {
        guard let wrk = Self.wrkPath else { throw BenchError("http: wrk is not installed") }
        let store = try await workspace.freshStore("http")
        let service = Tracestock(store: store)
        _ = try await service.addLocation(Location(code: Self.location, kind: .warehouse))
        _ = try await service.addSKU(SKU(code: Self.sku, title: "Bench HTTP SKU", tracking: .serial))
        for first in stride(from: 1, through: units, by: 100_000) {
            let last = min(units, first + 99_999)
            try await service.receive(ReceiveRequest(sku: Self.sku, serialExpression: "\(Self.serial(first))-\(Self.serial(last))",
                                                     lot: "HL\(first / 100_000)", location: Self.location))
        }
        let token = try await service.createToken(name: "bench", role: .operator).secret

        var logger = Logger(label: "tracestock-bench.http")
        logger.logLevel = .warning
        var configuration = ServerConfiguration()
        configuration.port = 0
        let bound = PortBox()
        let app = try buildApplication(service: service, configuration: configuration, logger: logger,
                                       onServerRunning: { port in bound.set(port) })
        // Stopped gracefully at the end, so the requests wrk left in flight finish instead of
        // failing with a cancellation.
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let server = Task { try await services.run() }
        let outcome: Result<Void, any Error>
        do {
            try await measure(service: service, wrk: wrk, token: token, port: try await bound.wait())
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await services.triggerGracefulShutdown()
        _ = await server.result
        try outcome.get()
    }

    /// The two wrk phases and the in-process baseline, against the server on `port`.
    func measure(service: Tracestock, wrk: String, token: String, port: Int) async throws {
        note("http: serving \(units) units on 127.0.0.1:\(port); wrk -t2 -c\(Self.connections) -d\(seconds)s per phase")

        let scripts = workspace.scratch.appendingPathComponent("wrk")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        let environment = ["TOKEN": token, "UNITS": "\(units)", "STRIDE": "\(units / 2)", "OFFSET": "0", "SKU": Self.sku]

        let history = try runWrk(wrk, script: try write(Self.historyScript, "history.lua", in: scripts), port: port, environment: environment)
        report.add("http.history.req_per_s", history.requestsPerSecond, "req/s")
        report.add("http.history.p99_ms", history.p99Milliseconds, "ms")

        // Baseline: the same lookups without HTTP, one after another in this process.
        var rng = SplitMix64(seed: 0x477B)
        var inProcess = Latencies(capacity: 10_000)
        for _ in 0..<10_000 {
            let serial = Self.serial(rng.below(units) + 1)
            try await inProcess.measure { _ = try await service.history(sku: Self.sku, serial: serial) }
        }
        report.add("http.history.baseline_per_s", inProcess.perSecond, "ops/s")
        report.add("http.history.ratio", history.requestsPerSecond / inProcess.perSecond, "ratio")

        let ship = try runWrk(wrk, script: try write(Self.shipScript, "ship.lua", in: scripts), port: port, environment: environment)
        report.add("http.ship.req_per_s", ship.requestsPerSecond, "req/s")
        report.add("http.ship.p99_ms", ship.p99Milliseconds, "ms")
        guard ship.non2xx == 0, history.non2xx == 0 else {
            throw BenchError("http: \(history.non2xx) history and \(ship.non2xx) ship responses were not 2xx")
        }
        if verify {
            let check = try await service.check()
            guard check.ok else { throw BenchError("http: the store fails check: \(check.problems.prefix(3))") }
            note("http: verified: the store passes check after \(ship.requests) shipments")
        }
    }

    struct WrkResult {
        var requests: Int
        var requestsPerSecond: Double
        var p99Milliseconds: Double
        var non2xx: Int
    }

    /// Runs wrk with `--latency` and reads its summary.
    func runWrk(_ wrk: String, script: URL, port: Int, environment: [String: String]) throws -> WrkResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t2", "-c\(Self.connections)", "-d\(seconds)s", "--latency", "-s", script.path, "http://127.0.0.1:\(port)"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("http: wrk failed:\n\(output)") }
        return try Self.parse(output)
    }

    /// Reads `Requests/sec:`, the `99%` latency line, the request count and `Non-2xx` from wrk's output.
    static func parse(_ output: String) throws -> WrkResult {
        var result = WrkResult(requests: 0, requestsPerSecond: .nan, p99Milliseconds: .nan, non2xx: 0)
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.first == "Requests/sec:", fields.count == 2 { result.requestsPerSecond = Double(fields[1]) ?? .nan }
            if fields.first == "99%", fields.count == 2 { result.p99Milliseconds = milliseconds(String(fields[1])) }
            if fields.count >= 2, fields[1] == "requests", let count = Int(fields[0]) { result.requests = count }
            if line.contains("Non-2xx or 3xx responses:"), let count = fields.last.flatMap({ Int($0) }) { result.non2xx = count }
        }
        guard result.requestsPerSecond.isFinite, result.p99Milliseconds.isFinite else {
            throw BenchError("http: could not read wrk's summary:\n\(output)")
        }
        return result
    }

    /// wrk prints latencies as `812.00us`, `28.01ms` or `1.20s`.
    static func milliseconds(_ text: String) -> Double {
        for (suffix, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
            return (Double(text.dropLast(suffix.count)) ?? .nan) * factor
        }
        return .nan
    }

    func write(_ text: String, _ name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// GET one unit's history, a random serial per request.
    static let historyScript = """
        local units = tonumber(os.getenv("UNITS"))
        local sku = os.getenv("SKU")
        wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
        function setup(thread) thread:set("seed", math.random(1, 1e9)) end
        function init(args) math.randomseed(seed or os.time()) end
        function request()
            return wrk.format("GET", string.format("/api/v1/units/%s/U%07d", sku, math.random(1, units)))
        end
        """

    /// POST a single-unit shipment per request; thread i ships U{offset + i*stride + n}.
    static let shipScript = """
        wrk.method = "POST"
        wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
        wrk.headers["Content-Type"] = "application/json"
        local sku = os.getenv("SKU")
        local stride = tonumber(os.getenv("STRIDE"))
        local offset = tonumber(os.getenv("OFFSET"))
        local threads = 0
        function setup(thread) thread:set("index", threads); threads = threads + 1 end
        function init(args) n = 0 end
        function request()
            n = n + 1
            local serial = string.format("U%07d", offset + index * stride + n)
            local body = string.format('{"sku":"%s","serials":["%s"],"order":"BENCH-%d-%d"}', sku, serial, index, n)
            return wrk.format(nil, "/api/v1/shipments", nil, body)
        end
        """
}

/// The port the server bound, handed from its start callback to the scenario.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?

    func set(_ value: Int) {
        lock.lock()
        port = value
        lock.unlock()
    }

    var current: Int? {
        lock.lock()
        defer { lock.unlock() }
        return port
    }

    /// Waits up to ten seconds for the server to listen.
    func wait() async throws -> Int {
        for _ in 0..<1000 {
            if let value = current { return value }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        throw BenchError("http: the server did not start listening")
    }
}
