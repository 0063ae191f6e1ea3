import ArgumentParser
import Foundation
import Tracestock
import TracestockCore
import TracestockPostgres

/// Runs scenarios and prints one line per figure (`name value unit`), or JSON with `--json`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run benchmark scenarios (default: every scenario available on this build).",
        discussion: """
            Scenarios: \(Scenario.allCases.map(\.rawValue).joined(separator: ", ")).
            Scale 1 means: receive 1,000,000 units; lookups in a 10,000,000-unit store (built once and
            cached in the work folder); 10,000 single-unit ships; 20,000 lookups of each kind.
            """)

    @Argument(help: "Scenarios to run (default: all available).")
    var scenarios: [String] = []

    @Flag(help: "Print {\"results\":[{\"name\",\"value\",\"unit\"}]} instead of lines.")
    var json = false

    // `.unconditional`: `--scale -1` is a value to refuse by name, not a missing one.
    @Option(parsing: .unconditional, help: "Size factor; 1 = the sizes above, 0.01 = a smoke run of a few seconds.")
    var scale: Double = 1

    @Option(name: .customLong("cache-mb"), parsing: .unconditional, help: "SQLite page cache per connection, in MB (store and baseline alike).")
    var cacheMB: Int = 256

    @Option(name: .customLong("work-dir"), help: "Scratch and cache folder (default: $TMPDIR/tracestock-bench).")
    var workDir: String?

    @Option(help: ArgumentHelp("Time the store scenarios on PostgreSQL at this URL (a schema per scenario, dropped at the end); baselines stay SQLite.",
                               valueName: "url"))
    var postgres: String?

    @Flag(help: "Also run `check` on the stores a scenario built, and fail when they are inconsistent (slower; CI smoke).")
    var verify = false

    func validate() throws {
        guard scale > 0, scale <= 100 else { throw ValidationError("--scale must be in (0, 100]") }
        guard cacheMB >= 2 else { throw ValidationError("--cache-mb must be at least 2") }
    }

    func run() async throws {
        try await PostgresStoreScope.run { try await runScenarios() }
    }

    func runScenarios() async throws {
        var selected: [Scenario] = []
        for name in scenarios {
            guard let scenario = Scenario(rawValue: name) else {
                note("unknown scenario '\(name)'; known: \(Scenario.allCases.map(\.rawValue).joined(separator: ", "))")
                throw ExitCode(2)
            }
            if let reason = scenario.unavailableReason {
                note("\(name): not available on this build: \(reason)")
                throw ExitCode(2)
            }
            selected.append(scenario)
        }
        if selected.isEmpty {
            selected = Scenario.allCases.filter { $0.unavailableReason == nil }
            for scenario in Scenario.allCases { if let reason = scenario.unavailableReason { note("skipping \(scenario.rawValue): \(reason)") } }
        }
        #if DEBUG
        note("this is a debug build: figures are not representative (use swift run -c release tracestock-bench)")
        #endif

        let sizes = BenchScale(factor: scale)
        let workspace = try BenchWorkspace(root: workDir, cacheSizeMB: cacheMB,
                                           postgres: try postgres.map { try PostgresStoreConfiguration(url: $0) })
        defer { workspace.cleanUp() }
        let report = Report(json: json)
        let machine = machineDescription()
        note("machine: \(machine)")
        note("scale \(scale): receive \(sizes.receiveUnits) units, lookup store \(sizes.lookupStoreUnits) units, "
            + "\(sizes.ships) ships, \(sizes.lookups) lookups per kind; SQLite cache \(cacheMB) MB; work folder \(workspace.root.path)")
        note("timed stores: \(workspace.storeDescription)")
        let started = monotonicNanos()
        for scenario in selected {
            let t = monotonicNanos()
            switch scenario {
            case .receive: try await ReceiveScenario(sizes: sizes, workspace: workspace, report: report, verify: verify).run()
            case .ship: try await ShipScenario(sizes: sizes, workspace: workspace, report: report, verify: verify).run()
            case .lookup: try await LookupScenario(sizes: sizes, workspace: workspace, report: report, verify: verify).run()
            case .recall:
                try await RecallScenario(sizes: sizes, workspace: workspace, report: report).run { service, manifest in
                    let report = try await service.recall(RecallRequest(sku: manifest.recallSKU, lots: [manifest.recallLot]))
                    return Int(report.total)
                }
            case .reorder:
                try await ReorderScenario(sizes: sizes, workspace: workspace, report: report).run { service in
                    try await service.reorder(asOf: ReorderScenario.asOf).skus.count
                }
            case .http: try await HTTPScenario(sizes: sizes, workspace: workspace, report: report, verify: verify).run()
            }
            note("\(scenario.rawValue) took \(String(format: "%.1f", Double(monotonicNanos() - t) / 1e9)) s")
        }
        note("total \(String(format: "%.1f", Double(monotonicNanos() - started) / 1e9)) s")
        try report.finish(scale: scale, machine: machine)
    }
}

/// The scenarios of the issue. Some need features that are not on every build.
enum Scenario: String, CaseIterable {
    case receive, lookup, recall, ship, reorder, http

    /// Why a scenario cannot run on this build, nil when it can.
    var unavailableReason: String? {
        switch self {
        case .receive, .lookup, .ship, .recall, .reorder: nil
        case .http: HTTPScenario.unavailableReason
        }
    }
}
