import Foundation
import OpenAPIRuntime
import Tracestock
import TracestockCore

extension TracestockAPIHandler {
    public func exportEPCIS(_ input: Operations.ExportEPCIS.Input) async throws -> Operations.ExportEPCIS.Output {
        let q = input.query
        let offset = try EPCISExportMapper.parseOffset(q.timeZone ?? "+00:00")
        let skus = q.sku ?? []
        try Self.checkCount(skus, field: "sku", max: 100)
        let page = try await service.epcisExport(since: q.since ?? 0, skus: skus.isEmpty ? nil : skus, limit: q.limit ?? 1000,
                                                 timeZoneOffsetMinutes: offset)
        let document = try JSONDecoder().decode(Components.Schemas.EPCISDocument.self, from: Data(page.document.compactText.utf8))
        return .ok(.init(headers: .init(nextSince: page.next), body: .applicationLdJson(document)))
    }

    public func importEPCIS(_ input: Operations.ImportEPCIS.Input) async throws -> Operations.ImportEPCIS.Output {
        let document: Components.Schemas.EPCISDocument
        switch input.body {
        case .applicationLdJson(let body): document = body
        case .json(let body): document = body
        }
        try Self.checkLength(input.query.actor, field: "actor", max: 200)
        let data = try JSONEncoder().encode(document)
        let report = try await service.epcisImport(data, options: EPCISImportOptions(location: input.query.at, actor: Self.actor(input.query.actor)))
        if !report.seqs.isEmpty { hooks.eventsWritten(report.seqs.count) }
        return .created(.init(body: .json(try Self.converted(report))))
    }
}
