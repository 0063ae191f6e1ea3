// libFuzzer harness for the scan parsers.
//
// Fuzz build (libFuzzer supplies `main`, so this file must be compiled as a library file):
//   swift build -c release --product tracestock-fuzz-scan --scratch-path .build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
// Plain build (`swift build`): a replay tool that runs each file given as argument through the same checks.

import TracestockCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The invariants checked for every input.
enum FuzzHarness {
    static let currentYear = 2025

    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant violated: " + message()) }
    }

    static func check(_ text: String) {
        checkScan(text)
        checkElementString(text)
        checkDigitalLink(text)
        checkAuthCode(text)
    }

    static func sortedElements(_ ais: [String: String]) -> [GS1Element] {
        ais.sorted { $0.key < $1.key }.map { GS1Element(ai: $0.key, value: $0.value) }
    }

    static func checkScan(_ text: String) {
        guard let result = try? Scan.parse(text, currentYear: currentYear) else { return }
        // Deterministic.
        require((try? Scan.parse(text, currentYear: currentYear)) == result, "Scan.parse is not deterministic")
        switch result.kind {
        case .gs1, .digitalLink:
            guard let elements = try? GS1ElementString(validating: sortedElements(result.ais), currentYear: currentYear) else {
                return require(false, "scan AIs do not validate: \(result.ais)")
            }
            let raw = elements.raw(symbologyIdentifier: "]d2")
            guard let again = try? Scan.parse(raw, currentYear: currentYear) else {
                return require(false, "regenerated raw element string does not parse: \(raw.debugDescription)")
            }
            require(again.ais == result.ais, "raw round trip changed AIs: \(result.ais) vs \(again.ais)")
            require(
                again.gtin == result.gtin && again.lot == result.lot && again.serial == result.serial
                    && again.expiry == result.expiry && again.produced == result.produced
                    && again.bestBefore == result.bestBefore && again.sscc == result.sscc,
                "raw round trip changed fields")
        case .gtin:
            require((try? GTIN(result.gtin ?? ""))?.value == result.gtin, "GTIN not normalised")
        case .sscc:
            require(SSCC.isValid(result.sscc ?? ""), "SSCC invalid")
        case .authCode:
            guard let canonical = result.authCode, let code = try? AuthCode.parse(canonical) else {
                return require(false, "canonical auth code does not parse")
            }
            require(code.canonical == canonical, "auth code canonical form is not stable")
        case .asin:
            require(ASIN.isValid(result.asin ?? ""), "ASIN invalid")
        case .fnsku:
            require(FNSKU.isAmazonLabel(result.fnsku ?? ""), "FNSKU invalid")
        case .serial:
            require(result.serial.map { !$0.isEmpty && $0.utf8.count <= Scan.maxSerialLength } ?? false, "bad serial")
        }
    }

    static func checkElementString(_ text: String) {
        guard let parsed = try? GS1ElementString.parse(text, currentYear: currentYear) else { return }
        let expected = Set(parsed.elements)
        for form in [parsed.raw(), parsed.raw(symbologyIdentifier: "]C1", leadingSeparator: true), parsed.bracketed] {
            guard let again = try? GS1ElementString.parse(form, currentYear: currentYear) else {
                return require(false, "regenerated element string does not parse: \(form.debugDescription)")
            }
            require(Set(again.elements) == expected, "element string round trip changed: \(form.debugDescription)")
        }
        if let uri = try? GS1DigitalLink.uri(for: parsed, baseURL: "https://brand.example/dl") {
            guard let link = try? GS1DigitalLink.parse(uri, currentYear: currentYear) else {
                return require(false, "generated Digital Link does not parse: \(uri)")
            }
            require(Set(link.elementString.elements) == expected, "Digital Link round trip changed: \(uri)")
        }
    }

    static func checkDigitalLink(_ text: String) {
        guard let link = try? GS1DigitalLink.parse(text, currentYear: currentYear) else { return }
        let uri = link.uri
        guard let again = try? GS1DigitalLink.parse(uri, currentYear: currentYear) else {
            return require(false, "re-rendered Digital Link does not parse: \(uri)")
        }
        require(again == link, "Digital Link round trip changed: \(uri)")
        let raw = link.elementString.raw()
        guard let elements = try? GS1ElementString.parse(raw, currentYear: currentYear) else {
            return require(false, "Digital Link elements do not parse as raw: \(raw.debugDescription)")
        }
        require(Set(elements.elements) == Set(link.elementString.elements), "Digital Link → raw changed elements")
    }

    static func checkAuthCode(_ text: String) {
        guard let code = try? AuthCode.parse(text) else { return }
        require(AuthCode.encode(bytes: code.payload, prefix: code.prefix) == code.canonical, "auth code re-encode differs")
        require((try? AuthCode.parse(code.canonical)) == code, "auth code canonical does not parse back")
    }
}

#if FUZZING
/// libFuzzer entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.check(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    return 0
}

/// libFuzzer's driver (in libclang_rt.fuzzer), called with our own callback.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links executables with `--defsym main=<module>_main` on Linux, which hides libFuzzer's own
/// `main`; this symbol starts libFuzzer's driver instead. (Linked by plain `swiftc`, libFuzzer's `main`
/// is used and calls `LLVMFuzzerTestOneInput` directly.)
@_cdecl("tracestock_fuzz_scan_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argumentCount = argc
    var arguments = argv
    return runFuzzerDriver(&argumentCount, &arguments) { data, size in
        guard let data, size > 0 else {
            FuzzHarness.check("")
            return 0
        }
        return fuzz(data, size)
    }
}
#else
/// Replay: each argument is a file whose bytes are one input; exits with the status.
func replay() -> Int32 {
    var count = 0
    for path in CommandLine.arguments.dropFirst() {
        guard let file = fopen(path, "rb") else {
            print("cannot open \(path)")
            exit(2)
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let read = fread(&buffer, 1, buffer.count, file)
            if read <= 0 { break }
            bytes += buffer[0..<read]
        }
        fclose(file)
        FuzzHarness.check(String(decoding: bytes, as: UTF8.self))
        count += 1
    }
    print("replayed \(count) input(s) without invariant violations")
    exit(0)
}

// A declaration rather than a bare expression, so that the file still parses with -parse-as-library.
let replayStatus = replay()
#endif
