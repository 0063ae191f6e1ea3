import Crypto
import _CryptoExtras
import Foundation

/// Password hashing with scrypt (swift-crypto's `KDF.Scrypt`), a per-user 16-byte random salt and
/// a constant-time comparison. Encoded as `scrypt$N$r$p$SALT$HASH` (base64), so the cost can be
/// raised later without invalidating stored hashes.
public struct PasswordHash: Sendable, Equatable {
    /// CPU/memory cost (a power of two), block size and parallelism.
    public var rounds: Int
    public var blockSize: Int
    public var parallelism: Int

    /// 2^15, 8, 1: about 32 MiB and tens of milliseconds per check, as recommended for interactive logins.
    public static let standard = PasswordHash(rounds: 1 << 15, blockSize: 8, parallelism: 1)

    /// Creates a cost setting.
    public init(rounds: Int, blockSize: Int, parallelism: Int) {
        self.rounds = rounds
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// Hashes a password with a fresh random salt.
    public func hash(_ password: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let derived = try Self.derive(password, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return ["scrypt", String(rounds), String(blockSize), String(parallelism),
                Data(salt).base64EncodedString(), Data(derived).base64EncodedString()].joined(separator: "$")
    }

    /// Whether `password` matches an encoded hash; a malformed hash matches nothing.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let rounds = Int(parts[1]), let blockSize = Int(parts[2]),
              let parallelism = Int(parts[3]), rounds >= 2, rounds <= 1 << 20, rounds & (rounds - 1) == 0,
              (1...32).contains(blockSize), (1...16).contains(parallelism),
              let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]), expected.count == 32,
              let derived = try? derive(password, salt: Array(salt), rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        else { return false }
        return constantTimeEqual(derived, Array(expected))
    }

    /// Compares two byte strings in time that depends only on their lengths.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static func derive(_ password: String, salt: [UInt8], rounds: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: rounds,
                                           blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Array($0) }
    }
}
