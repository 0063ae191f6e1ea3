/// The text of a QR Code in one mode, ready to be written into the bit stream.
struct QRSegment: Sendable {
    /// The chosen mode.
    let mode: QRMode
    /// The bytes to encode (ASCII for numeric/alphanumeric, UTF-8 for byte mode).
    let data: [UInt8]
    /// Whether an ECI designator for UTF-8 (ECI 000026) precedes the segment.
    let utf8ECI: Bool

    /// The ECI designator value for UTF-8.
    static let utf8Designator = 26

    /// Picks the mode giving the shortest encoding for the whole text: numeric when all
    /// characters are digits, alphanumeric when all are in its set, otherwise byte (UTF-8).
    /// For a single segment the more restrictive mode is always shorter, so no comparison by
    /// length is needed.
    init(text: String) {
        let bytes = Array(text.utf8)
        data = bytes
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            mode = .numeric
            utf8ECI = false
        } else if bytes.allSatisfy({ QRMode.alphanumericValue[Int($0)] != nil }) {
            mode = .alphanumeric
            utf8ECI = false
        } else {
            mode = .byte
            utf8ECI = bytes.contains { $0 >= 0x80 }
        }
    }

    /// Number of characters as the character count indicator counts them.
    var characterCount: Int { data.count }

    /// Bits of the payload alone (without mode indicator and count).
    var payloadBits: Int {
        switch mode {
        case .numeric:
            let full = data.count / 3, rest = data.count % 3
            return full * 10 + [0, 4, 7][rest]
        case .alphanumeric:
            return (data.count / 2) * 11 + (data.count % 2) * 6
        case .byte:
            return data.count * 8
        }
    }

    /// Total bits at a version (ECI header, mode indicator, count, payload), or nil when the
    /// count does not fit its indicator at that version.
    func totalBits(version: Int) -> Int? {
        let countBits = mode.characterCountBits(version: version)
        guard characterCount < 1 << countBits else { return nil }
        return (utf8ECI ? 12 : 0) + 4 + countBits + payloadBits
    }

    /// Appends the segment to a bit stream for a version.
    func write(into buffer: inout QRBitBuffer, version: Int) {
        if utf8ECI {
            buffer.append(0b0111, bits: 4)
            buffer.append(Self.utf8Designator, bits: 8)
        }
        buffer.append(mode.indicator, bits: 4)
        buffer.append(characterCount, bits: mode.characterCountBits(version: version))
        switch mode {
        case .numeric:
            var index = 0
            while index < data.count {
                let chunk = min(3, data.count - index)
                var value = 0
                for offset in 0..<chunk { value = value * 10 + Int(data[index + offset] - 0x30) }
                buffer.append(value, bits: [0, 4, 7, 10][chunk])
                index += chunk
            }
        case .alphanumeric:
            var index = 0
            while index + 1 < data.count {
                let high = QRMode.alphanumericValue[Int(data[index])]!
                let low = QRMode.alphanumericValue[Int(data[index + 1])]!
                buffer.append(high * 45 + low, bits: 11)
                index += 2
            }
            if index < data.count {
                buffer.append(QRMode.alphanumericValue[Int(data[index])]!, bits: 6)
            }
        case .byte:
            for byte in data { buffer.append(Int(byte), bits: 8) }
        }
    }
}
