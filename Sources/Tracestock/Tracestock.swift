import Crypto
import Foundation
import TracestockCore

/// The application service: every command and query of Tracestock, on any `LedgerStore`.
/// The CLI, the HTTP API and the web UI are thin layers over this type, so they cannot disagree.
public final class Tracestock: Sendable {
    /// The store this service writes to.
    public let store: any LedgerStore
    let clock: @Sendable () -> Timestamp
    /// How many times a command is re-planned when a concurrent writer changed what it read.
    let maxAttempts = 8

    /// Creates a service over a store.
    /// - Parameters:
    ///   - store: a migrated store.
    ///   - clock: the source of "now" (tests pin it).
    public init(store: any LedgerStore, clock: @escaping @Sendable () -> Timestamp = Tracestock.systemClock) {
        self.store = store
        self.clock = clock
    }

    /// The wall clock.
    public static let systemClock: @Sendable () -> Timestamp = {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }

    // MARK: Lookups with errors that say what was missing

    func requireSKU(_ code: String) async throws -> SKU {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw TracestockError.invalid("sku: a SKU code is required", details: ["field": "sku"]) }
        guard let sku = try await store.sku(code: trimmed) else {
            throw TracestockError.notFound("unknown SKU '\(trimmed)' (add it with `tracestock sku add`)", details: ["field": "sku", "sku": trimmed])
        }
        return sku
    }

    func requireLocation(_ code: String, field: String, in locations: [Location]) throws -> Location {
        guard let location = locations.first(where: { $0.code == code }) else {
            let known = locations.map(\.code).joined(separator: ", ")
            throw TracestockError.notFound("\(field): unknown location '\(code)'\(known.isEmpty ? " (no locations yet: `tracestock location add`)" : " (known: \(known))")",
                                           details: ["field": field, "location": code])
        }
        return location
    }

    /// Runs a planned write with idempotency and optimistic-concurrency retries.
    func execute(request: some Encodable, idempotencyKey: String?, plan: (LedgerView) async throws -> Void) async throws -> WriteResult {
        let requestHash = idempotencyKey.map { _ in Self.hash(request) }
        if let key = idempotencyKey, key.isEmpty || key.count > 200 {
            throw TracestockError.invalid("idempotency key must be 1 to 200 characters", details: ["field": "idempotencyKey"])
        }
        var lastError: TracestockError?
        var checksExistingSerials = false
        for _ in 0..<maxAttempts {
            if let key = idempotencyKey, let requestHash, let record = try await store.idempotencyRecord(key: key) {
                guard record.requestHash == requestHash else {
                    throw TracestockError(.idempotencyConflict,
                                          "idempotency key '\(key)' was already used for a different request (events \(record.seqs.map { "#\($0)" }.joined(separator: ", ")))",
                                          details: ["key": key])
                }
                var result = try await replayResult(seqs: record.seqs)
                result.replayed = true
                return result
            }
            let view = LedgerView(store: store)
            view.checksExistingSerials = checksExistingSerials
            do {
                try await plan(view)
            } catch where view.skippedSerialCheck {
                // A plan that skipped the existing-serial check failed: plan again with every
                // check, so the caller gets the error the careful plan gives.
                checksExistingSerials = true
                continue
            } catch let error as TracestockError where idempotencyKey != nil {
                // Another server may have committed this very key since the check above, and its effects can make
                // this plan fail ("already shipped"): the answer is then that request's result.
                if let key = idempotencyKey, try await store.idempotencyRecord(key: key) != nil { continue }
                throw error
            }
            var planned = view.plan
            guard !planned.batch.events.isEmpty else {
                throw TracestockError.invalid("nothing to write: the request names no stock")
            }
            if let key = idempotencyKey, let requestHash { planned.batch.idempotency = (key, requestHash) }
            do {
                let seqs = try await store.commit(planned.batch)
                for (index, seq) in seqs.enumerated() where index < planned.summaries.count {
                    planned.summaries[index].seq = seq
                }
                return WriteResult(events: planned.summaries, replayed: false)
            } catch let error as TracestockError where error.details["retry"] == "true" {
                lastError = error
                continue
            } catch let error as TracestockError where error.code == .duplicate && view.skippedSerialCheck {
                // A serial exists (the unique index said so): plan again with the lookup.
                checksExistingSerials = true
                lastError = error
                continue
            }
        }
        throw TracestockError(.busy, "gave up after \(maxAttempts) attempts: other writers kept changing the same units (\(lastError?.message ?? ""))",
                              details: ["retryable": "true"])
    }

    /// SHA-256 of the request's canonical JSON (sorted keys), hex.
    static func hash(_ request: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(request)) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// A planned command: the batch to commit and what to tell the caller about each event.
struct Plan {
    var batch = LedgerBatch()
    var summaries: [EventSummary] = []
}
