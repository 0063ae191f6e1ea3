import CZlib
import Testing

/// A PNG file split into chunks, parsed independently of the encoder.
struct ParsedPNG {
    struct Chunk {
        let type: String
        let data: [UInt8]
        let storedCRC: UInt32
    }

    let chunks: [Chunk]

    init(_ bytes: [UInt8]) throws {
        try #require(bytes.count > 8)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var chunks: [Chunk] = []
        var offset = 8
        while offset < bytes.count {
            try #require(offset + 12 <= bytes.count)
            let length = Int(Self.uint32(bytes, offset))
            try #require(offset + 12 + length <= bytes.count)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let data = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            chunks.append(Chunk(type: type, data: data, storedCRC: Self.uint32(bytes, offset + 8 + length)))
            offset += 12 + length
        }
        self.chunks = chunks
    }

    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// zlib's crc32 over type + data, computed here, not by the encoder.
    static func crc(_ chunk: Chunk) -> UInt32 {
        let bytes = Array(chunk.type.utf8) + chunk.data
        return UInt32(CZlib.crc32(0, bytes, uInt(bytes.count)))
    }

    func chunk(_ type: String) -> Chunk? { chunks.first { $0.type == type } }

    /// The inflated IDAT stream.
    func inflatedImageData(expectedSize: Int) throws -> [UInt8] {
        let compressed = chunks.filter { $0.type == "IDAT" }.flatMap(\.data)
        var output = [UInt8](repeating: 0, count: expectedSize)
        var length = uLong(expectedSize)
        let status = uncompress(&output, &length, compressed, uLong(compressed.count))
        try #require(status == Z_OK)
        return Array(output.prefix(Int(length)))
    }
}
