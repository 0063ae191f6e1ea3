import Crypto
import Foundation
import TracestockCore

extension Tracestock {
    /// Imports an EPCIS 2.0 JSON/JSON-LD document from a partner: records receipts of the units
    /// and lots shipped to us or received at our locations, all in one transaction.
    ///
    /// A `receiving` ObjectEvent at one of our locations (by SGLN or `urn:tracestock:location:`)
    /// and a `shipping` ObjectEvent whose destination is one of our locations become receipts;
    /// `options.location` takes those that name no location. Units and lots are found by GTIN
    /// (SGTIN, LGTIN, Digital Link) or by SKU code (private URNs); lots and their dates come from
    /// the URI or the ILMD of the event or of an ADD (commissioning) event of the same object.
    /// Other events are reported as ignored with the reason. Unknown GTINs, unsupported event
    /// types and inconsistent events reject the whole document: nothing is written, every problem
    /// is listed per event. Each event's id is its idempotency key: importing it again writes nothing.
    /// - Throws: `TracestockError` listing every problem when the document is rejected.
    public func epcisImport(_ data: Data, options: EPCISImportOptions = EPCISImportOptions()) async throws -> EPCISImportReport {
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw TracestockError.invalid("the EPCIS document is not valid JSON: \(Self.jsonProblem(error)); nothing was imported")
        }
        let (events, structure) = EPCISDocumentReader.read(json)
        var rejections = structure.map { Rejection(index: $0.index, eventID: $0.eventID, message: $0.message, code: .invalidInput) }
        guard rejections.isEmpty else { throw Self.rejection(rejections, events: events.count) }

        var importer = EPCISImporter(service: self, options: options, events: events)
        try await importer.classify()
        rejections = importer.rejections
        guard rejections.isEmpty else { throw Self.rejection(rejections, events: events.count) }
        return try await importer.record()
    }

    static func jsonProblem(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String ?? context.debugDescription
        }
        return "\(error)"
    }

    /// One problem that rejects the document.
    struct Rejection {
        var index: Int?
        var eventID: String?
        var message: String
        var code: TracestockError.Code
    }

    static func rejection(_ items: [Rejection], events: Int) -> TracestockError {
        let lines = items.prefix(100).map { item -> String in
            let place = item.index.map { "event \($0)" + (item.eventID.map { " (\($0))" } ?? "") } ?? "document"
            return "  \(place): \(item.message)"
        }
        let more = items.count > 100 ? ["  … and \(items.count - 100) more"] : []
        let count = Set(items.map { $0.index ?? -1 }).count
        let message = (["EPCIS document rejected, nothing was imported: \(count) of \(events) events (or the document) have problems:"] + lines + more)
            .joined(separator: "\n")
        var details = ["rejected": String(items.count)]
        for n in lines.indices { details["problem.\(n)"] = lines[n].trimmingCharacters(in: .whitespaces) }
        let conflict = items.contains { [.duplicate, .stateConflict, .insufficientStock, .idempotencyConflict].contains($0.code) }
        return TracestockError(conflict ? .stateConflict : .invalidInput, message, details: details)
    }
}

/// The planning of one EPCIS import: which events are receipts, of what, where.
struct EPCISImporter {
    /// One receive to plan.
    struct Receipt {
        var sku: SKU
        var serials: [String]?
        var quantity: Int64?
        var lot: String?
        var expires: String?
        var produced: String?
    }

    /// An event that becomes receipts.
    struct Candidate {
        var event: EPCISInboundEvent
        var shipping: Bool
        var location: Location
        var receipts: [Receipt]
        var reference: String?
        var key: String
        var hash: String
    }

    let service: Tracestock
    let options: EPCISImportOptions
    let events: [EPCISInboundEvent]
    var rejections: [Tracestock.Rejection] = []
    var outcomes: [Int: EPCISImportReport.Outcome] = [:]
    var candidates: [Candidate] = []
    private var skuByGTIN: [String: SKU?] = [:]
    private var skuByCode: [String: SKU?] = [:]

    init(service: Tracestock, options: EPCISImportOptions, events: [EPCISInboundEvent]) {
        self.service = service
        self.options = options
        self.events = events
    }

    mutating func reject(_ event: EPCISInboundEvent, _ message: String, code: TracestockError.Code = .invalidInput) {
        rejections.append(.init(index: event.index, eventID: event.eventID, message: message, code: code))
    }

    mutating func ignore(_ event: EPCISInboundEvent, _ reason: String, status: EPCISImportReport.Status = .ignored, seqs: [Int64] = []) {
        outcomes[event.index] = .init(index: event.index, eventID: event.eventID, status: status, reason: reason, seqs: seqs, quantity: 0)
    }

    /// Decides what each event is; fills `candidates`, `outcomes` and `rejections`.
    mutating func classify() async throws {
        let locations = try await service.store.locations()
        let fallback = try options.location.map { try service.requireLocation($0, field: "at", in: locations) }
        func ours(_ uri: String) -> Location? {
            locations.first { $0.sgln == uri } ?? EPCISIdentifiers.locationCode(uri).flatMap { code in locations.first { $0.code == code } }
        }
        // ILMD of ADD (commissioning) events, by object or class URI: lots and dates of what they created.
        var ilmdByObject: [String: [String: JSONValue]] = [:]
        for event in events where event.action == .add && !event.ilmd.isEmpty {
            for uri in event.epcList + event.quantityList.map(\.epcClass) { ilmdByObject[uri] = event.ilmd }
        }
        let declared = Set(events.filter(\.declaresError).compactMap(\.eventID))
        var seenIDs: [String: Int] = [:]
        for event in events {
            if let id = event.eventID, !event.declaresError {
                if let first = seenIDs[id] { reject(event, "eventID \(id) is also the id of event \(first) of this document"); continue }
                seenIDs[id] = event.index
            }
            guard event.type == "ObjectEvent" else {
                reject(event, "\(event.type) is not supported: Tracestock imports ObjectEvents (receipts of units and lots), not aggregations, transformations, associations or transactions")
                continue
            }
            if event.declaresError {
                ignore(event, "error declaration: event \(event.eventID ?? "?") did not happen as first reported; it is not recorded")
                continue
            }
            if let id = event.eventID, declared.contains(id) {
                ignore(event, "declared erroneous by an error declaration in this document; not recorded")
                continue
            }
            // Is it a receipt to one of our locations?
            var location: Location?
            var shipping = false
            switch (event.bizStep, event.action) {
            case (_, .delete?):
                ignore(event, "action DELETE: objects leaving someone's inventory are not a receipt")
                continue
            case ("receiving"?, _):
                if event.disposition == CBVDisposition.returned.rawValue {
                    ignore(event, "a customer return (disposition returned): Tracestock imports receipts of new stock, not returns")
                    continue
                }
                if let place = event.bizLocation ?? event.readPoint {
                    guard let found = ours(place) else {
                        ignore(event, "received at \(place), which is not one of our locations (set it with `tracestock location add … --sgln`)")
                        continue
                    }
                    location = found
                } else if let fallback {
                    location = fallback
                } else {
                    ignore(event, "receiving event without a business location; import with --at LOCATION to record it there")
                    continue
                }
            case ("shipping"?, _):
                shipping = true
                let places = event.destinations.filter { $0.type.flatMap(CBVSourceDestType.init(cbv:)) == .location }
                if let place = places.first {
                    guard let found = places.lazy.compactMap({ ours($0.id) }).first else {
                        ignore(event, "shipped to \(place.id), which is not one of our locations")
                        continue
                    }
                    location = found
                } else if let fallback {
                    location = fallback
                } else {
                    ignore(event, "shipping event without a destination location: not known to be shipped to us; import with --at LOCATION to record it there")
                    continue
                }
            default:
                ignore(event, "bizStep \(event.bizStep ?? "(none)"): not a receipt (Tracestock records what is shipped to or received at our locations)")
                continue
            }
            guard let location else { continue }
            if event.epcList.isEmpty && event.quantityList.isEmpty {
                ignore(event, "names no objects (no epcList or quantityList entries)")
                continue
            }
            let before = rejections.count
            let receipts = await receipts(of: event, ilmdByObject: ilmdByObject)
            guard rejections.count == before else { continue }
            let hash = Self.sha256(event.json.compactText)
            var key = "epcis:" + (event.eventID ?? "sha256:" + hash)
            if key.count > 200 { key = "epcis:sha256:" + Self.sha256(event.eventID ?? "") }
            candidates.append(Candidate(event: event, shipping: shipping, location: location, receipts: receipts,
                                        reference: Self.reference(event.bizTransactions), key: key, hash: hash))
        }
        supersedeShipments()
        for candidate in candidates { try await checkImportedBefore(candidate) }
        candidates.removeAll { outcomes[$0.event.index] != nil }
    }

    /// Units and lots of one event, each mapped to its SKU, lot and dates.
    mutating func receipts(of event: EPCISInboundEvent, ilmdByObject: [String: [String: JSONValue]]) async -> [Receipt] {
        var receipts: [Receipt] = []
        func facts(_ uri: String) -> (lot: String?, expires: String?, produced: String?) {
            let ilmd = event.ilmd.isEmpty ? ilmdByObject[uri] ?? [:] : event.ilmd
            func day(_ key: String) -> String? {
                guard let text = ilmd[key]?.string, text.count >= 10, (try? Day.parse(String(text.prefix(10)), field: key)) != nil else { return nil }
                return String(text.prefix(10))
            }
            return (ilmd["cbvmda:lotNumber"]?.string, day("cbvmda:itemExpirationDate"), day("cbvmda:productionDate"))
        }
        for (i, uri) in event.epcList.enumerated() {
            let field = "epcList[\(i)]"
            guard let (ref, sku) = await resolve(uri, event: event, field: field) else { continue }
            guard let serial = ref.serial else {
                reject(event, "\(field): \(uri) names a class, not one unit; classes belong in quantityList")
                continue
            }
            guard sku.tracking == .serial else {
                reject(event, "\(field): SKU \(sku.code) is tracked by \(sku.tracking == .lot ? "lot" : "quantity"), not by serial; send it in quantityList")
                continue
            }
            let known = facts(uri)
            if let a = ref.lot, let b = known.lot, a != b {
                reject(event, "\(field): \(uri) names lot \(a) but the ILMD says lot \(b)")
                continue
            }
            let lot = ref.lot ?? known.lot
            if let index = receipts.firstIndex(where: { $0.sku.id == sku.id && $0.serials != nil && $0.lot == lot }) {
                receipts[index].serials?.append(serial)
            } else {
                receipts.append(Receipt(sku: sku, serials: [serial], lot: lot, expires: lot == nil ? nil : known.expires,
                                        produced: lot == nil ? nil : known.produced))
            }
        }
        for (i, entry) in event.quantityList.enumerated() {
            let field = "quantityList[\(i)]"
            guard let (ref, sku) = await resolve(entry.epcClass, event: event, field: field + ".epcClass") else { continue }
            if ref.serial != nil { reject(event, "\(field).epcClass: \(entry.epcClass) names one unit, not a class; units belong in epcList"); continue }
            if let uom = entry.uom, !["EA", "H87", "C62"].contains(uom) {
                reject(event, "\(field): uom \(uom) is a unit of measure; Tracestock counts each (no uom, EA, H87 or C62), not weights or volumes")
                continue
            }
            guard let amount = entry.quantity else { reject(event, "\(field).quantity: missing; an unknown quantity cannot be received"); continue }
            guard amount > 0, amount == amount.rounded(), amount < 1e15 else {
                reject(event, "\(field).quantity: \(amount) is not a positive whole number of items")
                continue
            }
            let known = facts(entry.epcClass)
            let lot = ref.lot ?? known.lot
            switch sku.tracking {
            case .serial:
                reject(event, "\(field): SKU \(sku.code) is serial-tracked; list its units in epcList")
                continue
            case .lot where lot == nil:
                reject(event, "\(field): SKU \(sku.code) is lot-tracked but \(entry.epcClass) names no lot (use an LGTIN or a Digital Link with /10/)")
                continue
            case .none where lot != nil:
                reject(event, "\(field): SKU \(sku.code) is not lot-tracked but \(entry.epcClass) names lot \(lot!)")
                continue
            default:
                receipts.append(Receipt(sku: sku, quantity: Int64(amount), lot: lot, expires: lot == nil ? nil : known.expires,
                                        produced: lot == nil ? nil : known.produced))
            }
        }
        return receipts
    }

    /// The SKU an object or class URI names, or a rejection.
    mutating func resolve(_ uri: String, event: EPCISInboundEvent, field: String) async -> (EPCISIdentifiers.Reference, SKU)? {
        let ref: EPCISIdentifiers.Reference
        do {
            ref = try EPCISIdentifiers.parse(uri)
        } catch {
            reject(event, "\(field): \((error as? TracestockError)?.message ?? "\(error)")")
            return nil
        }
        do {
            switch ref.product {
            case .gtin(let gtin):
                if skuByGTIN[gtin] == nil { skuByGTIN[gtin] = try await service.store.skus(identifier: gtin).first { $0.gtin == gtin } }
                guard let sku = skuByGTIN[gtin] ?? nil else {
                    reject(event, "\(field): unknown GTIN \(gtin) (\(uri)): no SKU has it; add it with `tracestock sku add … --gtin \(gtin)`", code: .notFound)
                    return nil
                }
                return (ref, sku)
            case .sku(let code):
                if skuByCode[code] == nil { skuByCode[code] = try await service.store.sku(code: code) }
                guard let sku = skuByCode[code] ?? nil else {
                    reject(event, "\(field): unknown SKU \(code) (\(uri))", code: .notFound)
                    return nil
                }
                return (ref, sku)
            }
        } catch {
            reject(event, "\(field): \((error as? TracestockError)?.message ?? "\(error)")", code: .internalError)
            return nil
        }
    }

    /// A unit or lot that a receiving event of the document receives is not also received from a
    /// shipping event (the receiving event is the arrival; the shipment announced it).
    mutating func supersedeShipments() {
        struct Key: Hashable { var sku: Int64; var serial: String?; var lot: String? }
        var received: [Key: Int] = [:]
        for c in candidates where !c.shipping {
            for r in c.receipts {
                if let serials = r.serials { for s in serials { received[Key(sku: r.sku.id, serial: s)] = c.event.index } } else {
                    received[Key(sku: r.sku.id, lot: r.lot)] = c.event.index
                }
            }
        }
        guard !received.isEmpty else { return }
        for n in candidates.indices where candidates[n].shipping {
            var by: Set<Int> = []
            candidates[n].receipts = candidates[n].receipts.compactMap { r in
                var r = r
                if let serials = r.serials {
                    r.serials = serials.filter { s in received[Key(sku: r.sku.id, serial: s)].map { by.insert($0); return false } ?? true }
                    return r.serials!.isEmpty ? nil : r
                }
                if let index = received[Key(sku: r.sku.id, lot: r.lot)] { by.insert(index); return nil }
                return r
            }
            if candidates[n].receipts.isEmpty {
                ignore(candidates[n].event, "everything it ships is received by event \(by.sorted().map(String.init).joined(separator: ", ")) of this document")
            }
        }
    }

    /// Marks events imported before (same id, same content) and rejects a reused id with other content.
    mutating func checkImportedBefore(_ candidate: Candidate) async throws {
        guard outcomes[candidate.event.index] == nil, let record = try await service.store.idempotencyRecord(key: candidate.key) else { return }
        let events = record.seqs.map { "#\($0)" }.joined(separator: ", ")
        if record.requestHash == candidate.hash {
            ignore(candidate.event, "imported before as events \(events)", status: .alreadyImported, seqs: record.seqs)
        } else {
            reject(candidate.event, "eventID \(candidate.event.eventID ?? "?") was imported before (events \(events)) with different content", code: .idempotencyConflict)
        }
    }

    /// Plans every receipt in one batch and commits it.
    mutating func record() async throws -> EPCISImportReport {
        var offsets: [Int: Range<Int>] = [:]
        var written: WriteResult?
        if !candidates.isEmpty {
            let planned = candidates
            let options = options
            var problems: [Tracestock.Rejection] = []
            var skipped: [Int: IdempotencyRecord] = [:]
            do {
                written = try await service.execute(request: ["epcis-import": planned.map(\.key)], idempotencyKey: nil) { view in
                    offsets = [:]
                    problems = []
                    skipped = [:]
                    for candidate in planned {
                        let event = candidate.event
                        if let record = try await service.store.idempotencyRecord(key: candidate.key) {
                            skipped[event.index] = record
                            continue
                        }
                        let start = view.plan.batch.events.count
                        view.currentEntry = event.label
                        for receipt in candidate.receipts {
                            let request = ReceiveRequest(sku: receipt.sku.code, serials: receipt.serials, quantity: receipt.quantity, lot: receipt.lot,
                                                         expires: receipt.expires, produced: receipt.produced, location: candidate.location.code,
                                                         at: event.eventTime, actor: options.actor,
                                                         reason: "EPCIS import of " + (event.eventID ?? "event \(event.index)"),
                                                         reference: candidate.reference)
                            do {
                                try await service.planReceive(request, in: view)
                            } catch let error as TracestockError {
                                problems.append(.init(index: event.index, eventID: event.eventID, message: error.message, code: error.code))
                            }
                        }
                        offsets[event.index] = start..<view.plan.batch.events.count
                        view.plan.batch.eventIdempotency.append((candidate.key, candidate.hash, Array(start..<view.plan.batch.events.count)))
                    }
                    if !problems.isEmpty { throw Tracestock.rejection(problems, events: events.count) }
                }
            } catch let error as TracestockError where error.message.hasPrefix("nothing to write") {
                written = nil
            }
            for (index, record) in skipped {
                let event = events.first { $0.index == index }!
                ignore(event, "imported before as events \(record.seqs.map { "#\($0)" }.joined(separator: ", "))", status: .alreadyImported, seqs: record.seqs)
            }
        }
        let summaries = written?.events ?? []
        for candidate in candidates where outcomes[candidate.event.index] == nil {
            let range = offsets[candidate.event.index] ?? 0..<0
            let mine = range.compactMap { $0 < summaries.count ? summaries[$0] : nil }
            outcomes[candidate.event.index] = .init(
                index: candidate.event.index, eventID: candidate.event.eventID, status: .recorded,
                reason: "received at \(candidate.location.code)" + (candidate.shipping ? " (shipped to us)" : ""),
                seqs: mine.map(\.seq), quantity: mine.reduce(0) { $0 + $1.quantity })
        }
        let list = events.compactMap { outcomes[$0.index] }
        return EPCISImportReport(events: list, seqs: summaries.map(\.seq), quantity: summaries.reduce(0) { $0 + $1.quantity })
    }

    /// The purchase order (or despatch advice) an event names, as a receive reference.
    static func reference(_ transactions: [EPCISInboundEvent.Typed]) -> String? {
        func type(_ t: EPCISInboundEvent.Typed) -> CBVBizTransactionType? { t.type.flatMap(CBVBizTransactionType.init(cbv:)) }
        let chosen = transactions.first { type($0) == .po } ?? transactions.first { type($0) == .desadv } ?? transactions.first
        return chosen.map { EPCISIdentifiers.orderReference($0.id) ?? $0.id }
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
