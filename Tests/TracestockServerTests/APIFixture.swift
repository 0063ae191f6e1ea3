import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import Tracestock
import TracestockCore
import TracestockServer
import TracestockSQLite

/// A pinned clock: 2026-06-01T12:00:00Z.
let fixedNow = Timestamp(year: 2026, month: 6, day: 1, hour: 12)

/// An in-memory store with the catalog most tests use (WH-MAIN, FBA-US negative allowed;
/// EB-100 serial, VIT-C lot, TOTE none) and one token per role.
struct APIFixture: Sendable {
    let service: Tracestock
    let admin: String
    let `operator`: String
    let viewer: String

    static func make() async throws -> APIFixture {
        let store = try SQLiteLedgerStore()
        try await store.migrate()
        let service = Tracestock(store: store, clock: { fixedNow })
        _ = try await service.addLocation(Location(code: "WH-MAIN", kind: .warehouse))
        _ = try await service.addLocation(Location(code: "FBA-US", kind: .fba, allowNegative: true))
        _ = try await service.addSKU(SKU(code: "EB-100", title: "Earbuds Pro", tracking: .serial, gtin: "09520123456788",
                                         serialPrefix: "EB", serialWidth: 6))
        _ = try await service.addSKU(SKU(code: "VIT-C", title: "Vitamin C 500mg", tracking: .lot))
        _ = try await service.addSKU(SKU(code: "TOTE", title: "Canvas tote", tracking: .none))
        return APIFixture(service: service,
                          admin: try await service.createToken(name: "admin-1", role: .admin).secret,
                          operator: try await service.createToken(name: "scanner-1", role: .operator).secret,
                          viewer: try await service.createToken(name: "web-ui", role: .viewer).secret)
    }

    func secret(for role: APIRole) -> String {
        switch role {
        case .admin: admin
        case .operator: `operator`
        case .viewer: viewer
        }
    }

    /// Runs `body` against the real router (all middleware) without a socket.
    func withClient(configuration: ServerConfiguration = .init(), _ body: @Sendable (APIClient) async throws -> Void) async throws {
        var configuration = configuration
        configuration.accessLogLevel = .debug
        let router = try buildRouter(service: service, configuration: configuration)
        let app = Application(router: router, logger: Logger(label: "test"))
        try await app.test(.router) { client in try await body(APIClient(client: client, fixture: self)) }
    }
}

/// A thin JSON client over Hummingbird's test client.
struct APIClient: Sendable {
    let client: any TestClientProtocol
    let fixture: APIFixture

    struct Reply: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var text: String
        func json() throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
        }
        /// The `code` of an error body.
        var errorCode: String? { (try? json())?["code"] as? String }
    }

    /// Sends a request as `role` (nil: no Authorization header).
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, as role: APIRole? = .admin, json body: Any? = nil, raw: String? = nil,
              contentType: String? = nil, headers extra: [String: String] = [:]) async throws -> Reply {
        var headers = HTTPFields()
        if let role { headers[.authorization] = "Bearer " + fixture.secret(for: role) }
        var buffer: ByteBuffer?
        if let body {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            headers[.contentType] = "application/json"
        } else if let raw {
            buffer = ByteBuffer(string: raw)
        }
        if let contentType { headers[.contentType] = contentType }
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: buffer)
        return Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
}
