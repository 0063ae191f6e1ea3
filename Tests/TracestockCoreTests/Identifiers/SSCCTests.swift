import Testing
@testable import TracestockCore

@Suite("SSCC")
struct SSCCTests {
    @Test("the GS1 example SSCC is valid and its check digit can be computed")
    func exampleSSCC() throws {
        let sscc = try SSCC("106141412345678908")
        #expect(sscc.value == "106141412345678908")
        #expect(sscc.extensionDigit == 1)
        #expect(try SSCC(computingCheckDigitFor: "10614141234567890") == sscc)
    }

    @Test(
        "invalid SSCCs are rejected with a reason",
        arguments: [
            ("106141412345678909", "checkDigit"), ("10614141234567890", "length"), ("1061414123456789O8", "character"),
        ])
    func invalidSSCCs(input: String, reason: String) {
        #expect(capturedError { try SSCC(input) }?.details["reason"] == reason)
        #expect(!SSCC.isValid(input))
    }
}
