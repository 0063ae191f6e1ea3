/// RFC 3986 percent-encoding as used by GS1 Digital Link (everything outside the unreserved set is encoded).
enum PercentEncoding {
    /// True for RFC 3986 unreserved characters: `A-Z a-z 0-9 - . _ ~`.
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: return true
        default: return false
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Encodes every byte outside the unreserved set as `%XX` (uppercase hex).
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A decoded run of bytes with, for each decoded byte, the offset of its source in the input.
    struct Decoded {
        var bytes: [UInt8] = []
        var sourceOffsets: [Int] = []
        var end: Int = 0

        /// Source offset for a decoded offset (the end offset for one past the last byte).
        func sourceOffset(_ decodedOffset: Int) -> Int {
            decodedOffset < sourceOffsets.count ? sourceOffsets[decodedOffset] : end
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Decodes `%XX` escapes in `input[range]`; returns the offset of a malformed escape on failure.
    static func decode(_ input: [UInt8], _ range: Range<Int>) -> Result<Decoded, BadEscape> {
        var decoded = Decoded()
        decoded.end = range.upperBound
        decoded.bytes.reserveCapacity(range.count)
        decoded.sourceOffsets.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = input[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < range.upperBound,
                      let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2])
                else { return .failure(BadEscape(offset: index)) }
                decoded.bytes.append(high << 4 | low)
                decoded.sourceOffsets.append(index)
                index += 3
            } else {
                decoded.bytes.append(byte)
                decoded.sourceOffsets.append(index)
                index += 1
            }
        }
        return .success(decoded)
    }

    /// The offset of a `%` not followed by two hex digits.
    struct BadEscape: Error {
        let offset: Int
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
