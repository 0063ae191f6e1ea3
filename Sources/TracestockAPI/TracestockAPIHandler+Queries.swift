import Foundation
import OpenAPIRuntime
import Tracestock
import TracestockCore

extension TracestockAPIHandler {
    public func getStock(_ input: Operations.GetStock.Input) async throws -> Operations.GetStock.Output {
        let grouping = input.query.by.flatMap { StockGrouping(rawValue: $0.rawValue) } ?? .sku
        let report = try await service.stock(sku: input.query.sku, location: input.query.location, by: grouping)
        return .ok(.init(body: .json(.init(report))))
    }

    public func lookupSerial(_ input: Operations.LookupSerial.Input) async throws -> Operations.LookupSerial.Output {
        let units = try await service.units(serial: input.query.serial)
        return .ok(.init(body: .json(.init(units: units.map(Components.Schemas.UnitHistory.init)))))
    }

    public func getUnitHistory(_ input: Operations.GetUnitHistory.Input) async throws -> Operations.GetUnitHistory.Output {
        let history = try await service.history(sku: input.path.sku, serial: input.path.serial)
        return .ok(.init(body: .json(.init(history))))
    }

    public func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        let limit = input.query.limit ?? 1000
        guard (1...10_000).contains(limit) else {
            throw TracestockError.invalid("limit: must be 1 to 10,000", details: ["field": "limit"])
        }
        let page = try await service.events(since: input.query.since ?? 0, limit: limit)
        return .ok(.init(body: .json(.init(page))))
    }

    public func expandSerials(_ input: Operations.ExpandSerials.Input) async throws -> Operations.ExpandSerials.Output {
        try Self.checkLength(input.query.expression, field: "expression", max: 4000)
        try Self.checkSerialCount(list: nil, expression: input.query.expression)
        return .ok(.init(body: .json(.init(serials: try SerialExpression.expand(input.query.expression)))))
    }

    public func checkLedger(_ input: Operations.CheckLedger.Input) async throws -> Operations.CheckLedger.Output {
        .ok(.init(body: .json(.init(try await service.check()))))
    }

    // MARK: Tokens

    public func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        .ok(.init(body: .json(.init(tokens: try await service.tokens().map(Components.Schemas.Token.init)))))
    }

    public func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        let role = try Self.role(b.role)
        let issued = try await service.createToken(name: b.name, role: role)
        let token = issued.token
        return .created(.init(body: .json(.init(id: token.id, name: token.name, role: b.role, createdAt: token.createdAt.iso8601,
                                                secret: issued.secret))))
    }

    public func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        if let current = RequestScope.token, current.id == input.path.id {
            throw TracestockError(.stateConflict, "token #\(current.id) (\(current.name)) cannot revoke itself; use another admin token or `tracestock token revoke`",
                                  details: ["id": String(current.id)])
        }
        let revoked = try await service.revokeToken(id: input.path.id)
        hooks.tokenRevoked()
        return .ok(.init(body: .json(.init(revoked))))
    }

    // MARK: Web UI users

    public func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        .ok(.init(body: .json(.init(users: try await service.users().map(Components.Schemas.User.init)))))
    }

    public func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output {
        guard case .json(let b) = input.body else { throw Self.unsupportedBody }
        let role = try Self.role(b.role)
        return .created(.init(body: .json(.init(try await service.createUser(name: b.name, role: role, password: b.password)))))
    }

    public func disableUser(_ input: Operations.DisableUser.Input) async throws -> Operations.DisableUser.Output {
        .ok(.init(body: .json(.init(try await service.disableUser(name: input.path.name)))))
    }

    /// The role a token or user body names.
    static func role(_ role: Components.Schemas.Role) throws -> APIRole {
        guard let value = APIRole(rawValue: role.rawValue) else {
            throw TracestockError.invalid("role: must be admin, operator or viewer", details: ["field": "role"])
        }
        return value
    }
}
