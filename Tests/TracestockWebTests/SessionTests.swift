import Foundation
import HTTPTypes
import Testing
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
