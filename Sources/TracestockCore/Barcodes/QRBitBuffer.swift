/// An append-only sequence of bits, most significant bit first, packed into codewords.
struct QRBitBuffer: Sendable {
    /// Packed bytes; the last one may be partly filled.
    private(set) var bytes: [UInt8] = []
    /// Number of bits appended.
    private(set) var count = 0

    init() {}

    /// Appends the low `length` bits of `value`, most significant first.
    mutating func append(_ value: Int, bits length: Int) {
        precondition(length >= 0 && length <= 31 && value >> length == 0, "value does not fit")
        for shift in stride(from: length - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 == 1 {
                bytes[count / 8] |= UInt8(0x80 >> (count % 8))
            }
            count += 1
        }
    }
}
