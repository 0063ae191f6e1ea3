import Foundation
import HTTPTypes
import Testing
import Tracestock
import TracestockCore
import TracestockServer

/// Scanning, GS1 encoding, authentication codes (issue, the public verify, scans, clones) and labels over HTTP.
@Suite struct CodeEndpointTests {
    @Test func aScanIsParsedAndNamesTheSKUAndABadCheckDigitIsA400() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let scan = try await api.send(.get, "/api/v1/scan?input=%2801%2909520123456788%2810%29L1%2821%29SN0001", as: .viewer)
            #expect(scan.status == .ok, "\(scan.text)")
            #expect(try scan.json()["kind"] as? String == "gs1")
            #expect(try scan.json()["sku"] as? String == "EB-100")
            #expect(try scan.json()["serial"] as? String == "SN0001")
            #expect((try scan.json()["ais"] as? [String: String])?["10"] == "L1")
            let bad = try await api.send(.get, "/api/v1/scan?input=%2801%2909520123456789", as: .viewer)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("check digit"))
            let encoded = try await api.send(.get, "/api/v1/gs1/encode?gtin=09520123456788&lot=ABC1&serial=12345&expiry=2026-04-30", as: .viewer)
            #expect(try encoded.json()["bracketed"] as? String == "(01)09520123456788(17)260430(10)ABC1(21)12345")
            #expect(try encoded.json()["digitalLink"] as? String == "https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=260430")
            let badDate = try await api.send(.get, "/api/v1/gs1/encode?gtin=09520123456788&expiry=soon", as: .viewer)
            #expect(badDate.status == .badRequest)
            #expect((try badDate.json()["details"] as? [String: String])?["field"] == "expiry")
        }
    }

    @Test func anIssuedCodeVerifiesPubliclyAndIsFlaggedWhenSeenTooOften() async throws {
        let fixture = try await APIFixture.prepared()
        var configuration = ServerConfiguration()
        configuration.clonePolicy = ClonePolicy(maxScans: 2, maxPlaces: 5)
        try await fixture.withClient(configuration: configuration) { api in
            let issued = try await api.send(.post, "/api/v1/codes", as: .operator, json: ["sku": "EB-100", "serialExpression": "SN0002-SN0003"])
            #expect(issued.status == .created, "\(issued.text)")
            let codes = try #require(try issued.json()["codes"] as? [[String: Any]])
            #expect(codes.map { $0["serial"] as? String } == ["SN0002", "SN0003"])
            let code = try #require(codes.first?["code"] as? String)
            for place in ["Berlin", "Paris"] {
                let genuine = try await api.send(.get, "/api/v1/verify/\(code)?where=\(place)", as: nil)
                #expect(genuine.status == .ok, "\(genuine.text)")
                #expect(try genuine.json()["verdict"] as? String == "genuine")
                #expect(try genuine.json()["sku"] as? String == "EB-100")
                #expect(try genuine.json()["suspectedClone"] as? Bool == false)
            }
            let third = try await api.send(.get, "/api/v1/verify/\(code)", as: nil)
            #expect(try third.json()["suspectedClone"] as? Bool == true, "\(third.text)")
            let unknown = try await api.send(.get, "/api/v1/verify/TS:NJCCQ6YVSGQ0HJ7YND2C620MB8E", as: nil)
            #expect(["unknown", "malformed"].contains(try unknown.json()["verdict"] as? String))
            let scans = try await api.send(.get, "/api/v1/codes/\(code)/scans", as: .viewer)
            #expect((try scans.json()["scans"] as? [[String: Any]])?.compactMap { $0["place"] as? String } == ["Berlin", "Paris"])
            let clones = try await api.send(.get, "/api/v1/codes/clones", as: .viewer)
            #expect((try clones.json()["clones"] as? [[String: Any]])?.first?["serial"] as? String == "SN0002")
            let unknownSKU = try await api.send(.post, "/api/v1/codes", as: .operator, json: ["sku": "NOPE", "serials": ["X"]])
            #expect(unknownSKU.status == .notFound)
        }
    }

    @Test func thePublicVerifyIsRateLimitedPerClient() async throws {
        let fixture = try await APIFixture.prepared()
        var configuration = ServerConfiguration()
        configuration.publicBurst = 2
        configuration.publicPerMinute = 1
        try await fixture.withClient(configuration: configuration) { api in
            let code = try #require(fixture.code)
            #expect(try await api.send(.get, "/api/v1/verify/\(code)", as: nil).status == .ok)
            #expect(try await api.send(.get, "/api/v1/verify/\(code)", as: nil).status == .ok)
            let limited = try await api.send(.get, "/api/v1/verify/\(code)", as: nil)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rateLimited")
            #expect(limited.headers[HTTPField.Name("Retry-After")!] != nil)
        }
    }

    @Test func labelsComeInEachFormatWithTheirContentType() async throws {
        let fixture = try await APIFixture.prepared()
        try await fixture.withClient { api in
            let png = try await api.send(.get, "/api/v1/labels/EB-100/SN0001?format=png&code=\(try #require(fixture.code))", as: .viewer)
            #expect(png.status == .ok)
            #expect(png.headers[.contentType] == "image/png")
            #expect(Array(png.bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            let svg = try await api.send(.get, "/api/v1/labels/EB-100/SN0001", as: .viewer)
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(svg.text.contains("<svg") && svg.text.contains("SN0001"))
            let zpl = try await api.send(.get, "/api/v1/skus/EB-100/fnsku-label?format=zpl", as: .viewer)
            #expect(zpl.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(zpl.text.hasPrefix("^XA") && zpl.text.contains("X001ABCDEF"))
            let missing = try await api.send(.get, "/api/v1/labels/EB-100/NOPE-9?format=png", as: .viewer)
            #expect(missing.status == .notFound)
            #expect((try missing.json()["details"] as? [String: String])?["serial"] == "NOPE-9")
            let noFNSKU = try await api.send(.get, "/api/v1/skus/TOTE/fnsku-label", as: .viewer)
            #expect(noFNSKU.status == .badRequest)
        }
    }
}
