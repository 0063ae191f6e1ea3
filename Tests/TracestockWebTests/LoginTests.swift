import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import Tracestock
import TracestockCore
@testable import TracestockWeb

@Suite struct LoginTests {
    @Test func aPageWithoutASessionRedirectsToSignIn() async throws {
        try await WebFixture.shared.value.withClient { client in
            let page = try await client.get("/skus/EB-100")
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?next=%2Fskus%2FEB-100")
            #expect(try await client.get("/").location == "/login?next=%2F")
        }
    }

    @Test func signingInSetsAnHttpOnlyLaxCookieAndOpensTheDashboard() async throws {
        try await WebFixture.shared.value.withClient { client in
            let form = try await client.get("/login")
            #expect(form.status == .ok)
            #expect(form.body.contains("<label for=\"password\">"))
            let result = try await client.post("/login", [("csrf", try #require(form.csrf)), ("name", "viewer"), ("password", "password-viewer"),
                                                          ("next", "/reorder")])
            #expect(result.status == .seeOther)
            #expect(result.location == "/reorder")
            let setCookie = try #require(result.headers[values: .setCookie].first { $0.hasPrefix("ts_session=") })
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Max-Age=43200"))
            let dashboard = try await client.get("/")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("Stock by SKU") && dashboard.body.contains("EB-100") && dashboard.body.contains("Earbuds Pro"))
            #expect(dashboard.body.contains("viewer"))
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() async throws {
        try await WebFixture.shared.value.withClient { client in
            let csrf = try await client.csrf(from: "/login")
            let wrong = try await client.post("/login", [("csrf", csrf), ("name", "admin"), ("password", "nope")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("Wrong user name or password."))
            let unknown = try await client.post("/login", [("csrf", csrf), ("name", "mallory"), ("password", "nope")])
            #expect(unknown.status == .unauthorized)
            #expect(client.cookies["ts_session"] == nil)
        }
    }

    @Test func aSignInWithoutTheFormsCSRFTokenIsRejected() async throws {
        try await WebFixture.shared.value.withClient { client in
            _ = try await client.get("/login")
            let forged = try await client.post("/login", [("csrf", "forged"), ("name", "admin"), ("password", "password-admin")])
            #expect(forged.status == .forbidden)
            let missing = try await client.post("/login", [("name", "admin"), ("password", "password-admin")])
            #expect(missing.status == .forbidden)
            #expect(client.cookies["ts_session"] == nil)
        }
    }

    @Test func aSessionFormWithAWrongCSRFTokenIsRejected() async throws {
        try await WebFixture.shared.value.withClient { client in
            try await client.signIn("admin")
            let forged = try await client.post("/logout", [("csrf", "forged")])
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("Form expired"))
            let real = try await client.post("/logout", [("csrf", try await client.csrf(from: "/"))])
            #expect(real.status == .seeOther)
            #expect(try await client.get("/").status == .seeOther, "signed out")
        }
    }

    @Test func aTamperedOrExpiredCookieOpensNothing() async throws {
        let fixture = try await WebFixture.shared.value
        let clock = MovableClock()
        let web = try WebUI(service: fixture.service, now: { clock.now })
        let router = Router()
        web.register(on: router)
        let app = Application(router: router, logger: Logger(label: "web-test"))
        try await app.test(.router) { raw in
            let client = WebClient(client: raw)
            try await client.signIn("viewer")
            #expect(try await client.get("/").status == .ok)
            let cookie = try #require(client.cookies["ts_session"])
            client.cookies["ts_session"] = cookie.replacingOccurrences(of: "v1.", with: "v1.9")
            #expect(try await client.get("/").status == .seeOther, "tampered")
            client.cookies["ts_session"] = cookie
            clock.now = clock.now.addingTimeInterval(13 * 3600)
            #expect(try await client.get("/").status == .seeOther, "expired")
        }
    }

    @Test func aDisabledUsersSessionStopsWorking() async throws {
        let fixture = try await WebFixture.make()
        _ = try await fixture.service.createUser(name: "temp", role: .operator, password: "password-temp", cost: cheapCost)
        try await fixture.withClient { client in
            try await client.signIn("temp")
            #expect(try await client.get("/").status == .ok)
            try await fixture.service.disableUser(name: "temp")
            #expect(try await client.get("/").status == .seeOther)
        }
    }

    @Test func theCookieDoesNotOpenTheAPIAndATokenDoesNotOpenPages() async throws {
        let fixture = try await WebFixture.shared.value
        let token = try await fixture.service.createToken(name: "web-test", role: .admin)
        try await fixture.withClient { client in
            try await client.signIn("admin")
            #expect(try await client.get("/api/v1/stock").status == .unauthorized)
            client.cookies = [:]
            var headers = HTTPFields()
            headers[.authorization] = "Bearer " + token.secret
            #expect(try await client.get("/", headers: headers).status == .seeOther)
            #expect(try await client.get("/api/v1/stock", headers: headers).status == .ok, "the API is unchanged")
        }
    }

    @Test func aHostileSKUTitleIsEscaped() async throws {
        let fixture = try await WebFixture.make()
        _ = try await fixture.service.addSKU(SKU(code: "EVIL-1", title: "<script>alert('x')</script> & \"quotes\"", tracking: .none))
        try await fixture.withClient { client in
            try await client.signIn("viewer")
            let page = try await client.get("/")
            #expect(page.status == .ok)
            #expect(!page.body.contains("<script>alert"))
            #expect(page.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
                    || page.body.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;"), "\(page.body)")
        }
    }
}

/// A clock tests can move forward.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Date()
    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
