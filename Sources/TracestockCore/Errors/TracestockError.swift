/// The one public error type of the domain: a stable code and a message that says what was
/// wrong and where (SKU, serial, line, field, position).
public struct TracestockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable error codes. The CLI maps them to exit codes and the API to HTTP statuses, each in one place.
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// The input itself is malformed: a bad field, value, expression or file row.
        case invalidInput
        /// Something named by the input does not exist (SKU, location, event, order).
        case notFound
        /// A thing that must be unique already exists (a serial, a SKU code, a GTIN).
        case duplicate
        /// A unit or event is not in a state that allows the operation.
        case stateConflict
        /// Not enough stock to take the quantity asked for.
        case insufficientStock
        /// The same idempotency key was used with a different request.
        case idempotencyConflict
        /// The store stayed busy (locked by another writer) past the configured timeout.
        case busy
        /// The caller lacks the role for the operation.
        case forbidden
        /// A failure that is not the caller's fault.
        case internalError
    }

    /// The stable code.
    public var code: Code
    /// A human sentence naming what was wrong and where.
    public var message: String
    /// Machine-readable context (`field`, `line`, `column`, `serial`, `sku`, `position`, ...).
    public var details: [String: String]

    /// Creates an error.
    public init(_ code: Code, _ message: String, details: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { message }

    /// Input that is malformed.
    public static func invalid(_ message: String, details: [String: String] = [:]) -> Self {
        Self(.invalidInput, message, details: details)
    }

    /// Something named that does not exist.
    public static func notFound(_ message: String, details: [String: String] = [:]) -> Self {
        Self(.notFound, message, details: details)
    }
}
