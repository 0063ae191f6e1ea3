import Foundation
import Testing
@testable import TracestockCore

@Suite("Age buckets")
struct AgeBucketsTests {
    @Test("the default list parses to the standard buckets, 365+ meaning older than 365 days")
    func standard() throws {
        let parsed = try AgeBuckets(parsing: "0-90,91-180,181-270,271-365,365+")
        #expect(parsed == AgeBuckets.standard)
        #expect(parsed.description == "0-90,91-180,181-270,271-365,365+")
        #expect(parsed.buckets.last?.minimumAge == 366)
        #expect(parsed.buckets.last?.maximumAge == nil)
        let standard = AgeBuckets.standard
        #expect(standard.labels[standard.index(forAge: 0)] == "0-90")
        #expect(standard.labels[standard.index(forAge: 90)] == "0-90")
        #expect(standard.labels[standard.index(forAge: 91)] == "91-180")
        #expect(standard.labels[standard.index(forAge: 365)] == "271-365")
        #expect(standard.labels[standard.index(forAge: 366)] == "365+")
        #expect(standard.labels[standard.index(forAge: 10_000)] == "365+")
    }

    @Test("custom lists with spaces and a single open bucket parse")
    func custom() throws {
        let parsed = try AgeBuckets(parsing: " 0-30 , 31-60,60+ ")
        #expect(parsed.labels == ["0-30", "31-60", "60+"])
        #expect(try AgeBuckets(parsing: "0-0,0+").labels == ["0-0", "0+"])
    }

    @Test("parsing errors name the offending bucket and its position", arguments: [
        ("10-90,91-180,180+", "10-90", "1", "must start at age 0"),
        ("0-90,92-180,180+", "92-180", "2", "leaves a gap"),
        ("0-90,91-180,181-270,271-365,366+", "366+", "5", "write '365+'"),
        ("0-90,90-180,180+", "90-180", "2", "overlaps '0-90'"),
        ("0-90,91-180", "91-180", "2", "must be open-ended"),
        ("0-90,90+,100+", "100+", "3", "must be last"),
        ("0-90,abc,90+", "abc", "2", "not written as A-B or N+"),
        ("0-90,,90+", "", "2", "not written as A-B or N+"),
        ("0-90,180-91,180+", "180-91", "2", "ends before it starts"),
        ("0--5,5+", "0--5", "1", "not written as A-B or N+"),
        ("0-90,91-180,-5+", "-5+", "3", "not written as A-B or N+"),
    ])
    func errors(text: String, bucket: String, position: String, reason: String) {
        let error = #expect(throws: TracestockError.self) { try AgeBuckets(parsing: text) }
        #expect(error?.code == .invalidInput)
        #expect(error?.details["bucket"] == bucket)
        #expect(error?.details["position"] == position)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }

    @Test("an open first bucket (ages above N ≥ 0) cannot start at 0, and an empty list is rejected")
    func degenerate() {
        #expect(throws: TracestockError.self) { try AgeBuckets(parsing: "0+") }
        #expect(throws: TracestockError.self) { try AgeBuckets(parsing: "") }
        #expect(throws: TracestockError.self) { try AgeBuckets(parsing: "  ") }
    }

    @Test("bucket lists encode to and decode from their string form")
    func json() throws {
        let data = try JSONEncoder().encode([AgeBuckets.standard])
        #expect(String(decoding: data, as: UTF8.self) == #"["0-90,91-180,181-270,271-365,365+"]"#)
        #expect(try JSONDecoder().decode([AgeBuckets].self, from: data) == [AgeBuckets.standard])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([AgeBuckets].self, from: Data(#"["0-90"]"#.utf8))
        }
    }
}
