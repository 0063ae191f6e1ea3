import Foundation
import Testing
import Tracestock
import TracestockCore
@testable import TracestockCLI
@testable import TracestockPostgres
@testable import TracestockSQLite

/// What is particular to the PostgreSQL store and needs no server: URLs, configuration, migrations.
@Suite struct PostgresConfigurationTests {
    @Test func aURLNamesServerCredentialsDatabaseTLSAndSchema() throws {
        let full = try PostgresStoreConfiguration(url: "postgres://app:s%40cret@db.example:6543/inventory?sslmode=disable&schema=ts&pool_size=5&connect_timeout=3")
        #expect(full.host == "db.example" && full.port == 6543 && full.username == "app" && full.password == "s@cret")
        #expect(full.database == "inventory" && full.tls == .disable && full.schema == "ts" && full.maximumConnections == 5)
        #expect(full.connectTimeout == .seconds(3))
        let short = try PostgresStoreConfiguration(url: "postgresql://localhost")
        #expect(short.port == 5432 && short.username == "postgres" && short.database == "postgres" && short.tls == .prefer && short.schema == nil)
        #expect(short.connectTimeout == .seconds(5))
        let socket = try PostgresStoreConfiguration(url: "postgres://me@/stock?host=/run/postgresql")
        #expect(socket.socketDirectory == "/run/postgresql" && socket.database == "stock" && socket.username == "me")
        let ipv6 = try PostgresStoreConfiguration(url: "postgres://u@[::1]:5433/d")
        #expect(ipv6.host == "::1" && ipv6.displayName == "[::1]:5433/d")
    }

    @Test(arguments: [
        ("mysql://u@h/db", "scheme"),
        ("postgres://u@h/db?sslmode=sometimes", "sslmode"),
        ("postgres://u@h/db?colour=red", "unknown parameter 'colour'"),
        ("postgres://u@h/db?schema=Bad-Name", "schema"),
        ("postgres://u@h:99999/db", "out of range"),
        ("postgres://u@h/db?connect_timeout=0", "connect_timeout"),
    ])
    func aBadURLIsRejectedNamingWhatIsWrong(_ url: String, _ says: String) {
        do {
            _ = try PostgresStoreConfiguration(url: url)
            Issue.record("\(url) was accepted")
        } catch let error as TracestockError {
            #expect(error.code == .invalidInput)
            #expect(error.message.contains(says), "\(error.message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func passwordsNeverAppearInWhatIsPrinted() throws {
        let url = "postgres://app:hunter2@db:5432/inv"
        #expect(!PostgresStoreConfiguration.redacted(url).contains("hunter2"))
        #expect(!(try PostgresStoreConfiguration(url: url)).displayName.contains("hunter2"))
        let error = #expect(throws: TracestockError.self) { try PostgresStoreConfiguration(url: "postgres://app:hunter2@db/inv?bad=1") }
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test func bothStoresHaveTheSameNumberedMigrations() {
        #expect(PostgresSchema.migrations.map(\.name) == SQLiteSchema.migrations.map(\.name))
    }

    @Test func aMigrationSplitsIntoStatementsWithFunctionBodiesWhole() {
        let statements = PostgresSchema.statements(PostgresSchema.v001)
        let function = statements.first { $0.hasPrefix("CREATE FUNCTION stock_not_negative") }
        #expect(function?.contains("RETURN NEW;") == true && function?.hasSuffix("$$") == true)
        #expect(statements.allSatisfy { ["CREATE", "INSERT"].contains(String($0.prefix { $0 != " " })) }, "\(statements.map { $0.prefix(30) })")
        #expect(statements.filter { $0.hasPrefix("CREATE TABLE") }.count == 10)
    }

    @Test func theStoreIsChosenByFlagsThenByTheEnvironment() throws {
        #expect(try StoreSelection.resolve(db: nil, postgres: nil, environment: [:]) == .sqlite(path: "tracestock.sqlite"))
        #expect(try StoreSelection.resolve(db: "a.sqlite", postgres: nil, environment: ["TRACESTOCK_POSTGRES_URL": "postgres://h/d"])
            == .sqlite(path: "a.sqlite"))
        #expect(try StoreSelection.resolve(db: nil, postgres: nil, environment: ["TRACESTOCK_POSTGRES_URL": "postgres://h/d"])
            == .postgres(try PostgresStoreConfiguration(url: "postgres://h/d")))
        #expect(try StoreSelection.resolve(db: nil, postgres: nil, environment: ["TRACESTOCK_STORE_KIND": "sqlite", "TRACESTOCK_POSTGRES_URL": "postgres://h/d",
                                                                                 "TRACESTOCK_SQLITE_PATH": "/data/t.sqlite"])
            == .sqlite(path: "/data/t.sqlite"))
        #expect(try StoreSelection.resolve(db: nil, postgres: "postgres://x/y", environment: ["TRACESTOCK_STORE_KIND": "sqlite"])
            == .postgres(try PostgresStoreConfiguration(url: "postgres://x/y")))
        #expect(throws: TracestockError.self) { try StoreSelection.resolve(db: nil, postgres: nil, environment: ["TRACESTOCK_STORE_KIND": "postgres"]) }
        #expect(throws: TracestockError.self) { try StoreSelection.resolve(db: nil, postgres: nil, environment: ["TRACESTOCK_STORE_KIND": "oracle"]) }
        #expect(throws: TracestockError.self) { try StoreSelection.resolve(db: "a", postgres: "postgres://h/d", environment: [:]) }
    }
}

/// The PostgreSQL store against a real server (the conformance suite covers the ledger rules).
@Suite(.postgresScope, .enabled(if: PostgresTestDatabase.url != nil, "needs TRACESTOCK_TEST_POSTGRES_URL"))
struct PostgresStoreTests {
    @Test func serversStartingTogetherApplyEachMigrationOnce() async throws {
        let configuration = try PostgresTestDatabase.configuration()
        let first = try await PostgresTestDatabase.openStore(configuration)
        let second = try await PostgresTestDatabase.openStore(configuration, dropSchemaAtEnd: false)
        async let a: Void = first.migrate()
        async let b: Void = second.migrate()
        _ = try await (a, b)
        #expect(try await first.appliedMigrations() == PostgresSchema.migrations.map(\.name))
    }

    @Test func theDatabaseItselfRefusesToEditTheLedgerOrGoNegative() async throws {
        let store = try await PostgresTestDatabase.makeStore()
        let service = Tracestock(store: store, clock: { fixedNow })
        _ = try await service.addLocation(Location(code: "WH-MAIN", kind: .warehouse))
        _ = try await service.addSKU(SKU(code: "EB-100", title: "Earbuds", tracking: .serial))
        _ = try await service.addSKU(SKU(code: "TOTE", title: "Tote", tracking: .none))
        try await service.receiveEarbuds("A1-A2")
        try await service.earbuds(.ship, "A1", order: "O-1")
        _ = try await service.receive(ReceiveRequest(sku: "TOTE", quantity: 3, location: "WH-MAIN"))
        for sql in ["UPDATE event SET quantity = 5", "DELETE FROM event WHERE seq = 2", "TRUNCATE event CASCADE", "DELETE FROM event_unit"] {
            let error = await expectError(.stateConflict) { try await store.execute(sql) }
            #expect(error?.message.contains("immutable") == true, "\(sql): \(error?.message ?? "")")
        }
        _ = await expectError(.insufficientStock) { try await store.execute("UPDATE stock SET quantity = -1 WHERE quantity = 3") }
        _ = await expectError(.duplicate) { try await store.execute("INSERT INTO unit SELECT id + 100, sku_id, serial, lot_id, state, location_id, order_ref, last_seq, received_seq FROM unit") }
        try await service.expectConsistent()
    }

    @Test func sequenceNumbersAndUnitIDsStayGaplessAcrossServersAndRejectedCommits() async throws {
        let configuration = try PostgresTestDatabase.configuration()
        let a = Tracestock(store: try await PostgresTestDatabase.openStore(configuration), clock: { fixedNow })
        let b = Tracestock(store: try await PostgresTestDatabase.openStore(configuration, dropSchemaAtEnd: false), clock: { fixedNow })
        _ = try await a.addLocation(Location(code: "WH-MAIN", kind: .warehouse))
        _ = try await b.addSKU(SKU(code: "EB-100", title: "Earbuds", tracking: .serial))
        try await a.receiveEarbuds("A1-A3")
        _ = await expectError(.duplicate) { try await b.receiveEarbuds("B1, A2") }
        try await b.receiveEarbuds("B1-B2")
        try await a.receiveEarbuds("C1")
        let events = try await a.events(since: 0).events
        #expect(events.map(\.seq) == [1, 2, 3])
        let units = try await a.store.units(skuID: 1, serials: ["A1", "A2", "A3", "B1", "B2", "C1"])
        #expect(units.map(\.id) == [1, 2, 3, 4, 5, 6])
    }

    @Test func copyMovesASQLiteStoreRowForRowAndWritingContinuesAfterIt() async throws {
        // Given a SQLite store with a year of activity, a void and an idempotency key
        let cli = try CLIHarness()
        let sqlite = try SQLiteLedgerStore(path: cli.db)
        try await sqlite.migrate()
        let source = Tracestock(store: sqlite)
        _ = try await source.loadDemo()
        let moved = try await source.receive(ReceiveRequest(sku: "TOTE", quantity: 7, location: "WH-MAIN", reason: "tab\there", reference: "PO \\ 7"),
                                             idempotencyKey: "po-9")
        _ = try await source.void(VoidRequest(seq: moved.seq, reason: "counted twice \\ sorry\nreally"))
        // and every table main added: sales history, inbound, codes and their scans, tokens, a claimed return, EPCIS settings
        _ = try await source.importSales(csv: "date,sku,quantity,order_id\n2026-01-05,TOTE,3,H-1\n2026-01-06,TOTE,2,\n", file: "sales.csv")
        _ = try await source.addInbound(sku: "TOTE", quantity: 20, eta: "2026-12-01", reference: "PO-11")
        _ = try await source.updateSKU("EB-100") { $0.gs1CompanyPrefixLength = 7 }
        _ = try await source.addLocation(Location(code: "DC-2", kind: .warehouse, sgln: "urn:epc:id:sgln:0614141.00001.0"))
        _ = try await source.receive(ReceiveRequest(sku: "EB-100", serials: ["CLAIM1"], location: "WH-MAIN"))
        _ = try await source.apply(MovementRequest(.ship, sku: "EB-100", serialExpression: "CLAIM1", order: "CL-1"))
        var claim = MovementRequest(.return, sku: "EB-100", serialExpression: "CLAIM1 FAKE9", to: "WH-MAIN", order: "CL-1")
        claim.acceptSuspicious = true
        claim.reason = "two units back, one not ours"
        _ = try await source.apply(claim)
        let codes = try await source.issueCodes(sku: "EB-100", serials: ["CLAIM1"], allUnissued: false)
        _ = try await source.verifyCode(try #require(codes.first).code, place: "Berlin")
        _ = try await source.verifyCode("TS:NOT-A-CODE", place: "Paris")
        let token = try await source.createToken(name: "scanner-1", role: .operator)
        _ = try await source.createUser(name: "alice", role: .operator, password: "alice password", cost: WebUserStoreTests.cheap)
        let sessionKey = try await source.webSessionKey()

        // When `tracestock copy` moves it into an empty schema
        let configuration = try PostgresTestDatabase.configuration()
        let target = try await PostgresTestDatabase.openStore(configuration)
        let url = try #require(PostgresTestDatabase.url) + (PostgresTestDatabase.url!.contains("?") ? "&" : "?") + "schema=\(configuration.schema!)"
        let result = await cli.run(["copy", "--from", cli.db, "--to", url], withDB: false)

        // Then every row is there with its id and sequence number, and check passes
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("every row of the copy matches the source") && result.out.contains("ok: the projections match"), "\(result.out)")
        let expected = try await sqlite.dump()
        #expect(try await target.dump() == expected)
        #expect(!expected.idempotency.isEmpty && expected.events.contains { $0.type == .void } && !expected.eventUnits.isEmpty)
        #expect(expected.sales.count == 2 && expected.inbound.count == 1 && !expected.dailySales.isEmpty)
        #expect(expected.authCodes.count == 1 && expected.authScans.count == 2 && expected.apiTokens.count == 1)
        #expect(expected.webUsers.map(\.name) == ["alice"] && expected.webSessionKey == sessionKey)
        #expect(expected.events.contains { $0.claimed == "FAKE9" } && expected.skus.contains { $0.gs1CompanyPrefixLength == 7 })
        #expect(expected.locations.contains { $0.sgln != nil })

        // And the copy goes on where the source stopped
        let copy = Tracestock(store: target)
        let next = try await copy.receive(ReceiveRequest(sku: "TOTE", quantity: 1, location: "WH-MAIN"))
        #expect(next.seq == expected.events.last!.seq + 1)
        let sku = try await copy.addSKU(SKU(code: "NEW-1", title: "New", tracking: .serial))
        #expect(sku.id == expected.skus.map(\.id).max()! + 1)
        _ = try await copy.receive(ReceiveRequest(sku: "NEW-1", serials: ["N1"], location: "WH-MAIN"))
        #expect(try await target.units(skuID: sku.id, serials: ["N1"]).first?.id == expected.units.map(\.id).max()! + 1)
        let replayed = try await copy.receive(ReceiveRequest(sku: "TOTE", quantity: 7, location: "WH-MAIN", reason: "tab\there", reference: "PO \\ 7"),
                                              idempotencyKey: "po-9")
        #expect(replayed.replayed && replayed.seq == moved.seq, "idempotency keys come along")
        #expect(try await copy.verifyCode(try #require(codes.first).code).verdict == .genuine, "codes come along")
        #expect(try await target.token(hash: token.token.tokenHash)?.name == "scanner-1", "tokens come along")
        #expect(try await copy.signIn(name: "alice", password: "alice password")?.role == .operator, "web users come along")
        #expect(try await copy.webSessionKey() == sessionKey, "sessions stay valid after a copy")
        #expect(try await copy.inbound().first?.line.reference == "PO-11")
        let imported = try await copy.importSales(csv: "date,sku,quantity,order_id\n2026-01-05,TOTE,3,H-1\n2026-01-07,TOTE,1,H-2\n", file: "more.csv")
        #expect(imported.salesInserted == 1 && imported.salesSkipped == 1, "imported sales history comes along")
        #expect(try await copy.addInbound(sku: "TOTE", quantity: 5, eta: "2026-12-02", reference: "PO-12").id == 2)
        try await copy.expectConsistent()

        // And a second copy into the now non-empty schema is refused, writing nothing
        let again = await cli.run(["copy", "--from", cli.db, "--to", url], withDB: false)
        #expect(again.code == 3)
        #expect(again.err.contains("not empty"), "\(again.err)")
    }

    @Test func everyCommandWorksOnTheCommandLineWithPostgres() async throws {
        let configuration = try PostgresTestDatabase.configuration()
        let store = try await PostgresTestDatabase.openStore(configuration)
        let url = try #require(PostgresTestDatabase.url) + (PostgresTestDatabase.url!.contains("?") ? "&" : "?") + "schema=\(configuration.schema!)"
        let cli = try CLIHarness()
        func run(_ args: [String]) async -> CLIHarness.Result { await cli.run(args + ["--postgres", url], withDB: false) }

        let migrate = await run(["migrate"])
        #expect(migrate.code == 0 && migrate.out.contains("001_ledger"), "\(migrate.err)")
        for args in [["init"], ["location", "add", "WH-MAIN", "--kind", "warehouse"], ["location", "add", "FBA-US", "--kind", "fba", "--allow-negative"],
                     ["sku", "add", "EB-100", "--title", "Earbuds Pro", "--tracking", "serial", "--gtin", "09520123456788"],
                     ["sku", "add", "VIT-C", "--title", "Vitamin C", "--tracking", "lot"],
                     ["receive", "EB-100", "--serials", "SN0001-SN1000", "--lot", "L2026-03", "--at", "WH-MAIN"],
                     ["receive", "VIT-C", "--lot", "B7781", "--qty", "500", "--expires", "2027-06-30", "--at", "WH-MAIN"],
                     ["ship", "VIT-C", "--qty", "40", "--order", "113-7654321-7654321"],
                     ["move", "EB-100", "--serials", "SN0001-SN0300", "--to", "FBA-US"]] {
            let result = await run(args)
            #expect(result.code == 0, "\(args): \(result.err)")
        }
        let ship = await run(["ship", "EB-100", "--serials", "SN0042", "--order", "113-1234567-1234567", "--json"])
        #expect(try ship.json()["seq"] as? Int == 5)
        let again = await run(["ship", "EB-100", "--serials", "SN0042", "--order", "113-0000000-0000000"])
        #expect(again.code == 3 && again.err.contains("already shipped on order 113-1234567-1234567"), "\(again.err)")
        let history = try await run(["history", "EB-100", "SN0042", "--json"]).json()
        #expect(history["state"] as? String == "shipped")
        let stock = try await run(["stock", "--json"]).json()
        #expect(stock["total"] as? Int == 999 + 460)
        let events = try await run(["events", "--since", "3", "--json"]).json()
        #expect((events["events"] as? [[String: Any]])?.map { $0["seq"] as? Int } == [4, 5])
        let receipts = try cli.file("receipts.csv", "sku,location,serials,lot\nEB-100,WH-MAIN,R1-R5,L2\nEB-100,WH-MAIN,R5,L2\n")
        let rejected = await run(["import", "receipts", receipts])
        #expect(rejected.code == 3 && rejected.err.contains("line 3"), "\(rejected.err)")
        let check = await run(["check"])
        #expect(check.code == 0 && check.out.contains("ok"), "\(check.out) \(check.err)")
        #expect(try await store.lastSeq() == 5)
    }

    @Test func aStoreThatCannotBeReachedSaysWhere() async throws {
        var configuration = try PostgresTestDatabase.configuration()
        configuration.port = 1
        configuration.schema = nil
        let error = await expectError(.internalError) {
            try await PostgresLedgerStore.withStore(configuration) { _ in }
        }
        #expect(error?.message.contains("127.0.0.1:1") == true || error?.message.contains(":1/") == true, "\(error?.message ?? "")")
        // It fails at the first refused connection, opened outside the pool (alone: ~30 ms), not after the pool's
        // retries and circuit breaker (~70 s). No wall-clock bound: the whole suite in parallel on 2 cores delays
        // every test by seconds.
        #expect(error?.message.hasPrefix("connecting to 127.0.0.1:1/") == true, "\(error?.message ?? "")")
    }

    /// `tracestock-bench --postgres` drops its schema before migrating: that first call says where too.
    @Test func droppingASchemaOnAStoreThatCannotBeReachedSaysWhere() async throws {
        var configuration = try PostgresTestDatabase.configuration()
        configuration.port = 1
        let error = await expectError(.internalError) {
            try await PostgresLedgerStore.withStore(configuration, migrate: false) { store in try await store.dropSchema() }
        }
        #expect(error?.message.hasPrefix("connecting to 127.0.0.1:1/") == true, "\(error?.message ?? "")")
    }
}
