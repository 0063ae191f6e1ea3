/// An authentication code in the spirit of Amazon Transparency: a payload of at least 128 random bits
/// (supplied by the caller) written in Crockford base32 with Crockford's mod-37 check symbol and an
/// optional brand prefix (default `TS:`), e.g. `TS:0123456789ABCDEFGHJKMNPQRS*`.
///
/// Parsing is case-insensitive, reads `O` as `0` and `I`/`L` as `1`, and ignores hyphens. A code that fails
/// (bad character, wrong length or padding, wrong check symbol) is *malformed*: the error has
/// `details["authCode"] = "malformed"` and `details["reason"]` one of `prefix`, `character`, `length`,
/// `padding`, `checkSymbol`.
public struct AuthCode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The brand prefix in uppercase including its `:` (empty when the code has none).
    public let prefix: String
    /// The payload bytes.
    public let payload: [UInt8]
    /// Canonical form: prefix + uppercase symbols + check symbol, no hyphens.
    public let canonical: String

    /// The default brand prefix.
    public static let defaultPrefix = "TS:"
    /// Smallest payload (128 bits).
    public static let minimumPayloadBytes = 16
    /// Largest payload accepted.
    public static let maximumPayloadBytes = 64
    /// Longest brand prefix (without the colon).
    public static let maximumPrefixLength = 16

    /// Crockford base32 symbols followed by the five extra check symbols (values 32-36).
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U".utf8)

    /// Symbol value for each byte (-1: not a symbol); lenient mappings O→0, I/L→1, lowercase.
    static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, symbol) in alphabet.enumerated() {
            table[Int(symbol)] = Int8(value)
            if symbol >= 0x41, symbol <= 0x5A { table[Int(symbol | 0x20)] = Int8(value) }
        }
        for (symbol, value) in [("O", 0), ("o", 0), ("I", 1), ("i", 1), ("L", 1), ("l", 1)] {
            table[Int(UInt8(ascii: Unicode.Scalar(symbol)!))] = Int8(value)
        }
        return table
    }()

    /// The symbol alphabet as static bytes (no allocation, no lazy initialisation on the hot path).
    private static let symbolBytes: StaticString = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U"

    /// Encodes `bytes` (16-64 of them) as a code with `prefix` and, if `groupSize` > 0, hyphens every
    /// `groupSize` symbols. The prefix must be empty or 1-16 letters/digits ending in `:`.
    /// Precondition: valid payload size and prefix (use `AuthCode(bytes:prefix:)` for a throwing check).
    public static func encode(bytes: [UInt8], prefix: String = defaultPrefix, groupSize: Int = 0) -> String {
        precondition(
            bytes.count >= minimumPayloadBytes && bytes.count <= maximumPayloadBytes,
            "AuthCode payload must be 16-64 bytes")
        precondition(isValidPrefix(prefix.utf8), "AuthCode prefix must be empty or letters/digits + ':'")
        let symbolCount = (bytes.count * 8 + 4) / 5
        let totalSymbols = symbolCount + 1
        let hyphens = groupSize > 0 ? (totalSymbols - 1) / groupSize : 0
        let capacity = prefix.utf8.count + totalSymbols + hyphens
        let symbols = symbolBytes.utf8Start
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var out = 0
            for byte in prefix.utf8 {
                buffer[out] = byte
                out += 1
            }
            var untilHyphen = groupSize > 0 ? groupSize : Int.max
            var accumulator: UInt32 = 0
            var bits: UInt32 = 0
            // The check is the value of the symbol string mod 37: payload mod 37, times 2^padding.
            var check: UInt32 = 0
            bytes.withUnsafeBufferPointer { input in
                for byte in input {
                    accumulator = (accumulator << 8) | UInt32(byte)
                    check = ((check << 8) | UInt32(byte)) % 37
                    bits += 8
                    while bits >= 5 {
                        bits -= 5
                        if untilHyphen == 0 {
                            buffer[out] = UInt8(ascii: "-")
                            out += 1
                            untilHyphen = groupSize
                        }
                        buffer[out] = symbols[Int((accumulator >> bits) & 31)]
                        out += 1
                        untilHyphen -= 1
                    }
                    accumulator &= (1 << bits) - 1
                }
            }
            var lastSymbols: (UInt8, UInt8) = (0, 0)
            var extra = 0
            if bits > 0 {
                let shift = 5 - bits
                lastSymbols.0 = symbols[Int((accumulator << shift) & 31)]
                check = (check << shift) % 37
                extra = 1
            }
            lastSymbols.1 = symbols[Int(check)]
            for index in (1 - extra)...1 {
                let symbol = index == 0 ? lastSymbols.0 : lastSymbols.1
                if untilHyphen == 0 {
                    buffer[out] = UInt8(ascii: "-")
                    out += 1
                    untilHyphen = groupSize
                }
                buffer[out] = symbol
                out += 1
                untilHyphen -= 1
            }
            return out
        }
    }

    /// Creates a code from payload bytes, checking the payload size and the prefix.
    public init(bytes: [UInt8], prefix: String = defaultPrefix) throws {
        guard (AuthCode.minimumPayloadBytes...AuthCode.maximumPayloadBytes).contains(bytes.count) else {
            throw AuthCode.malformed(
                "payload must be 16-64 bytes, got \(bytes.count)", reason: "length", position: nil)
        }
        guard AuthCode.isValidPrefix(Array(prefix.utf8)) else {
            throw AuthCode.malformed("prefix must be letters/digits ending in ':'", reason: "prefix", position: 1)
        }
        try self = AuthCode.parse(AuthCode.encode(bytes: bytes, prefix: prefix))
    }

    /// Parses a code (case-insensitive, O→0, I/L→1, hyphens ignored); throws a malformed error otherwise.
    public static func parse(_ text: String) throws -> AuthCode {
        let bytes = Array(text.utf8)
        func position(_ offset: Int) -> Int { TextPosition.scalarPosition(in: bytes, byteOffset: offset) }
        var bodyStart = 0
        var prefix: [UInt8] = []
        if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) {
            let candidate = Array(bytes[0...colon])
            guard isValidPrefix(candidate) else {
                throw malformed("the prefix must be 1-16 letters or digits before ':'", reason: "prefix", position: 1)
            }
            prefix = candidate.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
            bodyStart = colon + 1
        }
        var values: [UInt8] = []
        var offsets: [Int] = []
        values.reserveCapacity(bytes.count)
        for offset in bodyStart..<bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "-") { continue }
            let value = decodeTable[Int(byte)]
            guard value >= 0 else {
                throw malformed(
                    "\(TextPosition.describe(byte)) is not a Crockford base32 symbol", reason: "character",
                    position: position(offset))
            }
            values.append(UInt8(value))
            offsets.append(offset)
        }
        guard values.count >= 2 else {
            throw malformed("the code is too short", reason: "length", position: position(bytes.count))
        }
        let checkValue = Int(values.removeLast())
        for (index, value) in values.enumerated() where value >= 32 {
            throw malformed(
                "check symbols (*~$=U) may only be the last symbol", reason: "character",
                position: position(offsets[index]))
        }
        let symbolCount = values.count
        let byteCount = symbolCount * 5 / 8
        guard (minimumPayloadBytes...maximumPayloadBytes).contains(byteCount), (byteCount * 8 + 4) / 5 == symbolCount else {
            throw malformed(
                "\(symbolCount) symbols is not the length of a 16-64 byte payload", reason: "length",
                position: position(bytes.count))
        }
        let padding = symbolCount * 5 - byteCount * 8
        guard Int(values[symbolCount - 1]) & ((1 << padding) - 1) == 0 else {
            throw malformed(
                "the last data symbol has non-zero padding bits", reason: "padding",
                position: position(offsets[symbolCount - 1]))
        }
        var check = 0
        for value in values { check = (check * 32 + Int(value)) % 37 }
        guard check == checkValue else {
            throw malformed(
                "check symbol does not match (a typo?)", reason: "checkSymbol",
                position: position(offsets[symbolCount]))
        }
        var payload: [UInt8] = []
        payload.reserveCapacity(byteCount)
        var accumulator: UInt32 = 0
        var bits: UInt32 = 0
        for value in values {
            accumulator = (accumulator << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                payload.append(UInt8((accumulator >> bits) & 0xFF))
                accumulator &= (1 << bits) - 1
            }
        }
        let canonicalBytes = prefix + values.map { alphabet[Int($0)] } + [alphabet[checkValue]]
        return AuthCode(
            prefix: String(decoding: prefix, as: UTF8.self), payload: payload,
            canonical: String(decoding: canonicalBytes, as: UTF8.self))
    }

    /// True when `text` parses as a well-formed code.
    public static func isWellFormed(_ text: String) -> Bool {
        (try? parse(text)) != nil
    }

    private init(prefix: String, payload: [UInt8], canonical: String) {
        self.prefix = prefix
        self.payload = payload
        self.canonical = canonical
    }

    /// The text form (same as the canonical value).
    public var description: String { canonical }

    /// Decodes from the code string (parsed and validated).
    public init(from decoder: any Decoder) throws {
        self = try AuthCode.parse(decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes as the canonical string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonical)
    }

    /// Empty, or 1-16 ASCII letters/digits followed by `:`.
    static func isValidPrefix(_ bytes: some Collection<UInt8>) -> Bool {
        let count = bytes.count
        if count == 0 { return true }
        guard count >= 2, count <= maximumPrefixLength + 1 else { return false }
        var index = 0
        for byte in bytes {
            index += 1
            if index == count { return byte == UInt8(ascii: ":") }
            guard ASIN.isUpperAlphanumeric(byte) || (byte >= 0x61 && byte <= 0x7A) else { return false }
        }
        return false
    }

    static func malformed(_ problem: String, reason: String, position: Int?) -> TracestockError {
        TracestockError.identifier(
            "malformed authentication code: \(problem)", position: position, field: "authCode", reason: reason,
            extra: ["authCode": "malformed"])
    }
}
