import ArgumentParser
import Foundation
import Tracestock
import TracestockCore
import TracestockPostgres

/// The `tracestock` command line.
public struct TracestockCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tracestock",
        abstract: "Inventory traceability: stock by SKU, lot and serial, as an append-only ledger.",
        discussion: "Exit codes: 0 ok, 1 rejected input, 2 usage, 3 state conflict.",
        subcommands: [
            InitCommand.self, LocationCommand.self, SKUCommand.self,
            ReceiveCommand.self, ShipCommand.self, MoveCommand.self, ReturnCommand.self, RestockCommand.self,
            AdjustCommand.self, QuarantineCommand.self, ReleaseCommand.self, DisposeCommand.self, VoidCommand.self,
            StockCommand.self, HistoryCommand.self, LookupCommand.self, EventsCommand.self, CheckCommand.self,
            ReturnsCommand.self, WarrantyCommand.self, RecallCommand.self, TraceCommand.self,
            ReorderCommand.self, AgeingCommand.self, InboundCommand.self, CodesCommand.self, LabelCommand.self,
            ExpandCommand.self, ScanCommand.self, GS1Command.self, ImportCommand.self, DemoCommand.self,
            BackupCommand.self, RestoreCommand.self, EPCISCommand.self,
            ServeCommand.self, TokenCommand.self, UserCommand.self, MigrateCommand.self, CopyCommand.self,
        ])

    public init() {}

    /// Runs the CLI on `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            // PostgreSQL stores opened by the command run in this scope and are shut down when it ends.
            try await PostgresStoreScope.run {
                if var async = command as? any AsyncParsableCommand {
                    try await async.run()
                } else {
                    try command.run()
                }
            }
            return 0
        } catch let error as TracestockError {
            Console.err("error: \(error.message)")
            return exitCode(for: error.code)
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                Console.out(message)
                return 0
            }
            Console.err(message)
            return 2
        }
    }

    /// The one place that maps domain errors to exit codes.
    public static func exitCode(for code: TracestockError.Code) -> Int32 {
        switch code {
        case .invalidInput, .notFound, .forbidden, .internalError: 1
        case .duplicate, .stateConflict, .insufficientStock, .idempotencyConflict, .busy: 3
        }
    }
}

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create an empty store (or upgrade an existing one).")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let selection = try store.selection()
        let existed = if case .sqlite(let path) = selection { FileManager.default.fileExists(atPath: path) } else { true }
        _ = try await store.open(create: true)
        Console.out(existed ? "store \(selection.displayName) is ready (schema up to date)" : "created store \(selection.displayName)")
    }
}
