import ArgumentParser
import Tracestock
import TracestockCore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Create, list and revoke API tokens.",
                                                    subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token and print it (only this once) on standard output.",
            discussion: """
                TOKEN=$(tracestock token create --role operator --name scanner-1)
                Roles: viewer (reads), operator (+ stock events), admin (+ catalog, locations, tokens).
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "admin, operator or viewer.") var role: String
        @Option(help: "Who or what uses it, e.g. scanner-1.") var name: String

        func run() async throws {
            guard let role = APIRole(rawValue: role) else {
                throw TracestockError.invalid("--role: '\(role)' is not admin, operator or viewer", details: ["field": "role"])
            }
            let issued = try await store.open().createToken(name: name, role: role)
            Console.out(issued.secret)
            Console.err("created token #\(issued.token.id) '\(issued.token.name)' (\(role.rawValue)); it is shown only now")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let tokens = try await store.open().tokens()
            if json { return try Console.json(["tokens": tokens]) }
            Console.out(Table.render(["id", "name", "role", "created", "revoked"], tokens.map {
                [String($0.id), $0.name, $0.role.rawValue, $0.createdAt.iso8601, $0.revokedAt?.iso8601 ?? "-"]
            }))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id (a running server notices within 5 s).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Token id (from `token list`).") var id: Int64

        func run() async throws {
            let token = try await store.open().revokeToken(id: id)
            Console.out("revoked token #\(token.id) '\(token.name)'")
        }
    }
}
