import Testing
@testable import TracestockCore

@Suite("Raw scans whose GS separators were lost")
struct GS1ElementStringAmbiguityTests {
    @Test("a lot containing '21' is never silently split into a serial: both readings are listed")
    func lotContaining21IsAmbiguous() {
        for prefix in ["]d2", ""] {
            let error = capturedError {
                try GS1ElementString.parse(prefix + "0109520123456788" + "10ABC21XYZ", currentYear: testYear)
            }
            #expect(error?.details["reason"] == "ambiguous")
            #expect(error?.details["ai"] == "10")
            #expect(error?.details["position"] == String(prefix.count + 17))
            #expect(error?.details["readingCount"] == "2")
            let readings = error?.details["readings"] ?? ""
            #expect(readings.contains("(01)09520123456788(10)ABC21XYZ"))
            #expect(readings.contains("(01)09520123456788(10)ABC(21)XYZ"))
        }
    }

    @Test("a date hidden in a lot makes the scan ambiguous too")
    func dateInsideLotIsAmbiguous() {
        let error = capturedError {
            try GS1ElementString.parse("]d2" + "0109520123456788" + "10LOT17251231", currentYear: testYear)
        }
        #expect(error?.details["reason"] == "ambiguous")
        // The search stops at two readings: the greedy lot and the first split that fits (AI 251 here).
        #expect(error?.details["readings"]?.contains("(10)LOT17251231 | ") == true)
        #expect(error?.details["readingCount"] == "2")
    }

    @Test(
        "a scan with exactly one reading is accepted",
        arguments: [
            ("]d2" + "0109520123456788" + "17251231" + "10ABC123", ["01": "09520123456788", "17": "251231", "10": "ABC123"]),
            // The lot cannot be longer than 20, so the lost GS can only have been after the 20th character.
            ("]d2" + "0109520123456788" + "10ABCDEFGHIJKLMNOPQRST" + "21XYZ",
             ["01": "09520123456788", "10": "ABCDEFGHIJKLMNOPQRST", "21": "XYZ"]),
            // "1017" inside the lot: the split would repeat AI 10 with another value, so it does not fit.
            ("]d2" + "0109520123456788" + "10AB10CD", ["01": "09520123456788", "10": "AB10CD"]),
        ])
    func uniqueReadingIsAccepted(input: String, expected: [String: String]) throws {
        #expect(try GS1ElementString.parse(input, currentYear: testYear).valuesByAI == expected)
    }

    @Test("the search stops at its work budget and says so")
    func searchIsBounded() {
        var search = GS1ElementString.AmbiguitySearch(
            bytes: Array(("0109520123456788" + "10ABC21XYZ").utf8), currentYear: testYear, budget: 3)
        search.explore(0)
        #expect(search.exhausted)
    }

    @Test("adversarial input finishes quickly with an error")
    func adversarialInputIsCheap() {
        let chunk = "10" + "21" + "22" + "240" + "241" + "250" + "251" + "400" + "401" + "8004" + "254" + "235"
        let input = "]d2" + String(repeating: chunk + "1", count: 40)
        let clock = ContinuousClock()
        var error: TracestockError?
        let elapsed = clock.measure {
            error = capturedError { try GS1ElementString.parse(input, currentYear: testYear) }
        }
        #expect(error != nil)
        #expect(elapsed < .seconds(5))
    }
}
