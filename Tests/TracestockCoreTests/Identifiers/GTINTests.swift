import Testing
@testable import TracestockCore

@Suite("GTIN and the GS1 mod-10 check digit")
struct GTINTests {
    @Test(
        "valid GTINs of every length normalise to 14 digits",
        arguments: [
            ("96385074", "00000096385074"),  // GTIN-8 (EAN-8)
            ("036000291452", "00036000291452"),  // GTIN-12 (UPC-A)
            ("4006381333931", "04006381333931"),  // GTIN-13 (EAN-13)
            ("9520123456788", "09520123456788"),  // GTIN-13 from the GS1 Digital Link examples
            ("09520123456788", "09520123456788"),  // GTIN-14
            ("10614141000415", "10614141000415"),  // GTIN-14 with indicator digit 1
        ])
    func validGTINsNormalise(input: String, normalised: String) throws {
        let gtin = try GTIN(input)
        #expect(gtin.value == normalised)
        #expect(gtin.value.count == 14)
        #expect(GTIN.isValid(input))
    }

    @Test(
        "the check digit is computed with weights 3,1,3... from the right",
        arguments: [
            ("952012345678", "9520123456788"),
            ("400638133393", "4006381333931"),
            ("03600029145", "036000291452"),
            ("9638507", "96385074"),
            ("0952012345678", "09520123456788"),
            ("1061414100041", "10614141000415"),
        ])
    func checkDigitIsAppended(body: String, full: String) throws {
        #expect(try GTIN.withCheckDigit(body) == full)
        #expect(try GTIN(computingCheckDigitFor: body).value.hasSuffix(full))
        #expect(GS1CheckDigit.compute(for: body) == Int(String(full.last!)))
        #expect(GS1CheckDigit.isValid(full))
    }

    @Test("a wrong check digit is rejected, naming the expected digit and its position")
    func wrongCheckDigitIsRejected() {
        let error = capturedError { try GTIN("9520123456789") }
        #expect(error?.code == .invalidInput)
        #expect(error?.details["reason"] == "checkDigit")
        #expect(error?.details["expected"] == "8")
        #expect(error?.details["position"] == "13")
    }

    @Test(
        "lengths other than 8, 12, 13, 14 and non-digits are rejected",
        arguments: [("1234567", "length"), ("123456789012345", "length"), ("95201234A6788", "character"), ("", "length")])
    func badShapesAreRejected(input: String, reason: String) {
        let error = capturedError { try GTIN(input) }
        #expect(error?.details["reason"] == reason)
    }

    @Test("withCheckDigit rejects bodies of the wrong length")
    func withCheckDigitRejectsBadLength() {
        #expect(capturedError { try GTIN.withCheckDigit("12345") }?.details["reason"] == "length")
        #expect(capturedError { try GTIN.withCheckDigit("12a45678") }?.details["reason"] == "character")
    }

    @Test("UPC-A, EAN-13 and GTIN-8 forms are recovered from the 14-digit value")
    func shortFormsAreExposed() throws {
        let upc = try GTIN("036000291452")
        #expect(upc.upcA == "036000291452")
        #expect(upc.gtin13 == "0036000291452")
        #expect(try GTIN("96385074").gtin8 == "96385074")
        #expect(try GTIN("10614141000415").gtin13 == nil)
    }

    @Test("a GTIN encodes to JSON as its 14-digit string and decodes with validation")
    func gtinCodable() throws {
        let gtin = try GTIN("9520123456788")
        #expect(gtin.description == "09520123456788")
        #expect(try GTIN("00000096385074") == GTIN("96385074"))
    }
}
