import Foundation
import Testing
@testable import TracestockCore

@Suite("Scan.parse: one parser for every scan")
struct ScanTests {
    static let raw = "0109520123456788" + "17251200" + "10ABC123" + GS + "21SN-0001"

    static let kindCases: [(String, ScanResult.Kind)] = [
        ("(01)09520123456788(17)251200(10)ABC123(21)SN-0001", ScanResult.Kind.gs1),
        ("]d2" + raw, .gs1),
        ("]Q3" + raw, .gs1),
        ("]C1" + raw, .gs1),
        ("]e0" + raw, .gs1),
        (GS + raw, .gs1),
        (raw, .gs1),
        ("0109520123456788" + "10ABC", .gs1),
        ("00106141412345678908", .gs1),
        ("https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426", .digitalLink),
        ("https://brand.example/dl/01/09520123456788/21/X?auth=TS%3A000G40R40M30E209185GR38E1WR", .digitalLink),
        ("]Q1https://id.gs1.org/01/09520123456788", .digitalLink),
        ("TS:000G40R40M30E209185GR38E1WR", .authCode),
        ("ts:000g-40r4-0m30-e209-185g-r38e-1wr", .authCode),
        ("000G40R40M30E209185GR38E1W8124GKR", .authCode),
        ("106141412345678908", .sscc),
        ("09520123456788", .gtin),
        ("9520123456788", .gtin),
        ("036000291452", .gtin),
        ("96385074", .gtin),
        ("]E04006381333931", .gtin),
        ("  9520123456788\r\n", .gtin),
        ("X001ABC123", .fnsku),
        ("B08N5WRWNW", .asin),
        ("0306406152", .asin),
        ("SN-0001", .serial),
        ("12345678", .serial),  // 8 digits failing the GTIN check digit
        ("4006381333932", .serial),  // 13 digits failing the check digit
        ("b08n5wrwnw", .serial),  // ASINs are uppercase
        ("SN:ABC", .serial),
        ("000G40R40M30E209185GR38E1W8124GKS", .serial),  // unprefixed and not well-formed
    ]

    @Test("each input form is recognised as its kind", arguments: kindCases)
    func kinds(input: String, kind: ScanResult.Kind) throws {
        #expect(try Scan.parse(input, currentYear: testYear).kind == kind)
    }

    @Test("a GS1 scan fills GTIN, lot, serial, dates and the AI map")
    func gs1Fields() throws {
        let result = try Scan.parse("]d2" + Self.raw, currentYear: testYear)
        #expect(result.gtin == "09520123456788")
        #expect(result.lot == "ABC123")
        #expect(result.serial == "SN-0001")
        #expect(result.expiry?.isoString == "2025-12-31")
        #expect(result.ais == ["01": "09520123456788", "17": "251200", "10": "ABC123", "21": "SN-0001"])
        let dates = try Scan.parse("(01)09520123456788(11)240229(15)250300", currentYear: testYear)
        #expect(dates.produced?.isoString == "2024-02-29")
        #expect(dates.bestBefore?.isoString == "2025-03-31")
    }

    @Test("a Digital Link scan keeps non-AI query parameters such as auth")
    func digitalLinkFields() throws {
        let result = try Scan.parse(
            "https://brand.example/dl/01/09520123456788/21/X?17=251231&auth=TS%3AABC", currentYear: testYear)
        #expect(result.serial == "X")
        #expect(result.expiry?.isoString == "2025-12-31")
        #expect(result.otherQueryParameters == [.init(name: "auth", value: "TS:ABC")])
    }

    @Test("bare identifiers are normalised")
    func bareIdentifiers() throws {
        let gtin = try Scan.parse("9520123456788", currentYear: testYear)
        #expect(gtin.gtin == "09520123456788")
        #expect(gtin.ais == ["01": "09520123456788"])
        let sscc = try Scan.parse("106141412345678908", currentYear: testYear)
        #expect(sscc.sscc == "106141412345678908")
        let code = try Scan.parse("ts:000g-40r4-0m30-e209-185g-r38e-1wr", currentYear: testYear)
        #expect(code.authCode == "TS:000G40R40M30E209185GR38E1WR")
        #expect(try Scan.parse("X001ABC123", currentYear: testYear).fnsku == "X001ABC123")
        #expect(try Scan.parse("B08N5WRWNW", currentYear: testYear).asin == "B08N5WRWNW")
        #expect(try Scan.parse("SN-0001", currentYear: testYear).serial == "SN-0001")
    }

    static let errorCases: [(String, String)] = [
        ("09520123456789", "checkDigit"),  // 14 digits: only a GTIN has that length
        ("106141412345678909", "checkDigit"),  // 18 digits: SSCC
        ("TS:000G40R40M30E209185GR38E1WS", "checkSymbol"),  // prefixed auth code with a typo
        ("TS:000G40R40M30E209185GR38E1R", "length"),  // prefixed auth code missing a symbol
        ("]d2" + "0109520123456788" + "10ABC21XYZ", "ambiguous"),
        ("0109520123456788" + "10ABC21XYZ", "ambiguous"),
        ("https://example.com/products/42", "primaryKey"),
        ("(99)X", "unknownAI"),
        ("", "empty"),
        ("  \r\n", "empty"),
        ("has space", "character"),
        ("caf\u{E9}", "character"),
        (String(repeating: "A", count: 65), "length"),
    ]

    @Test("unusable scans are errors with a reason", arguments: errorCases)
    func errors(input: String, reason: String) {
        let error = capturedError { try Scan.parse(input, currentYear: testYear) }
        #expect(error?.code == .invalidInput)
        #expect(error?.details["reason"] == reason)
    }

    @Test("ScanResult encodes to the agreed JSON shape with nulls for absent fields")
    func jsonShape() throws {
        let result = try Scan.parse("(01)09520123456788(17)251200(10)ABC123(21)SN-0001", currentYear: testYear)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(result), as: UTF8.self)
        #expect(json == #"{"ais":{"01":"09520123456788","10":"ABC123","17":"251200","21":"SN-0001"},"#
            + #""asin":null,"authCode":null,"bestBefore":null,"expiry":"2025-12-31","fnsku":null,"#
            + #""gtin":"09520123456788","kind":"gs1","lot":"ABC123","produced":null,"serial":"SN-0001","sscc":null}"#)
        let decoded = try JSONDecoder().decode(ScanResult.self, from: Data(json.utf8))
        #expect(decoded == result)
    }

    @Test("every kind has the agreed raw value")
    func kindRawValues() {
        #expect(ScanResult.Kind.allCases.map(\.rawValue) == [
            "gs1", "digitalLink", "gtin", "sscc", "asin", "fnsku", "serial", "authCode",
        ])
    }

    @Test("JSON keys are exactly the agreed ones for every kind")
    func jsonKeys() throws {
        let inputs = ["X001ABC123", "SN-1", "TS:000G40R40M30E209185GR38E1WR", "106141412345678908"]
        for input in inputs {
            let data = try JSONEncoder().encode(try Scan.parse(input, currentYear: testYear))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(Set(object.keys) == [
                "kind", "gtin", "lot", "serial", "expiry", "produced", "bestBefore", "sscc", "asin", "fnsku",
                "authCode", "ais",
            ])
        }
    }

    @Test("error positions count from the start of the raw input, before trimming and AIM stripping")
    func positionsCountFromRawInput() {
        let trimmed = capturedError { try Scan.parse("  (01)09520123456789", currentYear: testYear) }
        #expect(trimmed?.details["position"] == "20")
        #expect(trimmed?.message.contains("position 20") == true)
        let stripped = capturedError { try Scan.parse("]Q1https://id.gs1.org/01/09520123456789", currentYear: testYear) }
        #expect(stripped?.details["position"] == "39")
        let direct = capturedError { try Scan.parse("]d2" + "0109520123456789", currentYear: testYear) }
        #expect(direct?.details["position"] == "19")
    }
}
