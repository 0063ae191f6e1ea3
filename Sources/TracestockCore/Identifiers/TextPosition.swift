/// Byte-level helpers shared by the identifier parsers (they work on UTF-8 bytes for speed).
enum TextPosition {
    /// The 1-based position, counted in Unicode scalars, of the byte at `byteOffset` in `bytes`.
    static func scalarPosition(in bytes: [UInt8], byteOffset: Int) -> Int {
        var count = 0
        var index = 0
        let end = min(byteOffset, bytes.count)
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count + 1
    }

    /// A short printable rendering of one byte for error messages.
    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte <= 0x7E { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0x1D { return "GS (ASCII 29)" }
        if byte == 0x20 { return "a space" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    /// True for an ASCII digit byte.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// True when every byte is an ASCII digit (and there is at least one).
    static func allDigits(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }
}
