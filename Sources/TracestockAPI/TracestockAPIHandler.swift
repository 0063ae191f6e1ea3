import Foundation
import OpenAPIRuntime
import Tracestock
import TracestockCore

/// Implements the generated `APIProtocol` on top of the `Tracestock` service: each handler
/// converts the generated input to a service request, calls the service, and converts the result
/// back. Errors are thrown as `TracestockError` and turned into JSON responses by the server's
/// error middleware (one mapping for every operation). Testable without HTTP.
public struct TracestockAPIHandler: APIProtocol {
    /// Things the handler needs from the server around it.
    public struct Hooks: Sendable {
        /// The Prometheus text of `/metrics`.
        public var metricsText: @Sendable () -> String
        /// Called with the number of ledger events a write appended (not for replays).
        public var eventsWritten: @Sendable (Int) -> Void
        /// Called after a token was revoked (to drop cached authentications).
        public var tokenRevoked: @Sendable () -> Void

        /// Creates hooks; the defaults do nothing.
        public init(metricsText: @escaping @Sendable () -> String = { "" }, eventsWritten: @escaping @Sendable (Int) -> Void = { _ in },
                    tokenRevoked: @escaping @Sendable () -> Void = {}) {
            self.metricsText = metricsText
            self.eventsWritten = eventsWritten
            self.tokenRevoked = tokenRevoked
        }
    }

    public let service: Tracestock
    let hooks: Hooks
    /// Largest serial list or expansion one request may name.
    public static let maxSerialsPerRequest = 1_000_000
    /// Largest CSV body read by an import.
    public static let maxCSVBytes = 256 * 1024 * 1024

    /// Creates the handler.
    public init(service: Tracestock, hooks: Hooks = Hooks()) {
        self.service = service
        self.hooks = hooks
    }

    /// The OpenAPI document this target was generated from (a copy ships as a resource).
    public static func openAPIDocument() throws -> Data {
        if let data = openAPIDocumentData { return data }
        throw TracestockError(.internalError, "openapi.yaml is not installed beside the executable (tracestock_TracestockAPI.resources)")
    }

    static let openAPIDocumentData: Data? = {
        // SwiftPM's resource bundle, looked up without `Bundle.module` (which traps when missing).
        let name = "tracestock_TracestockAPI.resources"
        var candidates = [Bundle.main.bundleURL.appendingPathComponent(name), Bundle.main.resourceURL?.appendingPathComponent(name)]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(executable.appendingPathComponent(name))
        }
        for case let directory? in candidates {
            if let data = try? Data(contentsOf: directory.appendingPathComponent("openapi.yaml")) { return data }
        }
        for bundle in Bundle.allBundles + [Bundle.main] {
            if let url = bundle.url(forResource: "openapi", withExtension: "yaml"), let data = try? Data(contentsOf: url) { return data }
        }
        return nil
    }()

    // MARK: Helpers shared by the handlers

    /// The actor recorded on events: the body's, else the token's name.
    static func actor(_ given: String?) -> String? {
        given ?? RequestScope.token?.name
    }

    static func timestamp(_ text: String?, field: String = "at") throws -> Timestamp? {
        try text.map { try Timestamp.parse($0, field: field) }
    }

    /// Rejects serial lists and expressions above the per-request limit before anything expands them.
    static func checkSerialCount(list: [String]?, expression: String?) throws {
        if let list, list.count > maxSerialsPerRequest {
            throw TracestockError.invalid("serials: \(list.count) serials in one request; at most \(maxSerialsPerRequest)", details: ["field": "serials"])
        }
        if let expression {
            let count = try SerialExpression(expression).count
            if count > maxSerialsPerRequest {
                throw TracestockError.invalid("serialExpression: names \(count) serials; at most \(maxSerialsPerRequest) in one request",
                                              details: ["field": "serialExpression"])
            }
        }
    }

    static func checkQuantity(_ quantity: Int64?, field: String = "quantity", allowNegative: Bool) throws {
        guard let quantity else { return }
        let limit: Int64 = 1_000_000_000_000
        if quantity > limit || quantity < (allowNegative ? -limit : 1) {
            throw TracestockError.invalid("\(field): must be \(allowNegative ? "between -1,000,000,000,000 and" : "from 1 to") 1,000,000,000,000",
                                          details: ["field": field])
        }
    }

    static func checkLength(_ value: String?, field: String, max: Int) throws {
        if let value, value.count > max {
            throw TracestockError.invalid("\(field): at most \(max) characters", details: ["field": field])
        }
    }

    /// The body of a write: 201 for new events, 200 for a replayed idempotency key.
    func written(_ result: WriteResult) -> (replayed: Bool, body: Components.Schemas.WriteResult) {
        if !result.replayed { hooks.eventsWritten(result.events.count) }
        return (result.replayed, Components.Schemas.WriteResult(result))
    }
}
