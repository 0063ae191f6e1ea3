import Foundation
import HTTPTypes
import Testing
import Tracestock
import TracestockServer

@Suite struct RoleBoundaryTests {
    /// Every operation's sample: no token is 401, the role below the one it needs is 403 (and
    /// writes nothing), the role it needs succeeds. Public operations answer without a token.
    @Test(arguments: RouteSample.all)
    func eachOperationEnforcesItsRole(_ sample: RouteSample) async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            func send(_ role: APIRole?) async throws -> APIClient.Reply {
                try await api.send(sample.method, sample.uri.replacingOccurrences(of: "{code}", with: fixture.code ?? ""), as: role,
                                   json: sample.json, raw: sample.csv,
                                   contentType: sample.csv == nil ? nil : "text/csv")
            }
            switch RoutePolicy.access(for: sample.operationID) {
            case .public, .publicRateLimited:
                let reply = try await send(nil)
                #expect(reply.status == sample.success, "\(sample.operationID) without a token: \(reply.text)")
            case .role(let needed):
                let anonymous = try await send(nil)
                #expect(anonymous.status == .unauthorized, "\(sample.operationID) without a token: \(anonymous.text)")
                #expect(anonymous.errorCode == "unauthorized")
                if let below = APIRole.allCases.last(where: { $0 < needed }) {
                    let lastSeq = try await fixture.service.store.lastSeq()
                    let refused = try await send(below)
                    #expect(refused.status == .forbidden, "\(sample.operationID) as \(below): \(refused.text)")
                    #expect(refused.errorCode == "forbidden")
                    #expect(try await fixture.service.store.lastSeq() == lastSeq, "a refused request wrote events")
                }
                let allowed = try await send(needed)
                #expect(allowed.status == sample.success, "\(sample.operationID) as \(needed): \(allowed.text)")
            }
        }
    }

    @Test func everyOperationInThePolicyTableHasASample() {
        let sampled = Set(RouteSample.all.map(\.operationID))
        #expect(sampled == Set(RoutePolicy.table.keys))
    }

    /// openapi.yaml declares each operation's role in `security: - bearerAuth: [role]` (or
    /// `security: []` when public); the table the server enforces must say the same.
    @Test func thePolicyTableMatchesTheSpec() throws {
        let declared = try SpecFile.declaredAccess()
        #expect(declared.count == RoutePolicy.table.count, "operations in the spec: \(declared.keys.sorted())")
        for (operation, access) in declared {
            #expect(RoutePolicy.table[operation] == access, "\(operation): spec says \(access)")
        }
    }

    /// A literal segment where another path has a parameter takes that value away from the
    /// parameter: `POST /warranty/registrations` once made `GET /warranty/{serial}` answer 404
    /// for a unit whose serial is `registrations`.
    @Test func noPathTemplateShadowsAnother() throws {
        let paths = try SpecFile.paths()
        #expect(paths.count > 40)
        for (index, path) in paths.enumerated() {
            for other in paths[(index + 1)...] where SpecFile.shadow(path, other) {
                Issue.record("\(path) and \(other) match the same requests")
            }
        }
        #expect(SpecFile.shadow("/api/v1/warranty/{serial}", "/api/v1/warranty/registrations"))
        #expect(!SpecFile.shadow("/api/v1/codes/{code}/scans", "/api/v1/codes/clones"))
    }

    @Test func higherRolesIncludeLowerOnes() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let reply = try await api.send(.post, "/api/v1/shipments", as: .admin,
                                           json: ["sku": "EB-100", "serials": ["SN0002"], "order": "O-7"])
            #expect(reply.status == .created)
            #expect(try await api.send(.get, "/api/v1/stock", as: .operator).status == .ok)
        }
    }
}

/// Reads openapi.yaml from the source tree.
enum SpecFile {
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/TracestockAPI/openapi.yaml")
    }

    /// The path templates under `paths:`, in order.
    static func paths() throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            .filter { $0.hasPrefix("  /") && $0.hasSuffix(":") }
            .map { String($0.dropFirst(2).dropLast()) }
    }

    /// Whether two different templates of the same length can match one request path.
    static func shadow(_ first: String, _ second: String) -> Bool {
        let a = first.split(separator: "/"), b = second.split(separator: "/")
        guard first != second, a.count == b.count else { return false }
        return zip(a, b).allSatisfy { $0 == $1 || $0.hasPrefix("{") || $1.hasPrefix("{") }
    }

    /// operationId → access, from each operation's `security` lines (`x-rate-limited: true`
    /// before them marks a public operation limited per client address).
    static func declaredAccess() throws -> [String: RoutePolicy.Access] {
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var result: [String: RoutePolicy.Access] = [:]
        var current: String?
        var rateLimited = false
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("operationId:") {
                current = trimmed.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)
                rateLimited = false
            } else if current != nil, trimmed == "x-rate-limited: true" {
                rateLimited = true
            } else if let operation = current, trimmed.hasPrefix("security:") {
                if trimmed == "security: []" {
                    result[operation] = rateLimited ? .publicRateLimited : .public
                } else if index + 1 < lines.count, let open = lines[index + 1].firstIndex(of: "["), let close = lines[index + 1].firstIndex(of: "]") {
                    let role = lines[index + 1][lines[index + 1].index(after: open)..<close].trimmingCharacters(in: .whitespaces)
                    if let role = APIRole(rawValue: role) { result[operation] = .role(role) }
                }
                current = nil
            }
        }
        return result
    }
}
