import Foundation
import TracestockCore

extension Tracestock {
    /// Creates a web UI user with a scrypt hash of its password (the password itself is never stored).
    /// - Parameters:
    ///   - name: 1 to 64 characters: letters, digits, `.`, `_`, `-`, `@`.
    ///   - password: at least 8 characters.
    ///   - cost: the scrypt cost (tests use a cheap one).
    /// - Throws: `.invalid` for a bad name or short password, `.duplicate` when the name is taken.
    public func createUser(name: String, role: APIRole, password: String, cost: PasswordHash = .standard) async throws -> WebUser {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard Self.isValidUserName(name) else {
            throw TracestockError.invalid("name: a user name is 1 to 64 letters, digits, '.', '_', '-' or '@'", details: ["field": "name"])
        }
        guard password.count >= 8, password.utf8.count <= 1024 else {
            throw TracestockError.invalid("password: must be 8 to 1024 characters", details: ["field": "password"])
        }
        if try await store.user(name: name) != nil {
            throw TracestockError(.duplicate, "user '\(name)' already exists", details: ["field": "name", "name": name])
        }
        let record = WebUser(name: name, role: role, passwordHash: try cost.hash(password), createdAt: clock())
        return try await store.insertUser(record)
    }

    /// Every user, disabled ones included, oldest first.
    public func users() async throws -> [WebUser] { try await store.users() }

    /// An enabled user by name, nil when unknown or disabled.
    public func activeUser(name: String) async throws -> WebUser? {
        guard let user = try await store.user(name: name), user.disabledAt == nil else { return nil }
        return user
    }

    /// Disables a user: it can no longer sign in and its open sessions stop working.
    @discardableResult
    public func disableUser(name: String) async throws -> WebUser {
        guard var user = try await store.user(name: name) else {
            throw TracestockError.notFound("there is no user '\(name)'", details: ["field": "name", "name": name])
        }
        if let disabled = user.disabledAt {
            throw TracestockError(.stateConflict, "user '\(name)' was already disabled on \(disabled.iso8601)", details: ["name": name])
        }
        let now = clock()
        try await store.disableUser(id: user.id, at: now)
        user.disabledAt = now
        return user
    }

    /// The user whose name and password match, nil otherwise. An unknown or disabled name costs
    /// the same hash computation as a known one, so timing does not tell which names exist.
    public func signIn(name: String, password: String) async throws -> WebUser? {
        let user = try await store.user(name: name)
        let encoded = user?.passwordHash ?? Self.decoyPasswordHash
        let matches = PasswordHash.verify(password, against: encoded)
        guard let user, matches, user.disabledAt == nil else { return nil }
        return user
    }

    /// The web session signing key of this store, generated (32 random bytes) on first use.
    /// Every server on the store gets the same key: the first one to store it wins.
    public func webSessionKey() async throws -> WebSessionKey {
        var generator = SystemRandomNumberGenerator()
        let candidate = WebSessionKey(secret: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }, createdAt: clock())
        return try await store.webSessionKey(orInsert: candidate)
    }

    static func isValidUserName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_@".unicodeScalars.contains($0)) && $0.value < 0x10000
        }
    }

    /// A valid hash of a random password, checked against when the user does not exist.
    static let decoyPasswordHash: String = (try? PasswordHash.standard.hash(UUID().uuidString)) ?? ""
}
