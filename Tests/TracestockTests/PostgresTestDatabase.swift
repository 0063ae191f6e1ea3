import Foundation
import Testing
import Tracestock
import TracestockCore
@testable import TracestockPostgres

/// PostgreSQL for the tests: each store gets a fresh schema on the server named by
/// `TRACESTOCK_TEST_POSTGRES_URL`, dropped when its test's `PostgresStoreScope` ends.
enum PostgresTestDatabase {
    /// The test server, nil when PostgreSQL tests are off.
    static let url: String? = ProcessInfo.processInfo.environment["TRACESTOCK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// At most this many test cases hold PostgreSQL stores at once (connections stay well under the
    /// server's limit). A test case takes one permit however many stores it opens: with a permit per
    /// store, eight cases that open two stores each could each hold one and wait for a second forever
    /// (a full run hung that way, every thread idle and no connection left open).
    static let gate = AsyncGate(permits: 8)
    /// The scopes (test cases) holding a permit.
    static let holders = ScopeSet()

    /// The configuration of a new, unique schema.
    static func configuration(maximumConnections: Int = 4) throws -> PostgresStoreConfiguration {
        guard let url else { throw TracestockError(.internalError, "TRACESTOCK_TEST_POSTGRES_URL is not set") }
        var configuration = try PostgresStoreConfiguration(url: url)
        configuration.schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        configuration.maximumConnections = maximumConnections
        return configuration
    }

    /// A migrated, empty store in a schema of its own, living as long as the current test's scope.
    static func makeStore(maximumConnections: Int = 4) async throws -> PostgresLedgerStore {
        let configuration = try configuration(maximumConnections: maximumConnections)
        return try await openStore(configuration)
    }

    /// Opens (and migrates) a store on an existing configuration, e.g. a second "server" on the same schema.
    static func openStore(_ configuration: PostgresStoreConfiguration, dropSchemaAtEnd: Bool = true) async throws -> PostgresLedgerStore {
        guard let scope = PostgresStoreScope.current else {
            throw TracestockError(.internalError, "PostgreSQL test stores need a scope: add .postgresScope to the suite")
        }
        let id = ObjectIdentifier(scope)
        if await holders.insert(id) {
            await gate.acquire()
            // Registered before any store's own closer, so it runs after them all (closers run newest first).
            scope.onClose {
                await holders.remove(id)
                await gate.release()
            }
        }
        let store = scope.open(configuration)
        scope.onClose {
            if dropSchemaAtEnd, let schema = configuration.schema {
                try? await store.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
            }
        }
        try await store.migrate()
        return store
    }
}

/// Runs each test case inside a `PostgresStoreScope`, so the PostgreSQL stores it opens are closed (and
/// their schemas dropped) when it ends.
struct PostgresScopeTrait: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil else { return try await function() }
        try await PostgresStoreScope.run { try await function() }
    }
}

extension Trait where Self == PostgresScopeTrait {
    /// Wraps every test case in a `PostgresStoreScope`.
    static var postgresScope: Self { Self() }
}

/// A counting semaphore for async code.
/// A set of scope identities, shared by concurrent tests.
actor ScopeSet {
    private var members: Set<ObjectIdentifier> = []

    /// Adds `id`; false when it was already there.
    func insert(_ id: ObjectIdentifier) -> Bool { members.insert(id).inserted }

    func remove(_ id: ObjectIdentifier) { members.remove(id) }
}

actor AsyncGate {
    private var permits: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) {
        self.permits = permits
    }

    func acquire() async {
        if permits > 0 {
            permits -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { permits += 1 } else { waiters.removeFirst().resume() }
    }
}
