import Foundation
import Testing
import Tracestock
import TracestockCore
import TracestockSQLite

/// Large receipts take a fast path (the store's unique index finds serials that exist); these
/// pin the behaviour it must keep: the same errors, the same voided-serial re-receipts.
@Suite(.postgresScope) struct BulkReceiveTests {
    @Test(arguments: StoreKind.all)
    func aLargeReceiveOverExistingSerialsNamesTheFirstAndCountsTheRest(_ kind: StoreKind) async throws {
        // Given 1,000 units in stock
        let service = try await makeService(kind)
        try await service.receiveEarbuds("SN0001-SN1000", lot: nil)

        // When 4,501 serials arrive, 501 of which exist
        let error = await expectError(.duplicate) { try await service.receiveEarbuds("SN0500-SN5000", lot: nil) }

        // Then the error names the first, its state and the event, and counts the others; nothing was written
        #expect(error?.message == "SKU EB-100 serial SN0500 already exists: it is in stock at WH-MAIN since on 2026-06-01 (event #1, receive) (and 500 more of the 4501 serials exist); nothing was received")
        #expect(error?.details["serial"] == "SN0500")
        #expect(error?.details["count"] == "501")
        #expect(try await service.store.lastSeq() == 1)
        #expect(try await service.sellable("EB-100") == 1_000)
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func voidedSerialsAreReceivedAgainInBulkAlongsideNewOnes(_ kind: StoreKind) async throws {
        // Given 5,000 units whose receipt was voided
        let service = try await makeService(kind)
        let receipt = try await service.receiveEarbuds("A00001-A05000")
        try await service.void(VoidRequest(seq: receipt.seq, reason: "wrong SKU"))

        // When 4,000 serials arrive, 1,000 of them voided ones
        try await service.receiveEarbuds("A04001-A08000", lot: "L2")

        // Then the voided units are in stock again with their history, and the new ones are created
        #expect(try await service.sellable("EB-100") == 4_000)
        let again = try await service.history(sku: "EB-100", serial: "A04500")
        #expect(again.state == .inStock)
        #expect(again.events.map(\.type) == [.receive, .void, .receive])
        #expect(try await service.state("A08000") == .inStock)
        #expect(try await service.state("A00001") == .voided)
        try await service.expectConsistent()
    }

    @Test func anImportReportsTheFirstLineWithAnExistingSerialEvenWhenALaterLineIsAlsoBad() async throws {
        let service = try await makeService(.sqliteFile)
        try await service.receiveEarbuds("SN0001-SN0010")
        let csv = """
            sku,location,serials
            EB-100,WH-MAIN,X0001-X2000
            EB-100,WH-MAIN,SN0005-SN0020
            EB-100,NOWHERE,Y0001-Y0010
            """
        let error = await expectError(.duplicate) { _ = try await service.importReceipts(csv: csv, file: "r.csv") }
        #expect(error?.message.hasPrefix("r.csv line 3") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("SKU EB-100 serial SN0005 already exists: it is in stock at WH-MAIN") == true)
        #expect(error?.message.hasSuffix("nothing was imported") == true)
        #expect(try await service.store.lastSeq() == 1, "a rejected import writes nothing")
    }

    @Test func aSerialListedOnTwoLinesOfAnImportNamesBothLines() async throws {
        let service = try await makeService()
        let csv = """
            sku,location,serials
            EB-100,WH-MAIN,Z0001-Z3000
            EB-100,WH-MAIN,Z2999-Z3100
            """
        let error = await expectError(.duplicate) { _ = try await service.importReceipts(csv: csv, file: "r.csv") }
        #expect(error?.message.contains("SKU EB-100 serial Z2999 is received twice: by line 2 and by line 3") == true, "\(error?.message ?? "")")
        #expect(try await service.store.lastSeq() == 0)
    }

    @Test func twoWritersReceivingOverlappingRangesAtOnceNeverDoubleASerial() async throws {
        // Given two services over one store file (two processes, as far as SQLite is concerned)
        let first = try await makeService(.sqliteFile)
        let path = try #require((first.store as? SQLiteLedgerStore)?.path)
        let secondStore = try SQLiteLedgerStore(path: path)
        try await secondStore.migrate()
        let second = Tracestock(store: secondStore, clock: { fixedNow })

        // When both receive overlapping ranges at the same time
        async let a: Result<WriteResult, any Error> = Result { try await first.receiveEarbuds("R000001-R020000") }
        async let b: Result<WriteResult, any Error> = Result { try await second.receiveEarbuds("R010001-R030000") }
        let results = await [a, b]

        // Then exactly one succeeds, the other is a clean duplicate error, and the store is consistent
        let failures = results.compactMap { result -> TracestockError? in
            if case .failure(let error) = result { return error as? TracestockError }
            return nil
        }
        #expect(failures.count == 1)
        #expect(failures.first?.code == .duplicate)
        #expect(failures.first?.message.contains("already exists") == true, "\(failures.first?.message ?? "")")
        #expect(try await first.sellable("EB-100") == 20_000)
        try await first.expectConsistent()
    }
}

/// The store's side of a receipt, committed directly: the checks it keeps whatever the service planned.
@Suite(.postgresScope) struct ReceiptCommitTests {
    /// A receipt of `serials` of EB-100 to `locationID`, as the service would plan it.
    func receipt(_ serials: [String], skuID: Int64, locationID: Int64) -> LedgerBatch {
        var batch = LedgerBatch()
        let event = LedgerEvent(type: .receive, at: fixedNow, recordedAt: fixedNow, skuID: skuID, quantity: Int64(serials.count),
                                toLocationID: locationID)
        batch.events = [PlannedEvent(event: event, newSerials: serials)]
        batch.effects.stock[StockKey(skuID: skuID, lotID: nil, locationID: locationID, status: .sellable)] = Int64(serials.count)
        return batch
    }

    func serials(_ prefix: String, _ range: ClosedRange<Int>) -> [String] {
        range.map { prefix + String(repeating: "0", count: max(0, 5 - String($0).count)) + String($0) }
    }

    @Test(arguments: StoreKind.all)
    func aReceiptPointingAtALocationThatDoesNotExistWritesNothingLargeOrSmall(_ kind: StoreKind) async throws {
        // Given a store with EB-100 and no location 999
        let service = try await makeService(kind)
        let sku = try #require(try await service.store.sku(code: "EB-100"))
        let main = try #require(try await service.store.locations().first { $0.code == "WH-MAIN" })

        // When a large receipt (parents checked once per batch) and then a small one (checked per row) point at it
        for serials in [serials("L", 1...5_000), serials("S", 1...10)] {
            await #expect(throws: (any Error).self) { _ = try await service.store.commit(receipt(serials, skuID: sku.id, locationID: 999)) }
        }

        // Then nothing was written, and a large receipt to a real location afterwards still leaves the checks on
        #expect(try await service.store.lastSeq() == 0)
        _ = try await service.store.commit(receipt(serials("G", 1...5_000), skuID: sku.id, locationID: main.id))
        await #expect(throws: (any Error).self) { _ = try await service.store.commit(receipt(serials("T", 1...10), skuID: sku.id, locationID: 999)) }
        #expect(try await service.store.lastSeq() == 1)
        #expect(try await service.sellable("EB-100") == 5_000)
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func aSerialTheStoreHoldsAlreadyIsNamedWhereverItSitsInALargeReceipt(_ kind: StoreKind) async throws {
        // Given 20 units of EB-100 in stock
        let service = try await makeService(kind)
        let sku = try #require(try await service.store.sku(code: "EB-100"))
        let main = try #require(try await service.store.locations().first { $0.code == "WH-MAIN" })
        _ = try await service.store.commit(receipt(serials("E", 1...20), skuID: sku.id, locationID: main.id))

        // When a receipt of 9,000 new serials also lists an existing one near its end (past the first insert statement)
        let error = await expectError(.duplicate) {
            _ = try await service.store.commit(receipt(serials("N", 1...9_000) + ["E00017"] + serials("M", 1...10), skuID: sku.id, locationID: main.id))
        }

        // Then the error names it, and none of the 9,011 units was written
        #expect(error?.details["serial"] == "E00017", "\(error?.message ?? "")")
        #expect(try await service.store.lastSeq() == 1)
        #expect(try await service.store.units(skuID: sku.id, serials: ["N00001", "N09000", "M00010"]).isEmpty)
        #expect(try await service.sellable("EB-100") == 20)
    }

    @Test(arguments: StoreKind.all)
    func serialsWithQuotesAndBackslashesAreStoredAsGiven(_ kind: StoreKind) async throws {
        // Given serials that JSON must escape (the store passes a receipt's serials to SQLite as a JSON array)
        let service = try await makeService(kind)
        let odd = [#"Q"1"#, #"Q\2"#, #"Q\"3"#, "Q'4", #"Q\u00415"#]

        // When they are received in a list
        try await service.receive(ReceiveRequest(sku: "EB-100", serials: odd, location: "WH-MAIN"))

        // Then each is found by its exact text, and nothing else was made of them
        for serial in odd { #expect(try await service.history(sku: "EB-100", serial: serial).state == .inStock, "\(serial)") }
        #expect(try await service.store.units(serial: "QA5").isEmpty)
        #expect(try await service.sellable("EB-100") == odd.count)
    }

    @Test(arguments: StoreKind.all)
    func aSerialListedTwiceInOneReceiptIsNamed(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        let sku = try #require(try await service.store.sku(code: "EB-100"))
        let main = try #require(try await service.store.locations().first { $0.code == "WH-MAIN" })

        let error = await expectError(.duplicate) {
            _ = try await service.store.commit(receipt(["D1", "D2", "D3", "D2", "D4"], skuID: sku.id, locationID: main.id))
        }

        #expect(error?.details["serial"] == "D2", "\(error?.message ?? "")")
        #expect(try await service.store.lastSeq() == 0)
    }
}

extension Result where Failure == any Error {
    /// Captures the outcome of an async throwing call.
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
