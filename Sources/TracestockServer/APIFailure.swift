import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIRuntime
import Tracestock
import TracestockCore

/// An error as the API answers it: a status and the JSON body `{"code", "message", "details"}`.
/// Every error a request can end in becomes one of these in `APIFailure.init(mapping:)`, the one
/// place that decides HTTP statuses.
public struct APIFailure: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// Stable code (see the `Error` schema in openapi.yaml).
    public var code: String
    public var message: String
    public var details: [String: String]
    /// Extra response headers (`Retry-After`, `WWW-Authenticate`).
    public var headers: [String: String]

    /// Creates a failure.
    public init(_ status: HTTPResponse.Status, code: String, _ message: String, details: [String: String] = [:], headers: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    /// The HTTP status of each domain error code:
    /// - `invalidInput` 400: the request itself is malformed (a field, value, expression or CSV row).
    /// - `notFound` 404: something it names does not exist, in the path or in the body.
    /// - `duplicate`, `stateConflict`, `idempotencyConflict` 409: the current state refuses it.
    /// - `insufficientStock` 422: well-formed and consistent, but the no-negative-stock rule refuses it.
    /// - `forbidden` 403, `busy` 503 (with `Retry-After`), `internalError` 500.
    public static func status(for code: TracestockError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidInput: .badRequest
        case .notFound: .notFound
        case .duplicate, .stateConflict, .idempotencyConflict: .conflict
        case .insufficientStock: .unprocessableContent
        case .forbidden: .forbidden
        case .busy: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }

    /// A domain error as the API answers it.
    public init(_ error: TracestockError) {
        let status = Self.status(for: error.code)
        self.init(status, code: error.code.rawValue, error.message, details: error.details,
                  headers: status == .serviceUnavailable ? ["Retry-After": "1"] : [:])
    }

    /// 401: no token, or one that is unknown or revoked.
    public static func unauthorized(_ message: String) -> Self {
        Self(.unauthorized, code: "unauthorized", message, headers: ["WWW-Authenticate": "Bearer realm=\"tracestock\""])
    }

    /// 429 with the seconds to wait.
    public static func rateLimited(retryAfter seconds: Int, _ message: String) -> Self {
        Self(.tooManyRequests, code: "rateLimited", message, details: ["retryAfter": String(seconds)], headers: ["Retry-After": String(seconds)])
    }

    /// Maps any error a request ended in; `nil` means "not the caller's fault" (a 500 to log).
    public init?(mapping error: any Error) {
        switch error {
        case let failure as APIFailure:
            self = failure
        case let error as TracestockError:
            guard error.code != .internalError else { return nil }
            self.init(error)
        case let error as ServerError:
            if let inner = APIFailure(mapping: error.underlyingError) {
                self = inner
            } else if (400..<500).contains(error.httpStatus.code) {
                self = Self.requestRejected(error)
            } else {
                return nil
            }
        case let error as DecodingError:
            self = Self.decoding(error)
        case let error as any HTTPResponseError where (400..<500).contains(error.status.code):
            self = Self.http(error.status)
        default:
            return nil
        }
    }

    /// A 4xx that the generated server raised before our handler ran (bad JSON, missing field,
    /// bad query parameter, wrong content type).
    static func requestRejected(_ error: ServerError) -> Self {
        if let decodingError = error.underlyingError as? DecodingError { return Self.decoding(decodingError) }
        let status = error.httpStatus
        var failure = http(status)
        failure.message = "\(error.causeDescription)"
        if failure.message.isEmpty || failure.message == "Unknown" { failure.message = "\(error.underlyingError)" }
        return failure
    }

    /// A generic status with its default code.
    static func http(_ status: HTTPResponse.Status) -> Self {
        switch status.code {
        case 400: Self(status, code: "invalidInput", "the request is malformed")
        case 404: Self(status, code: "notFound", "no such resource")
        case 405: Self(status, code: "methodNotAllowed", "this method is not allowed here")
        case 406: Self(status, code: "notAcceptable", "the Accept header allows no type this operation answers with")
        case 413: Self(status, code: "payloadTooLarge", "the request body is larger than this server accepts")
        case 415: Self(status, code: "unsupportedMediaType", "the body's content type is not the one this operation takes")
        default: Self(status, code: "invalidInput", status.reasonPhrase)
        }
    }

    /// Names the field a JSON body got wrong.
    static func decoding(_ error: DecodingError) -> Self {
        func path(_ context: DecodingError.Context, _ last: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (last.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        let field: String
        let message: String
        switch error {
        case .keyNotFound(let key, let context):
            field = path(context, key)
            message = "\(field): required field is missing"
        case .typeMismatch(let type, let context):
            field = path(context)
            message = "\(field.isEmpty ? "body" : field): expected \(Self.describe(type))"
        case .valueNotFound(let type, let context):
            field = path(context)
            message = "\(field.isEmpty ? "body" : field): expected \(Self.describe(type)), got null"
        case .dataCorrupted(let context):
            field = path(context)
            let reason = context.debugDescription
            message = field.isEmpty ? "the body is not valid JSON for this operation: \(reason)" : "\(field): \(reason)"
        @unknown default:
            field = ""
            message = "the body could not be decoded"
        }
        return Self(.badRequest, code: "invalidInput", message, details: field.isEmpty ? [:] : ["field": field])
    }

    static func describe(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.contains("Int") { return "an integer" }
        if name.contains("String") { return "a string" }
        if name.contains("Bool") { return "a boolean" }
        if name.contains("Double") || name.contains("Float") { return "a number" }
        if name.contains("Array") { return "an array" }
        if name.contains("Dictionary") { return "an object" }
        return "a value of another type"
    }

    /// The JSON body.
    public var body: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        struct Body: Encodable { var code: String; var message: String; var details: [String: String] }
        return (try? encoder.encode(Body(code: code, message: message, details: details))) ?? Data("{\"code\":\"internalError\",\"message\":\"\",\"details\":{}}".utf8)
    }

    /// The failure as a Hummingbird response.
    public var response: Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
