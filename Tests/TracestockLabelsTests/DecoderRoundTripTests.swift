import Foundation
import Testing
import TracestockCore
import TracestockLabels

/// Renders many barcodes and labels to PNG and reads them back with a real decoder
/// (zxing-cpp through `scripts/decode_barcodes.py`).
///
/// Needs `python3` with `zxing-cpp` and `pillow` (`python3 -m pip install zxing-cpp pillow`).
/// Set `TRACESTOCK_SKIP_DECODER=1` to skip; set `TRACESTOCK_KEEP_DECODER_OUTPUT=1` to keep
/// the rendered images (their folder is printed).
@Suite("Round trip through the zxing-cpp decoder")
struct DecoderRoundTripTests {
    static let skipDecoder = ProcessInfo.processInfo.environment["TRACESTOCK_SKIP_DECODER"] == "1"
    static let installHint = "install the decoder with: python3 -m pip install zxing-cpp pillow "
        + "(or set TRACESTOCK_SKIP_DECODER=1 to skip this test)"

    /// `scripts/decode_barcodes.py` at the package root, found from this file's path.
    static let scriptURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/decode_barcodes.py")

    /// One rendered image and the barcode it must decode to.
    struct Expectation {
        let file: String
        let format: String
        let text: String
    }

    struct Decoded: Decodable {
        let file: String
        let format: String
        let text: String
    }

    @Test(
        "QR Codes of every version and level, Code 128 symbols and full labels decode to exactly the encoded text",
        .enabled(if: !skipDecoder, "TRACESTOCK_SKIP_DECODER=1 is set: zxing-cpp round trip skipped"),
        .timeLimit(.minutes(10))
    )
    func roundTrip() throws {
        let python = try runPython(["-c", "import zxingcpp, PIL"])
        guard python.status == 0 else {
            Issue.record("python3 with zxing-cpp and pillow is required: \(python.stderr.prefix(300)) — \(Self.installHint)")
            return
        }

        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tracestock-decode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let keep = ProcessInfo.processInfo.environment["TRACESTOCK_KEEP_DECODER_OUTPUT"] == "1"
        defer {
            if keep { print("decoder images kept in \(folder.path)") } else { try? FileManager.default.removeItem(at: folder) }
        }

        var expectations: [Expectation] = []
        func write(_ bytes: [UInt8], name: String, format: String, text: String) throws {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            expectations.append(Expectation(file: url.path, format: format, text: text))
        }

        var factory = PayloadFactory(generator: SeededGenerator(seed: 0x7EAC_E570_C4))
        var qrCount = 0
        var versionsSeen = Set<Int>()

        // 160 QR Codes: every version 1–40 at every level, payloads sized to need exactly it.
        for version in 1...40 {
            for level in QRErrorCorrection.allCases {
                let characterClass = factory.pick([.numeric, .alphanumeric, .ascii, .ascii] as [PayloadFactory.CharacterClass])
                let text = factory.payload(forcing: version, ecLevel: level, characterClass: characterClass)
                let code = try QRCode.encode(text, ecLevel: level)
                #expect(code.version == version, "payload of \(text.utf8.count) bytes should need v\(version)-\(level.letter)")
                versionsSeen.insert(code.version)
                try write(PNGEncoder.encode(Bitmap.qrCode(code, moduleSize: 3)),
                          name: String(format: "qr-%03d-v%02d-%@.png", qrCount, code.version, level.letter),
                          format: "QRCode", text: text)
                qrCount += 1
            }
        }
        // 100 more QR Codes: random class, length and level, UTF-8 (ECI) included.
        for _ in 0..<100 {
            let characterClass = factory.pick(PayloadFactory.CharacterClass.allCases)
            let length = factory.int(0...3) == 0 ? factory.int(150...900) : factory.int(1...150)
            let text = factory.text(characterClass, length: length)
            let level = factory.pick(QRErrorCorrection.allCases)
            let code = try QRCode.encode(text, ecLevel: level)
            versionsSeen.insert(code.version)
            try write(PNGEncoder.encode(Bitmap.qrCode(code, moduleSize: 3)),
                      name: String(format: "qr-%03d-v%02d-%@.png", qrCount, code.version, level.letter),
                      format: "QRCode", text: text)
            qrCount += 1
        }
        #expect(versionsSeen == Set(1...40))

        // Code 128: every set B character and every set C pair, then 100 random mixed payloads.
        var code128Texts = [
            String((32...79).map { Character(UnicodeScalar(UInt8($0))) }),
            String((80...126).map { Character(UnicodeScalar(UInt8($0))) }),
            (0..<50).map { String(format: "%02d", $0) }.joined(),
            (50..<100).map { String(format: "%02d", $0) }.joined(),
            "X001ABCDEF", "1234567890", "AB123456CD", "A12345", "12345AB",
        ]
        for _ in 0..<100 { code128Texts.append(factory.code128Text()) }
        for (index, text) in code128Texts.enumerated() {
            let code = try Code128.encode(text)
            try write(PNGEncoder.encode(Bitmap.code128(code, moduleWidth: 2, height: 60)),
                      name: String(format: "c128-%03d.png", index), format: "Code128", text: text)
        }

        // Full labels at 300 dpi, including long titles and payloads near the label's limit.
        let titles = [
            "Mug", LabelLayoutTests.longTitle,
            "Ceramic pour-over coffee dripper, size 02 — white, dishwasher safe & microwave safe <new>",
        ]
        for (index, title) in titles.enumerated() {
            let serial = String(format: "SN%04d", index + 1)
            let payload = "https://id.example.com/01/09520123456788/21/\(serial)?auth=TS:"
                + factory.text(.alphanumeric, length: 20 + 40 * index).replacingOccurrences(of: " ", with: "")
            let unit = UnitLabel(qrPayload: payload, sku: "SKU-\(index)", serial: serial, title: title,
                                 ecLevel: QRErrorCorrection.allCases[index % 4])
            try write(LabelLayout.avery5160.png(unit), name: "label-unit-\(index).png", format: "QRCode", text: payload)
            let fnsku = "X00" + factory.text(.alphanumeric, length: 7).replacingOccurrences(of: " ", with: "Z")
            try write(LabelLayout.avery5160.png(FNSKULabel(fnsku: fnsku, title: title)),
                      name: "label-fnsku-\(index).png", format: "Code128", text: fnsku)
        }

        #expect(qrCount >= 200)
        #expect(code128Texts.count >= 50)

        // One decoder run over the whole folder.
        let run = try runPython([Self.scriptURL.path, folder.path])
        guard run.status == 0 else {
            Issue.record("decode_barcodes.py failed (status \(run.status)): \(run.stderr.prefix(500)) — \(Self.installHint)")
            return
        }
        let decoded = try JSONDecoder().decode([Decoded].self, from: Data(run.stdout.utf8))
        let byFile = Dictionary(grouping: decoded, by: \.file)
        var failures = 0
        for expectation in expectations {
            let results = byFile[expectation.file] ?? []
            let ok = results.count == 1 && results[0].text == expectation.text && results[0].format == expectation.format
            if !ok {
                failures += 1
                Issue.record("""
                    \((expectation.file as NSString).lastPathComponent): expected \(expectation.format) \
                    \(expectation.text.debugDescription.prefix(120)), decoded \
                    \(results.map { "\($0.format) \($0.text.debugDescription.prefix(120))" })
                    """)
            }
        }
        print("zxing-cpp round trip: \(expectations.count - failures)/\(expectations.count) images decoded exactly "
              + "(\(qrCount) QR Codes, \(code128Texts.count) Code 128 symbols, \(titles.count * 2) labels)")
    }

    /// Runs `/usr/bin/env python3` with arguments; returns the exit status and outputs.
    private func runPython(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        // stderr goes to a file so that only one pipe has to be drained while the child runs.
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("tracestock-decoder-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = errorHandle
        do {
            try process.run()
        } catch {
            return (127, "", "could not start /usr/bin/env python3: \(error)")
        }
        let outBytes = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let errorText = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: outBytes, as: UTF8.self), errorText)
    }
}
