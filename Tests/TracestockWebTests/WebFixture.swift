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

/// A cheap scrypt cost so sign-ins in tests take microseconds (the standard cost is tested elsewhere).
let cheapCost = PasswordHash(rounds: 1 << 4, blockSize: 8, parallelism: 1)

/// An in-memory store filled by `tracestock demo`, with one user per role
/// (`admin`, `oper`, `viewer`; password "password-<name>").
struct WebFixture: Sendable {
    let service: Tracestock

    /// A fresh demo store (one per test that writes; `shared` for read-only tests).
    static func make() async throws -> WebFixture {
        let store = try SQLiteLedgerStore()
        try await store.migrate()
        let service = Tracestock(store: store)
        _ = try await service.loadDemo()
        for (name, role) in [("admin", APIRole.admin), ("oper", .operator), ("viewer", .viewer)] {
            _ = try await service.createUser(name: name, role: role, password: "password-\(name)", cost: cheapCost)
        }
        return WebFixture(service: service)
    }

    /// One demo store shared by read-only tests.
    static let shared = Task { try await make() }

    /// Runs `body` against the real router (API and web UI, all middleware) without a socket.
    func withClient(configuration: ServerConfiguration = .init(), _ body: @Sendable (WebClient) async throws -> Void) async throws {
        let router = try buildRouter(service: service, configuration: configuration)
        let app = Application(router: router, logger: Logger(label: "web-test"))
        try await app.test(.router) { client in try await body(WebClient(client: client)) }
    }
}

/// A browser-like client over Hummingbird's test client: keeps cookies, posts forms.
final class WebClient: @unchecked Sendable {
    let client: any TestClientProtocol
    private let lock = NSLock()
    private var jar: [String: String] = [:]

    init(client: any TestClientProtocol) {
        self.client = client
    }

    struct Page: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        var location: String? { headers[.location] }
        /// The value of the first `name="csrf"` hidden field.
        var csrf: String? {
            guard let range = body.range(of: "name=\"csrf\" value=\"") else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    var cookies: [String: String] {
        get { lock.withLock { jar } }
        set { lock.withLock { jar = newValue } }
    }

    @discardableResult
    func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> Page {
        try await send(.get, uri, body: nil, headers: extra)
    }

    /// Posts a form (`application/x-www-form-urlencoded`).
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(.post, uri, body: body, headers: headers)
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, body: String?, headers extra: HTTPFields) async throws -> Page {
        var headers = extra
        let jar = cookies
        if !jar.isEmpty { headers[.cookie] = jar.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        var updated = cookies
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || field.value.contains("Max-Age=0") { updated[name] = nil } else { updated[name] = value }
        }
        cookies = updated
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// Signs in through the form, as a browser does.
    func signIn(_ name: String, password: String? = nil) async throws {
        let form = try await get("/login")
        let csrf = try #require(form.csrf)
        let result = try await post("/login", [("csrf", csrf), ("name", name), ("password", password ?? "password-\(name)"), ("next", "/")])
        #expect(result.status == .seeOther, "sign-in of \(name) failed: \(result.status) \(result.body)")
    }

    /// Gets a page and returns its CSRF token.
    func csrf(from uri: String) async throws -> String {
        try #require(try await get(uri).csrf, "no csrf field on \(uri)")
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
