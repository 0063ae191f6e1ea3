import ArgumentParser
import Foundation

/// Builds (and caches) the generated stores of `recall` and `reorder` ahead of a run, and says
/// what they hold (for recall, with its SQL baseline timed). Prints notes only, no figures.
struct PrepareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare", abstract: "Build (and cache) the data of recall or reorder ahead of a run and say what it holds.")

    @Argument(help: "recall or reorder.") var scenario: String
    @Option(help: "Size factor, as for run.") var scale: Double = 1
    @Option(name: .customLong("cache-mb"), help: "SQLite page cache per connection, in MB.") var cacheMB: Int = 256
    @Option(name: .customLong("work-dir"), help: "Scratch and cache folder (default: $TMPDIR/tracestock-bench).") var workDir: String?

    func run() async throws {
        let sizes = BenchScale(factor: scale)
        let workspace = try BenchWorkspace(root: workDir, cacheSizeMB: cacheMB)
        defer { workspace.cleanUp() }
        let report = Report(json: true)
        switch scenario {
        case "recall":
            let recall = RecallScenario(sizes: sizes, workspace: workspace, report: report)
            let (store, manifest) = try await LookupStore(units: sizes.lookupStoreUnits).open(in: workspace)
            guard let path = store.path else { throw BenchError("recall: the store has no file") }
            let baseline = try recall.baseline(path: path, manifest: manifest)
            note("recall: lot \(manifest.recallLot) of \(manifest.recallSKU), \(manifest.recallLotUnits) units, in the \(manifest.units)-unit store \(path)")
            note("recall: SQL baseline p50 \(Figure.format(baseline.percentile(50) / 1e6)) ms, p99 \(Figure.format(baseline.percentile(99) / 1e6)) ms")
        case "reorder":
            let reorder = ReorderScenario(sizes: sizes, workspace: workspace, report: report)
            let store = try await reorder.open()
            note("reorder: \(reorder.skus) SKUs × \(ReorderScenario.days) days, \(try await store.lastSeq()) events in \(store.path ?? "?")")
        default:
            note("prepare: '\(scenario)' is not recall or reorder")
            throw ExitCode(2)
        }
    }
}
