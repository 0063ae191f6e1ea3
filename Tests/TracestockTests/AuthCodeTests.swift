import Foundation
import Testing
import Tracestock
import TracestockCore
import TracestockSQLite

@Suite(.postgresScope) struct AuthCodeTests {
    @Test(arguments: StoreKind.all)
    func issuedCodesVerifyGenuineAndAreStoredOnlyHashed(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("A1..A3")
        let codes = try await service.issueCodes(sku: "EB-100", serials: ["A1", "A2"], allUnissued: false)
        #expect(codes.count == 2)
        #expect(Set(codes.map(\.code)).count == 2)
        #expect(codes.allSatisfy { $0.code.hasPrefix("TS:") && AuthCode.isWellFormed($0.code) })
        let result = try await service.verifyCode(codes[0].code, place: "Berlin")
        #expect(result.verdict == .genuine)
        #expect(result.serial == "A1")
        #expect(result.title == "Earbuds Pro")
        #expect(result.sold == false)
        #expect(!result.suspectedClone)
        let lower = try await service.verifyCode(codes[1].code.lowercased())
        #expect(lower.verdict == .genuine, "codes read case-insensitively")
        if case .sqliteFile = kind, let store = service.store as? SQLiteLedgerStore, let path = store.path {
            let body = String(codes[0].code.dropFirst(3))
            for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
                #expect(bytes.range(of: Data(body.utf8)) == nil, "the plaintext code is not in \(file)")
            }
        }
        let rest = try await service.issueCodes(sku: "EB-100", serials: nil, allUnissued: true)
        #expect(rest.map(\.serial) == ["A3"])
    }

    @Test(arguments: StoreKind.all)
    func unknownMalformedRevokedAndClonedCodesAreToldApart(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("A1..A3")
        let first = try await service.issueCodes(sku: "EB-100", serials: ["A1", "A2"], allUnissued: false)
        let forged = AuthCode.encode(bytes: [UInt8](repeating: 7, count: 16))
        #expect(try await service.verifyCode(forged).verdict == .unknown)
        var typo = Array(first[0].code)
        typo[10] = typo[10] == "A" ? "B" : "A"
        #expect(try await service.verifyCode(String(typo)).verdict == .malformed)
        let again = try await service.issueCodes(sku: "EB-100", serials: ["A1"], allUnissued: false)
        let old = try await service.verifyCode(first[0].code)
        #expect(old.verdict == .revoked)
        #expect(old.reason?.contains("replaced") == true)
        #expect(try await service.verifyCode(again[0].code).verdict == .genuine)
        try await service.earbuds(.dispose, "A2")
        #expect(try await service.verifyCode(first[1].code).verdict == .revoked)

        var verdicts: [CodeVerification] = []
        for n in 1...6 { verdicts.append(try await service.verifyCode(again[0].code, place: "shop \(n % 2)")) }
        #expect(verdicts.prefix(4).allSatisfy { !$0.suspectedClone }, "the first verification here was the 2nd scan of this code")
        #expect(verdicts.last?.suspectedClone == true)
        #expect(verdicts.last?.verdict == .genuine)
        #expect(verdicts.last?.reason?.contains("times") == true)
        let placesPolicy = ClonePolicy(maxScans: 100, maxPlaces: 1)
        let spread = try await service.verifyCode(again[0].code, place: "elsewhere", policy: placesPolicy)
        #expect(spread.suspectedClone && spread.reason?.contains("places") == true)
        #expect(try await service.codeScans(again[0].code).count == 8)
        #expect(try await service.suspectedClones().map(\.serial) == ["A1"])
    }

    @Test(arguments: StoreKind.all)
    func recalledUnitsRevokeTheirCodes(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("R1..R2", lot: "BAD")
        let codes = try await service.issueCodes(sku: "EB-100", serials: ["R1"], allUnissued: false)
        _ = try await service.recall(RecallRequest(sku: "EB-100", lots: ["BAD"], quarantine: true))
        let result = try await service.verifyCode(codes[0].code)
        #expect(result.verdict == .revoked)
        #expect(result.reason?.contains("recalled") == true)
    }

    @Test(arguments: StoreKind.all)
    func unitLabelsCarryTheDigitalLinkWithTheCodeAndDecode(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        _ = try await service.updateSKU("EB-100") { $0.fnsku = "X001ABCDEF" }
        try await service.receiveEarbuds("L-1..L-3")
        let codes = try await service.issueCodes(sku: "EB-100", serials: ["L-1", "L-2"], allUnissued: false)
        let sku = try await service.sku("EB-100")
        let payload = try Tracestock.unitLabelPayload(sku: sku, serial: "L-1", code: codes[0].code, host: "brand.example")
        #expect(payload.hasPrefix("https://brand.example/01/09520123456788/21/L-1?auth=TS%3A"))
        let scanned = try Scan.parse(payload, currentYear: 2026)
        #expect(scanned.serial == "L-1")
        #expect(scanned.otherQueryParameters.first { $0.name == "auth" }?.value == codes[0].code)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let units: [(serial: String, code: String?)] = codes.map { ($0.serial, $0.code) }
        var files = try await service.renderLabels(sku: "EB-100", units: units, fnsku: false, format: .png)
        files += try await service.renderLabels(sku: "EB-100", units: [], fnsku: true, format: .png)
        #expect(files.map(\.name) == ["EB-100_L-1.png", "EB-100_L-2.png", "EB-100_fnsku.png"])
        for file in files { try Data(file.bytes).write(to: dir.appendingPathComponent(file.name)) }
        let svg = try await service.renderLabels(sku: "EB-100", units: [("L-3", nil)], fnsku: false, format: .svg)
        #expect(String(decoding: svg[0].bytes, as: UTF8.self).contains("<svg"))
        let zpl = try await service.renderLabels(sku: "EB-100", units: [], fnsku: true, format: .zpl)
        #expect(String(decoding: zpl[0].bytes, as: UTF8.self).contains("^BC"))

        guard ProcessInfo.processInfo.environment["TRACESTOCK_SKIP_DECODER"] != "1" else { return }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/decode_barcodes.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, dir.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "install the decoder: python3 -m pip install zxing-cpp pillow")
        let decoded = try #require(JSONSerialization.jsonObject(with: output) as? [[String: String]])
        let texts = Set(decoded.compactMap { $0["text"] })
        #expect(texts.contains("X001ABCDEF"))
        // A code's check symbol may be one of Crockford's `*~$=U`, so compare the decoded query
        // value, not a hand-encoded suffix.
        let links = texts.compactMap(URLComponents.init(string:))
        for code in codes {
            #expect(links.contains { link in
                link.path.hasSuffix("/21/\(code.serial)")
                    && link.queryItems?.first(where: { $0.name == "auth" })?.value == code.code
            }, "\(texts)")
        }
    }
}
