#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
import TracestockCore

@Suite("SerialPattern")
struct SerialPatternTests {
    @Test("generates zero-padded serials after the prefix")
    func generates() throws {
        let pattern = try SerialPattern(prefix: "EB", width: 6)
        #expect(try pattern.serials(from: 42, count: 3) == ["EB000042", "EB000043", "EB000044"])
        #expect(try pattern.serial(7) == "EB000007")
    }

    @Test("carries across digits up to the last number that fits")
    func carries() throws {
        let pattern = try SerialPattern(prefix: "", width: 3)
        #expect(try pattern.serials(from: 98, count: 4) == ["098", "099", "100", "101"])
        #expect(try pattern.serials(from: 997, count: 3) == ["997", "998", "999"])
        #expect(pattern.maxNumber == 999)
    }

    @Test("returns no serials for a count of zero")
    func zeroCount() throws {
        #expect(try SerialPattern(prefix: "A", width: 2).serials(from: 5, count: 0) == [])
    }

    @Test("rejects numbers that no longer fit the width, naming the number")
    func overflowsWidth() throws {
        let pattern = try SerialPattern(prefix: "EB", width: 2)
        let error = try #require(throws: TracestockError.self) { try pattern.serials(from: 98, count: 3) }
        #expect(error.code == .invalidInput)
        #expect(error.message.contains("100"))
        #expect(error.message.contains("2 digits"))
        #expect(throws: TracestockError.self) { try pattern.serial(100) }
        #expect(throws: TracestockError.self) { try pattern.serials(from: Int.max, count: 2) }
    }

    @Test("supports the widest width of 18 digits")
    func widest() throws {
        let pattern = try SerialPattern(prefix: "W", width: 18)
        #expect(pattern.maxNumber == 999_999_999_999_999_999)
        #expect(
            try pattern.serials(from: 999_999_999_999_999_998, count: 2)
                == ["W999999999999999998", "W999999999999999999"])
        #expect(throws: TracestockError.self) { try pattern.serials(from: 999_999_999_999_999_998, count: 3) }
    }

    @Test("rejects negative next numbers and counts")
    func negatives() throws {
        let pattern = try SerialPattern(prefix: "EB", width: 6)
        #expect(throws: TracestockError.self) { try pattern.serials(from: -1, count: 1) }
        #expect(throws: TracestockError.self) { try pattern.serials(from: 1, count: -1) }
    }

    @Test(
        "rejects prefixes with spaces, quotes, commas or non-printable characters",
        arguments: ["E B", "E\"B", "E'B", "E,B", "É", "E\tB", "E\u{7F}"])
    func rejectsPrefix(_ prefix: String) throws {
        let error = try #require(throws: TracestockError.self) { try SerialPattern(prefix: prefix, width: 4) }
        #expect(error.code == .invalidInput)
        #expect(error.details["field"] == "prefix")
    }

    @Test("rejects widths outside 1 to 18", arguments: [0, -1, 19, 100])
    func rejectsWidth(_ width: Int) throws {
        let error = try #require(throws: TracestockError.self) { try SerialPattern(prefix: "A", width: width) }
        #expect(error.details["field"] == "width")
    }

    @Test("rejects a prefix that makes serials longer than 64 characters")
    func rejectsLongPrefix() throws {
        #expect(throws: TracestockError.self) {
            try SerialPattern(prefix: String(repeating: "A", count: 60), width: 5)
        }
        #expect(try SerialPattern(prefix: String(repeating: "A", count: 59), width: 5).width == 5)
    }

    @Test("accepts an empty prefix and hyphens or dots in the prefix")
    func acceptsPrefixes() throws {
        #expect(try SerialPattern(prefix: "", width: 1).serial(3) == "3")
        #expect(try SerialPattern(prefix: "EB-2024.", width: 2).serial(3) == "EB-2024.03")
    }

    @Test("generates serials that expand back from a range expression")
    func matchesExpressions() throws {
        let serials = try SerialPattern(prefix: "EB-", width: 4).serials(from: 95, count: 10)
        #expect(try SerialExpression.expand("\(serials.first!)..\(serials.last!)") == serials)
    }

    @Test("encodes and decodes, validating on decode")
    func codable() throws {
        let pattern = try SerialPattern(prefix: "EB", width: 6)
        let data = try JSONEncoder().encode(pattern)
        #expect(try JSONDecoder().decode(SerialPattern.self, from: data) == pattern)
        let bad = Data(#"{"prefix":"E B","width":6}"#.utf8)
        #expect(throws: TracestockError.self) { try JSONDecoder().decode(SerialPattern.self, from: bad) }
    }
}
