import Foundation
import Testing
import TracestockCLI

/// Runs the real CLI in-process against a temp-file store and captures what it prints.
final class CLIHarness: @unchecked Sendable {
    let dir: URL
    var db: String { dir.appendingPathComponent("store.sqlite").path }
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tracestock-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    struct Result {
        var code: Int32
        var out: String
        var err: String
        func json() throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any], "not JSON: \(out) \(err)")
        }
    }

    /// Runs `tracestock ARGS --db <temp store>` (the db option is added unless `withDB` is false).
    @discardableResult
    func run(_ args: [String], withDB: Bool = true) async -> Result {
        lock.withLock { outText = ""; errText = "" }
        let console = Console(out: { text in self.lock.withLock { self.outText += text } },
                              err: { text in self.lock.withLock { self.errText += text } })
        let arguments = withDB ? args + ["--db", db] : args
        let code = await Console.$current.withValue(console) { await TracestockCommand.run(arguments) }
        return lock.withLock { Result(code: code, out: outText, err: errText) }
    }

    /// Writes a file into the temp folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// init + the README's catalog.
    func seed() async throws {
        for args in [
            ["init"], ["location", "add", "WH-MAIN", "--kind", "warehouse"], ["location", "add", "FBA-US", "--kind", "fba", "--allow-negative"],
            ["sku", "add", "EB-100", "--title", "Earbuds Pro", "--tracking", "serial", "--gtin", "09520123456788", "--asin", "B0C1234567",
             "--fnsku", "X001ABCDEF", "--warranty-days", "365", "--lead-time-days", "45", "--case-pack", "20"],
            ["sku", "add", "VIT-C", "--title", "Vitamin C 500mg", "--tracking", "lot"],
            ["sku", "add", "TOTE", "--title", "Canvas tote", "--tracking", "none"],
        ] {
            let result = await run(args)
            #expect(result.code == 0, "\(args): \(result.err)")
        }
    }
}

@Suite struct CLITests {
    @Test func theReadmeWalkthroughWorksAndPrintsTheDocumentedJSON() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        #expect(await cli.run(["receive", "EB-100", "--serials", "SN0001-SN1000", "--lot", "L2026-03", "--at", "WH-MAIN"]).code == 0)
        #expect(await cli.run(["receive", "VIT-C", "--lot", "B7781", "--qty", "500", "--expires", "2027-06-30", "--produced", "2026-06-01",
                               "--at", "WH-MAIN"]).code == 0)
        let ship = await cli.run(["ship", "EB-100", "--serials", "SN0042", "--order", "113-1234567-1234567", "--json"])
        #expect(ship.code == 0, "\(ship.err)")
        #expect(try ship.json()["seq"] as? Int == 3)
        #expect(await cli.run(["ship", "VIT-C", "--qty", "40", "--order", "113-7654321-7654321"]).code == 0)

        let stock = try await cli.run(["stock", "--json"]).json()
        let rows = try #require(stock["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        let earbuds = try #require(rows.first { $0["sku"] as? String == "EB-100" })
        #expect(earbuds["quantity"] as? Int == 999)
        #expect(earbuds["lot"] is NSNull && earbuds["location"] is NSNull, "keys not used by the grouping are null")
        #expect(stock["total"] as? Int == 999 + 460)

        let byLot = try await cli.run(["stock", "--sku", "VIT-C", "--by", "lot", "--json"]).json()
        #expect((byLot["rows"] as? [[String: Any]])?.first?["lot"] as? String == "B7781")

        let history = try await cli.run(["history", "EB-100", "SN0042", "--json"]).json()
        #expect(history["state"] as? String == "shipped")
        #expect(history["lot"] as? String == "L2026-03")
        let events = try #require(history["events"] as? [[String: Any]])
        #expect(events.map { $0["type"] as? String } == ["receive", "ship"])
        #expect(events[1]["order"] as? String == "113-1234567-1234567")
        #expect(events[0]["location"] as? String == "WH-MAIN")
        #expect(Set(events[0].keys).isSuperset(of: ["seq", "type", "at", "location", "order"]))

        let ledger = try await cli.run(["events", "--since", "2", "--json"]).json()
        let list = try #require(ledger["events"] as? [[String: Any]])
        #expect(list.map { $0["seq"] as? Int } == [3, 4])
        #expect(list[0]["serials"] as? [String] == ["SN0042"])
        #expect(Set(list[0].keys).isSuperset(of: ["seq", "type", "at", "sku", "lot", "serials", "quantity", "from", "to", "order"]))
        #expect(ledger["next"] is NSNull)

        let check = await cli.run(["check"])
        #expect(check.code == 0)
        #expect(check.out.contains("ok"))
    }

    @Test func exitCodesSayWhatKindOfFailureItWas() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        #expect(await cli.run(["receive", "EB-100", "--serials", "A1-A3", "--at", "WH-MAIN"]).code == 0)
        let conflict = await cli.run(["receive", "EB-100", "--serials", "A3", "--at", "WH-MAIN"])
        #expect(conflict.code == 3)
        #expect(conflict.err.contains("A3"))
        let badInput = await cli.run(["receive", "EB-100", "--serials", "2024-0001", "--at", "WH-MAIN"])
        #expect(badInput.code == 1)
        #expect(badInput.err.contains("2024-0001"))
        let usage = await cli.run(["receive", "EB-100", "--bogus"])
        #expect(usage.code == 2)
        #expect(await cli.run(["frobnicate"]).code == 2)
        let help = await cli.run(["--help"], withDB: false)
        #expect(help.code == 0 && help.out.contains("receive"))
        let missing = await cli.run(["stock"], withDB: false)
        #expect(missing.code == 1 || missing.code == 0)
    }

    @Test func expandPrintsSerialsWithoutTouchingAStore() async throws {
        let cli = try CLIHarness()
        let result = await cli.run(["expand", "SN099+1, A7, B1-B3", "--json"], withDB: false)
        #expect(result.code == 0)
        #expect(try result.json()["serials"] as? [String] == ["SN099", "SN100", "A7", "B1", "B2", "B3"])
        #expect(!FileManager.default.fileExists(atPath: cli.db))
        let bad = await cli.run(["expand", "A-5-B-7"], withDB: false)
        #expect(bad.code == 1)
        #expect(bad.err.contains("quote"))
    }

    @Test func idempotencyKeyOnTheCommandLine() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        let args = ["receive", "TOTE", "--qty", "10", "--at", "WH-MAIN", "--idempotency-key", "po-1", "--json"]
        let first = try await cli.run(args).json()
        let again = try await cli.run(args).json()
        #expect(first["seq"] as? Int == again["seq"] as? Int)
        #expect(again["replayed"] as? Bool == true)
        let other = await cli.run(["receive", "TOTE", "--qty", "11", "--at", "WH-MAIN", "--idempotency-key", "po-1"])
        #expect(other.code == 3)
        let stock = try await cli.run(["stock", "--sku", "TOTE", "--json"]).json()
        #expect(stock["total"] as? Int == 10)
    }

    @Test func aBadCSVRowNamesFileLineAndColumnAndImportsNothing() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        let good = try cli.file("receipts.csv", """
            date,sku,location,serials,quantity,lot,expires
            2026-01-05,EB-100,WH-MAIN,"R001-R100",,L1,
            2026-01-06,VIT-C,WH-MAIN,,50,B1,2027-01-31
            2026-01-07,TOTE,WH-MAIN,,25,,
            """)
        let imported = await cli.run(["import", "receipts", good, "--json"])
        #expect(imported.code == 0, "\(imported.err)")
        #expect(try imported.json()["events"] as? Int == 3)

        let bad = try cli.file("bad.csv", """
            date,sku,location,serials,quantity,lot,expires
            2026-02-01,EB-100,WH-MAIN,"R101-R200",,L2,
            2026-02-01,VIT-C,WH-MAIN,,5x,B2,
            """)
        let rejected = await cli.run(["import", "receipts", bad])
        #expect(rejected.code == 1)
        #expect(rejected.err.contains("bad.csv line 3, column quantity"), "\(rejected.err)")
        let duplicate = try cli.file("dup.csv", """
            sku,location,serials,lot
            EB-100,WH-MAIN,R201-R210,L2
            EB-100,WH-MAIN,"R205",L2
            """)
        let dupResult = await cli.run(["import", "receipts", duplicate])
        #expect(dupResult.code == 3)
        #expect(dupResult.err.contains("line 3") && dupResult.err.contains("line 2") && dupResult.err.contains("R205"), "\(dupResult.err)")
        let unknownColumn = try cli.file("col.csv", "sku,location,qty\nTOTE,WH-MAIN,5\n")
        let colResult = await cli.run(["import", "receipts", unknownColumn])
        #expect(colResult.code == 1)
        #expect(colResult.err.contains("unknown column 'qty'"), "\(colResult.err)")

        let stock = try await cli.run(["stock", "--json"]).json()
        #expect(stock["total"] as? Int == 100 + 50 + 25, "rejected files wrote nothing")
        #expect(await cli.run(["check"]).code == 0)
    }

    @Test func shipmentsImportPlansEachRowAfterTheRowsBeforeIt() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        #expect(await cli.run(["receive", "TOTE", "--qty", "10", "--at", "WH-MAIN"]).code == 0)
        let shipments = try cli.file("ship.csv", """
            date,sku,order,quantity,serials
            2026-03-01,TOTE,111-0000001-0000001,6,
            2026-03-02,TOTE,111-0000002-0000002,6,
            """)
        let result = await cli.run(["import", "shipments", shipments])
        #expect(result.code == 3, "the second row must see the first row's shipment")
        #expect(result.err.contains("line 3"), "\(result.err)")
        let ok = try cli.file("ok.csv", "sku,order,quantity\nTOTE,111-0000001-0000001,6\nTOTE,111-0000002-0000002,4\n")
        #expect(await cli.run(["import", "shipments", ok]).code == 0)
        let stock = try await cli.run(["stock", "--sku", "TOTE", "--json"]).json()
        #expect(stock["total"] as? Int == 0)
    }

    @Test func skuCatalogImportValidatesIdentifiers() async throws {
        let cli = try CLIHarness()
        #expect(await cli.run(["init"]).code == 0)
        let catalog = try cli.file("skus.csv", """
            sku,title,tracking,gtin,case_pack
            A-1,Thing one,serial,09520123456788,10
            A-2,Thing two,lot,09520123456789,10
            """)
        let rejected = await cli.run(["import", "skus", catalog])
        #expect(rejected.code == 1)
        #expect(rejected.err.contains("line 3, column gtin"), "\(rejected.err)")
        #expect((try await cli.run(["sku", "list", "--json"]).json()["skus"] as? [Any])?.isEmpty == true)
    }

    @Test func theDemoBuildsAStorePassesCheckAndPrintsTheWalkthrough() async throws {
        let cli = try CLIHarness()
        let result = await cli.run(["demo"])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("== Stock by SKU"))
        #expect(result.out.contains("== History of one unit"))
        #expect(result.out.contains("Orders that received units of lot L2025-11"))
        #expect(result.out.contains("ok, the projections match"))
        let events = try await cli.run(["events", "--limit", "5", "--json"]).json()
        #expect((events["events"] as? [Any])?.count == 5)
    }
}

@Suite struct EPCISCLITests {
    @Test func exportToAFileAndImportIntoAnotherStore() async throws {
        let source = try CLIHarness()
        try await source.seed()
        #expect(await source.run(["sku", "edit", "EB-100", "--gs1-prefix-length", "7"]).code == 0)
        #expect(await source.run(["location", "add", "DC-1", "--sgln", "urn:epc:id:sgln:9520123.00001.0"]).code == 0)
        #expect(await source.run(["receive", "EB-100", "--serials", "SN0001-SN0003", "--lot", "L1", "--at", "DC-1"]).code == 0)
        #expect(await source.run(["ship", "EB-100", "--serials", "SN0002", "--order", "113-1234567-1234567"]).code == 0)
        let file = source.dir.appendingPathComponent("out.jsonld").path
        let export = await source.run(["epcis", "export", "--out", file, "--time-zone", "+02:00"])
        #expect(export.code == 0, "\(export.err)")
        #expect(export.err.contains("wrote 2 EPCIS events"))
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("urn:epc:id:sgtin:9520123.045678.SN0001"))
        #expect(text.contains("\"eventTimeZoneOffset\": \"+02:00\""))
        #expect(await source.run(["sku", "show", "EB-100"]).out.contains("GS1 company prefix length: 7"))

        let target = try CLIHarness()
        try await target.seed()
        #expect(await target.run(["location", "add", "DC-1", "--sgln", "urn:epc:id:sgln:9520123.00001.0"]).code == 0)
        let imported = await target.run(["epcis", "import", file, "--json"])
        #expect(imported.code == 0, "\(imported.err)")
        let report = try imported.json()
        #expect(report["quantity"] as? Int == 3)
        let events = try #require(report["events"] as? [[String: Any]])
        #expect(events.map { $0["status"] as? String } == ["recorded", "ignored"])
        let again = await target.run(["epcis", "import", file])
        #expect(again.code == 0 && again.out.contains("alreadyImported") && again.out.contains("recorded 0 ledger events"))
        let history = try await target.run(["history", "EB-100", "SN0002", "--json"]).json()
        #expect(history["state"] as? String == "in_stock" && history["lot"] as? String == "L1" && history["location"] as? String == "DC-1")
    }

    @Test func aRejectedImportExitsWithTheReasonsAndWritesNothing() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        let file = try cli.file("bad.jsonld", """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0",
         "creationDate":"2026-05-01T08:00:00Z","epcisBody":{"eventList":[{"type":"ObjectEvent","eventTime":"2026-04-20T10:00:00Z",
         "eventTimeZoneOffset":"+00:00","action":"OBSERVE","bizStep":"receiving","epcList":["urn:epc:id:sgtin:0614141.107346.9"]}]}}
        """)
        let result = await cli.run(["epcis", "import", file, "--at", "WH-MAIN"])
        #expect(result.code == 1)
        #expect(result.err.contains("event 0: epcList[0]: unknown GTIN 10614141073464"))
        let ledger = try await cli.run(["events", "--json"]).json()
        #expect((ledger["events"] as? [Any])?.isEmpty == true)
        #expect(await cli.run(["location", "add", "X", "--sgln", "nope"]).code == 1)
        #expect(await cli.run(["sku", "edit", "TOTE", "--gs1-prefix-length", "7"]).code == 1)
    }
}

@Suite struct TokenCLITests {
    @Test func userCreateReadsThePasswordFromStandardInputOnly() async throws {
        let cli = try CLIHarness()
        try await cli.seed()
        let created = await Console.$readLine.withValue({ "a long password" }) {
            await cli.run(["user", "create", "alice", "--role", "operator", "--password-stdin"])
        }
        #expect(created.code == 0, "\(created.err)")
        #expect(created.out.contains("created user 'alice' (operator)") && !created.out.contains("a long password"))
        let noFlag = await Console.$readLine.withValue({ "a long password" }) { await cli.run(["user", "create", "bob", "--role", "viewer"]) }
        #expect(noFlag.code == 1 && noFlag.err.contains("--password-stdin"))
        let empty = await Console.$readLine.withValue({ nil }) { await cli.run(["user", "create", "bob", "--role", "viewer", "--password-stdin"]) }
        #expect(empty.code == 1)
        let list = await cli.run(["user", "list", "--json"])
        let users = try #require(try list.json()["users"] as? [[String: Any]])
        #expect(users.map { $0["name"] as? String } == ["alice"] && users[0]["passwordHash"] == nil)
        #expect(!list.out.contains("scrypt"))
        #expect(await cli.run(["user", "disable", "alice"]).code == 0)
        #expect(await cli.run(["user", "disable", "alice"]).code == 3)
        #expect(await cli.run(["user", "list"]).out.contains("alice"))
    }

    @Test func tokenCreatePrintsTheTokenAloneAndStoresOnlyItsHash() async throws {
        let cli = try CLIHarness()
        #expect(await cli.run(["init"]).code == 0)
        let created = await cli.run(["token", "create", "--role", "operator", "--name", "scanner-1"])
        #expect(created.code == 0, "\(created.err)")
        let secret = created.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(created.out == secret + "\n")
        #expect(secret.hasPrefix("ts_") && secret.count == 67)
        let list = await cli.run(["token", "list", "--json"])
        #expect(list.out.contains("scanner-1") && list.out.contains("operator") && !list.out.contains(secret.dropFirst(3)))
        #expect(await cli.run(["token", "revoke", "1"]).code == 0)
        #expect(await cli.run(["token", "revoke", "1"]).code == 3)
        #expect(await cli.run(["token", "create", "--role", "root", "--name", "x"]).code == 1)
    }
}
