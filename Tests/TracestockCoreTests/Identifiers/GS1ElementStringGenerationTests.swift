import Foundation
import Testing
@testable import TracestockCore

@Suite("GS1 element string generation")
struct GS1ElementStringGenerationTests {
    static func item(lot: String? = "ABC123", serial: String? = "SN-0001") throws -> GS1ItemData {
        try GS1ItemData(
            gtin: GTIN("9520123456788"), lot: lot, serial: serial,
            expiry: GS1Date(year: 2025, month: 12, day: 1))
    }

    @Test("item data renders the bracketed form in GS1 order")
    func bracketed() throws {
        #expect(try Self.item().bracketedElementString == "(01)09520123456788(17)251201(10)ABC123(21)SN-0001")
    }

    @Test("item data renders the raw form: fixed-length AIs first, GS between variable ones, none at the end")
    func raw() throws {
        let expected = "0109520123456788" + "17251201" + "10ABC123" + GS + "21SN-0001"
        #expect(try Self.item().rawElementString() == expected)
        #expect(try Self.item().rawElementString(symbologyIdentifier: "]d2") == "]d2" + expected)
    }

    @Test("raw generation reorders elements so that predefined-length AIs come first")
    func reordering() throws {
        let elements = try GS1ElementString(
            validating: [
                GS1Element(ai: "10", value: "L1"), GS1Element(ai: "7003", value: "2512312359"),
                GS1Element(ai: "01", value: "09520123456788"), GS1Element(ai: "21", value: "S1"),
                GS1Element(ai: "3103", value: "001250"),
            ], currentYear: testYear)
        #expect(
            elements.raw() == "0109520123456788" + "3103001250" + "10L1" + GS + "70032512312359" + GS + "21S1")
        #expect(elements.raw(leadingSeparator: true).hasPrefix(GS + "01"))
    }

    @Test(
        "a lone variable-length value that can be read another way gets a terminating GS",
        arguments: [
            ("ABC21XYZ", true), ("LOT17251231", true), ("X3103001250", true), ("ABC123", false), ("A", false),
            ("LOT1017", false), ("X3103Y", false),
        ])
    func terminatingSeparator(lot: String, terminated: Bool) throws {
        let raw = try Self.item(lot: lot, serial: nil).rawElementString()
        #expect(raw.hasSuffix(GS) == terminated)
        let parsed = try GS1ItemData.parse(raw, currentYear: testYear)
        #expect(parsed.lot == lot)
    }

    @Test("a '(' inside a value is escaped in the bracketed form and reads back")
    func escaping() throws {
        let item = try Self.item(lot: "A(10)B", serial: "(21)")
        #expect(item.bracketedElementString == "(01)09520123456788(17)251201(10)A\\(10)B(21)\\(21)")
        #expect(try GS1ItemData.parse(item.bracketedElementString, currentYear: testYear) == item)
    }

    @Test("item data rejects lots and serials outside AI 10 / AI 21 rules")
    func itemValidation() throws {
        let gtin = try GTIN("9520123456788")
        let long = capturedError { try GS1ItemData(gtin: gtin, lot: String(repeating: "A", count: 21)) }
        #expect(long?.details["ai"] == "10")
        #expect(long?.details["position"] == "21")
        let space = capturedError { try GS1ItemData(gtin: gtin, serial: "A B") }
        #expect(space?.details["ai"] == "21")
        #expect(space?.details["reason"] == "character")
    }

    @Test("item data needs a GTIN when read from elements")
    func itemNeedsGTIN() {
        let error = capturedError { try GS1ItemData.parse("(10)ABC", currentYear: testYear) }
        #expect(error?.details["reason"] == "missingGTIN")
    }
}

@Suite("GS1ItemData coding")
struct GS1ItemDataCodingTests {
    @Test("item data round-trips through JSON and decoding validates the lot")
    func codable() throws {
        let item = try GS1ItemData(
            gtin: GTIN("9520123456788"), lot: "L1", expiry: GS1Date(year: 2026, month: 2, day: 28))
        let data = try JSONEncoder().encode(item)
        #expect(try JSONDecoder().decode(GS1ItemData.self, from: data) == item)
        let bad = Data(#"{"gtin":"09520123456788","lot":"A B"}"#.utf8)
        #expect(throws: TracestockError.self) { try JSONDecoder().decode(GS1ItemData.self, from: bad) }
    }
}
