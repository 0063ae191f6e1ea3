import ArgumentParser
import Foundation
import Tracestock
import TracestockCore

struct CodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "codes", abstract: "Per-unit authentication codes (Transparency-style).",
                                                    subcommands: [Issue.self, Verify.self, Scans.self, Clones.self])

    /// Clone thresholds: flags, else env TRACESTOCK_CODES_MAX_SCANS / TRACESTOCK_CODES_MAX_PLACES (config codes.max-scans / codes.max-places).
    struct CloneOptions: ParsableArguments {
        @Option(name: .customLong("max-scans"), help: "Verifications above this count are flagged as a suspected clone (default 5).")
        var maxScans: Int?
        @Option(name: .customLong("max-places"), help: "Verifications from more distinct places than this are flagged (default 3).")
        var maxPlaces: Int?

        var policy: ClonePolicy {
            let env = ProcessInfo.processInfo.environment
            return ClonePolicy(maxScans: maxScans ?? env["TRACESTOCK_CODES_MAX_SCANS"].flatMap(Int.init) ?? 5,
                               maxPlaces: maxPlaces ?? env["TRACESTOCK_CODES_MAX_PLACES"].flatMap(Int.init) ?? 3)
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue one code per unit; the codes are shown once (write them to --out for the printer).",
            discussion: "tracestock codes issue EB-100 --serials EB000001..EB001000 --out codes.csv")
        @OptionGroup var store: StoreOptions
        @Argument var sku: String
        @Option(help: ArgumentHelp("Serial expression.", valueName: "expr")) var serials: String?
        @Flag(name: .customLong("all-unissued"), help: "Every unit of the SKU without an active code.") var allUnissued = false
        @Option(help: "Brand prefix of the codes.") var prefix: String = "TS:"
        @Option(help: "Write sku,serial,code to this CSV file (created new; the only copy of the codes).") var out: String?
        @Flag(help: "Print the codes as JSON.") var json = false

        func run() async throws {
            if let out, FileManager.default.fileExists(atPath: out) {
                throw TracestockError.invalid("--out: \(out) already exists; codes are shown once, so choose a new file", details: ["field": "out"])
            }
            let service = try await store.open()
            let codes = try await service.issueCodes(sku: sku, serials: try serials.map(SerialExpression.expand), allUnissued: allUnissued, prefix: prefix)
            if let out {
                var text = "sku,serial,code\n"
                for c in codes { text += [c.sku, c.serial, c.code].map(CSVField.escape).joined(separator: ",") + "\n" }
                guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw TracestockError(.internalError, "--out: cannot write \(out); the codes were issued: re-issue them to get new ones")
                }
                Console.out("issued \(codes.count) codes; written to \(out)")
            } else if json {
                try Console.json(["codes": codes])
            } else {
                Console.out("sku,serial,code")
                for c in codes { Console.out("\(c.sku),\(c.serial),\(c.code)") }
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Is this code genuine? Every verification is logged.",
                                                        discussion: "tracestock codes verify TS:7M3QK… --where \"Berlin store\"")
        @OptionGroup var store: StoreOptions
        @Argument var code: String
        @Option(name: .customLong("where"), help: "Where it was scanned (free text).") var place: String?
        @OptionGroup var clones: CloneOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let result = try await store.open().verifyCode(code, place: place, policy: clones.policy)
            if json { return try Console.json(result) }
            var line = result.verdict.rawValue
            if let sku = result.sku, let serial = result.serial { line += ": \(sku) \(serial) \(result.title ?? "")" }
            Console.out(line)
            if result.suspectedClone { Console.out("warning: suspected clone") }
            if let reason = result.reason { Console.out(reason) }
        }
    }

    struct Scans: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every verification of one code.")
        @OptionGroup var store: StoreOptions
        @Argument var code: String
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let scans = try await store.open().codeScans(code)
            if json { return try Console.json(["scans": scans.map { ["at": $0.at.iso8601, "place": $0.place ?? "", "verdict": $0.verdict] }]) }
            Console.out(Table.render(["at", "place", "verdict"], scans.map { [$0.at.iso8601, $0.place.orDash, $0.verdict] }))
        }
    }

    struct Clones: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Codes verified too often or from too many places.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var clones: CloneOptions
        @Flag(help: "Print the result as JSON.") var json = false

        struct Row: Encodable { var sku: String; var serial: String; var scans: Int; var places: Int }

        func run() async throws {
            let rows = try await store.open().suspectedClones(policy: clones.policy).map { Row(sku: $0.sku, serial: $0.serial, scans: $0.scans, places: $0.places) }
            if json { return try Console.json(["clones": rows]) }
            Console.out(Table.render(["sku", "serial", "scans", "places"], rows.map { [$0.sku, $0.serial, String($0.scans), String($0.places)] }))
        }
    }
}

struct LabelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label", abstract: "Print-ready labels: unit QR labels (Digital Link + auth code) or the FNSKU label.",
        discussion: """
            tracestock label EB-100 --codes codes.csv --format png --out labels/
            tracestock label EB-100 --serials EB000001..EB000010 --format svg --out labels/
            tracestock label EB-100 --kind fnsku --format zpl --out labels/
            """)
    @OptionGroup var store: StoreOptions
    @Argument var sku: String
    @Option(help: ArgumentHelp("Serial expression (labels without a code).", valueName: "expr")) var serials: String?
    @Option(help: "The sku,serial,code CSV from `codes issue --out`.") var codes: String?
    @Option(help: "svg, png or zpl.") var format: String = "svg"
    @Option(help: "unit or fnsku.") var kind: String = "unit"
    @Option(help: "Digital Link host.") var host: String = "https://id.gs1.org"
    @Option(help: "Folder for the files.") var out: String = "."

    func run() async throws {
        guard let format = LabelFormat(rawValue: format) else {
            throw TracestockError.invalid("--format: must be svg, png or zpl", details: ["field": "format"])
        }
        guard kind == "unit" || kind == "fnsku" else { throw TracestockError.invalid("--kind: must be unit or fnsku", details: ["field": "kind"]) }
        var units: [(serial: String, code: String?)] = []
        if kind == "unit" {
            if let codes {
                let text: String
                do { text = try String(contentsOfFile: codes, encoding: .utf8) } catch {
                    throw TracestockError.invalid("--codes: cannot read \(codes): \(error.localizedDescription)", details: ["field": "codes"])
                }
                let table = try CSVTable(text: text, file: codes, required: ["sku", "serial", "code"], known: ["sku", "serial", "code"])
                for record in table.records {
                    guard record["sku"] == sku else {
                        throw TracestockError.invalid("\(codes) line \(record.line): SKU \(record["sku"] ?? "") is not \(sku)", details: ["line": String(record.line)])
                    }
                    guard let serial = record["serial"], let code = record["code"] else {
                        throw TracestockError.invalid("\(codes) line \(record.line): serial and code are required", details: ["line": String(record.line)])
                    }
                    units.append((serial, code))
                }
            } else if let serials {
                units = try SerialExpression.expand(serials).map { ($0, nil) }
            } else {
                throw TracestockError.invalid("name the units with --codes FILE or --serials EXPR", details: ["field": "serials"])
            }
        }
        let files = try await store.open().renderLabels(sku: sku, units: units, fnsku: kind == "fnsku", format: format, host: host)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for file in files {
            let path = (out as NSString).appendingPathComponent(file.name)
            guard FileManager.default.createFile(atPath: path, contents: Data(file.bytes)) else {
                throw TracestockError.invalid("--out: cannot write \(path)", details: ["field": "out"])
            }
        }
        Console.out("wrote \(files.count) label\(files.count == 1 ? "" : "s") to \(out)")
    }
}
