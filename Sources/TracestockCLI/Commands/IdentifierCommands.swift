import ArgumentParser
import Foundation
import Tracestock
import TracestockCore

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Say what a scanned or pasted identifier is, with its fields.",
        discussion: """
            tracestock scan "(01)09520123456788(17)251200(10)ABC123(21)SN-0001" --json
            tracestock scan "https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426"
            tracestock scan X001ABCDEF
            Uses the store (--db) to name the SKU of a known GTIN, FNSKU or ASIN when the store exists.
            """)
    @Option(name: .long, help: "The store (optional: used to resolve the SKU).") var db: String = "tracestock.sqlite"
    @Argument(help: "The scanned text (ASCII 29 for FNC1/GS in raw scans).") var input: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let service = FileManager.default.fileExists(atPath: db) ? try await StoreOptions.open(path: db) : nil
        let report: ScanReport
        if let service {
            report = try await service.scan(input)
        } else {
            report = ScanReport(result: try Scan.parse(input, currentYear: Tracestock.systemClock().day.components.year), sku: nil)
        }
        if json { return try Console.json(report) }
        let r = report.result
        var lines = ["kind: \(r.kind.rawValue)"]
        for (name, value) in [("sku", report.sku), ("gtin", r.gtin), ("lot", r.lot), ("serial", r.serial), ("expiry", r.expiry?.isoString),
                              ("produced", r.produced?.isoString), ("best before", r.bestBefore?.isoString), ("sscc", r.sscc),
                              ("asin", r.asin), ("fnsku", r.fnsku), ("auth code", r.authCode)] {
            if let value { lines.append("\(name): \(value)") }
        }
        if !r.ais.isEmpty { lines.append("AIs: " + r.ais.sorted { $0.key < $1.key }.map { "(\($0.key))\($0.value)" }.joined()) }
        lines.forEach(Console.out)
    }
}

struct GS1Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gs1", abstract: "GS1 barcodes: encode element strings and Digital Links.",
                                                    subcommands: [Encode.self])

    struct Encode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Element string (bracketed and raw) and Digital Link from GTIN, lot, serial and dates.",
            discussion: "tracestock gs1 encode --gtin 09520123456788 --lot ABC1 --serial 12345 --expiry 2026-04-30 --json")
        @Option(help: "GTIN-8/12/13/14.") var gtin: String
        @Option var lot: String?
        @Option var serial: String?
        @Option(help: "Expiry date, YYYY-MM-DD.") var expiry: String?
        @Option(help: "Production date, YYYY-MM-DD.") var produced: String?
        @Option(help: "Digital Link host.") var host: String = "https://id.gs1.org"
        @Flag(help: "Print the result as JSON.") var json = false

        struct Output: Encodable { var bracketed: String; var raw: String; var digitalLink: String }

        func run() async throws {
            func date(_ text: String?, _ field: String) throws -> GS1Date? {
                guard let text else { return nil }
                do { return try GS1Date(isoString: text) } catch {
                    throw TracestockError.invalid("--\(field): '\(text)' is not a date (YYYY-MM-DD)", details: ["field": field])
                }
            }
            var base = host
            if !base.hasPrefix("http://") && !base.hasPrefix("https://") { base = "https://" + base }
            while base.hasSuffix("/") { base.removeLast() }
            let item = try GS1ItemData(gtin: try GTIN(gtin), lot: lot, serial: serial, expiry: try date(expiry, "expiry"),
                                       produced: try date(produced, "produced"))
            let output = Output(bracketed: item.bracketedElementString, raw: item.rawElementString(), digitalLink: item.digitalLink(baseURL: base))
            if json { return try Console.json(output) }
            Console.out("bracketed:    \(output.bracketed)")
            Console.out("raw:          \(output.raw.replacingOccurrences(of: "\u{1D}", with: "<GS>"))")
            Console.out("digital link: \(output.digitalLink)")
        }
    }
}

/// `--scan` / `--scan-file`, shared by receive, ship and return.
struct ScanOptions: ParsableArguments {
    @Option(name: .customLong("scan"), help: ArgumentHelp("A scanned GS1 code, Digital Link or serial (repeatable).", valueName: "input"))
    var scans: [String] = []
    @Option(name: .customLong("scan-file"), help: ArgumentHelp("A file of scans, one per line.", valueName: "file"))
    var scanFile: String?

    var isEmpty: Bool { scans.isEmpty && scanFile == nil }

    /// The scans, with a label for each (for errors).
    func inputs() throws -> (scans: [String], labels: [String]) {
        var all = scans
        var labels = scans.indices.map { "--scan \($0 + 1)" }
        if let scanFile {
            let text: String
            do { text = try String(contentsOfFile: scanFile, encoding: .utf8) } catch {
                throw TracestockError.invalid("--scan-file: cannot read \(scanFile): \(error.localizedDescription)", details: ["field": "scanFile"])
            }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                guard !trimmed.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                all.append(trimmed)
                labels.append("\(scanFile) line \(number + 1)")
            }
        }
        return (all, labels)
    }

    func resolve(_ service: Tracestock, sku: String?, lot: String?) async throws -> ScannedGoods {
        let (scans, labels) = try inputs()
        return try await service.resolveScans(scans, sku: sku, lot: lot, labels: labels)
    }
}
