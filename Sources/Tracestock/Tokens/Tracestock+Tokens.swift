import Foundation
import Crypto
import TracestockCore

extension Tracestock {
    /// The prefix of every API token, so a leaked one is recognisable in logs and secret scanners.
    public static let tokenPrefix = "ts_"

    /// Creates an API token: 32 bytes from the system's cryptographic generator, shown once as
    /// `ts_` + hex; only its SHA-256 is stored.
    /// - Parameters:
    ///   - name: a label, 1 to 100 printable characters.
    ///   - role: what the token may do.
    public func createToken(name: String, role: APIRole) async throws -> IssuedToken {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 100, trimmed.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
            throw TracestockError.invalid("name: a token needs a name of 1 to 100 printable characters", details: ["field": "name"])
        }
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        let secret = Self.tokenPrefix + Self.hex(bytes)
        let record = APIToken(name: trimmed, role: role, tokenHash: Self.tokenHash(secret), createdAt: clock())
        let stored = try await store.insertToken(record)
        return IssuedToken(token: stored, secret: secret)
    }

    /// The token a secret belongs to, if it exists and is not revoked. Malformed secrets find nothing.
    public func authenticate(secret: String) async throws -> APIToken? {
        guard secret.hasPrefix(Self.tokenPrefix), secret.utf8.count == Self.tokenPrefix.utf8.count + 64 else { return nil }
        guard let token = try await store.token(hash: Self.tokenHash(secret)), token.revokedAt == nil else { return nil }
        return token
    }

    /// Every token, revoked ones included, oldest first.
    public func tokens() async throws -> [APIToken] { try await store.tokens() }

    /// Revokes a token by id; revoking twice is a state conflict.
    @discardableResult
    public func revokeToken(id: Int64) async throws -> APIToken {
        guard let token = try await store.tokens().first(where: { $0.id == id }) else {
            throw TracestockError.notFound("there is no token #\(id)", details: ["field": "id"])
        }
        if let revoked = token.revokedAt {
            throw TracestockError(.stateConflict, "token #\(id) (\(token.name)) was already revoked on \(revoked.iso8601)", details: ["id": String(id)])
        }
        let now = clock()
        try await store.revokeToken(id: id, at: now)
        var result = token
        result.revokedAt = now
        return result
    }

    /// SHA-256 of a token secret, lowercase hex: the only form a store keeps.
    public static func tokenHash(_ secret: String) -> String {
        hex(Array(SHA256.hash(data: Array(secret.utf8))))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
