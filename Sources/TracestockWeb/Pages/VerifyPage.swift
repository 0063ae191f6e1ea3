import Foundation
import HTTPTypes
import Hummingbird
import Tracestock
import TracestockCore

/// The public page where anyone checks a product's authentication code (no sign-in).
struct VerifyPageModel {
    struct Outcome {
        var verdict: String
        var tone: String
        var message: String
        var facts: [Fact]
        /// Stored, not computed: Mustache reads stored properties only.
        var hasFacts: Bool

        init(verdict: String, tone: String, message: String, facts: [Fact]) {
            self.verdict = verdict
            self.tone = tone
            self.message = message
            self.facts = facts
            hasFacts = !facts.isEmpty
        }
    }
    struct Fact {
        var name: String
        var value: String
    }

    var csrf: String
    var code: String
    var outcome: Outcome?
}

extension WebUI {
    func verifyPage(_ web: WebRequest, outcome: VerifyPageModel.Outcome?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let model = VerifyPageModel(csrf: web.csrf ?? "", code: web.form["code"] ?? web.query["code"] ?? "", outcome: outcome)
        return page(web, "verify", title: "Verify a product", active: "verify", model: model, status: status)
    }

    /// Checks a code (counted like the API's public verify, so clones show up).
    func verifyCode(_ web: WebRequest) async throws -> Response {
        guard let code = web.form["code"] else {
            return try await verifyPage(web, outcome: .init(verdict: "malformed", tone: "bad", message: "Enter or scan the code printed on the label.",
                                                            facts: []), status: .badRequest)
        }
        let result = try await service.verifyCode(code, place: nil)
        var facts: [VerifyPageModel.Fact] = []
        for (name, value) in [("Product", result.title), ("SKU", result.sku), ("Serial", result.serial), ("Lot", result.lot),
                              ("Times checked", result.scans.map(String.init))] {
            if let value { facts.append(.init(name: name, value: value)) }
        }
        let message: String
        let tone: String
        switch result.verdict {
        case .genuine where result.suspectedClone:
            tone = "warn"
            message = "This code is ours, but it has been checked unusually often: the label may have been copied."
        case .genuine:
            tone = "good"
            message = "This is a genuine product."
        case .unknown:
            tone = "bad"
            message = "We never issued this code. The product may be counterfeit."
        case .revoked:
            tone = "bad"
            message = "This code was withdrawn\(result.reason.map { " (\($0))" } ?? ""). Do not rely on it."
        case .malformed:
            tone = "bad"
            message = "That is not a valid code. Check it and try again."
        }
        return try await verifyPage(web, outcome: .init(verdict: result.verdict.rawValue, tone: tone, message: message, facts: facts))
    }
}
