import Crypto
import Foundation
import TracestockCore

/// One page of an EPCIS export: a complete `EPCISDocument` and the cursor of the next page.
public struct EPCISExportPage: Sendable {
    /// The document (serialize with `JSONValue.prettyText` or `compactText`: keys are sorted).
    public var document: JSONValue
    /// How many EPCIS events the document holds.
    public var events: Int
    /// The `since` of the next page, nil at the end of the ledger.
    public var next: Int64?
}

extension Tracestock {
    /// Exports ledger events after `since` as an EPCIS 2.0 JSON-LD document, one ObjectEvent per
    /// ledger event (mapping in README "EPCIS"), at most `limit` ledger events per page.
    /// - Parameters:
    ///   - skus: only events of these SKU codes (nil: all).
    ///   - timeZoneOffsetMinutes: the offset `eventTime` is written in (eventTimeZoneOffset).
    /// - Returns: the page and `next`, the `since` of the following page (nil when there is none).
    public func epcisExport(since: Int64 = 0, skus: [String]? = nil, limit: Int = 1000,
                            timeZoneOffsetMinutes: Int = 0) async throws -> EPCISExportPage {
        guard since >= 0 else { throw TracestockError.invalid("since: must be 0 or a sequence number", details: ["field": "since"]) }
        guard (1...100_000).contains(limit) else { throw TracestockError.invalid("limit: must be 1 to 100,000", details: ["field": "limit"]) }
        var wanted: Set<Int64>?
        if let skus { wanted = Set(try await skus.asyncMap { try await requireSKU($0).id }) }
        let page = try await store.events(since: since, limit: limit)
        let selected = page.filter { wanted?.contains($0.skuID) ?? true }
        let events = try await epcisEvents(selected, timeZoneOffsetMinutes: timeZoneOffsetMinutes)
        var next: Int64?
        if let last = page.last?.seq, page.count == limit, try await store.lastSeq() > last { next = last }
        return EPCISExportPage(document: EPCISExportMapper.document(events: events, creationDate: clock()), events: events.count, next: next)
    }

    /// Every page of `epcisExport` in one document (what `tracestock epcis export` writes).
    public func epcisExportAll(since: Int64 = 0, skus: [String]? = nil, timeZoneOffsetMinutes: Int = 0,
                               pageSize: Int = 5000) async throws -> (document: JSONValue, events: Int) {
        var events: [JSONValue] = []
        var cursor: Int64? = since
        while let from = cursor {
            let page = try await epcisExport(since: from, skus: skus, limit: pageSize, timeZoneOffsetMinutes: timeZoneOffsetMinutes)
            events += page.document["epcisBody"]?["eventList"]?.array ?? []
            cursor = page.next
        }
        return (EPCISExportMapper.document(events: events, creationDate: clock()), events.count)
    }

    /// The EPCIS events of ledger events, in ledger order; a void is written as an error
    /// declaration of the event it cancels.
    func epcisEvents(_ events: [LedgerEvent], timeZoneOffsetMinutes: Int) async throws -> [JSONValue] {
        let voided = try await store.events(seqs: events.compactMap { $0.type == .void ? $0.voidsSeq : nil })
        let originals = Dictionary(uniqueKeysWithValues: voided.map { ($0.seq, $0) })
        let all = events + voided
        let skus = Dictionary(uniqueKeysWithValues: try await store.skus(ids: Array(Set(all.map(\.skuID)))).map { ($0.id, $0) })
        let lots = Dictionary(uniqueKeysWithValues: try await store.lots(ids: Array(Set(all.compactMap(\.lotID)))).map { ($0.id, $0) })
        let locations = Dictionary(uniqueKeysWithValues: try await store.locations().map { ($0.id, $0) })
        let unitEvents = all.filter { skus[$0.skuID]?.tracking == .serial }
        let most = unitEvents.map { Int(abs($0.quantity)) }.max() ?? 0
        let serials = try await store.serials(ofEvents: unitEvents.map(\.seq), limitPerEvent: max(most, 1))
        var out: [JSONValue] = []
        out.reserveCapacity(events.count)
        for event in events {
            var source = event
            var declared: Timestamp?
            if event.type == .void {
                guard let target = event.voidsSeq.flatMap({ originals[$0] }) else { continue }
                source = target
                declared = event.at
            }
            guard let sku = skus[source.skuID] else { continue }
            let input = EPCISLedgerEvent(event: source, sku: sku, lot: source.lotID.flatMap { lots[$0] }, serials: serials[source.seq] ?? [],
                                         from: source.fromLocationID.flatMap { locations[$0] }, to: source.toLocationID.flatMap { locations[$0] },
                                         eventID: Self.epcisEventID(source, skuCode: sku.code))
            if let json = EPCISExportMapper.objectEvent(input, errorDeclaration: declared, offsetMinutes: timeZoneOffsetMinutes) {
                out.append(json)
            }
        }
        return out
    }

    /// The exported `eventID` of a ledger event (see `EPCISEventID`).
    public static func epcisEventID(_ event: LedgerEvent, skuCode: String) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: EPCISEventID.namespace)
        hasher.update(data: Data(EPCISEventID.name(of: event, skuCode: skuCode).utf8))
        return EPCISEventID.uuidURN(sha1: Array(hasher.finalize()))
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
