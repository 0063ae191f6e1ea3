import Foundation
import Testing
import Tracestock
import TracestockCore

/// The GS1 reference files (EPCIS 2.0 JSON Schema and examples): `$TRACESTOCK_SHARED_DIR/epcis`,
/// else `../shared/epcis` beside the repository, else `/work/shared/epcis`.
let epcisReferenceFolder: URL = {
    let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    let candidates = [ProcessInfo.processInfo.environment["TRACESTOCK_SHARED_DIR"].map(URL.init(fileURLWithPath:)), beside,
                      URL(fileURLWithPath: "/work/shared")].compactMap { $0 }.map { $0.appendingPathComponent("epcis") }
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("EPCIS-JSON-Schema.json").path) } ?? candidates[0]
}()

/// Whether the GS1 reference files are on this machine (they are not part of the repository).
let epcisReferencesAvailable = FileManager.default.fileExists(atPath: epcisReferenceFolder.appendingPathComponent("EPCIS-JSON-Schema.json").path)

func epcisExample(_ name: String) throws -> Data {
    try Data(contentsOf: epcisReferenceFolder.appendingPathComponent(name))
}

/// True when `python3` can run scripts/epcis-validate.py (jsonschema with its format checkers).
let schemaValidatorAvailable: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import jsonschema, rfc3986_validator, rfc3339_validator"]
    process.standardError = FileHandle.nullDevice
    do { try process.run(); process.waitUntilExit() } catch { return false }
    return process.terminationStatus == 0 && FileManager.default.fileExists(atPath: epcisReferenceFolder.appendingPathComponent("EPCIS-JSON-Schema.json").path)
}()

/// Writes a document to a temp file and runs the official JSON Schema over it; returns (status, output).
func validateWithSchema(_ document: JSONValue) throws -> (Int32, String) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("epcis-\(UUID().uuidString).jsonld")
    try Data(document.prettyText.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/epcis-validate.py")
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, "--schema", epcisReferenceFolder.appendingPathComponent("EPCIS-JSON-Schema.json").path, file.path]
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

extension Tracestock {
    /// A store with one event of every exported kind: receipts (serial, lot, untracked), a move,
    /// a ship, a return, a restock, a quarantine and a release, a recall quarantine, a dispose,
    /// a negative adjustment, and a voided receipt.
    func loadEPCISFixture() async throws {
        try await receiveEarbuds("SN0001-SN0010", lot: "L1")
        try await receive(ReceiveRequest(sku: "VIT-C", quantity: 100, lot: "B1", expires: "2027-06-30", produced: "2026-01-10",
                                         location: "WH-MAIN", reference: "PO-7"))
        try await receive(ReceiveRequest(sku: "TOTE", quantity: 50, location: "WH-MAIN"))
        try await earbuds(.move, "SN0001-SN0002", to: "FBA-US")
        try await earbuds(.ship, "SN0003", order: "113-1234567-1234567")
        try await earbuds(.return, "SN0003", to: "WH-MAIN", order: "113-1234567-1234567")
        try await earbuds(.restock, "SN0003")
        try await earbuds(.quarantine, "SN0004")
        try await earbuds(.release, "SN0004")
        try await earbuds(.dispose, "SN0005")
        try await apply(MovementRequest(.ship, sku: "VIT-C", quantity: 10, from: "WH-MAIN", order: "113-7654321-7654321"))
        _ = try await recall(RecallRequest(sku: "VIT-C", lots: ["B1"], quarantine: true))
        try await apply(MovementRequest(.adjust, sku: "TOTE", quantity: -2, from: "WH-MAIN", reason: "cycle count"))
        let extra = try await receive(ReceiveRequest(sku: "TOTE", quantity: 5, location: "WH-MAIN"))
        try await void(VoidRequest(seq: extra.seq, reason: "scanned twice"))
    }
}

@Suite(.postgresScope) struct EPCISExportTests {
    @Test(arguments: StoreKind.all)
    func everyLedgerEventBecomesOneObjectEventWithTheDocumentedMapping(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.loadEPCISFixture()
        let page = try await service.epcisExport()
        let events = try #require(page.document["epcisBody"]?["eventList"]?.array)
        let triples = events.map { "\($0["action"]!.string!) \($0["bizStep"]!.string!) \($0["disposition"]!.string!)" }
        #expect(triples == [
            "ADD receiving in_progress", "ADD receiving in_progress", "ADD receiving in_progress",
            "OBSERVE arriving in_progress", "OBSERVE shipping in_transit", "OBSERVE receiving returned",
            "OBSERVE stocking sellable_accessible", "OBSERVE holding non_sellable_other", "OBSERVE inspecting sellable_accessible",
            "DELETE destroying destroyed", "OBSERVE shipping in_transit", "OBSERVE holding recalled", "DELETE cycle_counting unknown",
            "ADD receiving in_progress", "ADD receiving in_progress",
        ])
        // The receipt of units: Digital Links, lot in the ILMD, our location's private URI.
        let first = events[0]
        #expect(first["epcList"]?.array?.first?.string == "https://id.gs1.org/01/09520123456788/21/SN0001")
        #expect(first["epcList"]?.array?.count == 10)
        #expect(first["ilmd"]?["cbvmda:lotNumber"]?.string == "L1")
        #expect(first["bizLocation"]?["id"]?.string == "urn:tracestock:location:WH-MAIN")
        // A lot: quantityList with the private class form (VIT-C has no GTIN) and the PO as business transaction.
        let lot = events[1]
        #expect(lot["quantityList"] == .array([.object(["epcClass": .string("urn:tracestock:lot:VIT-C:B1"), "quantity": .int(100)])]))
        #expect(lot["ilmd"]?["cbvmda:itemExpirationDate"]?.string == "2027-06-30")
        #expect(lot["bizTransactionList"]?.array?.first?["bizTransaction"]?.string == "urn:tracestock:order:PO-7")
        // Ship: the order as a po business transaction, read point only (the units left).
        let ship = events[4]
        #expect(ship["bizTransactionList"] == .array([.object(["type": .string("po"), "bizTransaction": .string("urn:tracestock:order:113-1234567-1234567")])]))
        #expect(ship["bizLocation"] == nil && ship["readPoint"]?["id"]?.string == "urn:tracestock:location:WH-MAIN")
        // Move: source and destination locations.
        #expect(events[3]["destinationList"]?.array?.first?["destination"]?.string == "urn:tracestock:location:FBA-US")
        // The void: the cancelled receipt again, same eventID, with an error declaration.
        #expect(events[14]["eventID"] == events[13]["eventID"])
        #expect(events[14]["errorDeclaration"]?["reason"]?.string == "did_not_occur")
        #expect(page.next == nil)
    }

    @Test(arguments: StoreKind.all)
    func configuredPrefixLengthsAndSGLNsGiveEPCURNs(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.addLocation(Location(code: "DC-1", kind: .warehouse, sgln: "urn:epc:id:sgln:9520123.00001.0"))
        _ = try await service.updateSKU("EB-100") { $0.gs1CompanyPrefixLength = 7 }
        try await service.receiveEarbuds("A1", at: "DC-1")
        let event = try #require(try await service.epcisExport().document["epcisBody"]?["eventList"]?.array?.first)
        #expect(event["epcList"] == .array([.string("urn:epc:id:sgtin:9520123.045678.A1")]))
        #expect(event["bizLocation"]?["id"]?.string == "urn:epc:id:sgln:9520123.00001.0")
        let error = await expectError(.invalidInput) { _ = try await service.updateSKU("TOTE") { $0.gs1CompanyPrefixLength = 7 } }
        #expect(error?.message.contains("no GTIN") == true)
        _ = await expectError(.invalidInput) { _ = try await service.addLocation(Location(code: "BAD", kind: .warehouse, sgln: "0614141007770")) }
    }

    @Test(arguments: StoreKind.all)
    func eventIDsAreStableAcrossExportsAndOptions(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.loadEPCISFixture()
        func ids(_ offset: Int) async throws -> [String] {
            try await service.epcisExport(timeZoneOffsetMinutes: offset).document["epcisBody"]!["eventList"]!.array!.map { $0["eventID"]!.string! }
        }
        let first = try await ids(0)
        #expect(try await ids(0) == first)
        #expect(try await ids(-300) == first, "the time zone an export is written in does not change ids")
        #expect(Set(first).count == first.count - 1, "only the error declaration repeats the id of the event it cancels")
        #expect(first.allSatisfy { $0.hasPrefix("urn:uuid:") && $0.count == 45 })
    }

    @Test(arguments: StoreKind.all)
    func exportsArePagedAndFilteredBySKU(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.loadEPCISFixture()
        let page = try await service.epcisExport(since: 0, limit: 4)
        #expect(page.events == 4 && page.next == 4)
        let rest = try await service.epcisExport(since: 4, limit: 100)
        #expect(rest.events == 11 && rest.next == nil)
        let tote = try await service.epcisExportAll(skus: ["TOTE"])
        #expect(tote.events == 4)
    }

    @Test(.enabled(if: schemaValidatorAvailable, "needs python3 with jsonschema, rfc3986-validator, rfc3339-validator"))
    func exportsValidateAgainstTheOfficialJSONSchema() async throws {
        let service = try await makeService()
        try await service.loadEPCISFixture()
        _ = try await service.updateSKU("EB-100") { $0.gs1CompanyPrefixLength = 7 }
        let (status, output) = try validateWithSchema(try await service.epcisExportAll(timeZoneOffsetMinutes: 330).document)
        #expect(status == 0, "\(output)")
        #expect(output.contains("1 passed, 0 failed"))
    }
}

@Suite(.postgresScope, .enabled(if: epcisReferencesAvailable, "needs GS1's EPCIS examples (../shared/epcis)")) struct EPCISImportTests {
    /// The catalog the GS1 example documents name.
    func exampleService() async throws -> Tracestock {
        let service = try await makeService()
        _ = try await service.addLocation(Location(code: "DC-EX", kind: .warehouse, sgln: "urn:epc:id:sgln:0012345.11111.0"))
        _ = try await service.addLocation(Location(code: "DC-PD", kind: .warehouse, sgln: "urn:epc:id:sgln:9529999.99999.0"))
        _ = try await service.addSKU(SKU(code: "EX-1", title: "Example item", tracking: .serial, gtin: "10614141073464"))
        _ = try await service.addSKU(SKU(code: "EX-DL", title: "Example item (DL)", tracking: .serial, gtin: "70614141123451"))
        _ = try await service.addSKU(SKU(code: "EX-PD", title: "Persistent disposition item", tracking: .serial,
                                         gtin: try GTIN.withCheckDigit("0952000112346")))
        return service
    }

    @Test(arguments: ["Example_9.6.1-ObjectEvent.jsonld", "Example_9.6.1-ObjectEventWithDigitalLink.jsonld"])
    func theStandardsShippingAndReceivingExampleRecordsTheReceipt(file: String) async throws {
        let service = try await exampleService()
        let report = try await service.epcisImport(try epcisExample(file))
        #expect(report.events.map(\.status) == [.ignored, .recorded])
        #expect(report.events[0].reason?.contains("without a destination") == true)
        #expect(report.quantity == 1)
        let sku = file.contains("Digital") ? "EX-DL" : "EX-1"
        #expect(try await service.history(sku: sku, serial: "2018").location == "DC-EX")
        // With --at, the shipment counts as shipped to us; 2018 stays received once, by the receiving event.
        let other = try await exampleService()
        let withAt = try await other.epcisImport(try epcisExample(file), options: EPCISImportOptions(location: "WH-MAIN"))
        #expect(withAt.quantity == 2)
        #expect(try await other.history(sku: sku, serial: "2017").location == "WH-MAIN")
        #expect(try await other.history(sku: sku, serial: "2018").location == "DC-EX")
    }

    @Test func theQuantityExampleIsRejectedForItsUnitOfMeasure() async throws {
        let service = try await exampleService()
        _ = try await service.addLocation(Location(code: "DC-Q", kind: .warehouse, sgln: "urn:epc:id:sgln:0614141.00888.0"))
        _ = try await service.addSKU(SKU(code: "EX-LOT", title: "Lot item", tracking: .lot, gtin: "04012345123456"))
        let error = await expectError(.invalidInput) { _ = try await service.epcisImport(try epcisExample("Example_9.6.2-ObjectEvent.jsonld")) }
        #expect(error?.message.contains("event 0") == true)
        #expect(error?.message.contains("uom KGM") == true)
        #expect(try await service.store.lastSeq() == 0)
    }

    @Test func theAggregationExampleIsRejectedAsUnsupported() async throws {
        let service = try await exampleService()
        let error = await expectError(.invalidInput) { _ = try await service.epcisImport(try epcisExample("Example_9.6.3-AggregationEvent.jsonld")) }
        #expect(error?.message.contains("AggregationEvent is not supported") == true)
    }

    @Test func thePersistentDispositionExampleReceivesTenUnitsAndIgnoresTheInspection() async throws {
        let service = try await exampleService()
        let report = try await service.epcisImport(try epcisExample("PersistentDisposition-example.jsonld"))
        #expect(report.events.map(\.status) == [.recorded, .ignored])
        #expect(report.quantity == 10)
        #expect(report.events[1].reason?.contains("inspecting") == true)
        #expect(try await service.history(sku: "EX-PD", serial: "10000001010").state == .inStock)
    }

    /// A manufacturer's document: commissioning (with lot and expiry) and shipping to our SGLN.
    func manufacturerDocument(serials: [String], gtin: String = "09520123456788", eventID: String = "urn:uuid:11111111-2222-5333-8444-555555555555") -> Data {
        let epcs = serials.map { "\"https://id.gs1.org/01/\(gtin)/21/\($0)\"" }.joined(separator: ",")
        return Data("""
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0",
         "creationDate":"2026-05-01T08:00:00Z","epcisBody":{"eventList":[
          {"type":"ObjectEvent","eventID":"urn:uuid:aaaaaaaa-2222-5333-8444-555555555555","eventTime":"2026-04-01T08:00:00+08:00",
           "eventTimeZoneOffset":"+08:00","action":"ADD","bizStep":"commissioning","disposition":"active","epcList":[\(epcs)],
           "ilmd":{"cbvmda:lotNumber":"L-MFG","cbvmda:itemExpirationDate":"2029-03-31"}},
          {"type":"ObjectEvent","eventID":"\(eventID)","eventTime":"2026-04-20T10:00:00+08:00",
           "eventTimeZoneOffset":"+08:00","action":"OBSERVE","bizStep":"urn:epcglobal:cbv:bizstep:shipping","disposition":"in_transit",
           "epcList":[\(epcs)],"bizTransactionList":[{"type":"po","bizTransaction":"urn:tracestock:order:PO-9"}],
           "destinationList":[{"type":"location","destination":"urn:epc:id:sgln:9520123.00001.0"}]}]}}
        """.utf8)
    }

    @Test(arguments: StoreKind.all)
    func aManufacturersShipmentToUsIsReceivedWithItsLotAndReference(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.addLocation(Location(code: "DC-1", kind: .warehouse, sgln: "urn:epc:id:sgln:9520123.00001.0"))
        let report = try await service.epcisImport(manufacturerDocument(serials: ["M1", "M2", "M3"]))
        #expect(report.events.map(\.status) == [.ignored, .recorded])
        let unit = try await service.history(sku: "EB-100", serial: "M2")
        #expect(unit.lot == "L-MFG" && unit.location == "DC-1" && unit.state == .inStock)
        #expect(unit.events.first?.at == "2026-04-20T02:00:00Z")
        #expect(try await service.lots(of: "EB-100").first { $0.code == "L-MFG" }?.expires == "2029-03-31")
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func importingTheSameDocumentTwiceWritesNothingTheSecondTime(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.addLocation(Location(code: "DC-1", kind: .warehouse, sgln: "urn:epc:id:sgln:9520123.00001.0"))
        let first = try await service.epcisImport(manufacturerDocument(serials: ["M1", "M2"]))
        let seq = try await service.store.lastSeq()
        let second = try await service.epcisImport(manufacturerDocument(serials: ["M1", "M2"]))
        #expect(try await service.store.lastSeq() == seq)
        #expect(second.events[1].status == .alreadyImported)
        #expect(second.events[1].seqs == first.events[1].seqs)
        #expect(second.seqs.isEmpty)
        // The same event id with other content is a conflict, and nothing of that document is written.
        let error = await expectError(.stateConflict) { _ = try await service.epcisImport(manufacturerDocument(serials: ["M1", "M9"])) }
        #expect(error?.message.contains("different content") == true)
        #expect(try await service.store.lastSeq() == seq)
    }

    @Test(arguments: StoreKind.all)
    func everyProblemIsReportedPerEventAndNothingIsWritten(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.addLocation(Location(code: "DC-1", kind: .warehouse, sgln: "urn:epc:id:sgln:9520123.00001.0"))
        try await service.receiveEarbuds("M5")
        var text = String(decoding: manufacturerDocument(serials: ["M4", "M5"]), as: UTF8.self)
        text = text.replacingOccurrences(of: "]}]}}", with: """
        ]},{"type":"ObjectEvent","eventID":"urn:uuid:bbbbbbbb-2222-5333-8444-555555555555","eventTime":"2026-04-21T10:00:00Z",
         "eventTimeZoneOffset":"+00:00","action":"OBSERVE","bizStep":"receiving","disposition":"in_progress",
         "bizLocation":{"id":"urn:epc:id:sgln:9520123.00001.0"},"epcList":["https://id.gs1.org/01/09506000134352/21/X1"]},
        {"type":"TransformationEvent","eventTime":"2026-04-21T10:00:00Z","eventTimeZoneOffset":"+00:00"}]}}
        """)
        let seq = try await service.store.lastSeq()
        let error = await expectError(.invalidInput) { _ = try await service.epcisImport(Data(text.utf8)) }
        let message = error?.message ?? ""
        #expect(message.contains("event 2 (urn:uuid:bbbbbbbb-2222-5333-8444-555555555555): epcList[0]: unknown GTIN 09506000134352"))
        #expect(message.contains("event 3: TransformationEvent is not supported"))
        #expect(try await service.store.lastSeq() == seq)
        // With those two gone, the serial that exists is the one problem left: a conflict, still nothing written.
        let conflict = await expectError(.stateConflict) { _ = try await service.epcisImport(manufacturerDocument(serials: ["M4", "M5"])) }
        #expect(conflict?.message.contains("event 1") == true && conflict?.message.contains("M5") == true)
        #expect(try await service.store.lastSeq() == seq)
    }

    @Test(arguments: StoreKind.all)
    func malformedDocumentsAreRefusedWithTheField(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = await expectError(.invalidInput) { _ = try await service.epcisImport(Data("{not json".utf8)) }
        let error = await expectError(.invalidInput) {
            _ = try await service.epcisImport(Data("""
            {"@context":"x:y","type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-01-01T00:00:00Z",
             "epcisBody":{"eventList":[{"type":"ObjectEvent","eventTime":"2026-01-01T00:00:00Z","eventTimeZoneOffset":"+00:00","epcList":"x"}]}}
            """.utf8))
        }
        #expect(error?.message.contains("eventList[0].action") == true)
        #expect(error?.message.contains("eventList[0].epcList: must be an array") == true)
    }
}

@Suite struct EPCISRoundTripTests {
    /// Export of a store → import into an empty store with the same catalog: the import holds the
    /// same units (SKU, serial, lot), lots (with dates) and quantities as were received in the
    /// source (per SKU, lot and location), all in stock where they were received. Voided receipts
    /// are not received; shipments, returns and the rest are ignored by design (README "EPCIS").
    @Test(arguments: [false, true])
    func exportThenImportIntoAnEmptyStoreReproducesWhatWasReceived(epcURNs: Bool) async throws {
        let source = try await makeService()
        let target = try await makeService()
        for service in [source, target] {
            _ = try await service.updateSKU("VIT-C") { $0.gtin = "09520123456900"; $0.gs1CompanyPrefixLength = epcURNs ? 7 : nil }
            if epcURNs { _ = try await service.updateSKU("EB-100") { $0.gs1CompanyPrefixLength = 7 } }
        }
        try await source.loadEPCISFixture()
        try await source.receiveEarbuds("SN0100-SN0102", lot: "L2", at: "FBA-US")
        try await source.receive(ReceiveRequest(sku: "VIT-C", quantity: 7, lot: "B2", location: "FBA-US"))

        let document = try await source.epcisExportAll().document
        let report = try await target.epcisImport(Data(document.compactText.utf8))
        #expect(report.events.filter { $0.status == .recorded }.count == 5)

        // Units: every live receipt's units, with SKU, serial and lot; all in stock where received.
        struct UnitFact: Hashable { var sku, serial, lot, location: String? }
        func receivedUnits(_ service: Tracestock) async throws -> Set<UnitFact> {
            var out = Set<UnitFact>()
            for serial in (1...10).map({ String(format: "SN%04d", $0) }) + ["SN0100", "SN0101", "SN0102"] {
                let h = try await service.history(sku: "EB-100", serial: serial)
                let receipt = try #require(h.events.first { $0.type == .receive })
                out.insert(UnitFact(sku: h.sku, serial: h.serial, lot: h.lot, location: receipt.location))
            }
            return out
        }
        #expect(try await receivedUnits(target) == receivedUnits(source))
        for serial in ["SN0001", "SN0003", "SN0005", "SN0101"] { #expect(try await target.state(serial) == .inStock) }

        // Lots with their dates.
        #expect(try await target.lots(of: "VIT-C").map { [$0.code, $0.expires, $0.produced] }
                == source.lots(of: "VIT-C").map { [$0.code, $0.expires, $0.produced] })
        #expect(try await target.lots(of: "EB-100").map(\.code) == source.lots(of: "EB-100").map(\.code))

        // Quantities: what the source received (live receipts) per SKU, lot and location is what the target holds.
        var received: [String: Int64] = [:]
        var seq: Int64 = 0
        var voided = Set<Int64>()
        var receipts: [(String, String?, String?, Int64, Int64)] = []
        while true {
            let page = try await source.events(since: seq, limit: 1000)
            for e in page.events {
                if e.type == .void, let v = e.voids { voided.insert(v) }
                if e.type == .receive { receipts.append((e.sku, e.lot, e.to, e.quantity, e.seq)) }
            }
            guard let next = page.next else { break }
            seq = next
        }
        for (sku, lot, location, quantity, seq) in receipts where !voided.contains(seq) {
            received["\(sku)|\(lot ?? "-")|\(location ?? "-")", default: 0] += quantity
        }
        let stock = try await target.stock(by: .cell)
        var held: [String: Int64] = [:]
        for row in stock.rows { held["\(row.sku)|\(row.lot ?? "-")|\(row.location ?? "-")", default: 0] += row.quantity + row.quarantined + row.returned }
        #expect(held == received)
        try await target.expectConsistent()

        // Importing the export again writes nothing.
        let last = try await target.store.lastSeq()
        _ = try await target.epcisImport(Data(document.compactText.utf8))
        #expect(try await target.store.lastSeq() == last)
    }
}
