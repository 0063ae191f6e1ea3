import Foundation
import Testing
import Tracestock
import TracestockCore
import TracestockSQLite

/// The stores every behaviour test runs against: in-memory SQLite always, a temp-file SQLite pool
/// (WAL, like production), and PostgreSQL when `TRACESTOCK_TEST_POSTGRES_URL` names a server.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqliteMemory
    case sqliteFile
    case postgres

    var testDescription: String { rawValue }

    /// The kinds to test: PostgreSQL only when `TRACESTOCK_TEST_POSTGRES_URL` is set (scripts/test.sh sets it).
    static var all: [StoreKind] { PostgresTestDatabase.url == nil ? [.sqliteMemory, .sqliteFile] : allCases }

    func make() async throws -> any LedgerStore {
        switch self {
        case .sqliteMemory:
            let store = try SQLiteLedgerStore()
            try await store.migrate()
            return store
        case .sqliteFile:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tracestock-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let store = try SQLiteLedgerStore(path: dir.appendingPathComponent("test.sqlite").path)
            try await store.migrate()
            return store
        case .postgres:
            return try await PostgresTestDatabase.makeStore()
        }
    }
}

/// A pinned clock: 2026-06-01T12:00:00Z.
let fixedNow = Timestamp(year: 2026, month: 6, day: 1, hour: 12)

/// A service over a fresh store with the catalog most tests use:
/// WH-MAIN, FBA-US (negative allowed), QA-CAGE; EB-100 (serial), VIT-C (lot), TOTE (none).
func makeService(_ kind: StoreKind = .sqliteMemory) async throws -> Tracestock {
    let service = Tracestock(store: try await kind.make(), clock: { fixedNow })
    _ = try await service.addLocation(Location(code: "WH-MAIN", kind: .warehouse))
    _ = try await service.addLocation(Location(code: "FBA-US", kind: .fba, allowNegative: true))
    _ = try await service.addLocation(Location(code: "QA-CAGE", kind: .quarantine))
    _ = try await service.addSKU(SKU(code: "EB-100", title: "Earbuds Pro", tracking: .serial, gtin: "09520123456788",
                                     warrantyDays: 365, serialPrefix: "EB", serialWidth: 6))
    _ = try await service.addSKU(SKU(code: "VIT-C", title: "Vitamin C 500mg", tracking: .lot))
    _ = try await service.addSKU(SKU(code: "TOTE", title: "Canvas tote", tracking: .none))
    return service
}

extension Tracestock {
    /// Receives serials of EB-100 at WH-MAIN.
    @discardableResult
    func receiveEarbuds(_ expression: String, lot: String? = "L1", at: String = "WH-MAIN") async throws -> WriteResult {
        try await receive(ReceiveRequest(sku: "EB-100", serialExpression: expression, lot: lot, location: at))
    }

    /// Applies a movement of EB-100 serials.
    @discardableResult
    func earbuds(_ type: EventType, _ expression: String, to: String? = nil, order: String? = nil) async throws -> WriteResult {
        try await apply(MovementRequest(type, sku: "EB-100", serialExpression: expression, to: to, order: order))
    }

    /// The state of one EB-100 unit.
    func state(_ serial: String, sku: String = "EB-100") async throws -> UnitState {
        try await history(sku: sku, serial: serial).state
    }

    /// Sellable quantity of a SKU (optionally one lot / location).
    func sellable(_ sku: String, lot: String? = nil, at location: String? = nil) async throws -> Int64 {
        let report = try await stock(sku: sku, location: location, by: .lot)
        return report.rows.filter { lot == nil || $0.lot == lot }.reduce(0) { $0 + $1.quantity }
    }

    /// Asserts that a replay of the ledger matches the projections.
    func expectConsistent(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let report = try await check()
        #expect(report.problems == [], sourceLocation: sourceLocation)
    }
}

/// Runs `body` and returns the TracestockError it throws (failing the test if it throws none).
func expectError(_ code: TracestockError.Code, sourceLocation: SourceLocation = #_sourceLocation,
                 _ body: () async throws -> Void) async -> TracestockError? {
    do {
        try await body()
        Issue.record("expected a \(code) error, got success", sourceLocation: sourceLocation)
        return nil
    } catch let error as TracestockError {
        #expect(error.code == code, "\(error.message)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected TracestockError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
