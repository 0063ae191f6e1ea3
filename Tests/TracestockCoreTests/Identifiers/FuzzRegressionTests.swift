import Testing
@testable import TracestockCore

/// Inputs that once broke (or nearly broke) a parser; each must fail cleanly or parse consistently.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    @Test("odd inputs never crash any parser", arguments: [
        "]", "]d", "]d2", "(", "()", "(0)", "(01)", "(01", "\u{1D}", "\u{1D}\u{1D}", "%", "https://", "http://a",
        "https://a/01", "https://a/01/", "https://a/?", "https://a/01/09520123456788?&&=&", "TS:", ":", "TS:-",
        "\u{0}", "\u{FFFD}\u{FFFD}", "01", "0109520123456788\u{1D}", "(8003)0", "(253)", "(7003)99999999999",
        "]d2" + String(repeating: "10", count: 2000),
    ])
    func noCrash(input: String) {
        // Each call must return or throw; the harness's round-trip checks live in tracestock-fuzz-scan.
        _ = try? Scan.parse(input, currentYear: testYear)
        _ = try? GS1ElementString.parse(input, currentYear: testYear)
        _ = try? GS1DigitalLink.parse(input, currentYear: testYear)
        _ = try? AuthCode.parse(input)
    }

    @Test("repeating one element thousands of times hits the search bound instead of the stack")
    func deepRepeatIsBounded() {
        let input = "]d2" + String(repeating: "10AB", count: 1000)
        let error = capturedError { try GS1ElementString.parse(input, currentYear: testYear) }
        #expect(error?.details["reason"] == "searchBudget")
    }

    @Test("an absurd current year does not overflow the century rule")
    func absurdCurrentYear() {
        _ = GS1Date.resolveCentury(twoDigitYear: 99, currentYear: .max)
        _ = GS1Date.resolveCentury(twoDigitYear: 0, currentYear: .min)
        #expect(capturedError { try GS1Date.parseYYMMDD("250101", currentYear: .max) } != nil)
    }
}
