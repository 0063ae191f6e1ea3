import PostgresNIO
import Tracestock
import TracestockCore

extension PostgresLedgerStore {
    /// Turns postgres-nio errors into the domain's error: no PostgresNIO type leaks upward.
    ///
    /// Unique violations are `.duplicate` (a new lot racing another server's is a retryable
    /// `.stateConflict`: planning again finds that lot), the negative-stock trigger is
    /// `.insufficientStock`, the immutability triggers `.stateConflict`, serialization failures and
    /// deadlocks retryable `.stateConflict`, lock timeouts `.busy`.
    static func translate(_ error: any Error, context: String) -> TracestockError {
        if let error = error as? TracestockError { return error }
        if let error = error as? PostgresTransactionError {
            return translate(error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error, context: context)
        }
        if error is CancellationError {
            return TracestockError(.internalError, "\(context): cancelled")
        }
        guard let error = error as? PSQLError else {
            return TracestockError(.internalError, "\(context): \(String(reflecting: error))")
        }
        guard error.code == .server, let info = error.serverInfo else {
            return TracestockError(.internalError, "\(context): cannot talk to PostgreSQL (\(describe(error)))")
        }
        let state = info[.sqlState] ?? ""
        let message = info[.message] ?? "error \(state)"
        let detail = info[.detail].map { " (\($0))" } ?? ""
        let table = info[.tableName]
        switch state {
        case "23505": // unique_violation
            if table == "lot" {
                return TracestockError(.stateConflict, "another request created the same lot at the same time\(detail)", details: ["retry": "true"])
            }
            if table == "unit", let serial = Self.keyValue(info[.detail]) {
                return TracestockError(.duplicate, "serial \(serial) already exists for this SKU", details: ["serial": serial])
            }
            return TracestockError(.duplicate, "already exists: \(message)\(detail)", details: Self.keyColumn(info[.detail]).map { ["field": $0] } ?? [:])
        case "23503": // foreign_key_violation
            return TracestockError(.notFound, "refers to something that does not exist: \(message)\(detail)")
        case "23514" where message.contains("negative stock"): // check_violation raised by stock_not_negative()
            // The planner checks stock before it commits, so this means another server took the stock in between:
            // planning again gives the precise answer (or picks other lots).
            return TracestockError(.insufficientStock, "not enough stock: the change would take a quantity below zero\(detail)",
                                   details: ["retry": "true"])
        case "23001" where message.contains("immutable"): // restrict_violation raised by ledger_immutable()
            return TracestockError(.stateConflict, "ledger events are immutable: \(message)")
        case "23514", "23502", "22001", "22003", "22P02": // check, not null, too long, out of range, bad text
            return TracestockError(.invalidInput, "rejected by the store: \(message)\(detail)")
        case "40001", "40P01": // serialization_failure, deadlock_detected
            return TracestockError(.stateConflict, "a concurrent transaction got in the way: \(message)", details: ["retry": "true"])
        case "55P03", "57014": // lock_not_available (lock_timeout), query_canceled
            return TracestockError(.busy, "the store is busy: another writer held the ledger lock longer than the lock timeout; nothing was written, try again",
                                   details: ["retryable": "true"])
        case "42P01", "42883": // undefined_table, undefined_function
            return TracestockError(.internalError, "\(context): the database has no Tracestock tables (\(message)); run `tracestock migrate --postgres URL`")
        case "3D000": // invalid_catalog_name
            return TracestockError(.notFound, "\(context): \(message)")
        case "28000", "28P01": // invalid authorization, invalid password
            return TracestockError(.internalError, "\(context): the server refused the login (\(message))")
        default:
            return TracestockError(.internalError, "\(context): \(message)\(detail) [SQLSTATE \(state)]")
        }
    }

    /// The first value in a unique-violation detail, `Key (serial, sku_id)=(SN1, 3) already exists.` → `SN1`.
    static func keyValue(_ detail: String?) -> String? {
        guard let detail, let equals = detail.range(of: ")=(") else { return nil }
        let values = detail[equals.upperBound...]
        guard let end = values.firstIndex(where: { $0 == "," || $0 == ")" }) else { return nil }
        return String(values[..<end])
    }

    /// The first column in a unique-violation detail, `Key (reference, sku_id)=(PO-1, 3) already exists.` → `reference`.
    static func keyColumn(_ detail: String?) -> String? {
        guard let detail, let open = detail.range(of: "Key ("), let end = detail[open.upperBound...].firstIndex(where: { $0 == "," || $0 == ")" })
        else { return nil }
        return String(detail[open.upperBound..<end])
    }

    /// A short description of a client-side error (connection refused, closed, TLS).
    static func describe(_ error: PSQLError) -> String {
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
