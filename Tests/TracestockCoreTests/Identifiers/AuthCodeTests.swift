import Testing
@testable import TracestockCore

@Suite("Authentication codes")
struct AuthCodeTests {
    static let sequential: [UInt8] = Array(0..<16)

    @Test("encoding writes Crockford base32 with the mod-37 check symbol and the TS: prefix", arguments: [
        (Array(0..<16), "TS:", "TS:000G40R40M30E209185GR38E1WR"),
        ([UInt8](repeating: 0xFF, count: 16), "TS:", "TS:ZZZZZZZZZZZZZZZZZZZZZZZZZWH"),
        ([UInt8](repeating: 0, count: 16), "TS:", "TS:000000000000000000000000000"),
        (Array(0..<20), "", "000G40R40M30E209185GR38E1W8124GKR"),
        ([0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF], "TS:",
         "TS:VTPVXVYYNPZEZQNDQVQXXBDYXW8"),
    ] as [([UInt8], String, String)])
    func knownVectors(bytes: [UInt8], prefix: String, expected: String) throws {
        #expect(AuthCode.encode(bytes: bytes, prefix: prefix) == expected)
        let parsed = try AuthCode.parse(expected)
        #expect(parsed.payload == bytes)
        #expect(parsed.canonical == expected)
        #expect(parsed.prefix == prefix)
    }

    @Test("hyphen grouping is optional and ignored when parsing")
    func grouping() throws {
        let grouped = AuthCode.encode(bytes: Self.sequential, groupSize: 4)
        #expect(grouped == "TS:000G-40R4-0M30-E209-185G-R38E-1WR")
        #expect(try AuthCode.parse(grouped).canonical == "TS:000G40R40M30E209185GR38E1WR")
    }

    @Test("parsing is case-insensitive and reads O as 0 and I/L as 1")
    func lenientParsing() throws {
        let code = try AuthCode.parse("ts:ooog-4or4-om3o-e2o9-i85g-r38e-lwr")
        #expect(code.canonical == "TS:000G40R40M30E209185GR38E1WR")
        #expect(code.payload == Self.sequential)
        #expect(code.prefix == "TS:")
    }

    @Test("malformed codes are told apart by details[\"reason\"]", arguments: [
        ("TS:000G40R40M30E209185GR38E1WS", "checkSymbol", "30"),  // wrong check symbol
        ("TS:0004G0R40M30E209185GR38E1WR", "checkSymbol", "30"),  // transposed symbols
        ("TS:000G40R40M30E209185GR38E1W!", "character", "30"),
        ("TS:U00G40R40M30E209185GR38E1WR", "character", "4"),
        ("TS:000G40R4", "length", nil),
        ("TS:" + String(repeating: "0", count: 25) + "10", "padding", "29"),
        ("T S:000G40R40M30E209185GR38E1WR", "prefix", "1"),
        ("ABCDEFGHIJKLMNOPQ:000G40R40M30E209185GR38E1WR", "prefix", "1"),
    ] as [(String, String, String?)])
    func malformedCodes(text: String, reason: String, position: String?) {
        let error = capturedError { try AuthCode.parse(text) }
        #expect(error?.code == .invalidInput)
        #expect(error?.details["authCode"] == "malformed")
        #expect(error?.details["reason"] == reason)
        if let position { #expect(error?.details["position"] == position) }
        #expect(!AuthCode.isWellFormed(text))
    }

    @Test("the checked initialiser refuses short payloads and bad prefixes")
    func checkedInit() throws {
        #expect(capturedError { try AuthCode(bytes: Array(0..<15)) }?.details["reason"] == "length")
        #expect(capturedError { try AuthCode(bytes: Self.sequential, prefix: "T S:") }?.details["reason"] == "prefix")
        #expect(try AuthCode(bytes: Self.sequential, prefix: "ACME:").canonical.hasPrefix("ACME:"))
    }

    @Test("every payload size from 16 to 64 bytes round-trips")
    func payloadSizes() throws {
        var rng = SplitMix64(seed: 7)
        for size in 16...64 {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = AuthCode.encode(bytes: bytes, prefix: "", groupSize: 5)
            #expect(try AuthCode.parse(text).payload == bytes)
        }
    }

    @Test("encoding is fast: 1,000,000 codes in under a second in release builds")
    func encodingSpeed() {
        #if DEBUG
        let count = 20_000
        #else
        let count = 1_000_000
        #endif
        var bytes = Self.sequential
        var total = 0
        let elapsed = ContinuousClock().measure {
            for index in 0..<count {
                bytes[0] = UInt8(truncatingIfNeeded: index)
                bytes[1] = UInt8(truncatingIfNeeded: index >> 8)
                total &+= AuthCode.encode(bytes: bytes).utf8.count
            }
        }
        #expect(total == count * 30)
        #if !DEBUG
        #expect(elapsed < .seconds(1), "encoding \(count) codes took \(elapsed)")
        #endif
    }
}
