extension GS1ApplicationIdentifier {
    /// Why a value does not fit its AI, with the byte offset into the value of the culprit.
    struct ValueIssue: Error, Sendable {
        let offset: Int
        let problem: String
        let reason: String
        var extra: [String: String] = [:]
    }

    /// Validates a value; on failure the error's `position` is 1-based within `value`.
    public func validate(_ value: String, currentYear: Int) throws {
        let bytes = Array(value.utf8)
        if let issue = check(bytes[...], currentYear: currentYear) {
            throw TracestockError.identifier(
                issue.problem, ai: code,
                position: TextPosition.scalarPosition(in: bytes, byteOffset: issue.offset),
                field: "value", reason: issue.reason, extra: issue.extra)
        }
    }

    /// The date a date AI (11, 12, 13, 15, 16, 17) or 7003 value stands for; nil if not a date AI or invalid.
    public func date(from value: String, currentYear: Int) -> GS1Date? {
        guard let rule = components.first?.rule, rule == .date || rule == .dateTime else { return nil }
        let bytes = Array(value.utf8)
        guard bytes.count >= 6 else { return nil }
        return try? GS1Date.parse(yymmdd: bytes[0..<6], currentYear: currentYear, allowZeroDay: rule == .date).get()
    }

    /// Checks length, character set, check digits and dates of a value given as ASCII bytes.
    func check(_ value: ArraySlice<UInt8>, currentYear: Int) -> ValueIssue? {
        let count = value.count
        if count == 0 {
            return ValueIssue(offset: 0, problem: "\(title) value is empty", reason: "empty")
        }
        if count > maxLength {
            return ValueIssue(
                offset: maxLength,
                problem: "\(title) value is too long: \(count) characters, at most \(maxLength)",
                reason: "length")
        }
        var position = 0
        let base = value.startIndex
        for component in components {
            let remaining = count - position
            if component.isOptional, remaining == 0 { break }
            let length: Int
            if component.minLength == component.maxLength {
                guard remaining >= component.minLength else {
                    return ValueIssue(
                        offset: count,
                        problem: "\(title) value is too short: \(count) characters, needs \(minLength)",
                        reason: "length")
                }
                length = component.minLength
            } else {
                length = min(remaining, component.maxLength)
                guard length >= component.minLength else {
                    return ValueIssue(offset: count, problem: "\(title) value is too short", reason: "length")
                }
            }
            let part = value[(base + position)..<(base + position + length)]
            for (index, byte) in part.enumerated() where !component.characterSet.contains(byte) {
                return ValueIssue(
                    offset: position + index,
                    problem: "\(TextPosition.describe(byte)) is not allowed in \(title) (\(component.characterSet.displayName))",
                    reason: "character")
            }
            if let issue = checkRule(component.rule, part, currentYear: currentYear) {
                return ValueIssue(
                    offset: position + issue.offset, problem: issue.problem, reason: issue.reason, extra: issue.extra)
            }
            position += length
        }
        if position < count {
            return ValueIssue(
                offset: position,
                problem: "\(title) value is too long: \(count) characters, at most \(maxLength)",
                reason: "length")
        }
        return nil
    }

    private func checkRule(_ rule: Rule, _ part: ArraySlice<UInt8>, currentYear: Int) -> ValueIssue? {
        switch rule {
        case .none:
            return nil
        case .zero:
            return part.allSatisfy({ $0 == 0x30 })
                ? nil : ValueIssue(offset: 0, problem: "\(title) must start with the digit 0", reason: "character")
        case .checkDigit:
            let expected = GS1CheckDigit.compute(digits: part.dropLast())
            let actual = Int(part[part.endIndex - 1] - 0x30)
            guard expected == actual else {
                return ValueIssue(
                    offset: part.count - 1,
                    problem: "\(title) has check digit \(actual), expected \(expected)",
                    reason: "checkDigit", extra: ["expected": String(expected)])
            }
            return nil
        case .date, .dateTime:
            let start = part.startIndex
            switch GS1Date.parse(yymmdd: part[start..<start + 6], currentYear: currentYear, allowZeroDay: rule == .date) {
            case .failure(let issue):
                return ValueIssue(offset: issue.offset, problem: "\(title): \(issue.problem)", reason: issue.reason)
            case .success:
                break
            }
            if rule == .dateTime {
                let hour = GS1Date.number(part[start + 6..<start + 8])
                let minute = GS1Date.number(part[start + 8..<start + 10])
                if hour > 23 {
                    return ValueIssue(offset: 6, problem: "\(title): hour \(hour) is not 00-23", reason: "date")
                }
                if minute > 59 {
                    return ValueIssue(offset: 8, problem: "\(title): minute \(minute) is not 00-59", reason: "date")
                }
            }
            return nil
        }
    }
}
