extension TracestockError {
    /// An `invalidInput` error about identifier text, naming the AI (if any) and the 1-based position.
    static func identifier(
        _ problem: String,
        ai: String? = nil,
        position: Int? = nil,
        field: String,
        reason: String,
        extra: [String: String] = [:]
    ) -> TracestockError {
        var details = extra
        details["field"] = field
        details["reason"] = reason
        var prefix = ""
        if let ai {
            details["ai"] = ai
            prefix = "AI (\(ai))"
        }
        if let position {
            details["position"] = String(position)
            prefix += prefix.isEmpty ? "position \(position)" : " at position \(position)"
        }
        let message = prefix.isEmpty ? problem : "\(prefix): \(problem)"
        return .invalid(message, details: details)
    }
}
