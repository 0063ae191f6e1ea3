import ArgumentParser
import Foundation
import Tracestock
import TracestockCore
import TracestockPostgres
import TracestockSQLite

/// A client that ships units one by one through the service and logs every acknowledged ship
/// (`seq serial order`, fsynced) before the next: the writer `scripts/crash-test.sh` kills.
struct ShipStreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ship-stream",
        abstract: "Ship serials PREFIX<first>… one per transaction, logging each acknowledged ship (for scripts/crash-test.sh).")

    @Option(help: "The SQLite store file.") var db: String?
    @Option(help: "A PostgreSQL store instead: postgres://USER@HOST:PORT/DATABASE[?schema=NAME].") var postgres: String?
    @Option(help: "The serialized SKU to ship.") var sku: String
    @Option(help: "Serial prefix; serials are PREFIX plus the number zero-padded to --width.") var prefix: String
    @Option(help: "Digits of the serial number.") var width: Int = 7
    @Option(help: "First serial number.") var first: Int
    @Option(help: "How many serials to ship.") var count: Int
    @Option(help: "File that gets one line `seq serial order` per acknowledged ship, fsynced.") var ack: String
    @Option(name: .customLong("order-tag"), help: "Middle part of the order ids (113-TAG-NUMBER), to tell streams apart.") var orderTag: Int = 1
    @Option(name: .customLong("busy-timeout"), help: "Seconds to wait for another process's write lock.") var busyTimeout: Double = 10

    func validate() throws {
        guard (db == nil) != (postgres == nil) else { throw ValidationError("give either --db PATH or --postgres URL") }
    }

    func run() async throws {
        try await PostgresStoreScope.run { try await stream() }
    }

    /// Opens the store (SQLite file or PostgreSQL) and migrates it.
    func openStore() async throws -> any LedgerStore {
        if let postgres {
            var configuration = try PostgresStoreConfiguration(url: postgres)
            configuration.lockTimeout = .milliseconds(Int64(busyTimeout * 1000))
            guard let scope = PostgresStoreScope.current else { throw BenchError("no PostgreSQL scope") }
            let store = scope.open(configuration)
            try await store.migrate()
            return store
        }
        let store = try SQLiteLedgerStore(path: db ?? "", busyTimeout: busyTimeout)
        try await store.migrate()
        return store
    }

    func stream() async throws {
        let fd = open(ack, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw BenchError("cannot open \(ack)") }
        defer { close(fd) }
        var busy = 0
        var lost = 0
        var shipped = 0
        let service = try await retryingWhileBusy(count: &busy) { Tracestock(store: try await openStore()) }
        for n in first..<(first + count) {
            let serial = prefix + padded(n, width)
            let order = "113-\(padded(orderTag, 7))-\(padded(n, 7))"
            let request = MovementRequest(.ship, sku: sku, serials: [serial], order: order, actor: "ship-stream")
            do {
                let result = try await retryingWhileBusy(count: &busy) { try await service.ship(request) }
                let line = Array("\(result.seq) \(serial) \(order)\n".utf8)
                guard write(fd, line, line.count) == line.count, fsync(fd) == 0 else { throw BenchError("cannot write \(ack)") }
                shipped += 1
            } catch let error as TracestockError where error.code == .stateConflict && error.message.contains("already shipped") {
                lost += 1  // another writer shipped it first: exactly one of them may
            }
        }
        print("shipped \(shipped), busy \(busy), already shipped by another writer \(lost)")
    }

    /// Runs `body`; a `.busy` error wrote nothing, so it is reported on stderr and retried.
    func retryingWhileBusy<T>(count: inout Int, _ body: () async throws -> T) async throws -> T {
        while true {
            do {
                return try await body()
            } catch let error as TracestockError where error.code == .busy {
                count += 1
                FileHandle.standardError.write(Data("busy (retrying): \(error.message)\n".utf8))
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}
