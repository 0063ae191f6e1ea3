import ArgumentParser

/// `tracestock-bench`: measures Tracestock's speed promises and drives the crash-safety test.
@main
struct TracestockBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracestock-bench",
        abstract: "Benchmarks of Tracestock (build with -c release) and the helpers of scripts/crash-test.sh.",
        discussion: """
            swift run -c release tracestock-bench                  # every scenario, scale 1
            swift run -c release tracestock-bench receive --json   # one scenario, JSON
            """,
        subcommands: [RunCommand.self, ShipStreamCommand.self, PrepareCommand.self],
        defaultSubcommand: RunCommand.self)
}
