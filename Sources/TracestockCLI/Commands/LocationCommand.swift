import ArgumentParser
import Tracestock
import TracestockCore

struct LocationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "location", abstract: "Add and list locations.",
                                                    subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a location.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Location code, e.g. WH-MAIN.") var code: String
        @Option(help: "warehouse, fba, store, quarantine, transit or other.") var kind: String = "warehouse"
        @Option(help: "A descriptive name.") var name: String?
        @Flag(name: .customLong("allow-negative"), help: "Let quantities here go below zero (Amazon may report shipments before receipts).")
        var allowNegative = false
        @Option(help: "SGLN EPC URI for EPCIS documents, e.g. urn:epc:id:sgln:0614141.00777.0.") var sgln: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            guard let kind = Location.Kind(rawValue: kind) else {
                throw TracestockError.invalid("--kind: '\(self.kind)' is not one of \(Location.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let service = try await store.open()
            let location = try await service.addLocation(Location(code: code, kind: kind, name: name, allowNegative: allowNegative, sgln: sgln))
            if json { try Console.json(location) } else { Console.out("added location \(location.code) (\(location.kind.rawValue))") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List locations.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let locations = try await store.open().locations()
            if json { return try Console.json(["locations": locations]) }
            Console.out(Table.render(["code", "kind", "name", "negative"],
                                     locations.map { [$0.code, $0.kind.rawValue, $0.name.orDash, $0.allowNegative ? "allowed" : "-"] }))
        }
    }
}
