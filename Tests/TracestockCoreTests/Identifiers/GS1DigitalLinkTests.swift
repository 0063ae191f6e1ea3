import Testing
@testable import TracestockCore

@Suite("GS1 Digital Link")
struct GS1DigitalLinkTests {
    @Test("the GS1 example URI yields GTIN, lot, serial and the expiry attribute")
    func gs1Example() throws {
        let link = try GS1DigitalLink.parse(
            "https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426", currentYear: testYear)
        #expect(link.scheme == "https")
        #expect(link.authority == "id.gs1.org")
        #expect(link.pathPrefix == "")
        #expect(link.primaryKey == GS1Element(ai: "01", value: "09520123456788"))
        #expect(link.qualifiers.map(\.ai) == ["10", "21"])
        #expect(link.dataAttributes == [GS1Element(ai: "17", value: "180426")])
        #expect(link.otherQueryParameters.isEmpty)
        let item = try GS1ItemData(elementString: link.elementString, currentYear: testYear)
        #expect(item.expiry?.isoString == "2018-04-26")
        #expect(item.lot == "ABC1")
        #expect(item.serial == "12345")
    }

    @Test("any host, a path prefix, http, percent-decoding, attributes and other parameters")
    func brandHost() throws {
        let link = try GS1DigitalLink.parse(
            "HTTP://brand.example:8080/dl/en/01/09520123456788/22/2A/10/ABC%2F1/21/12%2B3"
                + "?15=251200&3103=000195&auth=TS%3Aabc&flag#frag",
            currentYear: testYear)
        #expect(link.scheme == "http")
        #expect(link.authority == "brand.example:8080")
        #expect(link.pathPrefix == "/dl/en")
        #expect(link.baseURL == "http://brand.example:8080/dl/en")
        #expect(link.elementString.valuesByAI == [
            "01": "09520123456788", "22": "2A", "10": "ABC/1", "21": "12+3", "15": "251200", "3103": "000195",
        ])
        #expect(link.otherQueryParameters == [
            .init(name: "auth", value: "TS:abc"), .init(name: "flag", value: ""),
        ])
        #expect(link.queryParameter("auth") == "TS:abc")
    }

    @Test(
        "other primary keys: SSCC, GLN with extension, GRAI, GIAI, GDTI",
        arguments: [
            ("https://id.gs1.org/00/106141412345678908", ["00": "106141412345678908"]),
            ("https://id.gs1.org/414/9520123456788/254/32a%2Fb", ["414": "9520123456788", "254": "32a/b"]),
            ("https://id.gs1.org/8003/09520123456788A1", ["8003": "09520123456788A1"]),
            ("https://id.gs1.org/8004/ASSET-1?17=250101", ["8004": "ASSET-1", "17": "250101"]),
            ("https://id.gs1.org/253/4000001000005", ["253": "4000001000005"]),
            ("https://id.gs1.org/01/09520123456788/235/TPX-9", ["01": "09520123456788", "235": "TPX-9"]),
        ])
    func otherKeys(uri: String, expected: [String: String]) throws {
        #expect(try GS1DigitalLink.parse(uri, currentYear: testYear).elementString.valuesByAI == expected)
    }

    @Test(
        "invalid Digital Links name the problem, the AI and the position",
        arguments: [
            ("https://id.gs1.org/01/09520123456788/21/12345/10/ABC1", "10", 47, "qualifierOrder"),
            ("https://id.gs1.org/01/09520123456788/22/A/235/B", "235", 43, "qualifierOrder"),
            ("https://id.gs1.org/01/9520123456788", "01", 23, "shortGTIN"),
            ("https://id.gs1.org/01/96385074", "01", 23, "shortGTIN"),
            ("https://id.gs1.org/01/09520123456788/", nil, 37, "trailingSlash"),
            ("https://id.gs1.org//01/09520123456788", nil, 20, "emptySegment"),
            ("https://id.gs1.org/01/09520123456788?17=251231&17=251231", "17", 48, "duplicate"),
            ("https://id.gs1.org/01/09520123456788?10=ABC", "10", 38, "queryQualifier"),
            ("https://id.gs1.org/01/09520123456788?01=09520123456788", "01", 38, "queryKey"),
            ("https://id.gs1.org/01/09520123456788?98=X", "98", 38, "unknownAI"),
            ("https://id.gs1.org/01/09520123456788/99/X", "99", 38, "unknownAI"),
            ("https://id.gs1.org/01/09520123456788/17/251231", "17", 38, "pathQualifier"),
            ("https://id.gs1.org/00/106141412345678908/10/A", "10", 42, "pathQualifier"),
            ("https://id.gs1.org/01/09520123456789", "01", 36, "checkDigit"),
            ("https://id.gs1.org/01/09520123456788/10/A%20B", "10", 42, "character"),
            ("https://id.gs1.org/01/09520123456788/10/AB%2", nil, 43, "percentEncoding"),
            ("https://id.gs1.org/01/09520123456788?17=251301", "17", 43, "date"),
            ("https://id.gs1.org/01/09520123456788/10", nil, 38, "missingValue"),
            ("https://example.com/products/42", nil, 20, "primaryKey"),
            ("ftp://id.gs1.org/01/09520123456788", nil, 1, "scheme"),
            ("https:///01/09520123456788", nil, 9, "host"),
            ("https://id.gs1.org/01/0952012345 6788", nil, 33, "character"),
        ] as [(String, String?, Int, String)])
    func invalidLinks(uri: String, ai: String?, position: Int, reason: String) {
        let error = capturedError { try GS1DigitalLink.parse(uri, currentYear: testYear) }
        #expect(error?.code == .invalidInput)
        #expect(error?.details["reason"] == reason)
        #expect(error?.details["ai"] == ai)
        #expect(error?.details["position"] == String(position))
    }

    @Test("item data renders a Digital Link on the GS1 resolver by default and on any base URL")
    func generation() throws {
        let item = try GS1ItemData(
            gtin: GTIN("09520123456788"), lot: "ABC123", serial: "SN-0001",
            expiry: GS1Date(year: 2025, month: 12, day: 1), produced: GS1Date(year: 2025, month: 1, day: 15))
        #expect(item.digitalLink() == "https://id.gs1.org/01/09520123456788/10/ABC123/21/SN-0001?11=250115&17=251201")
        #expect(
            item.digitalLink(baseURL: "https://brand.example/dl/")
                == "https://brand.example/dl/01/09520123456788/10/ABC123/21/SN-0001?11=250115&17=251201")
    }

    @Test("everything outside unreserved characters is percent-encoded and every CSET 82 character round-trips")
    func percentEncoding() throws {
        let lot = "!\"%&'()*+,-./:;<=>?_"
        let item = try GS1ItemData(gtin: GTIN("09520123456788"), lot: lot, serial: "aZ09")
        let uri = item.digitalLink()
        #expect(uri == "https://id.gs1.org/01/09520123456788/10/%21%22%25%26%27%28%29%2A%2B%2C-.%2F%3A%3B%3C%3D%3E%3F_/21/aZ09")
        #expect(try GS1ItemData.parse(uri, currentYear: testYear) == item)
    }

    @Test("links are built from any element set, with qualifiers in order and attributes sorted")
    func uriForElements() throws {
        let elements = try GS1ElementString.parse(
            "(01)09520123456788(21)S(3103)000100(10)L(22)C(17)251231", currentYear: testYear)
        let uri = try GS1DigitalLink.uri(
            for: elements, otherQueryParameters: [.init(name: "auth", value: "TS:X Y")])
        #expect(uri == "https://id.gs1.org/01/09520123456788/22/C/10/L/21/S?17=251231&3103=000100&auth=TS%3AX%20Y")
        let link = try GS1DigitalLink.parse(uri, currentYear: testYear)
        #expect(link.uri == uri)
        let gln = try GS1ElementString.parse("(254)X(414)9520123456788", currentYear: testYear)
        #expect(try GS1DigitalLink.uri(for: gln) == "https://id.gs1.org/414/9520123456788/254/X")
    }

    @Test("elements that cannot be placed in a Digital Link are rejected")
    func uriForElementsErrors() throws {
        let noKey = try GS1ElementString.parse("(10)ABC", currentYear: testYear)
        #expect(capturedError { try GS1DigitalLink.uri(for: noKey) }?.details["reason"] == "primaryKey")
        let misplaced = try GS1ElementString.parse("(01)09520123456788(254)X", currentYear: testYear)
        #expect(capturedError { try GS1DigitalLink.uri(for: misplaced) }?.details["ai"] == "254")
    }
}
