import Foundation
import Testing
import Tracestock
import TracestockCore
import TracestockPostgres

/// Two "servers" (two `PostgresLedgerStore`s with their own connection pools) on one database, 32 tasks
/// shipping, returning and restocking overlapping serials and shipping a scarce quantity, for a bounded
/// time. Afterwards the ledger must explain everything that was acknowledged and nothing else.
///
/// Longer runs: `TRACESTOCK_CONCURRENCY_SECONDS=300 TRACESTOCK_CONCURRENCY_TASKS=64 scripts/test.sh --filter PostgresConcurrencyTests`.
@Suite(.postgresScope, .enabled(if: PostgresTestDatabase.url != nil, "needs TRACESTOCK_TEST_POSTGRES_URL"))
struct PostgresConcurrencyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seconds = Double(environment["TRACESTOCK_CONCURRENCY_SECONDS"] ?? "") ?? 6
    static let tasks = Int(environment["TRACESTOCK_CONCURRENCY_TASKS"] ?? "") ?? 32
    static let serials = (1...48).map { String(format: "C%03d", $0) }
    static let initialTotes: Int64 = 400

    /// What one request tried.
    enum Operation: Sendable {
        case ship(serials: [String], order: String)
        case returnUnit(serial: String, order: String)
        case restock(serial: String)
        case shipTotes(quantity: Int64, order: String)
    }

    /// What one request tried and how it ended, with the ledger's last sequence number before and after.
    struct Outcome: Sendable {
        var operation: Operation
        var task: Int
        var before: Int64
        var after: Int64
        var result: Result<WriteResult, TracestockError>
    }

    @Test func twoServersNeverShipASerialTwiceAndLoseNoAcknowledgedWrite() async throws {
        // Given two servers on one fresh schema, 48 serials and a scarce quantity SKU
        let configuration = try PostgresTestDatabase.configuration(maximumConnections: 16)
        let serverA = Tracestock(store: try await PostgresTestDatabase.openStore(configuration))
        let serverB = Tracestock(store: try await PostgresTestDatabase.openStore(configuration, dropSchemaAtEnd: false))
        _ = try await serverA.addLocation(Location(code: "WH-MAIN", kind: .warehouse))
        _ = try await serverB.addSKU(SKU(code: "EB-100", title: "Earbuds Pro", tracking: .serial))
        _ = try await serverA.addSKU(SKU(code: "TOTE", title: "Canvas tote", tracking: .none))
        _ = try await serverA.receive(ReceiveRequest(sku: "EB-100", serials: Self.serials, location: "WH-MAIN"))
        _ = try await serverB.receive(ReceiveRequest(sku: "TOTE", quantity: Self.initialTotes, location: "WH-MAIN"))

        // When 32 tasks hammer both servers for a few seconds
        let deadline = Date().addingTimeInterval(Self.seconds)
        let started = Date()
        let outcomes = try await withThrowingTaskGroup(of: [Outcome].self) { group in
            for task in 0..<Self.tasks {
                group.addTask { try await Self.work(task: task, servers: [serverA, serverB], until: deadline) }
            }
            return try await group.reduce(into: [Outcome]()) { $0 += $1 }
        }
        let elapsed = Date().timeIntervalSince(started)

        // Then only the expected refusals happened (a task's return of its own shipment never fails), and check passes
        for outcome in outcomes {
            if case .failure(let error) = outcome.result {
                #expect([.stateConflict, .insufficientStock, .busy].contains(error.code), "\(outcome.operation): \(error.code) \(error.message)")
                if case .returnUnit = outcome.operation { Issue.record("\(outcome.operation) failed: \(error.message)") }
            }
        }
        let report = try await serverB.check()
        #expect(report.problems == [])

        // Every acknowledged write is in the ledger as acknowledged, and the ledger holds no write nobody was told about
        var acknowledged: [Int64: Operation] = [:]
        for outcome in outcomes {
            guard case .success(let result) = outcome.result else { continue }
            for event in result.events { acknowledged[event.seq] = outcome.operation }
        }
        let ledger = try await serverA.store.events(since: 0, limit: 1_000_000)
        let serialsOfEvents = try await serverA.store.serials(ofEvents: ledger.map(\.seq), limitPerEvent: 100)
        let setupEvents = 2
        #expect(ledger.count == acknowledged.count + setupEvents, "every event after the set-up was acknowledged to exactly one request")
        for event in ledger.dropFirst(setupEvents) {
            guard let operation = acknowledged[event.seq] else {
                Issue.record("event #\(event.seq) (\(event.type.rawValue)) was written but never acknowledged")
                continue
            }
            let serials = serialsOfEvents[event.seq] ?? []
            switch operation {
            case .ship(let expected, let order):
                #expect(event.type == .ship && Set(serials) == Set(expected) && event.orderRef == order, "#\(event.seq) \(operation)")
            case .returnUnit(let serial, let order):
                #expect(event.type == .return && serials == [serial] && event.orderRef == order, "#\(event.seq) \(operation)")
            case .restock(let serial):
                #expect(event.type == .restock && serials == [serial], "#\(event.seq) \(operation)")
            case .shipTotes(let quantity, let order):
                #expect(event.type == .ship && event.quantity == quantity && event.orderRef == order, "#\(event.seq) \(operation)")
            }
        }

        // A serial is shipped again only after it came back and was restocked; each ship has one acknowledged request
        var timelines: [String: [(seq: Int64, state: UnitState)]] = [:]
        for event in ledger {
            for serial in serialsOfEvents[event.seq] ?? [] {
                let previous = timelines[serial]?.last?.state
                let next = UnitTransition.next(from: previous, on: event.type)
                #expect(next != nil, "serial \(serial): \(event.type.rawValue) from \(previous?.rawValue ?? "none") at #\(event.seq)")
                timelines[serial, default: []].append((event.seq, next ?? .voided))
            }
        }

        // Every stateConflict was real: the unit was in the state the error named during the request
        var conflicts = 0
        for outcome in outcomes {
            guard case .failure(let error) = outcome.result, error.code == .stateConflict else { continue }
            guard let serial = error.details["serial"], let state = error.details["state"], let seq = error.details["lastSeq"].flatMap(Int64.init) else {
                Issue.record("\(outcome.operation): a conflict that names no unit state: \(error.message)")
                continue
            }
            conflicts += 1
            let timeline = timelines[serial] ?? []
            guard let index = timeline.firstIndex(where: { $0.seq == seq }) else {
                Issue.record("\(outcome.operation) was refused citing event #\(seq) for \(serial), which did not touch it")
                continue
            }
            let until = index + 1 < timeline.count ? timeline[index + 1].seq : Int64.max
            #expect(timeline[index].state.rawValue == state, "\(serial) after #\(seq) was \(timeline[index].state), the error said \(state)")
            #expect(seq <= outcome.after && until > outcome.before,
                    "\(serial) was \(state) from #\(seq) to #\(until), not during the request (#\(outcome.before)…#\(outcome.after))")
        }

        // Quantities never went negative and add up
        let shippedTotes = outcomes.reduce(Int64(0)) { sum, outcome in
            guard case .shipTotes(let quantity, _) = outcome.operation, case .success = outcome.result else { return sum }
            return sum + quantity
        }
        let left = try await serverA.sellable("TOTE")
        #expect(left >= 0)
        #expect(left == Self.initialTotes - shippedTotes)

        let ships = outcomes.filter { if case .ship = $0.operation { true } else { false } }
        let acknowledgedShips = ships.filter { if case .success(let r) = $0.result { !r.replayed } else { false } }.count
        let writes = acknowledged.count
        let counts = Dictionary(grouping: outcomes) { outcome -> String in
            switch outcome.result {
            case .success(let result): result.replayed ? "replayed" : "ok"
            case .failure(let error): error.code.rawValue
            }
        }.mapValues(\.count)
        print("""
            concurrency: \(Self.tasks) tasks on 2 stores for \(String(format: "%.1f", elapsed)) s: \(outcomes.count) requests \
            (\(String(format: "%.0f", Double(outcomes.count) / elapsed))/s), \(writes) events written \
            (\(String(format: "%.0f", Double(writes) / elapsed))/s), \(acknowledgedShips) serial ships acknowledged \
            (\(String(format: "%.0f", Double(acknowledgedShips) / elapsed))/s), outcomes \(counts.sorted { $0.key < $1.key }), \
            \(conflicts) conflicts verified
            """)
        #expect(acknowledgedShips > 0)
    }

    /// One task's loop: mostly ships of random serials (some sent to both servers at once with one
    /// idempotency key), returns of what it shipped, restocks of whatever came back, quantity ships.
    static func work(task: Int, servers: [Tracestock], until deadline: Date) async throws -> [Outcome] {
        var random = SystemRandomNumberGenerator()
        var outcomes: [Outcome] = []
        var mine: [(serial: String, order: String)] = []
        var n = 0
        while Date() < deadline {
            n += 1
            let server = servers[(task + n) % 2]
            let order = "O-\(task)-\(n)"
            let roll = Int.random(in: 0..<100, using: &random)
            let operation: Operation
            if roll < 55 {
                let count = Int.random(in: 1...2, using: &random)
                operation = .ship(serials: Array(serials.shuffled(using: &random).prefix(count)), order: order)
            } else if roll < 75, let index = mine.indices.randomElement(using: &random) {
                operation = .returnUnit(serial: mine[index].serial, order: mine[index].order)
                mine.remove(at: index)
            } else if roll < 90 {
                operation = .restock(serial: serials.randomElement(using: &random)!)
            } else {
                operation = .shipTotes(quantity: Int64.random(in: 1...5, using: &random), order: order)
            }
            let before = try await server.store.lastSeq()
            if case .ship = operation, roll < 12 {
                // The same keyed request to both servers at once: one write, two identical answers.
                let key = "twice-\(task)-\(n)"
                async let first = attempt(operation, on: servers[0], key: key)
                async let second = attempt(operation, on: servers[1], key: key)
                let (a, b) = await (first, second)
                let after = try await server.store.lastSeq()
                switch (a, b) {
                case (.success(let x), .success(let y)):
                    #expect(x.events.map(\.seq) == y.events.map(\.seq), "key \(key) answered differently by the two servers")
                    #expect([x.replayed, y.replayed].filter { !$0 }.count == 1, "key \(key) must be written exactly once")
                case (.failure(let x), .failure(let y)):
                    #expect(x.code == y.code, "key \(key): \(x.message) / \(y.message)")
                default:
                    // One twin planned while the unit was not shippable (a real conflict, verified below), the other
                    // after a restock: both answers were true when given, and a retry of the key now replays the write.
                    break
                }
                let written = [a, b].first { if case .success(let r) = $0 { !r.replayed } else { false } } ?? a
                outcomes.append(Outcome(operation: operation, task: task, before: before, after: after, result: written))
                for twin in [a, b] {
                    if case .failure(let error) = twin, case .success = written {
                        outcomes.append(Outcome(operation: operation, task: task, before: before, after: after, result: .failure(error)))
                    }
                }
                let shippedNow = [a, b].contains { if case .success = $0 { true } else { false } }
                if shippedNow, case .ship(let shipped, _) = operation { mine += shipped.map { ($0, order) } }
                continue
            }
            let result = await attempt(operation, on: server, key: nil)
            let after = try await server.store.lastSeq()
            outcomes.append(Outcome(operation: operation, task: task, before: before, after: after, result: result))
            if case .success = result, case .ship(let shipped, _) = operation { mine += shipped.map { ($0, order) } }
        }
        return outcomes
    }

    static func attempt(_ operation: Operation, on server: Tracestock, key: String?) async -> Result<WriteResult, TracestockError> {
        do {
            switch operation {
            case .ship(let serials, let order):
                return .success(try await server.ship(MovementRequest(.ship, sku: "EB-100", serials: serials, order: order), idempotencyKey: key))
            case .returnUnit(let serial, let order):
                return .success(try await server.apply(MovementRequest(.return, sku: "EB-100", serials: [serial], to: "WH-MAIN", order: order)))
            case .restock(let serial):
                return .success(try await server.apply(MovementRequest(.restock, sku: "EB-100", serials: [serial])))
            case .shipTotes(let quantity, let order):
                return .success(try await server.ship(MovementRequest(.ship, sku: "TOTE", quantity: quantity, from: "WH-MAIN", order: order)))
            }
        } catch let error as TracestockError {
            return .failure(error)
        } catch {
            return .failure(TracestockError(.internalError, "\(error)"))
        }
    }
}
