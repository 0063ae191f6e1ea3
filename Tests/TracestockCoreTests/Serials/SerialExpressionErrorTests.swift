import Testing
import TracestockCore

@Suite("SerialExpression errors")
struct SerialExpressionErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        /// The expression.
        let text: String
        /// The group the message must quote (and `details["group"]`).
        let group: String
        /// The expected 1-based group index.
        let index: Int
        /// The expected 1-based character position.
        let position: Int
        /// Text the message must contain.
        let says: String
        var testDescription: String { text.debugDescription }
    }

    static let long = String(repeating: "A", count: 64) + "1"

    static let cases: [Case] = [
        Case(text: "2024-0001", group: "2024-0001", index: 1, position: 1, says: "quote it (\"2024-0001\")"),
        Case(text: "A1, 2024-0001", group: "2024-0001", index: 2, position: 5, says: "2024 is greater than 0001"),
        Case(text: "A-5-B-7", group: "A-5-B-7", index: 1, position: 1, says: "quote it (\"A-5-B-7\")"),
        Case(text: "A-5-B-7", group: "A-5-B-7", index: 1, position: 1, says: "START..END"),
        Case(text: "X ABC-DEF", group: "ABC-DEF", index: 2, position: 3, says: "quote it (\"ABC-DEF\")"),
        Case(text: "SN1-5", group: "SN1-5", index: 1, position: 1, says: "not a range"),
        Case(text: "SN08..SN100", group: "SN08..SN100", index: 1, position: 1, says: "ambiguous padding"),
        Case(text: "SN08-SN100", group: "SN08-SN100", index: 1, position: 1, says: "ambiguous padding"),
        Case(text: "SN10..SN012", group: "SN10..SN012", index: 1, position: 1, says: "ambiguous padding"),
        Case(text: "SN5..SN3", group: "SN5..SN3", index: 1, position: 1, says: "descending range"),
        Case(text: "SN12..SN9", group: "SN12..SN9", index: 1, position: 1, says: "descending range"),
        Case(text: "A1..B3", group: "A1..B3", index: 1, position: 1, says: "different prefixes"),
        Case(text: "1X..3Y", group: "1X..3Y", index: 1, position: 1, says: "different suffixes"),
        Case(text: "ABC..DEF", group: "ABC..DEF", index: 1, position: 1, says: "no digits"),
        Case(text: "A..B..C", group: "A..B..C", index: 1, position: 1, says: "more than one '..'"),
        Case(text: "A1...A5", group: "A1...A5", index: 1, position: 1, says: "more than one '..'"),
        Case(text: "..5", group: "..5", index: 1, position: 1, says: "no start"),
        Case(text: "5..", group: "5..", index: 1, position: 1, says: "no end"),
        Case(text: "100+x", group: "100+x", index: 1, position: 1, says: "non-negative whole number"),
        Case(text: "100+-1", group: "100+-1", index: 1, position: 1, says: "non-negative whole number"),
        Case(text: "A 100+", group: "100+", index: 2, position: 3, says: "non-negative whole number"),
        Case(text: "+5", group: "+5", index: 1, position: 1, says: "needs a serial before"),
        Case(text: "ABC+5", group: "ABC+5", index: 1, position: 1, says: "no digits to count up from"),
        Case(text: "1+2+3", group: "1+2+3", index: 1, position: 1, says: "more than one '+'"),
        Case(text: "1+9999999999999999999", group: "1+9999999999999999999", index: 1, position: 1, says: "too large"),
        Case(
            text: "X1..X99999999999999999999", group: "X1..X99999999999999999999", index: 1, position: 1,
            says: "more than"),
        Case(text: "\"abc", group: "\"abc", index: 1, position: 1, says: "unterminated quote"),
        Case(text: "A, \"abc, def", group: "\"abc, def", index: 2, position: 4, says: "unterminated quote"),
        Case(text: "\"abc\"def", group: "\"abc\"def", index: 1, position: 6, says: "text follows the closing quote"),
        Case(text: "A\"B\"", group: "A\"B\"", index: 1, position: 2, says: "double quote may only open a group"),
        Case(text: "\"\"", group: "\"\"", index: 1, position: 1, says: "empty"),
        Case(text: "\" a\"", group: "\" a\"", index: 1, position: 1, says: "start or end with a space"),
        Case(text: "\"a\tb\"", group: "\"a\tb\"", index: 1, position: 3, says: "U+0009"),
        Case(text: "SN1\u{7}", group: "SN1\u{7}", index: 1, position: 4, says: "U+0007"),
        Case(text: "A\u{0}B", group: "A\u{0}B", index: 1, position: 2, says: "U+0000"),
        Case(text: "A1 SNé1", group: "SNé1", index: 2, position: 6, says: "'é' (U+00E9)"),
        Case(text: "é A1,,B", group: "é", index: 1, position: 1, says: "U+00E9"),
        Case(text: "X\u{7F}", group: "X\u{7F}", index: 1, position: 2, says: "U+007F"),
        Case(text: long, group: long, index: 1, position: 1, says: "at most 64"),
        Case(text: "\"\(long)\"", group: "\"\(long)\"", index: 1, position: 1, says: "at most 64"),
        Case(text: "A1..\(long)", group: "A1..\(long)", index: 1, position: 1, says: "at most 64"),
        Case(
            text: String(repeating: "9", count: 64) + "+1", group: String(repeating: "9", count: 64) + "+1",
            index: 1, position: 1, says: "would be 65 characters"),
        Case(text: "A1,,B", group: "", index: 2, position: 4, says: "nothing between the commas"),
        Case(text: "A1 , , B", group: "", index: 2, position: 6, says: "nothing between the commas"),
        Case(text: ", A", group: "", index: 1, position: 1, says: "starts with a comma"),
        Case(text: "A1,", group: "", index: 2, position: 3, says: "ends with a comma"),
        Case(text: "", group: "", index: 1, position: 1, says: "empty"),
        Case(text: " \t\n", group: "", index: 1, position: 1, says: "empty"),
    ]

    @Test("rejects each bad expression, quoting the group and saying where and why", arguments: cases)
    func rejects(_ c: Case) throws {
        let error = try #require(throws: TracestockError.self) { try SerialExpression(c.text) }
        #expect(error.code == .invalidInput)
        #expect(error.message.contains(c.says), "\(error.message)")
        if !c.group.isEmpty {
            #expect(error.message.contains("\"\(c.group)\""), "\(error.message)")
        }
        #expect(error.details["group"] == c.group)
        #expect(error.details["groupIndex"] == String(c.index))
        #expect(error.details["position"] == String(c.position))
    }

    struct Duplicate: Sendable, CustomTestStringConvertible {
        let text: String
        let serial: String
        let groups: [String]
        var testDescription: String { text }
    }

    static let duplicates: [Duplicate] = [
        Duplicate(text: "A1, A2, A1", serial: "A1", groups: ["A1", "A1"]),
        Duplicate(text: "SN1..SN9, X, SN5", serial: "SN5", groups: ["SN1..SN9", "SN5"]),
        Duplicate(text: "SN99..SN101 SN100", serial: "SN100", groups: ["SN99..SN101", "SN100"]),
        Duplicate(text: "\"SN5\" SN1-SN9", serial: "SN5", groups: ["\"SN5\"", "SN1-SN9"]),
        Duplicate(text: "B1+5, A1..A3, B4..B8", serial: "B4", groups: ["B1+5", "B4..B8"]),
        Duplicate(text: "X, Y, Z, Y, X", serial: "Y", groups: ["Y", "Y"]),
    ]

    @Test("rejects a serial named twice anywhere, naming it and both groups", arguments: duplicates)
    func rejectsDuplicates(_ d: Duplicate) throws {
        let expression = try SerialExpression(d.text)
        let error = try #require(throws: TracestockError.self) { try expression.expand() }
        #expect(error.code == .invalidInput)
        #expect(error.message.contains("duplicate serial \"\(d.serial)\""), "\(error.message)")
        for group in d.groups {
            #expect(error.message.contains("\"\(group)\""), "\(error.message)")
        }
        #expect(error.details["serial"] == d.serial)
        #expect(error.details["group"] == d.groups[1])
    }

    @Test("accepts the same digits with different padding as different serials")
    func paddingMakesDifferentSerials() throws {
        #expect(try SerialExpression.expand("SN5, SN05, SN005") == ["SN5", "SN05", "SN005"])
    }
}
