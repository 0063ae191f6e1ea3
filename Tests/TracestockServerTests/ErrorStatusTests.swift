import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPIRuntime
import Testing
import Tracestock
import TracestockCore
@testable import TracestockServer

@Suite struct ErrorStatusTests {
    @Test(arguments: [
        ("Bearer ts_abc", "ts_abc"), ("bearer ts_abc", "ts_abc"), ("BEARER   ts_abc \t", "ts_abc"),
        ("Bearer \tts_abc", "ts_abc"), ("Bearer", nil), ("Bearer   ", nil), ("Basic ts_abc", nil), ("ts_abc", nil), ("", nil),
    ] as [(String, String?)])
    func theBearerSecretIsReadFromTheHeader(header: String, secret: String?) {
        #expect(AuthorizationMiddleware.bearer(header) == secret)
    }

    @Test func malformedJSONIsA400() async throws {
        try await APIFixture.prepared().withClient { api in
            let reply = try await api.send(.post, "/api/v1/receipts", as: .operator, raw: "{not json", contentType: "application/json")
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply.errorCode == "invalidInput")
        }
    }

    @Test func aMissingFieldIsA400NamingTheField() async throws {
        try await APIFixture.prepared().withClient { api in
            let reply = try await api.send(.post, "/api/v1/receipts", as: .operator, json: ["sku": "EB-100"])
            #expect(reply.status == .badRequest)
            #expect((try reply.json()["details"] as? [String: String])?["field"] == "location", "\(reply.text)")
        }
    }

    @Test func aWrongTypeIsA400NamingTheField() async throws {
        try await APIFixture.prepared().withClient { api in
            let reply = try await api.send(.post, "/api/v1/receipts", as: .operator, json: ["sku": "TOTE", "location": "WH-MAIN", "quantity": "five"])
            #expect(reply.status == .badRequest)
            #expect((try reply.json()["details"] as? [String: String])?["field"] == "quantity", "\(reply.text)")
        }
    }

    @Test func anUnknownFieldIsA400() async throws {
        try await APIFixture.prepared().withClient { api in
            let reply = try await api.send(.post, "/api/v1/receipts", as: .operator, json: ["sku": "TOTE", "location": "WH-MAIN", "qty": 5])
            #expect(reply.status == .badRequest, "\(reply.text)")
        }
    }

    @Test func aBadQueryParameterIsA400() async throws {
        try await APIFixture.prepared().withClient { api in
            let reply45 = try await api.send(.get, "/api/v1/events?limit=abc", as: .viewer)
            #expect(reply45.status == .badRequest)
            let reply46 = try await api.send(.get, "/api/v1/events?limit=0", as: .viewer)
            #expect(reply46.status == .badRequest)
            let reply47 = try await api.send(.get, "/api/v1/stock?by=colour", as: .viewer)
            #expect(reply47.status == .badRequest)
        }
    }

    @Test func aBadSerialExpressionIsA400() async throws {
        try await APIFixture.prepared().withClient { api in
            let reply = try await api.send(.post, "/api/v1/receipts", as: .operator,
                                           json: ["sku": "EB-100", "serialExpression": "SN9-SN1", "location": "WH-MAIN"])
            #expect(reply.status == .badRequest, "\(reply.text)")
        }
    }

    @Test func aWrongContentTypeIsA415() async throws {
        try await APIFixture.prepared().withClient { api in
            let reply = try await api.send(.post, "/api/v1/receipts", as: .operator, raw: "sku=TOTE", contentType: "text/plain")
            #expect(reply.status == .unsupportedMediaType, "\(reply.text)")
            #expect(reply.errorCode == "unsupportedMediaType")
        }
    }

    @Test func anUnknownOrRevokedTokenIsA401() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let bad = try await api.send(.get, "/api/v1/skus", as: nil, headers: ["Authorization": "Bearer ts_" + String(repeating: "0", count: 64)])
            #expect(bad.status == .unauthorized)
            #expect(bad.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let notBearer = try await api.send(.get, "/api/v1/skus", as: nil, headers: ["Authorization": "Basic dXNlcjpwYXNz"])
            #expect(notBearer.status == .unauthorized)
        }
    }

    @Test func anUnknownThingIsA404() async throws {
        try await APIFixture.prepared().withClient { api in
            let history = try await api.send(.get, "/api/v1/units/EB-100/NOPE", as: .viewer)
            #expect(history.status == .notFound)
            #expect(history.errorCode == "notFound")
            #expect(try await api.send(.get, "/api/v1/skus/NOPE", as: .viewer).status == .notFound)
            #expect(try await api.send(.get, "/api/v1/no-such-route", as: .viewer).status == .notFound)
            let unknownLocation = try await api.send(.post, "/api/v1/receipts", as: .operator,
                                                     json: ["sku": "TOTE", "quantity": 1, "location": "NOWHERE"])
            #expect(unknownLocation.status == .notFound)
        }
    }

    @Test func anIllegalTransitionIsA409() async throws {
        try await APIFixture.prepared().withClient { api in
            let reply = try await api.send(.post, "/api/v1/shipments", as: .operator, json: ["sku": "EB-100", "serials": ["SN0005"], "order": "O-3"])
            #expect(reply.status == .conflict)
            #expect(reply.errorCode == "stateConflict")
            #expect(reply.text.contains("SN0005"))
            let duplicate = try await api.send(.post, "/api/v1/skus", as: .admin, json: ["code": "TOTE", "title": "again", "tracking": "none"])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.errorCode == "duplicate")
        }
    }

    @Test func notEnoughStockIsA422() async throws {
        try await APIFixture.prepared().withClient { api in
            let reply = try await api.send(.post, "/api/v1/shipments", as: .operator,
                                           json: ["sku": "TOTE", "quantity": 51, "from": "WH-MAIN", "order": "O-4"])
            #expect(reply.status == .unprocessableContent, "\(reply.text)")
            #expect(reply.errorCode == "insufficientStock")
        }
    }

    @Test func aBodyOverTheLimitIsA413() async throws {
        var configuration = ServerConfiguration()
        configuration.maxBodyBytes = 1000
        try await APIFixture.prepared().withClient(configuration: configuration) { api in
            let serials = (1...500).map { "X\($0)" }
            let reply = try await api.send(.post, "/api/v1/receipts", as: .operator, json: ["sku": "EB-100", "serials": serials, "location": "WH-MAIN"])
            #expect(reply.status == .contentTooLarge)
            #expect(reply.errorCode == "payloadTooLarge")
        }
    }

    @Test func repeatedFailedAuthenticationIsRateLimited() async throws {
        var configuration = ServerConfiguration()
        configuration.failedAuthBurst = 3
        configuration.failedAuthPerMinute = 1
        try await APIFixture.prepared().withClient(configuration: configuration) { api in
            for _ in 0..<3 {
                #expect(try await api.send(.get, "/api/v1/skus", as: nil).status == .unauthorized)
            }
            let limited = try await api.send(.get, "/api/v1/skus", as: .viewer)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rateLimited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await api.send(.get, "/health", as: nil).status == .ok)
        }
    }

    @Test func domainCodesMapToOneStatusEach() {
        let expected: [TracestockError.Code: Int] = [
            .invalidInput: 400, .notFound: 404, .duplicate: 409, .stateConflict: 409, .idempotencyConflict: 409,
            .insufficientStock: 422, .forbidden: 403, .busy: 503, .internalError: 500,
        ]
        for code in TracestockError.Code.allCases {
            #expect(APIFailure.status(for: code).code == expected[code], "\(code)")
        }
        let busy = APIFailure(TracestockError(.busy, "locked"))
        #expect(busy.status == .serviceUnavailable)
        #expect(busy.headers["Retry-After"] == "1")
    }

    struct Boom: Error {}

    /// An unexpected error of an operation is logged without the request the generated server
    /// wraps into it: its headers carry the caller's bearer token.
    @Test func aFailedOperationIsLoggedWithoutTheRequestsToken() {
        var request = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/api/v1/shipments")
        request.headerFields[.authorization] = "Bearer ts_secret123"
        let error = ServerError(operationID: "ship", request: request, requestBody: nil, requestMetadata: .init(),
                                causeDescription: "User handler threw an error.", underlyingError: Boom())
        #expect(String(reflecting: error).contains("ts_secret123"), "the runtime's own description carries the header")
        let logged = ErrorMiddleware<BasicRequestContext>.logDescription(of: error)
        #expect(!logged.contains("ts_secret123"), "\(logged)")
        #expect(logged.contains("ship") && logged.contains("Boom"), "\(logged)")
    }

    @Test func anUnexpectedErrorIsA500WithTheRequestID() async throws {
        let router = Router(context: BasicRequestContext.self)
        router.addMiddleware {
            RequestIDMiddleware()
            ErrorMiddleware()
        }
        router.get("/boom") { _, _ -> String in throw Boom() }
        let app = Application(router: router, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/boom", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "req-42"])
            #expect(response.status == .internalServerError)
            #expect(response.headers[HTTPField.Name("X-Request-Id")!] == "req-42")
            let body = String(buffer: response.body)
            #expect(body.contains("\"code\":\"internalError\"") && body.contains("req-42") && !body.contains("Boom"))
        }
    }
}
