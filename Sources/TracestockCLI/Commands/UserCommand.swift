import ArgumentParser
import Foundation
import Tracestock
import TracestockCore

/// `tracestock user`: the people who sign in to the web UI. Passwords come only on standard input,
/// never in arguments (which other users of the machine can read in the process list) or logs.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Create, list and disable web UI users.",
                                                    subcommands: [Create.self, List.self, Disable.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a web UI user; the password is read from the first line of standard input.",
            discussion: """
                printf '%s\\n' "$PASSWORD" | tracestock user create alice --role operator --password-stdin
                Roles: viewer (reads), operator (+ receive, ship, returns, quarantine), admin (everything).
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The sign-in name (letters, digits, . _ - @).") var name: String
        @Option(help: "admin, operator or viewer.") var role: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (required).") var passwordStdin = false

        func run() async throws {
            guard let role = APIRole(rawValue: role) else {
                throw TracestockError.invalid("--role: '\(role)' is not admin, operator or viewer", details: ["field": "role"])
            }
            guard passwordStdin else {
                throw TracestockError.invalid("--password-stdin: required; passwords are read from standard input, never from arguments",
                                              details: ["field": "password"])
            }
            guard let password = Console.readLine(), !password.isEmpty else {
                throw TracestockError.invalid("password: standard input was empty", details: ["field": "password"])
            }
            let user = try await store.open().createUser(name: name, role: role, password: password)
            Console.out("created user '\(user.name)' (\(user.role.rawValue))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users (never their password hashes).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let users = try await store.open().users()
            if json { return try Console.json(["users": users]) }
            Console.out(Table.render(["id", "name", "role", "created", "disabled"], users.map {
                [String($0.id), $0.name, $0.role.rawValue, $0.createdAt.iso8601, $0.disabledAt?.iso8601 ?? "-"]
            }))
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: no more sign-ins, and its sessions stop working.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user's name.") var name: String

        func run() async throws {
            let user = try await store.open().disableUser(name: name)
            Console.out("disabled user '\(user.name)'")
        }
    }
}

extension Console {
    /// Reads one line of standard input (`--password-stdin`); tests swap it (a task-local).
    @TaskLocal public static var readLine: @Sendable () -> String? = { Swift.readLine(strippingNewline: true) }
}
