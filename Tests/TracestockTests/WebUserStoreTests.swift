import Foundation
import Testing
import Tracestock
import TracestockCore

/// Web UI users and the session key, on every store kind.
@Suite(.postgresScope) struct WebUserStoreTests {
    static let cheap = PasswordHash(rounds: 1 << 4, blockSize: 8, parallelism: 1)

    @Test(arguments: StoreKind.all)
    func aUserCanSignInWithItsPasswordOnly(_ kind: StoreKind) async throws {
        let service = Tracestock(store: try await kind.make(), clock: { fixedNow })
        let created = try await service.createUser(name: "alice", role: .operator, password: "correct horse", cost: Self.cheap)
        #expect(created.id > 0)
        #expect(created.passwordHash.hasPrefix("scrypt$16$8$1$"))
        #expect(!created.passwordHash.contains("correct horse"))
        #expect(try await service.signIn(name: "alice", password: "correct horse")?.role == .operator)
        #expect(try await service.signIn(name: "alice", password: "wrong horse") == nil)
        #expect(try await service.signIn(name: "bob", password: "correct horse") == nil)
    }

    @Test(arguments: StoreKind.all)
    func aDuplicateNameIsRefusedAndAShortPasswordIsInvalid(_ kind: StoreKind) async throws {
        let service = Tracestock(store: try await kind.make(), clock: { fixedNow })
        _ = try await service.createUser(name: "alice", role: .viewer, password: "long enough", cost: Self.cheap)
        _ = await expectError(.duplicate) { _ = try await service.createUser(name: "alice", role: .admin, password: "long enough", cost: Self.cheap) }
        _ = await expectError(.invalidInput) { _ = try await service.createUser(name: "bob", role: .admin, password: "short", cost: Self.cheap) }
        _ = await expectError(.invalidInput) { _ = try await service.createUser(name: "a b", role: .admin, password: "long enough", cost: Self.cheap) }
    }

    @Test(arguments: StoreKind.all)
    func aDisabledUserCannotSignIn(_ kind: StoreKind) async throws {
        let service = Tracestock(store: try await kind.make(), clock: { fixedNow })
        _ = try await service.createUser(name: "carol", role: .admin, password: "secret password", cost: Self.cheap)
        let disabled = try await service.disableUser(name: "carol")
        #expect(disabled.disabledAt == fixedNow)
        #expect(try await service.signIn(name: "carol", password: "secret password") == nil)
        #expect(try await service.activeUser(name: "carol") == nil)
        #expect(try await service.users().map(\.name) == ["carol"])
        _ = await expectError(.stateConflict) { try await service.disableUser(name: "carol") }
        _ = await expectError(.notFound) { try await service.disableUser(name: "nobody") }
    }

    @Test(arguments: StoreKind.all)
    func theSessionKeyIsGeneratedOnceAndKept(_ kind: StoreKind) async throws {
        let store = try await kind.make()
        let first = try await Tracestock(store: store).webSessionKey()
        let second = try await Tracestock(store: store).webSessionKey()
        #expect(first.secret.count == 32)
        #expect(first == second)
    }

    @Test func passwordHashesUseAFreshSaltAndCompareInConstantTime() throws {
        let a = try Self.cheap.hash("same password")
        let b = try Self.cheap.hash("same password")
        #expect(a != b)
        #expect(PasswordHash.verify("same password", against: a))
        #expect(PasswordHash.verify("same password", against: b))
        #expect(!PasswordHash.verify("same passwore", against: a))
        #expect(!PasswordHash.verify("same password", against: "scrypt$16$8$1$bad"))
        #expect(PasswordHash.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!PasswordHash.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!PasswordHash.constantTimeEqual([1, 2], [1, 2, 3]))
    }

    @Test func theStandardCostIsSlow() throws {
        let started = Date()
        let hash = try PasswordHash.standard.hash("timing")
        #expect(hash.hasPrefix("scrypt$32768$8$1$"))
        #expect(Date().timeIntervalSince(started) > 0.005)
    }
}
