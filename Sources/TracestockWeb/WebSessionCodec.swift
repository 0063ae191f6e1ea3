import Crypto
import Foundation

/// Signs and checks session cookies and CSRF tokens with HMAC-SHA256 under the store's key.
///
/// A session cookie is `v1.EXPIRES.NONCE.NAME.MAC`: expiry in Unix seconds, 16 random bytes, the
/// user name (base64url) and the MAC of everything before it. The CSRF token of a session is the
/// MAC of its nonce, so it cannot be forged without the key and dies with the session. Pages
/// without a session (sign-in, public verify) use a random nonce in their own cookie the same way.
struct WebSessionCodec: Sendable {
    /// The signing secret (`SymmetricKey` is not `Sendable`, so one is made per use).
    let secret: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: secret) }

    /// A verified session: who, until when, and its nonce (for its CSRF token).
    struct Session: Sendable, Equatable {
        var userName: String
        var expires: Int64
        var nonce: String
    }

    init(secret: [UInt8]) {
        self.secret = secret
    }

    /// A new session cookie value for a user, valid for `lifetime` seconds from `now`.
    func issue(userName: String, now: Date, lifetime: Int64) -> (value: String, session: Session) {
        let expires = Int64(now.timeIntervalSince1970) + lifetime
        let nonce = Self.randomToken()
        let body = "v1.\(expires).\(nonce).\(Self.base64url(Array(userName.utf8)))"
        return (body + "." + mac(body), Session(userName: userName, expires: expires, nonce: nonce))
    }

    /// The session of a cookie value, nil when malformed, tampered with or expired.
    func verify(_ value: String, now: Date) -> Session? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "v1", let expires = Int64(parts[1]) else { return nil }
        let body = parts[0..<4].joined(separator: ".")
        guard let given = Self.unbase64url(parts[4]),
              HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Array(body.utf8), using: key) else { return nil }
        guard expires > Int64(now.timeIntervalSince1970),
              let nameBytes = Self.unbase64url(parts[3]), let name = String(bytes: nameBytes, encoding: .utf8) else { return nil }
        return Session(userName: name, expires: expires, nonce: parts[2])
    }

    /// The CSRF token bound to a nonce (a session's, or an anonymous form cookie's).
    func csrfToken(nonce: String, purpose: String) -> String {
        mac("csrf.\(purpose).\(nonce)")
    }

    /// Whether a submitted CSRF token belongs to the nonce (constant-time).
    func checkCSRF(_ submitted: String?, nonce: String, purpose: String) -> Bool {
        guard let submitted, let given = Self.unbase64url(submitted) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Array("csrf.\(purpose).\(nonce)".utf8), using: key)
    }

    func mac(_ text: String) -> String {
        Self.base64url(Array(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)))
    }

    /// 16 random bytes, base64url.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64url((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
