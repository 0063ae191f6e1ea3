import TracestockCore

/// What an API token may do. Each role includes the ones below it:
/// `viewer` reads, `operator` also writes stock events, `admin` also manages the catalog,
/// locations and tokens.
public enum APIRole: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer
    case `operator`
    case admin

    /// Rank for "at least this role" checks.
    var rank: Int {
        switch self {
        case .viewer: 0
        case .operator: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    /// Whether a holder of this role may do what `required` allows.
    public func allows(_ required: APIRole) -> Bool { self >= required }
}

/// A stored API token: its name and role, never the secret (only its SHA-256 is kept).
public struct APIToken: Sendable, Hashable, Codable {
    /// Store-assigned id.
    public var id: Int64
    /// A label for people: who or what uses it ("scanner-3", "shopify-sync").
    public var name: String
    public var role: APIRole
    /// SHA-256 of the secret, lowercase hex.
    public var tokenHash: String
    public var createdAt: Timestamp
    /// When it was revoked; a revoked token authenticates nothing.
    public var revokedAt: Timestamp?

    /// Creates a token record.
    public init(id: Int64 = 0, name: String, role: APIRole, tokenHash: String, createdAt: Timestamp, revokedAt: Timestamp? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey { case id, name, role, createdAt, revokedAt }

    /// Encodes without the hash: listings show who holds what, not anything derived from the secret.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
        try c.encode(createdAt.iso8601, forKey: .createdAt)
        try c.encode(revokedAt?.iso8601, forKey: .revokedAt)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        role = try c.decode(APIRole.self, forKey: .role)
        tokenHash = ""
        createdAt = try Timestamp.parse(try c.decode(String.self, forKey: .createdAt), field: "createdAt")
        revokedAt = try c.decodeIfPresent(String.self, forKey: .revokedAt).map { try Timestamp.parse($0, field: "revokedAt") }
    }
}

/// A token just created: the record and the secret, which is shown this once and never stored.
public struct IssuedToken: Sendable {
    public var token: APIToken
    /// `ts_` followed by 64 hex digits (32 random bytes).
    public var secret: String
}
