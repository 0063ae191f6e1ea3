/// The one scan parser: recognises every identifier form Tracestock reads from a barcode scanner or a text field.
public enum Scan {
    /// Longest serial accepted.
    public static let maxSerialLength = 64
    /// Longest scan accepted (bytes).
    public static let maxInputBytes = 8192

    /// Parses a scan. Surrounding spaces, tabs, CR and LF are ignored. Checks, in order:
    ///
    /// 1. A GS1 symbology identifier (`]C1`, `]e0`, `]d2`, `]Q3`, `]J1`), a GS (ASCII 29) anywhere, or a
    ///    leading `(` → GS1 element string (`gs1`). Any other AIM identifier (e.g. `]E0`, `]Q1`) is
    ///    stripped and the rest goes through the steps below.
    /// 2. `http://` or `https://` → GS1 Digital Link (`digitalLink`).
    /// 3. Authentication-code shape → `authCode`: a brand prefix (`TS:`, 1-16 letters/digits + `:`) and at
    ///    least 20 letters/digits/`*~$=` (hyphens ignored); a prefixed code that does not parse is an error
    ///    (malformed, `details["reason"]` says why). An unprefixed string of 27+ symbols is an auth code
    ///    only if well-formed, else it goes on.
    /// 4. 18 digits → SSCC (`sscc`); a wrong check digit is an error.
    /// 5. 8, 12, 13 or 14 digits with a valid check digit → `gtin`. A wrong check digit is an error for
    ///    14 digits (only GS1 uses that length); 8, 12 and 13 digits that fail go on (to `serial`).
    /// 6. Raw GS1 data without symbology identifier or GS: `01`/`02` + a valid GTIN-14, or `00` + a valid
    ///    SSCC, followed by nothing or more data → `gs1` (errors, e.g. ambiguity, are reported).
    /// 7. `X00` + 7 uppercase letters/digits → `fnsku`.
    /// 8. An ASIN (`B0…` or a valid ISBN-10) → `asin`.
    /// 9. Otherwise printable ASCII without spaces, 1-64 characters → `serial`; anything else is an error.
    ///
    /// Error positions are 1-based and count from the start of `input` (before trimming).
    public static func parse(_ input: String, currentYear: Int) throws -> ScanResult {
        var skipped = 0
        do {
            return try recognise(input, currentYear: currentYear, skipped: &skipped)
        } catch let error as TracestockError {
            guard skipped > 0, let text = error.details["position"], let position = Int(text) else { throw error }
            var shifted = error
            shifted.details["position"] = String(position + skipped)
            if let range = shifted.message.firstRange(of: "position \(position)") {
                shifted.message.replaceSubrange(range, with: "position \(position + skipped)")
            }
            throw shifted
        }
    }

    /// The recognition steps; `skipped` counts the leading characters removed (blanks, AIM identifier).
    private static func recognise(_ input: String, currentYear: Int, skipped: inout Int) throws -> ScanResult {
        var bytes = Array(input.utf8)
        guard bytes.count <= maxInputBytes else {
            throw TracestockError.identifier(
                "scan is longer than \(maxInputBytes) bytes", field: "scan", reason: "length")
        }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        while let last = bytes.last, blank(last) { bytes.removeLast() }
        let leading = bytes.prefix(while: blank).count
        if leading > 0 { bytes.removeFirst(leading) }
        skipped = leading
        guard !bytes.isEmpty else {
            throw TracestockError.identifier("scan is empty", field: "scan", reason: "empty")
        }

        // 1. Element strings and symbology identifiers.
        if bytes[0] == UInt8(ascii: "]"), bytes.count >= 3 {
            let identifier = String(decoding: bytes[0..<3], as: UTF8.self)
            if GS1ElementString.gs1SymbologyIdentifiers.contains(identifier) {
                return try elementString(bytes, currentYear: currentYear)
            }
            if isAlphanumeric(bytes[1]), isAlphanumeric(bytes[2]), bytes.count > 3 {
                bytes.removeFirst(3)
                skipped += 3
            }
        }
        if bytes[0] == UInt8(ascii: "(") || bytes.contains(GS1ElementString.gs) {
            return try elementString(bytes, currentYear: currentYear)
        }
        let text = String(decoding: bytes, as: UTF8.self)

        // 2. Digital Link.
        if GS1DigitalLink.looksLikeURI(text) {
            let link = try GS1DigitalLink.parse(text, currentYear: currentYear)
            return ScanResult(
                kind: .digitalLink, elements: link.elementString, currentYear: currentYear,
                otherQueryParameters: link.otherQueryParameters)
        }

        // 3. Authentication code.
        if let prefixed = authCodeShape(bytes) {
            if prefixed {
                return ScanResult(kind: .authCode, authCode: try AuthCode.parse(text).canonical)
            }
            if let code = try? AuthCode.parse(text) {
                return ScanResult(kind: .authCode, authCode: code.canonical)
            }
        }

        // 4-5. Bare SSCC / GTIN.
        if TextPosition.allDigits(bytes) {
            switch bytes.count {
            case 18:
                let sscc = try SSCC(text)
                return ScanResult(kind: .sscc, sscc: sscc.value, ais: ["00": sscc.value])
            case 14:
                let gtin = try GTIN(text)
                return ScanResult(kind: .gtin, gtin: gtin.value, ais: ["01": gtin.value])
            case 8, 12, 13:
                if let gtin = try? GTIN(text) {
                    return ScanResult(kind: .gtin, gtin: gtin.value, ais: ["01": gtin.value])
                }
            default:
                break
            }
        }

        // 6. Raw GS1 data that starts with a GTIN or SSCC element.
        if looksLikeRawGS1(bytes) {
            return try elementString(bytes, currentYear: currentYear)
        }

        // 7-8. Amazon identifiers.
        if FNSKU.isAmazonLabel(text) {
            return ScanResult(kind: .fnsku, fnsku: text)
        }
        if ASIN.isValid(text) {
            return ScanResult(kind: .asin, asin: text)
        }

        // 9. Serial.
        guard bytes.count <= maxSerialLength else {
            throw TracestockError.identifier(
                "not a recognised identifier, and too long for a serial (\(bytes.count) characters, at most \(maxSerialLength))",
                position: maxSerialLength + 1, field: "serial", reason: "length")
        }
        if let bad = bytes.firstIndex(where: { $0 < 0x21 || $0 > 0x7E }) {
            throw TracestockError.identifier(
                "not a recognised identifier, and a serial is printable ASCII without spaces; found \(TextPosition.describe(bytes[bad]))",
                position: TextPosition.scalarPosition(in: bytes, byteOffset: bad), field: "serial", reason: "character")
        }
        return ScanResult(kind: .serial, serial: text)
    }

    private static func elementString(_ bytes: [UInt8], currentYear: Int) throws -> ScanResult {
        let elements = try GS1ElementString.parse(String(decoding: bytes, as: UTF8.self), currentYear: currentYear)
        return ScanResult(kind: .gs1, elements: elements, currentYear: currentYear)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        ASIN.isUpperAlphanumeric(byte) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// nil when not auth-code shaped; otherwise whether it carries a brand prefix.
    static func authCodeShape(_ bytes: [UInt8]) -> Bool? {
        var bodyStart = 0
        var prefixed = false
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            guard AuthCode.isValidPrefix(Array(bytes[0...colon])) else { return nil }
            bodyStart = colon + 1
            prefixed = true
        }
        var symbols = 0
        for byte in bytes[bodyStart...] {
            if byte == UInt8(ascii: "-") { continue }
            guard isAlphanumeric(byte) || "*~$=".utf8.contains(byte) else { return nil }
            symbols += 1
        }
        // A prefixed code is claimed from 20 symbols on, so that a code with a dropped symbol is reported
        // as malformed rather than read as a serial; an unprefixed one needs the full 27.
        return symbols >= (prefixed ? 20 : 27) ? prefixed : nil
    }

    /// `01`/`02` + valid GTIN-14, or `00` + valid SSCC, at the start of an all-ASCII scan.
    static func looksLikeRawGS1(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 16, bytes[0] == UInt8(ascii: "0") else { return false }
        switch bytes[1] {
        case UInt8(ascii: "1"), UInt8(ascii: "2"):
            return TextPosition.allDigits(bytes[2..<16]) && GS1CheckDigit.compute(digits: bytes[2..<15]) == Int(bytes[15] - 0x30)
        case UInt8(ascii: "0"):
            return bytes.count >= 20 && TextPosition.allDigits(bytes[2..<20])
                && GS1CheckDigit.compute(digits: bytes[2..<19]) == Int(bytes[19] - 0x30)
        default:
            return false
        }
    }
}
