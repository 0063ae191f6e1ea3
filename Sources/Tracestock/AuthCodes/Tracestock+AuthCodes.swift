import Crypto
import Foundation
import TracestockCore

/// A freshly issued code: shown once (for the printer), never stored in plain text.
public struct IssuedCode: Sendable, Encodable, Equatable {
    public var sku: String
    public var serial: String
    public var code: String
}

/// The answer to "is this code genuine?".
public struct CodeVerification: Sendable, Encodable, Equatable {
    /// `genuine`, `unknown`, `revoked` or `malformed`.
    public enum Verdict: String, Sendable, Codable { case genuine, unknown, revoked, malformed }

    public var verdict: Verdict
    public var sku: String?
    public var serial: String?
    public var title: String?
    public var lot: String?
    /// Whether the unit has left our stock to a customer.
    public var sold: Bool?
    public var suspectedClone: Bool
    /// Why: the revocation reason, the clone evidence, or what is malformed.
    public var reason: String?
    public var scans: Int?

    enum CodingKeys: String, CodingKey { case verdict, sku, serial, title, lot, sold, suspectedClone, reason, scans }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(sku, forKey: .sku)
        try c.encode(serial, forKey: .serial)
        try c.encode(title, forKey: .title)
        try c.encode(lot, forKey: .lot)
        try c.encode(sold, forKey: .sold)
        try c.encode(suspectedClone, forKey: .suspectedClone)
        try c.encode(reason, forKey: .reason)
        try c.encode(scans, forKey: .scans)
    }
}

/// When a genuine code is reported as probably cloned.
public struct ClonePolicy: Sendable, Equatable {
    /// More verifications than this is suspicious (config `codes.max-scans`, default 5).
    public var maxScans: Int
    /// Verifications from more distinct places than this is suspicious (config `codes.max-places`, default 3).
    public var maxPlaces: Int

    /// Creates a policy.
    public init(maxScans: Int = 5, maxPlaces: Int = 3) {
        self.maxScans = maxScans
        self.maxPlaces = maxPlaces
    }
}

extension Tracestock {
    /// Issues one new code per unit (128 random bits from the system's CSPRNG, Crockford base32
    /// with a check symbol). Only the SHA-256 of each code is stored; re-issuing revokes the old code.
    public func issueCodes(sku code: String, serials: [String]?, allUnissued: Bool, prefix: String = "TS:") async throws -> [IssuedCode] {
        let sku = try await requireSKU(code)
        guard sku.tracking == .serial else {
            throw TracestockError.invalid("sku: codes are per unit; \(sku.code) is not serial-tracked", details: ["field": "sku"])
        }
        let units: [TracestockCore.Unit]
        if let serials {
            units = try await store.units(skuID: sku.id, serials: serials)
            if units.count < serials.count {
                let known = Set(units.map(\.serial))
                let missing = serials.filter { !known.contains($0) }
                throw TracestockError.notFound("SKU \(sku.code) has no serial \(missing.prefix(5).joined(separator: ", "))", details: ["serial": missing[0]])
            }
            if let voided = units.first(where: { $0.state == .voided }) {
                throw TracestockError(.stateConflict, "SKU \(sku.code) serial \(voided.serial) had its receipt voided", details: ["serial": voided.serial])
            }
        } else if allUnissued {
            units = try await store.unitsWithoutActiveCode(skuID: sku.id)
        } else {
            throw TracestockError.invalid("serials: name the units (--serials) or use --all-unissued", details: ["field": "serials"])
        }
        _ = try AuthCode(bytes: [UInt8](repeating: 0, count: 16), prefix: prefix)
        var generator = SystemRandomNumberGenerator()
        var issued: [IssuedCode] = []
        var hashes: [(unitID: Int64, hash: [UInt8])] = []
        issued.reserveCapacity(units.count)
        hashes.reserveCapacity(units.count)
        for unit in units {
            var bytes = [UInt8](repeating: 0, count: 16)
            for i in stride(from: 0, to: 16, by: 8) {
                withUnsafeBytes(of: generator.next()) { raw in for j in 0..<8 { bytes[i + j] = raw[j] } }
            }
            let text = AuthCode.encode(bytes: bytes, prefix: prefix)
            issued.append(IssuedCode(sku: sku.code, serial: unit.serial, code: text))
            hashes.append((unit.id, Self.codeHash(try AuthCode.parse(text).canonical)))
        }
        try await store.issueCodes(hashes, at: clock())
        return issued
    }

    /// SHA-256 of a code's canonical form (prefix and case normalised, hyphens dropped).
    static func codeHash(_ canonical: String) -> [UInt8] { Array(SHA256.hash(data: Data(canonical.utf8))) }

    /// Verifies a code and logs the verification. Reveals nothing about other codes: every
    /// well-formed code costs one hash and one indexed lookup, and the stored hash is compared in
    /// constant time.
    public func verifyCode(_ text: String, place: String? = nil, policy: ClonePolicy = ClonePolicy()) async throws -> CodeVerification {
        let now = clock()
        let place = place.map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)) }.flatMap { $0.isEmpty ? nil : $0 }
        let parsed: AuthCode
        do {
            parsed = try AuthCode.parse(text)
        } catch let error as TracestockError {
            _ = try await store.recordScan(codeID: nil, at: now, place: place, verdict: "malformed")
            return CodeVerification(verdict: .malformed, suspectedClone: false, reason: error.message)
        }
        let hash = Self.codeHash(parsed.canonical)
        guard let record = try await store.authCode(hash: hash), Self.constantTimeEqual(record.hash, hash) else {
            _ = try await store.recordScan(codeID: nil, at: now, place: place, verdict: "unknown")
            return CodeVerification(verdict: .unknown, suspectedClone: false, reason: "this code was never issued: the item is likely counterfeit")
        }
        guard let unit = try await store.units(ids: [record.unitID]).first, let sku = try await store.skus(ids: [unit.skuID]).first else {
            throw TracestockError(.internalError, "code \(record.id) points at a missing unit")
        }
        var lot: String?
        if let lotID = unit.lotID { lot = try await store.lots(ids: [lotID]).first?.code }
        var revokedReason: String?
        if let reason = record.revokedReason, record.revokedAt != nil {
            revokedReason = reason == "reissued" ? "this code was replaced by a newer one" : reason
        } else if unit.state == .disposed {
            revokedReason = "the unit was disposed"
        } else if unit.state == .quarantined, let last = try await store.events(seqs: [unit.lastSeq]).first, last.verdict == "recall" {
            revokedReason = "the unit is recalled"
        }
        let verdict: CodeVerification.Verdict = revokedReason == nil ? .genuine : .revoked
        let counts = try await store.recordScan(codeID: record.id, at: now, place: place, verdict: verdict.rawValue)
        var result = CodeVerification(verdict: verdict, sku: sku.code, serial: unit.serial, title: sku.title, lot: lot,
                                      sold: unit.state == .shipped || unit.state == .returned, suspectedClone: false,
                                      reason: revokedReason, scans: counts.scans)
        if counts.scans > policy.maxScans {
            result.suspectedClone = true
            result.reason = "verified \(counts.scans) times (more than \(policy.maxScans)): the code may have been copied"
        } else if counts.places > policy.maxPlaces {
            result.suspectedClone = true
            result.reason = "verified from \(counts.places) different places (more than \(policy.maxPlaces)): the code may have been copied"
        }
        return result
    }

    /// Every verification of a code.
    public func codeScans(_ text: String) async throws -> [AuthScan] {
        let parsed = try AuthCode.parse(text)
        guard let record = try await store.authCode(hash: Self.codeHash(parsed.canonical)) else {
            throw TracestockError.notFound("this code was never issued", details: ["field": "code"])
        }
        return try await store.scans(codeID: record.id)
    }

    /// Codes that look cloned: verified too often or from too many places.
    public func suspectedClones(policy: ClonePolicy = ClonePolicy()) async throws -> [(sku: String, serial: String, scans: Int, places: Int)] {
        let rows = try await store.suspectedClones(maxScans: policy.maxScans, maxPlaces: policy.maxPlaces)
        let units = Dictionary(uniqueKeysWithValues: try await store.units(ids: rows.map(\.code.unitID)).map { ($0.id, $0) })
        let skus = Dictionary(uniqueKeysWithValues: try await store.skus(ids: Array(Set(units.values.map(\.skuID)))).map { ($0.id, $0.code) })
        return rows.compactMap { row in
            guard let unit = units[row.code.unitID] else { return nil }
            return (skus[unit.skuID] ?? "?", unit.serial, row.scans, row.places)
        }
    }

    /// The unit an authentication code belongs to (for warranty look-ups by code).
    public func unit(forCode text: String) async throws -> (sku: String, serial: String) {
        let parsed = try AuthCode.parse(text)
        guard let record = try await store.authCode(hash: Self.codeHash(parsed.canonical)),
              let unit = try await store.units(ids: [record.unitID]).first,
              let sku = try await store.skus(ids: [unit.skuID]).first else {
            throw TracestockError.notFound("this code was never issued", details: ["field": "code"])
        }
        return (sku.code, unit.serial)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
