import Testing
import TracestockCore
import TracestockLabels

@Suite("PNG encoder")
struct PNGEncoderTests {
    private func sampleBitmap() -> Bitmap {
        var bitmap = Bitmap(width: 13, height: 5)
        bitmap.fillRect(x: 0, y: 0, width: 3, height: 5)
        bitmap.fillRect(x: 9, y: 1, width: 4, height: 2)
        return bitmap
    }

    @Test("a bilevel bitmap becomes a 1-bit grayscale PNG with IHDR, pHYs, IDAT, IEND and valid CRCs")
    func oneBitStructure() throws {
        let png = try PNGEncoder.encode(sampleBitmap(), dpi: 300)
        let parsed = try ParsedPNG(png)
        #expect(parsed.chunks.map(\.type) == ["IHDR", "pHYs", "IDAT", "IEND"])
        for chunk in parsed.chunks {
            #expect(chunk.storedCRC == ParsedPNG.crc(chunk), "CRC of \(chunk.type)")
        }
        let ihdr = try #require(parsed.chunk("IHDR")).data
        #expect(ihdr.count == 13)
        #expect(ParsedPNG.uint32(ihdr, 0) == 13)   // width
        #expect(ParsedPNG.uint32(ihdr, 4) == 5)    // height
        #expect(Array(ihdr[8...]) == [1, 0, 0, 0, 0])  // 1-bit, grayscale, deflate, filter 0, no interlace
        #expect(try #require(parsed.chunk("IEND")).data.isEmpty)
    }

    @Test("pHYs states the resolution in pixels per metre (300 dpi = 11811)")
    func physicalResolution() throws {
        let parsed = try ParsedPNG(try PNGEncoder.encode(sampleBitmap(), dpi: 300))
        let phys = try #require(parsed.chunk("pHYs")).data
        #expect(phys.count == 9)
        #expect(ParsedPNG.uint32(phys, 0) == 11811)
        #expect(ParsedPNG.uint32(phys, 4) == 11811)
        #expect(phys[8] == 1)
        let parsed203 = try ParsedPNG(try PNGEncoder.encode(sampleBitmap(), dpi: 203))
        #expect(ParsedPNG.uint32(try #require(parsed203.chunk("pHYs")).data, 0) == 7992)
    }

    @Test("1-bit image data inflates to filter-0 rows with white as 1, packed MSB first")
    func oneBitPixels() throws {
        let parsed = try ParsedPNG(try PNGEncoder.encode(sampleBitmap()))
        let raw = try parsed.inflatedImageData(expectedSize: 5 * 3)
        #expect(raw.count == 5 * 3)   // 5 rows of filter byte + 2 bytes
        #expect(Array(raw[0..<3]) == [0, 0b0001_1111, 0b1111_1000])
        #expect(Array(raw[3..<6]) == [0, 0b0001_1111, 0b1000_0000])
    }

    @Test("a bitmap with gray levels becomes an 8-bit PNG that keeps the levels")
    func eightBit() throws {
        var bitmap = Bitmap(width: 3, height: 2)
        bitmap[x: 1, y: 0] = 128
        bitmap[x: 2, y: 1] = 7
        let parsed = try ParsedPNG(try PNGEncoder.encode(bitmap))
        #expect(try #require(parsed.chunk("IHDR")).data[8] == 8)
        let raw = try parsed.inflatedImageData(expectedSize: 8)
        #expect(raw == [0, 255, 128, 255, 0, 255, 255, 7])
    }

    @Test("the encoder's crc32 agrees with the PNG specification's check value")
    func crcCheckValue() {
        #expect(PNGEncoder.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(PNGEncoder.crc32(Array("IEND".utf8)) == 0xAE42_6082)
    }
}
