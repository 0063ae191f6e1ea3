extension Day {
    /// Parses `YYYY-MM-DD`, naming `field` in the error so the caller knows which input was wrong.
    public static func parse(_ text: String, field: String) throws -> Day {
        do {
            return try Day(text)
        } catch {
            throw TracestockError.invalid("\(field): '\(text)' is not a valid date (YYYY-MM-DD): \(error.message)",
                                          details: ["field": field, "value": text])
        }
    }
}
