import Foundation
import HTTPTypes
import Hummingbird
import Tracestock

/// The sign-in page's model.
struct LoginPageModel {
    var csrf: String
    var next: String
    var name: String?
    var error: String?
}

extension WebUI {
    func loginPage(_ web: WebRequest, error: String?, name: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        if web.user != nil, error == nil { return Self.redirect("/") }
        let model = LoginPageModel(csrf: web.csrf ?? "", next: Self.safeNext(web.query["next"] ?? web.form["next"]), name: name, error: error)
        return page(web, "login", title: "Sign in", active: "login", model: model, status: status)
    }

    /// Checks the name and password; on success sets the session cookie and goes to `next`.
    func signIn(_ web: WebRequest) async throws -> Response {
        let name = web.form["name"] ?? ""
        let password = web.form.raw("password") ?? ""
        if let wait = throttle.wait(for: name, now: now()) {
            return try await loginPage(web, error: "Too many failed sign-ins for this name. Try again in \(wait) seconds.", name: name,
                                       status: .tooManyRequests)
        }
        guard !name.isEmpty, !password.isEmpty, let user = try await service.signIn(name: name, password: password) else {
            throttle.failed(name, now: now())
            return try await loginPage(web, error: "Wrong user name or password.", name: name, status: .unauthorized)
        }
        throttle.succeeded(name)
        guard let codec = web.codec else { throw WebError.missingResources("session key") }
        let issued = codec.issue(userName: user.name, now: now(), lifetime: sessionLifetime)
        var response = Self.redirect(Self.safeNext(web.form["next"]))
        response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.sessionCookie, issued.value, maxAge: sessionLifetime)))
        return response
    }

    func signOut(_ web: WebRequest) -> Response {
        var response = Self.redirect("/login")
        response.headers.append(HTTPField(name: .setCookie, value: cookie(Self.sessionCookie, "", maxAge: 0)))
        return response
    }

    /// Only local paths are followed after sign-in (no open redirect to another site).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/login") else { return "/" }
        return next
    }
}
