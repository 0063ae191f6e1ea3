import Foundation
import OpenAPIRuntime
import Tracestock
import TracestockCore

extension TracestockAPIHandler {
    // MARK: Identifiers

    public func scan(_ input: Operations.Scan.Input) async throws -> Operations.Scan.Output {
        .ok(.init(body: .json(try Self.converted(try await service.scan(input.query.input)))))
    }

    public func encodeGS1(_ input: Operations.EncodeGS1.Input) async throws -> Operations.EncodeGS1.Output {
        let q = input.query
        let encoding = try GS1Encoding(gtin: q.gtin, lot: q.lot, serial: q.serial, expiry: q.expiry, produced: q.produced,
                                       host: q.host ?? "https://id.gs1.org")
        return .ok(.init(body: .json(.init(bracketed: encoding.bracketed, raw: encoding.raw, digitalLink: encoding.digitalLink))))
    }

    // MARK: Authentication codes

    public func issueCodes(_ input: Operations.IssueCodes.Input) async throws -> Operations.IssueCodes.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        try Self.checkSerialCount(list: b.serials, expression: b.serialExpression)
        if b.serials != nil && b.serialExpression != nil {
            throw TracestockError.invalid("serials: give serials or serialExpression, not both", details: ["field": "serials"])
        }
        let serials = try b.serials ?? b.serialExpression.map(SerialExpression.expand)
        let codes = try await service.issueCodes(sku: b.sku, serials: serials, allUnissued: b.allUnissued ?? false, prefix: b.prefix ?? "TS:")
        return .created(.init(body: .json(.init(codes: codes.map { .init(sku: $0.sku, serial: $0.serial, code: $0.code) }))))
    }

    public func verifyCode(_ input: Operations.VerifyCode.Input) async throws -> Operations.VerifyCode.Output {
        let result = try await service.verifyCode(input.path.code, place: input.query._where, policy: clonePolicy)
        return .ok(.init(body: .json(try Self.converted(result))))
    }

    public func listCodeScans(_ input: Operations.ListCodeScans.Input) async throws -> Operations.ListCodeScans.Output {
        let scans = try await service.codeScans(input.path.code)
        return .ok(.init(body: .json(.init(scans: scans.map { .init(at: $0.at.iso8601, place: $0.place, verdict: $0.verdict) }))))
    }

    public func listSuspectedClones(_ input: Operations.ListSuspectedClones.Input) async throws -> Operations.ListSuspectedClones.Output {
        let policy = ClonePolicy(maxScans: input.query.maxScans ?? clonePolicy.maxScans, maxPlaces: input.query.maxPlaces ?? clonePolicy.maxPlaces)
        let clones = try await service.suspectedClones(policy: policy)
        return .ok(.init(body: .json(.init(clones: clones.map { .init(sku: $0.sku, serial: $0.serial, scans: $0.scans, places: $0.places) }))))
    }

    // MARK: Labels

    public func unitLabel(_ input: Operations.UnitLabel.Input) async throws -> Operations.UnitLabel.Output {
        let format = LabelFormat(rawValue: input.query.format?.rawValue ?? "svg") ?? .svg
        let files = try await service.renderLabels(sku: input.path.sku, units: [(input.path.serial, input.query.code)], fnsku: false,
                                                   format: format, host: input.query.host ?? "https://id.gs1.org")
        return .ok(.init(body: Self.labelBody(files, format)))
    }

    public func fnskuLabel(_ input: Operations.FnskuLabel.Input) async throws -> Operations.FnskuLabel.Output {
        let format = LabelFormat(rawValue: input.query.format?.rawValue ?? "svg") ?? .svg
        let files = try await service.renderLabels(sku: input.path.sku, units: [], fnsku: true, format: format)
        return .ok(.init(body: Self.fnskuLabelBody(files, format)))
    }

    static func labelBody(_ files: [LabelFile], _ format: LabelFormat) -> Operations.UnitLabel.Output.Ok.Body {
        let bytes = HTTPBody(files.first?.bytes ?? [])
        switch format {
        case .svg: return .imageSvgXml(bytes)
        case .png: return .png(bytes)
        case .zpl: return .plainText(bytes)
        }
    }

    static func fnskuLabelBody(_ files: [LabelFile], _ format: LabelFormat) -> Operations.FnskuLabel.Output.Ok.Body {
        let bytes = HTTPBody(files.first?.bytes ?? [])
        switch format {
        case .svg: return .imageSvgXml(bytes)
        case .png: return .png(bytes)
        case .zpl: return .plainText(bytes)
        }
    }
}
