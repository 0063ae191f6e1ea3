/// A serial split around its last run of ASCII digits: `LOT7-A001X` is prefix `LOT7-A`,
/// digits `001` and suffix `X`. A serial without digits is all prefix.
struct SerialParts {
    /// The whole serial.
    let bytes: ArraySlice<UInt8>
    /// Index in `bytes` where the last digit run starts (`bytes.endIndex` when there are no digits).
    let digitStart: Int
    /// Index in `bytes` just after the last digit run (`bytes.endIndex` when there are no digits).
    let digitEnd: Int

    /// Splits `bytes` around its last digit run.
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        var end = bytes.endIndex
        while end > bytes.startIndex && !SerialDigits.isDigit(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > bytes.startIndex && SerialDigits.isDigit(bytes[start - 1]) { start -= 1 }
        if start == end {
            digitStart = bytes.endIndex
            digitEnd = bytes.endIndex
        } else {
            digitStart = start
            digitEnd = end
        }
    }

    /// Whether the serial has any digits.
    var hasDigits: Bool { digitStart < digitEnd }
    /// Text before the last digit run.
    var prefix: ArraySlice<UInt8> { bytes[bytes.startIndex..<digitStart] }
    /// The last digit run.
    var digits: ArraySlice<UInt8> { bytes[digitStart..<digitEnd] }
    /// Text after the last digit run.
    var suffix: ArraySlice<UInt8> { bytes[digitEnd..<bytes.endIndex] }
}
