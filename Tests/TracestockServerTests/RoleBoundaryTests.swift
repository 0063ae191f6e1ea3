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
                try await api.send(sample.method, sample.uri, as: role, json: sample.json, raw: sample.csv,
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

    /// operationId → access, from each operation's `security` lines.
    static func declaredAccess() throws -> [String: RoutePolicy.Access] {
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var result: [String: RoutePolicy.Access] = [:]
        var current: String?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("operationId:") {
                current = trimmed.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)
            } else if let operation = current, trimmed.hasPrefix("security:") {
                if trimmed == "security: []" {
                    result[operation] = .public
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
