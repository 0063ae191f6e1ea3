import ArgumentParser
import Foundation
import Tracestock
import TracestockCore

struct EPCISCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "epcis", abstract: "GS1 EPCIS 2.0 export and import (JSON-LD).",
                                                    subcommands: [Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the ledger as an EPCIS 2.0 EPCISDocument (one ObjectEvent per ledger event).",
            discussion: "tracestock epcis export --since 120 --sku EB-100 --out events.jsonld")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only events after this sequence number.") var since: Int64 = 0
        @Option(help: "Only events of this SKU (repeatable).") var sku: [String] = []
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Option(name: .customLong("time-zone"), help: "Offset eventTime is written in, ±hh:mm (default +00:00).") var timeZone: String = "+00:00"
        @Flag(help: "One line instead of indented JSON.") var compact = false

        func run() async throws {
            let offset = try EPCISExportMapper.parseOffset(timeZone)
            let service = try await store.open()
            let (document, count) = try await service.epcisExportAll(since: since, skus: sku.isEmpty ? nil : sku, timeZoneOffsetMinutes: offset)
            let text = compact ? document.compactText : document.prettyText
            guard let out else { return Console.out(text) }
            do {
                try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: out))
            } catch {
                throw TracestockError.invalid("--out: cannot write \(out): \(error.localizedDescription)", details: ["field": "out"])
            }
            Console.err("wrote \(count) EPCIS events to \(out)")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the receipts an EPCIS 2.0 JSON/JSON-LD document describes (all or nothing).",
            discussion: """
            Receiving events at our locations and shipping events whose destination is ours become receipts;
            --at names the location for events that name none. Everything else is listed as ignored, with why.
            A document with an unknown GTIN, an unsupported event type or an inconsistent event writes nothing.
            Importing the same events again writes nothing (event ids are idempotency keys).
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The EPCIS document (.json or .jsonld).") var file: String
        @Option(help: "Location for receipts that name none of ours.") var at: String?
        @Option(help: "Who did it (recorded on the events).") var actor: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw TracestockError.notFound("cannot read \(file)", details: ["field": "file"])
            }
            let report = try await store.open().epcisImport(data, options: EPCISImportOptions(location: at, actor: actor))
            if json { return try Console.json(report) }
            for e in report.events {
                let id = e.eventID.map { " (\($0))" } ?? ""
                let seqs = e.seqs.isEmpty ? "" : " " + e.seqs.map { "#\($0)" }.joined(separator: ",")
                Console.out("event \(e.index)\(id): \(e.status.rawValue)\(seqs)\(e.quantity > 0 ? " qty \(e.quantity)" : "")\(e.reason.map { ": \($0)" } ?? "")")
            }
            Console.out("recorded \(report.seqs.count) ledger events, \(report.quantity) units and items received")
        }
    }
}
