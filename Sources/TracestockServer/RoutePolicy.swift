import Tracestock

/// Who may call each operation of openapi.yaml, by `operationId`. The spec states the same
/// thing in each operation's `security` (`bearerAuth: [role]`, or `[]` for public ones);
/// `RoutePolicyTests` proves the two agree and that every operation is listed here.
/// An operation missing from this table needs `admin` (closed by default).
public enum RoutePolicy {
    /// What an operation needs.
    public enum Access: Sendable, Equatable {
        /// No token.
        case `public`
        /// No token, but limited per client address (e.g. the public authentication-code check).
        case publicRateLimited
        /// A token with at least this role.
        case role(APIRole)
    }

    /// The table. Later features add their operations here and in openapi.yaml.
    public static let table: [String: Access] = [
        // Operations
        "health": .public, "ready": .public, "metrics": .public, "openAPIDocument": .public,
        // Reading: viewer
        "listSKUs": .role(.viewer), "getSKU": .role(.viewer), "listLots": .role(.viewer), "traceLot": .role(.viewer),
        "listLocations": .role(.viewer), "getStock": .role(.viewer), "lookupSerial": .role(.viewer),
        "getUnitHistory": .role(.viewer), "listEvents": .role(.viewer), "expandSerials": .role(.viewer),
        "verifyReturn": .role(.viewer), "returnsReport": .role(.viewer), "getWarranty": .role(.viewer), "recallReport": .role(.viewer),
        "traceOrder": .role(.viewer), "reorderPlan": .role(.viewer), "ageingReport": .role(.viewer),
        "ageingReportWithSurcharges": .role(.viewer), "listInbound": .role(.viewer), "scan": .role(.viewer), "encodeGS1": .role(.viewer),
        "listSuspectedClones": .role(.viewer), "listCodeScans": .role(.viewer), "unitLabel": .role(.viewer), "fnskuLabel": .role(.viewer),
        "exportEPCIS": .role(.viewer),
        // The public authentication-code check: no token, limited per client address
        "verifyCode": .publicRateLimited,
        // Stock events: operator
        "receive": .role(.operator), "ship": .role(.operator), "move": .role(.operator), "recordReturn": .role(.operator),
        "restock": .role(.operator), "quarantine": .role(.operator), "release": .role(.operator), "dispose": .role(.operator),
        "adjust": .role(.operator), "voidEvent": .role(.operator), "importReceipts": .role(.operator),
        "importShipments": .role(.operator), "registerWarranty": .role(.operator), "recall": .role(.operator),
        "addInbound": .role(.operator), "importSales": .role(.operator), "issueCodes": .role(.operator), "importEPCIS": .role(.operator),
        // Catalog, locations, tokens, whole-ledger check: admin
        "createSKU": .role(.admin), "updateSKU": .role(.admin), "importSkus": .role(.admin), "createLocation": .role(.admin),
        "listTokens": .role(.admin), "createToken": .role(.admin), "revokeToken": .role(.admin),
        "listUsers": .role(.admin), "createUser": .role(.admin), "disableUser": .role(.admin), "checkLedger": .role(.admin),
    ]

    /// The access an operation needs (admin when unlisted).
    public static func access(for operationID: String) -> Access {
        table[operationID] ?? .role(.admin)
    }
}
