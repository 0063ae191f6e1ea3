import Foundation
import HTTPTypes
import Testing
import TracestockServer
@testable import TracestockWeb

@Suite struct SessionTests {
    let codec = WebSessionCodec(secret: Array(repeating: 7, count: 32))
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aSignedCookieVerifiesUntilItExpires() {
        let issued = codec.issue(userName: "alice", now: now, lifetime: 3600)
        #expect(codec.verify(issued.value, now: now)?.userName == "alice")
        #expect(codec.verify(issued.value, now: now.addingTimeInterval(3599))?.userName == "alice")
        #expect(codec.verify(issued.value, now: now.addingTimeInterval(3600)) == nil, "expired")
    }

    @Test func aTamperedCookieIsRejected() {
        let issued = codec.issue(userName: "viewer", now: now, lifetime: 3600)
        var parts = issued.value.split(separator: ".").map(String.init)
        // Another name, or a later expiry, with the old MAC.
        parts[3] = WebSessionCodec.base64url(Array("admin".utf8))
        #expect(codec.verify(parts.joined(separator: "."), now: now) == nil)
        parts = issued.value.split(separator: ".").map(String.init)
        parts[1] = String(Int64(parts[1])! + 86400)
        #expect(codec.verify(parts.joined(separator: "."), now: now) == nil)
        // A cookie signed with another key.
        let other = WebSessionCodec(secret: Array(repeating: 8, count: 32)).issue(userName: "viewer", now: now, lifetime: 3600)
        #expect(codec.verify(other.value, now: now) == nil)
        #expect(codec.verify("garbage", now: now) == nil)
        #expect(codec.verify("", now: now) == nil)
    }

    @Test func csrfTokensAreBoundToTheirNonceAndPurpose() {
        let token = codec.csrfToken(nonce: "n1", purpose: "session")
        #expect(codec.checkCSRF(token, nonce: "n1", purpose: "session"))
        #expect(!codec.checkCSRF(token, nonce: "n2", purpose: "session"))
        #expect(!codec.checkCSRF(token, nonce: "n1", purpose: "form"))
        #expect(!codec.checkCSRF(nil, nonce: "n1", purpose: "session"))
        #expect(!codec.checkCSRF("", nonce: "n1", purpose: "session"))
    }

    @Test func onlyLocalPathsAreFollowedAfterSignIn() {
        #expect(WebUI.safeNext("/skus/EB-100") == "/skus/EB-100")
        #expect(WebUI.safeNext("https://evil.example/") == "/")
        #expect(WebUI.safeNext("//evil.example/") == "/")
        #expect(WebUI.safeNext(nil) == "/")
    }
}

@Suite struct SignInThrottleTests {
    @Test func repeatedFailuresForOneNameAreRefusedUntilTheWindowPasses() {
        let throttle = SignInThrottle(limit: 3, window: 60)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for _ in 0..<3 {
            #expect(throttle.wait(for: "alice", now: start) == nil)
            throttle.failed("alice", now: start)
        }
        #expect(throttle.wait(for: "Alice", now: start.addingTimeInterval(10)) == 50)
        #expect(throttle.wait(for: "bob", now: start) == nil, "other names are not affected")
        #expect(throttle.wait(for: "alice", now: start.addingTimeInterval(61)) == nil)
    }
}

/// The server settings the web UI honours.
@Suite struct WebSettingsTests {
    @Test func secureCookiesMarksEveryCookieSecure() async throws {
        let fixture = try await WebFixture.shared.value
        var secure = ServerConfiguration()
        secure.secureCookies = true
        try await fixture.withClient(configuration: secure) { client in
            let form = try await client.get("/login")
            let csrf = try #require(form.csrf)
            let signedIn = try await client.post("/login", [("csrf", csrf), ("name", "viewer"), ("password", "password-viewer"), ("next", "/")])
            #expect(signedIn.status == .seeOther)
            let cookies = form.headers[values: .setCookie] + signedIn.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("ts_form=") })
            #expect(cookies.contains { $0.hasPrefix("ts_session=") })
            for header in cookies { #expect(header.contains("; Secure"), "\(header)") }
        }
        try await fixture.withClient { client in
            let page = try await client.get("/login")
            #expect(!page.headers[values: .setCookie].isEmpty)
            #expect(page.headers[values: .setCookie].allSatisfy { !$0.contains("Secure") })
        }
    }

    @Test func withoutTheWebUIOnlyTheAPIAnswers() async throws {
        let fixture = try await WebFixture.shared.value
        var apiOnly = ServerConfiguration()
        apiOnly.webUI = false
        try await fixture.withClient(configuration: apiOnly) { client in
            let login = try await client.get("/login")
            let dashboard = try await client.get("/")
            let health = try await client.get("/health")
            #expect(login.status == .notFound)
            #expect(dashboard.status == .notFound)
            #expect(health.status == .ok)
        }
    }
}
