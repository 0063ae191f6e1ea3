import TracestockCore

/// A person who signs in to the web UI with a name and password. Roles are the API's roles
/// (`viewer` reads, `operator` also writes stock events, `admin` also manages). Only a slow,
/// salted hash of the password is stored (`PasswordHash`).
public struct WebUser: Sendable, Hashable, Codable {
    /// Store-assigned id.
    public var id: Int64
    /// The sign-in name, unique, 1 to 64 characters.
    public var name: String
    public var role: APIRole
    /// The encoded password hash (`scrypt$N$r$p$salt$hash`); never shown.
    public var passwordHash: String
    public var createdAt: Timestamp
    /// When it was disabled; a disabled user cannot sign in and its sessions stop working.
    public var disabledAt: Timestamp?

    /// Creates a user record.
    public init(id: Int64 = 0, name: String, role: APIRole, passwordHash: String, createdAt: Timestamp, disabledAt: Timestamp? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    enum CodingKeys: String, CodingKey { case id, name, role, createdAt, disabledAt }

    /// Encodes without the password hash.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
        try c.encode(createdAt.iso8601, forKey: .createdAt)
        try c.encode(disabledAt?.iso8601, forKey: .disabledAt)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        role = try c.decode(APIRole.self, forKey: .role)
        passwordHash = ""
        createdAt = try Timestamp.parse(try c.decode(String.self, forKey: .createdAt), field: "createdAt")
        disabledAt = try c.decodeIfPresent(String.self, forKey: .disabledAt).map { try Timestamp.parse($0, field: "disabledAt") }
    }
}

/// The key that signs web session cookies: 32 random bytes, generated once per store so that
/// several servers on one PostgreSQL database accept each other's cookies.
public struct WebSessionKey: Sendable, Hashable {
    public var secret: [UInt8]
    public var createdAt: Timestamp

    /// Creates a key record.
    public init(secret: [UInt8], createdAt: Timestamp) {
        self.secret = secret
        self.createdAt = createdAt
    }
}
