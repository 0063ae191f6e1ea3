import TracestockCore

/// Random test payloads by character class, reproducible from a seed.
struct PayloadFactory {
    /// The character classes QR payloads are drawn from.
    enum CharacterClass: CaseIterable {
        case numeric, alphanumeric, ascii, utf8
    }

    static let digits = Array("0123456789")
    static let alphanumeric = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    static let ascii = (32...126).map { Character(UnicodeScalar(UInt8($0))) }
    static let nonASCII = Array("éüßñÅøżŁ€Ωжд日本語中文한국😀✓")

    var generator: SeededGenerator

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &generator)] }

    /// A string of `length` characters of the class.
    mutating func text(_ characterClass: CharacterClass, length: Int) -> String {
        var result = ""
        for _ in 0..<length {
            switch characterClass {
            case .numeric: result.append(pick(Self.digits))
            case .alphanumeric: result.append(pick(Self.alphanumeric))
            case .ascii: result.append(pick(Self.ascii))
            case .utf8: result.append(int(0...3) == 0 ? pick(Self.nonASCII) : pick(Self.ascii))
            }
        }
        return result
    }

    /// The most characters of a class (ASCII-only classes) that fit a version and level.
    static func capacity(_ characterClass: CharacterClass, version: Int, ecLevel: QRErrorCorrection) -> Int {
        let bits = QRCode.dataCodewordCapacity(version: version, ecLevel: ecLevel) * 8
        let band = version <= 9 ? 0 : (version <= 26 ? 1 : 2)
        switch characterClass {
        case .numeric:
            let available = bits - 4 - [10, 12, 14][band]
            let groups = available / 10, rest = available % 10
            return groups * 3 + (rest >= 7 ? 2 : (rest >= 4 ? 1 : 0))
        case .alphanumeric:
            let available = bits - 4 - [9, 11, 13][band]
            return available / 11 * 2 + (available % 11 >= 6 ? 1 : 0)
        case .ascii, .utf8:
            return (bits - 4 - [8, 16, 16][band]) / 8
        }
    }

    /// A payload of a class that needs exactly `version` at `ecLevel` (longer than the previous
    /// version holds, no longer than this one holds).
    mutating func payload(forcing version: Int, ecLevel: QRErrorCorrection, characterClass: CharacterClass) -> String {
        let upper = Self.capacity(characterClass, version: version, ecLevel: ecLevel)
        let lower = version == 1 ? 1 : Self.capacity(characterClass, version: version - 1, ecLevel: ecLevel) + 1
        let length = int(lower...upper)
        var text = self.text(characterClass == .utf8 ? .ascii : characterClass, length: length)
        if characterClass == .ascii || characterClass == .utf8 {
            // Keep it in byte mode: make sure one character is outside the alphanumeric set.
            text = "a" + text.dropFirst()
        } else if characterClass == .alphanumeric {
            text = "A" + text.dropFirst()  // not all digits
        }
        return text
    }

    /// Code 128 text mixing printable-ASCII stretches with digit runs of 1–12 digits.
    mutating func code128Text() -> String {
        var result = ""
        for _ in 0..<int(1...4) {
            if int(0...1) == 0 {
                result += text(.ascii, length: int(1...8))
            } else {
                result += text(.numeric, length: int(1...12))
            }
        }
        return result
    }
}
