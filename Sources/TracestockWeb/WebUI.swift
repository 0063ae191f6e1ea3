import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import Tracestock
import TracestockCore

/// The web UI of `tracestock serve`: server-rendered pages over the same `Tracestock` service as
/// the API, registered on the same router. Pages need a signed session cookie (except sign-in and
/// the public code check); the API's bearer tokens do not open pages, and the cookie opens no API.
public struct WebUI: Sendable {
    let service: Tracestock
    let renderer: WebRenderer
    let keys: SessionKeyCache
    let throttle = SignInThrottle()
    let logger = Logger(label: "tracestock.web")
    let now: @Sendable () -> Date
    /// How long a session lasts, in seconds.
    let sessionLifetime: Int64
    /// Whether cookies carry `Secure` (set when served over HTTPS, e.g. behind a TLS proxy).
    let secureCookies: Bool

    /// Loads the templates.
    /// - Parameters:
    ///   - sessionLifetime: seconds a sign-in lasts (default 12 hours).
    ///   - secureCookies: mark cookies `Secure` (only sent over HTTPS).
    ///   - now: the clock (tests move it to expire sessions).
    public init(service: Tracestock, sessionLifetime: Int64 = 12 * 3600, secureCookies: Bool = false,
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.service = service
        renderer = try WebRenderer()
        keys = SessionKeyCache(service: service)
        self.now = now
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
    }

    static let sessionCookie = "ts_session"
    static let formCookie = "ts_form"

    /// Adds every page to the router.
    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/static/app.css") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: renderer.stylesheet)))
        }
        router.get("/login") { request, _ in await handle(request, access: .anonymous) { try await loginPage($0, error: nil) } }
        router.post("/login") { request, _ in await handle(request, access: .anonymous) { try await signIn($0) } }
        router.post("/logout") { request, _ in await handle(request, access: .viewer) { signOut($0) } }
        router.get("/") { request, _ in await handle(request, access: .viewer) { try await dashboard($0) } }
        router.get("/skus/:sku") { request, context in
            await handle(request, access: .viewer) { try await skuPage($0, code: context.parameters.get("sku") ?? "") }
        }
        router.get("/units") { request, _ in await handle(request, access: .viewer) { try await findUnit($0) } }
        router.get("/units/:sku/:serial") { request, context in
            await handle(request, access: .viewer) {
                try await unitPage($0, sku: context.parameters.get("sku") ?? "", serial: context.parameters.get("serial") ?? "")
            }
        }
        router.get("/units/:sku/:serial/label.svg") { request, context in
            await handle(request, access: .viewer) {
                try await unitLabel($0, sku: context.parameters.get("sku") ?? "", serial: context.parameters.get("serial") ?? "")
            }
        }
        router.get("/scan") { request, _ in await handle(request, access: .viewer) { try await scanPage($0, outcome: nil) } }
        // Checking a return is a read, so viewers may scan in that mode; receive and ship check the role inside.
        router.post("/scan") { request, _ in await handle(request, access: .viewer) { try await scan($0) } }
        router.get("/returns") { request, _ in await handle(request, access: .viewer) { try await returnsPage($0, outcome: nil) } }
        router.post("/returns") { request, _ in await handle(request, access: .operator) { try await recordReturn($0) } }
        router.get("/recall") { request, _ in await handle(request, access: .viewer) { try await recallPage($0) } }
        router.get("/recall.csv") { request, _ in await handle(request, access: .viewer) { try await recallCSV($0) } }
        router.post("/recall") { request, _ in await handle(request, access: .operator) { try await quarantineRecall($0) } }
        router.get("/reorder") { request, _ in await handle(request, access: .viewer) { try await reorderPage($0) } }
        router.get("/reorder.csv") { request, _ in await handle(request, access: .viewer) { try await reorderCSV($0) } }
        router.get("/ageing") { request, _ in await handle(request, access: .viewer) { try await ageingPage($0) } }
        router.get("/ageing.csv") { request, _ in await handle(request, access: .viewer) { try await ageingCSV($0) } }
        router.get("/verify") { request, _ in await handle(request, access: .anonymous) { try await verifyPage($0, outcome: nil) } }
        router.post("/verify") { request, _ in await handle(request, access: .anonymous) { try await verifyCode($0) } }
    }

    /// Who may open a route: anyone, or a signed-in user with at least a role (POSTs to
    /// `.operator` routes by a viewer get the 403 page).
    enum Access {
        case anonymous
        case viewer
        case `operator`
    }

    /// Runs one page: reads the session, the form and the CSRF token, checks the role, turns
    /// domain errors into pages. Nothing here throws to Hummingbird's JSON error middleware.
    func handle(_ request: Request, access: Access, _ body: (WebRequest) async throws -> Response) async -> Response {
        // Known as far as it got, so an error page still shows who is signed in.
        var known = WebRequest.bare(request)
        do {
            let codec = try await keys.codec()
            let cookies = request.cookies
            var web = WebRequest(method: request.method, path: request.uri.path, query: WebForm(request.uri.query), form: WebForm(nil),
                                 codec: codec, user: nil, session: nil, formNonce: cookies[Self.formCookie]?.value)
            if let value = cookies[Self.sessionCookie]?.value, let session = codec.verify(value, now: now()),
               let user = try await service.activeUser(name: session.userName) {
                web.user = user
                web.session = session
            }
            known = web
            if request.method == .post {
                let bytes = try await request.body.collect(upTo: 1 << 20)
                web.form = WebForm(String(buffer: bytes))
            }
            switch access {
            case .anonymous:
                break
            case .viewer, .operator:
                guard let user = web.user else {
                    if request.method == .get { return Self.redirect("/login?next=" + WebForm.encode(web.pathWithQuery(request))) }
                    return errorPage(web, status: .unauthorized, title: "Sign in first", message: "Your session has ended. Sign in again.")
                }
                if access == .operator, request.method == .post, !user.role.allows(.operator) {
                    return errorPage(web, status: .forbidden, title: "Not allowed",
                                     message: "Your role (\(user.role.rawValue)) can look but not change stock. Ask an admin for the operator role.")
                }
            }
            if request.method == .post, !web.csrfValid {
                return errorPage(web, status: .forbidden, title: "Form expired",
                                 message: "This form did not come from this page or has expired. Go back, reload the page and try again.")
            }
            var response = try await body(web)
            if web.session == nil, web.formNonce == nil, response.headers[.setCookie] == nil {
                // Anonymous forms (sign-in, verify) bind their CSRF token to this cookie.
                response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.formCookie, web.anonymousNonce, maxAge: 86400)))
            }
            return response
        } catch let error as TracestockError {
            let status: HTTPResponse.Status = switch error.code {
            case .notFound: .notFound
            case .forbidden: .forbidden
            case .internalError: .internalServerError
            case .busy: .serviceUnavailable
            case .invalidInput: .badRequest
            default: .conflict
            }
            return errorPage(known, status: status, title: status == .notFound ? "Not found" : "Cannot do that", message: error.message)
        } catch {
            logger.error("web page failed", metadata: ["http.path": .string(request.uri.path), "error": .string("\(error)")])
            return errorPage(known, status: .internalServerError, title: "Something went wrong",
                             message: "The server could not show this page. Try again; if it keeps happening, check the server log.")
        }
    }

    /// A full HTML page.
    func page(_ web: WebRequest, _ template: String, title: String, active: String, model: Any,
              status: HTTPResponse.Status = .ok, flash: String? = nil) -> Response {
        let layout = LayoutModel(title: title, userName: web.user?.name, role: web.user?.role.rawValue, csrf: web.csrf,
                                 active: active, flash: flash)
        return Self.html(renderer.render(template, model: model, layout: layout), status: status)
    }

    func errorPage(_ web: WebRequest, status: HTTPResponse.Status, title: String, message: String) -> Response {
        page(web, "error", title: title, active: "", model: ErrorPageModel(title: title, message: message, status: Int(status.code),
                                                                         signIn: web.user == nil), status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; form-action 'self'; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    static func download(_ text: String, filename: String, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/ (and Secure when configured).
    func cookie(_ name: String, _ value: String, maxAge: Int64) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secureCookies ? "; Secure" : "")
    }
}

/// One request as a page sees it: who is signed in, the form, the CSRF token.
struct WebRequest: Sendable {
    var method: HTTPRequest.Method
    var path: String
    var query: WebForm
    var form: WebForm
    var codec: WebSessionCodec?
    var user: WebUser?
    var session: WebSessionCodec.Session?
    /// The anonymous form cookie's nonce (a fresh one is made when the cookie is missing).
    var formNonce: String?
    let freshNonce = WebSessionCodec.randomToken()

    var anonymousNonce: String { formNonce ?? freshNonce }

    /// The token forms on this page carry.
    var csrf: String? {
        guard let codec else { return nil }
        if let session { return codec.csrfToken(nonce: session.nonce, purpose: "session") }
        return codec.csrfToken(nonce: anonymousNonce, purpose: "form")
    }

    /// Whether the posted `csrf` field matches the session's (or, without one, the form cookie's) token.
    var csrfValid: Bool {
        guard let codec else { return false }
        if let session { return codec.checkCSRF(form.raw("csrf"), nonce: session.nonce, purpose: "session") }
        guard let formNonce else { return false }
        return codec.checkCSRF(form.raw("csrf"), nonce: formNonce, purpose: "form")
    }

    /// Whether the signed-in user may write stock events.
    var canWrite: Bool { user?.role.allows(.operator) ?? false }

    func pathWithQuery(_ request: Request) -> String {
        request.uri.query.map { path + "?" + $0 } ?? path
    }

    /// A request with nothing known (error pages when even the session could not be read).
    static func bare(_ request: Request) -> WebRequest {
        WebRequest(method: request.method, path: request.uri.path, query: WebForm(nil), form: WebForm(nil), codec: nil, user: nil,
                   session: nil, formNonce: nil)
    }
}

/// The session signing key, read from the store (and generated there once) on first use.
final class SessionKeyCache: Sendable {
    let service: Tracestock
    private let cached = Mutex<WebSessionCodec?>(nil)

    init(service: Tracestock) {
        self.service = service
    }

    func codec() async throws -> WebSessionCodec {
        if let codec = cached.withLock({ $0 }) { return codec }
        let codec = WebSessionCodec(secret: try await service.webSessionKey().secret)
        cached.withLock { $0 = codec }
        return codec
    }
}

struct ErrorPageModel {
    var title: String
    var message: String
    var status: Int
    var signIn: Bool
}
