import Testing
import TracestockCore

@Suite("SerialExpression expansion")
struct SerialExpressionExpansionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let serials: [String]
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        Case(text: "A7, A9 B1-B3", serials: ["A7", "A9", "B1", "B2", "B3"]),
        Case(text: "SN0001-SN0004", serials: ["SN0001", "SN0002", "SN0003", "SN0004"]),
        Case(text: "A-099-A-101", serials: ["A-099", "A-100", "A-101"]),
        Case(text: "100-103", serials: ["100", "101", "102", "103"]),
        Case(text: "100+9", serials: (100...109).map(String.init)),
        Case(text: "SN099+1", serials: ["SN099", "SN100"]),
        Case(text: "SN099..SN101", serials: ["SN099", "SN100", "SN101"]),
        Case(text: "SN99..SN101", serials: ["SN99", "SN100", "SN101"]),
        Case(text: "SN8..SN12", serials: ["SN8", "SN9", "SN10", "SN11", "SN12"]),
        Case(text: "SN0999..SN1001", serials: ["SN0999", "SN1000", "SN1001"]),
        Case(text: "SN999+2", serials: ["SN999", "SN1000", "SN1001"]),
        Case(text: "0..2", serials: ["0", "1", "2"]),
        Case(text: "LOT7-A001X..LOT7-A003X", serials: ["LOT7-A001X", "LOT7-A002X", "LOT7-A003X"]),
        Case(text: "LOT7-A001X-LOT7-A002X", serials: ["LOT7-A001X", "LOT7-A002X"]),
        Case(text: "A1-B2..A1-B4", serials: ["A1-B2", "A1-B3", "A1-B4"]),
        Case(text: "A1-B2-A1-B4", serials: ["A1-B2", "A1-B3", "A1-B4"]),
        Case(text: "Q+1..Q+3", serials: ["Q+1", "Q+2", "Q+3"]),
        Case(text: "v1.2+2", serials: ["v1.2", "v1.3", "v1.4"]),
        Case(text: "1.5", serials: ["1.5"]),
        Case(text: "ABC", serials: ["ABC"]),
        Case(text: "SN5..SN5", serials: ["SN5"]),
        Case(text: "SN5+0", serials: ["SN5"]),
        Case(text: "SN5+000", serials: ["SN5"]),
        Case(text: "\"2024-0001\"", serials: ["2024-0001"]),
        Case(text: "\"a, b\" \"x y\",\"A..B+3-4\"", serials: ["a, b", "x y", "A..B+3-4"]),
        Case(text: "  A1 ,\tA2\n,A3\r\nA4  ", serials: ["A1", "A2", "A3", "A4"]),
        Case(text: "A1,A2", serials: ["A1", "A2"]),
        Case(
            text: "N99999999999999999999999..N100000000000000000000001",
            serials: ["N99999999999999999999999", "N100000000000000000000000", "N100000000000000000000001"]),
    ]

    @Test("expands each expression to its serials in input order", arguments: cases)
    func expands(_ c: Case) throws {
        #expect(try SerialExpression.expand(c.text) == c.serials)
        #expect(try SerialExpression(c.text).count == c.serials.count)
    }

    @Test("parses the example from the documentation")
    func documentedExample() throws {
        let serials = try SerialExpression.expand("SN0001-SN0100, A7 \"2024-0001\" B1..B3 100+9")
        #expect(serials.count == 115)
        #expect(serials[99...101] == ["SN0100", "A7", "2024-0001"])
    }

    @Test("keeps zero padding and grows it only when every digit was 9")
    func paddingGrowth() throws {
        let padded = try SerialExpression.expand("X0098..X0101")
        #expect(padded == ["X0098", "X0099", "X0100", "X0101"])
        let unpadded = try SerialExpression.expand("X98+3")
        #expect(unpadded == ["X98", "X99", "X100", "X101"])
        let full = try SerialExpression.expand("X099+2")
        #expect(full == ["X099", "X100", "X101"])
    }

    @Test("keeps the prefix and suffix around the last digit run")
    func keepsPrefixAndSuffix() throws {
        #expect(try SerialExpression.expand("R2D2-09.b..R2D2-11.b") == ["R2D2-09.b", "R2D2-10.b", "R2D2-11.b"])
    }

    @Test("reports groups as written, with the total count, without expanding")
    func groupsAndCount() throws {
        let expression = try SerialExpression("A7 B1-B3, C1..C3 100+9 \"x-y\"")
        #expect(
            expression.groups == [
                .single("A7"), .range(start: "B1", end: "B3"), .range(start: "C1", end: "C3"),
                .count(start: "100", extra: 9), .single("x-y"),
            ])
        #expect(expression.count == 18)
        #expect(expression.text == "A7 B1-B3, C1..C3 100+9 \"x-y\"")
    }

    @Test("counts a huge range without expanding it")
    func hugeCount() throws {
        let expression = try SerialExpression("N000000000000001..N999999999999999")
        #expect(expression.count == 999_999_999_999_999)
    }

    @Test("expands 100,000 serials with the right count, first and last")
    func hundredThousand() throws {
        let serials = try SerialExpression.expand("SN000001-SN100000")
        #expect(serials.count == 100_000)
        #expect(serials.first == "SN000001")
        #expect(serials.last == "SN100000")
        #expect(serials[41_999] == "SN042000")
    }

    @Test("checks 100,000 serials in two touching groups for duplicates and finds none")
    func hundredThousandTwoGroups() throws {
        let serials = try SerialExpression.expand("A00001..A50000, A50001+49999")
        #expect(serials.count == 100_000)
        #expect(serials.last == "A100000")
        #expect(Set(serials).count == 100_000)
    }

    @Test("accepts quoted serials that use every special character")
    func quotedSpecials() throws {
        #expect(try SerialExpression.expand("\"a-b c,d..e+f\" 'x'") == ["a-b c,d..e+f", "'x'"])
    }

    @Test("accepts serials of exactly 64 characters")
    func maxLength() throws {
        let serial = String(repeating: "A", count: 63) + "1"
        let end = String(repeating: "A", count: 63) + "3"
        #expect(try SerialExpression.expand(serial) == [serial])
        #expect(try SerialExpression.expand("\(serial)..\(end)").count == 3)
    }
}
