import Foundation
import OpenAPIRuntime
import Tracestock
import TracestockCore

extension TracestockAPIHandler {
    public func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        .ok(.init(body: .json(.init(status: "ok"))))
    }

    public func ready(_ input: Operations.Ready.Input) async throws -> Operations.Ready.Output {
        // Any store error here (file gone, locked past the timeout) is a 503 from the error mapping.
        do {
            let last = try await service.store.lastSeq()
            return .ok(.init(body: .json(.init(status: "ready", lastSeq: last))))
        } catch {
            throw TracestockError(.busy, "the store is not reachable: \(error)", details: ["retryable": "true"])
        }
    }

    public func metrics(_ input: Operations.Metrics.Input) async throws -> Operations.Metrics.Output {
        .ok(.init(body: .plainText(HTTPBody(hooks.metricsText()))))
    }

    public func openAPIDocument(_ input: Operations.OpenAPIDocument.Input) async throws -> Operations.OpenAPIDocument.Output {
        .ok(.init(body: .yaml(HTTPBody(try Self.openAPIDocument()))))
    }
}
