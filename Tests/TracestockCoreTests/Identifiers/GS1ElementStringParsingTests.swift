import Testing
@testable import TracestockCore

@Suite("GS1 element string parsing")
struct GS1ElementStringParsingTests {
    static let example = "(01)09520123456788(17)251200(10)ABC123(21)SN-0001"
    static let exampleRaw = "0109520123456788" + "17251200" + "10ABC123" + GS + "21SN-0001"

    @Test("the bracketed human form is read element by element")
    func bracketedForm() throws {
        let parsed = try GS1ElementString.parse(Self.example, currentYear: testYear)
        #expect(parsed.elements.map(\.ai) == ["01", "17", "10", "21"])
        #expect(parsed["01"] == "09520123456788")
        #expect(parsed["17"] == "251200")
        #expect(parsed["10"] == "ABC123")
        #expect(parsed["21"] == "SN-0001")
    }

    @Test(
        "the raw form is read with any GS1 symbology identifier and an optional leading GS",
        arguments: ["", "]d2", "]Q3", "]C1", "]e0", "]J1", GS, "]d2" + GS])
    func rawForms(prefix: String) throws {
        let parsed = try GS1ElementString.parse(prefix + Self.exampleRaw, currentYear: testYear)
        let bracketed = try GS1ElementString.parse(Self.example, currentYear: testYear)
        #expect(parsed == bracketed)
    }

    @Test("a GS after a fixed-length element is tolerated, and a final GS too")
    func separatorAfterFixedLengthIsTolerated() throws {
        let input = "]d2" + "0109520123456788" + GS + "17251231" + GS + "10ABC" + GS + "21X" + GS
        let parsed = try GS1ElementString.parse(input, currentYear: testYear)
        #expect(parsed.valuesByAI == ["01": "09520123456788", "17": "251231", "10": "ABC", "21": "X"])
    }

    @Test("the same AI repeated with the same value is kept once")
    func identicalRepeatCollapses() throws {
        let parsed = try GS1ElementString.parse("(01)09520123456788(10)A(10)A", currentYear: testYear)
        #expect(parsed.elements.count == 2)
    }

    @Test("the AI table covers keys, dates, measures, locations and CSET 39")
    func widerAITable() throws {
        let input = "(00)106141412345678908(02)09520123456788(37)24(414)9520123456788(254)A-1"
            + "(253)4000001000005DOC-9(8003)09520123456788ABC(8004)ASSET 1".replacingOccurrences(of: " ", with: "")
            + "(3103)001250(30)12(7003)2512312359(8010)ABC#-/123(8200)https://x.example/p?a=1(400)PO-1(401)G-1"
            + "(235)TPX1(240)A(241)B(250)C(251)D(22)CPV(11)250101(13)250102(15)250103(16)250104"
            + "(410)9520123456788(411)9520123456788(412)9520123456788(413)9520123456788(415)9520123456788"
            + "(416)9520123456788(417)9520123456788"
        let parsed = try GS1ElementString.parse(input, currentYear: testYear)
        #expect(parsed["8003"] == "09520123456788ABC")
        #expect(parsed["253"] == "4000001000005DOC-9")
        #expect(parsed["8010"] == "ABC#-/123")
        #expect(parsed["8200"] == "https://x.example/p?a=1")
        #expect(parsed.elements.count == 32)
    }

    @Test(
        "invalid element strings name the AI and the 1-based position",
        arguments: [
            // value over its maximum length: the first extra character
            ("(01)09520123456788(10)ABCDEFGHIJKLMNOPQRSTU", "10", 43, "length"),
            // character outside CSET 82
            ("(01)09520123456788(10)AB C", "10", 25, "character"),
            // wrong check digits
            ("(01)09520123456789", "01", 18, "checkDigit"),
            ("(00)106141412345678909", "00", 22, "checkDigit"),
            ("(414)9520123456789", "414", 18, "checkDigit"),
            ("(253)4000001000006", "253", 18, "checkDigit"),
            ("(8003)09520123456789", "8003", 20, "checkDigit"),
            ("(8003)19520123456788", "8003", 7, "character"),
            // unknown AI
            ("(01)09520123456788(99)X", "99", 20, "unknownAI"),
            ("(3106)001250", "3106", 2, "unknownAI"),
            // invalid dates
            ("(01)09520123456788(17)251301", "17", 25, "date"),
            ("(11)250229", "11", 9, "date"),
            ("(7003)2501012460", "7003", 13, "date"),
            ("(7003)2501002300", "7003", 11, "date"),
            // repeated AI with a different value
            ("(01)09520123456788(10)A(10)B", "10", 25, "duplicate"),
            // numeric and CSET 39 sets
            ("(30)123456789", "30", 13, "length"),
            ("(37)12a", "37", 7, "character"),
            ("(8010)abc", "8010", 7, "character"),
            // fixed length too short
            ("(01)0952012345678", "01", 18, "length"),
            // raw forms
            ("]d2" + "0109520123456788" + "99X", "99", 20, "unknownAI"),
            ("]d2" + "10ABCDEFGHIJKLMNOPQRSTU" + GS + "21X", "10", 26, "length"),
            ("]d2" + "01095201234567881725" + GS + "10A", "17", 24, "character"),
        ])
    func errorsNameAIAndPosition(input: String, ai: String, position: Int, reason: String) {
        let error = capturedError { try GS1ElementString.parse(input, currentYear: testYear) }
        #expect(error?.code == .invalidInput)
        #expect(error?.details["ai"] == ai)
        #expect(error?.details["position"] == String(position))
        #expect(error?.details["reason"] == reason)
        #expect(error?.message.contains("AI (\(ai))") == true)
        #expect(error?.message.contains("position \(position)") == true)
    }

    @Test(
        "malformed syntax is rejected with a position",
        arguments: [
            ("", nil), ("]d1010952012345678", "1"), ("(01", "1"), ("01)09520123456788", nil),
            ("]d2" + GS + GS + "0109520123456788", "5"), ("]d2", "4"),
        ] as [(String, String?)])
    func syntaxErrors(input: String, position: String?) {
        let error = capturedError { try GS1ElementString.parse(input, currentYear: testYear) }
        #expect(error?.code == .invalidInput)
        if let position { #expect(error?.details["position"] == position) }
    }

    @Test("a literal '(' in a bracketed value is written \\( and a stray '(' is kept")
    func bracketEscapes() throws {
        let escaped = try GS1ElementString.parse("(01)09520123456788(10)A\\(21)B", currentYear: testYear)
        #expect(escaped["10"] == "A(21)B")
        #expect(escaped["21"] == nil)
        let stray = try GS1ElementString.parse("(10)A(B)", currentYear: testYear)
        #expect(stray["10"] == "A(B)")
    }

    @Test("validating initialiser applies the same rules to hand-built elements")
    func validatingInitialiser() throws {
        let ok = try GS1ElementString(
            validating: [GS1Element(ai: "01", value: "09520123456788"), GS1Element(ai: "01", value: "09520123456788")],
            currentYear: testYear)
        #expect(ok.elements.count == 1)
        let bad = capturedError {
            try GS1ElementString(validating: [GS1Element(ai: "17", value: "250230")], currentYear: testYear)
        }
        #expect(bad?.details["ai"] == "17")
        #expect(bad?.details["reason"] == "date")
        let unknown = capturedError {
            try GS1ElementString(validating: [GS1Element(ai: "98", value: "X")], currentYear: testYear)
        }
        #expect(unknown?.details["reason"] == "unknownAI")
    }

    @Test("the AI table knows separator rules: predefined lengths need no GS, 7003 does")
    func separatorRules() throws {
        let table = try #require(GS1ApplicationIdentifier.lookup("01"))
        #expect(table.isPredefinedLength && table.isFixedLength && !table.requiresSeparator)
        let expiryTime = try #require(GS1ApplicationIdentifier.lookup("7003"))
        #expect(expiryTime.isFixedLength && expiryTime.requiresSeparator)
        let lot = try #require(GS1ApplicationIdentifier.lookup("10"))
        #expect(!lot.isFixedLength && lot.maxLength == 20)
        #expect(GS1ApplicationIdentifier.lookup("3103")?.isPredefinedLength == true)
        #expect(GS1ApplicationIdentifier.all.count > 40)
    }
}
