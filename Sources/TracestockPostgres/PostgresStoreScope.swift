import Foundation

/// A structured lifetime for the PostgreSQL stores opened inside it: each store's connection pool runs
/// as a child task of the scope and is shut down when the scope's closure returns or throws.
///
/// The command line wraps every command in one (`TracestockCommand.run`), so a command opens its
/// store with `PostgresStoreScope.current?.open(_:)` and never manages the pool itself; tests wrap
/// each test case in one.
public final class PostgresStoreScope: @unchecked Sendable {
    /// The scope of the running task, if any.
    @TaskLocal public static var current: PostgresStoreScope?

    private let jobs: AsyncStream<@Sendable () async -> Void>.Continuation
    private let lock = NSLock()
    private var closers: [@Sendable () async -> Void] = []

    private init(jobs: AsyncStream<@Sendable () async -> Void>.Continuation) {
        self.jobs = jobs
    }

    /// Runs `body` with a new scope as `current`; when it ends, runs the `onClose` actions (newest first)
    /// and then stops every store opened in the scope.
    public static func run<T>(_ body: () async throws -> T) async throws -> T {
        let (stream, continuation) = AsyncStream.makeStream(of: (@Sendable () async -> Void).self)
        let scope = PostgresStoreScope(jobs: continuation)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask {
                await withDiscardingTaskGroup { running in
                    for await job in stream { running.addTask { await job() } }
                }
            }
            let result: Result<T, any Error>
            do {
                result = .success(try await $current.withValue(scope) { try await body() })
            } catch {
                result = .failure(error)
            }
            await scope.close()
            continuation.finish()
            group.cancelAll()
            return try result.get()
        }
    }

    /// Creates a store whose pool runs until the scope ends.
    public func open(_ configuration: PostgresStoreConfiguration) -> PostgresLedgerStore {
        let store = PostgresLedgerStore(configuration: configuration)
        jobs.yield { await store.run() }
        return store
    }

    /// Registers work to do when the scope ends, while its stores still run (e.g. dropping a test schema).
    public func onClose(_ action: @escaping @Sendable () async -> Void) {
        lock.withLock { closers.append(action) }
    }

    private func close() async {
        let actions = lock.withLock {
            defer { closers = [] }
            return closers
        }
        for action in actions.reversed() { await action() }
    }
}
