extension QRCode {
    /// The final codeword sequence (data and EC codewords, interleaved, before placement) that
    /// `encode` would place for this text at a given version and level — for verification
    /// against worked examples.
    ///
    /// - Throws: `TracestockError.invalid` when the text does not fit that version and level.
    public static func codewords(for text: String, version: Int, ecLevel: QRErrorCorrection) throws -> [UInt8] {
        let segment = QRSegment(text: text)
        guard (1...40).contains(version), let bits = segment.totalBits(version: version),
              bits <= QRVersionTable.dataCodewords(version, ecLevel) * 8 else {
            throw TracestockError.invalid("Text does not fit QR version \(version) at level \(ecLevel.letter).",
                                          details: ["field": "text", "version": String(version)])
        }
        return codewords(for: segment, version: version, ecLevel: ecLevel)
    }

    /// The final codeword sequence for a segment: data bits with terminator and padding,
    /// split into EC blocks, Reed–Solomon EC added per block, data then EC interleaved
    /// block by block (ISO/IEC 18004 §7.4.10, §7.5, §7.6).
    static func codewords(for segment: QRSegment, version: Int, ecLevel: QRErrorCorrection) -> [UInt8] {
        let capacityBits = QRVersionTable.dataCodewords(version, ecLevel) * 8
        var buffer = QRBitBuffer()
        segment.write(into: &buffer, version: version)
        buffer.append(0, bits: min(4, capacityBits - buffer.count))   // terminator
        buffer.append(0, bits: (8 - buffer.count % 8) % 8)             // to a byte boundary
        var data = buffer.bytes
        var pad: UInt8 = 0xEC
        while data.count * 8 < capacityBits {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return interleave(data: data, version: version, ecLevel: ecLevel)
    }

    /// Splits data codewords into blocks (short blocks first), computes each block's EC
    /// codewords, and interleaves: the i-th data codeword of every block in turn, then the
    /// i-th EC codeword of every block in turn.
    public static func interleave(data: [UInt8], version: Int, ecLevel: QRErrorCorrection) -> [UInt8] {
        let row = ecLevel.tableIndex
        let blocks = QRVersionTable.blockCount[row][version]
        let ecLength = QRVersionTable.ecCodewordsPerBlock[row][version]
        let total = QRVersionTable.totalCodewords(version)
        let shortBlocks = blocks - total % blocks
        let shortDataLength = total / blocks - ecLength
        precondition(data.count == QRVersionTable.dataCodewords(version, ecLevel), "wrong data length")

        let generator = ReedSolomon.generatorPolynomial(degree: ecLength)
        var dataBlocks: [ArraySlice<UInt8>] = []
        var ecBlocks: [[UInt8]] = []
        var offset = 0
        for block in 0..<blocks {
            let length = shortDataLength + (block < shortBlocks ? 0 : 1)
            let slice = data[offset..<offset + length]
            dataBlocks.append(slice)
            ecBlocks.append(ReedSolomon.remainder(of: Array(slice), generator: generator))
            offset += length
        }

        var result: [UInt8] = []
        result.reserveCapacity(total)
        for index in 0...shortDataLength {
            for block in dataBlocks where index < block.count {
                result.append(block[block.startIndex + index])
            }
        }
        for index in 0..<ecLength {
            for block in ecBlocks { result.append(block[index]) }
        }
        return result
    }
}
