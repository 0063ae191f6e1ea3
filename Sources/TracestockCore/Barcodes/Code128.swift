/// A Code 128 symbol (ISO/IEC 15417) using code set B for text and code set C for runs of
/// digits, with the modulo-103 check symbol and the stop pattern.
public struct Code128: Sendable, Equatable {
    /// The encoded text.
    public let text: String
    /// All symbol values in order: start, data and code switches, check symbol, stop (106).
    public let symbols: [Int]
    /// Bars (true) and spaces (false), one element per module, from the start symbol to the
    /// end of the stop pattern; quiet zones are not included.
    public let modules: [Bool]

    /// The light margin readers need on each side, in modules (at least 10 X).
    public static let quietZoneModules = 10

    /// The check symbol value (the symbol before the stop pattern).
    public var checkValue: Int { symbols[symbols.count - 2] }

    /// The modules with `quietZone` light modules added on both sides.
    public func modules(quietZone: Int) -> [Bool] {
        let margin = [Bool](repeating: false, count: quietZone)
        return margin + modules + margin
    }

    /// Encodes printable ASCII (space through DEL) in the fewest symbols the rules allow:
    /// set C for the whole text when it is an even number (≥ 2) of digits, and for runs of
    /// four or more digits (an odd run keeps one digit in set B: the last one when the run
    /// opens the symbol, else the first one); set B for everything else.
    ///
    /// - Throws: `TracestockError.invalid` for empty text or a character outside set B.
    public static func encode(_ text: String) throws -> Code128 {
        let values = try valueSequence(for: text)
        var checksum = values[0]
        for (position, value) in values.enumerated().dropFirst() {
            checksum += position * value
        }
        let symbols = values + [checksum % 103, stop]
        let modules = symbols.flatMap { Self.modules(ofSymbol: $0) }
        return Code128(text: text, symbols: symbols, modules: modules)
    }

    /// Start symbol, data symbols and code switches (no check, no stop).
    static func valueSequence(for text: String) throws -> [Int] {
        guard !text.isEmpty else {
            throw TracestockError.invalid("Code 128 text is empty.", details: ["field": "text"])
        }
        var bytes: [UInt8] = []
        for (position, scalar) in text.unicodeScalars.enumerated() {
            guard scalar.value >= 32, scalar.value <= 127 else {
                throw TracestockError.invalid(
                    "Character \(scalar.escaped(asASCII: true)) at position \(position + 1) cannot be "
                        + "encoded in Code 128 set B (printable ASCII only).",
                    details: ["field": "text", "position": String(position + 1),
                              "character": scalar.escaped(asASCII: true)]
                )
            }
            bytes.append(UInt8(scalar.value))
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func digitRun(from start: Int) -> Int {
            var end = start
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            return end - start
        }
        func pair(_ index: Int) -> Int { Int(bytes[index] - 48) * 10 + Int(bytes[index + 1] - 48) }

        var values: [Int] = []
        var index = 0
        var inSetC: Bool
        let leadingDigits = digitRun(from: 0)
        if (leadingDigits == bytes.count && leadingDigits % 2 == 0) || leadingDigits >= 4 {
            values.append(startC)
            inSetC = true
            let evenCount = leadingDigits - leadingDigits % 2
            while index < evenCount {
                values.append(pair(index))
                index += 2
            }
        } else {
            values.append(startB)
            inSetC = false
        }

        while index < bytes.count {
            let run = isDigit(bytes[index]) ? digitRun(from: index) : 0
            if run >= 4 {
                if run % 2 == 1 {  // the odd digit out goes first, in set B
                    if inSetC { values.append(codeB); inSetC = false }
                    values.append(Int(bytes[index]) - 32)
                    index += 1
                }
                if !inSetC { values.append(codeC); inSetC = true }
                let end = index + run - run % 2
                while index < end {
                    values.append(pair(index))
                    index += 2
                }
            } else {
                if inSetC { values.append(codeB); inSetC = false }
                values.append(Int(bytes[index]) - 32)
                index += 1
            }
        }
        return values
    }
}
