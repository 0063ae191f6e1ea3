import Testing
@testable import TracestockCore

@Suite("Amazon identifiers")
struct AmazonIdentifierTests {
    @Test("ASINs: B0 + 8 uppercase alphanumerics, or an ISBN-10 with its mod-11 check", arguments: [
        "B08N5WRWNW", "B000000000", "0306406152", "080442957X", "123456789X",
    ])
    func validASINs(text: String) throws {
        #expect(try ASIN(text).value == text)
    }

    @Test("invalid ASINs are rejected with a reason and position", arguments: [
        ("B08n5WRWNW", "character", "4"), ("A08N5WRWNW", "format", "1"), ("0306406153", "checkDigit", "10"),
        ("B08N5WRWN", "length", nil), ("030640615Y", "character", "10"), ("080442957x", "character", "10"),
    ] as [(String, String, String?)])
    func invalidASINs(text: String, reason: String, position: String?) {
        let error = capturedError { try ASIN(text) }
        #expect(error?.details["reason"] == reason)
        #expect(error?.details["position"] == position)
        #expect(error?.details["field"] == "asin")
    }

    @Test("an ISBN ASIN is flagged as a book")
    func isbnFlag() throws {
        #expect(try ASIN("0306406152").isISBN)
        #expect(try !ASIN("B08N5WRWNW").isISBN)
    }

    @Test("FNSKUs: X00 labels, or an ASIN when the manufacturer barcode is used")
    func fnskuKinds() throws {
        let label = try FNSKU("X001ABC123")
        #expect(label.kind == .amazonLabel)
        #expect(label.asin == nil)
        let manufacturer = try FNSKU("B08N5WRWNW")
        #expect(manufacturer.kind == .manufacturerBarcode)
        #expect(manufacturer.asin?.value == "B08N5WRWNW")
    }

    @Test("invalid FNSKUs are rejected", arguments: [("X00abc1234", "character"), ("X0012345", "format"), ("Y001ABC123", "format")])
    func invalidFNSKUs(text: String, reason: String) {
        #expect(capturedError { try FNSKU(text) }?.details["reason"] == reason)
    }

    @Test("Amazon order ids are 3-7-7 digits")
    func orderIDs() throws {
        #expect(try AmazonOrderID("113-1234567-1234567").value == "113-1234567-1234567")
        #expect(AmazonOrderID.isValid("902-0000000-0000001"))
    }

    @Test("malformed order ids name the position", arguments: [
        ("113-1234567-123456", "length", nil), ("113_1234567-1234567", "character", "4"),
        ("11A-1234567-1234567", "character", "3"), ("113-1234567-12345678", "length", nil),
    ] as [(String, String, String?)])
    func invalidOrderIDs(text: String, reason: String, position: String?) {
        let error = capturedError { try AmazonOrderID(text) }
        #expect(error?.details["reason"] == reason)
        #expect(error?.details["position"] == position)
    }
}
