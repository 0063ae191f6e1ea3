import CZlib
import TracestockCore

/// Writes grayscale PNG files (ISO/IEC 15948): 1-bit or 8-bit, non-interlaced, one IDAT
/// compressed by zlib's `compress2`, a pHYs chunk stating the resolution, CRCs by zlib's `crc32`.
public enum PNGEncoder {
    /// The sample depth of the written image.
    public enum BitDepth: Sendable, Equatable {
        /// 1-bit when the bitmap is pure black and white, 8-bit otherwise.
        case automatic
        /// 1 bit per pixel: values below 128 are black.
        case one
        /// 8 bits per pixel, the gray levels as they are.
        case eight
    }

    /// The eight-byte PNG signature.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes a bitmap as a PNG file.
    ///
    /// - Parameters:
    ///   - bitmap: the pixels.
    ///   - dpi: resolution written to the pHYs chunk (as pixels per metre, rounded).
    ///   - bitDepth: 1- or 8-bit grayscale, automatic by default.
    /// - Throws: `TracestockError` (internalError) if zlib fails to compress.
    public static func encode(_ bitmap: Bitmap, dpi: Int = 300, bitDepth: BitDepth = .automatic) throws -> [UInt8] {
        let depth: Int
        switch bitDepth {
        case .automatic: depth = bitmap.isBilevel ? 1 : 8
        case .one: depth = 1
        case .eight: depth = 8
        }

        var ihdr: [UInt8] = []
        ihdr.appendBigEndian(UInt32(bitmap.width))
        ihdr.appendBigEndian(UInt32(bitmap.height))
        ihdr += [UInt8(depth), 0, 0, 0, 0]  // grayscale, deflate, adaptive filtering, no interlace

        let pixelsPerMetre = UInt32((Double(dpi) / 0.0254).rounded())
        var phys: [UInt8] = []
        phys.appendBigEndian(pixelsPerMetre)
        phys.appendBigEndian(pixelsPerMetre)
        phys.append(1)  // unit: metre

        var png = signature
        appendChunk("IHDR", ihdr, to: &png)
        appendChunk("pHYs", phys, to: &png)
        appendChunk("IDAT", try deflate(scanlines(of: bitmap, depth: depth)), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// Filter-type-0 scanlines: a 0 byte then the packed row.
    static func scanlines(of bitmap: Bitmap, depth: Int) -> [UInt8] {
        let rowBytes = depth == 1 ? (bitmap.width + 7) / 8 : bitmap.width
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * bitmap.height)
        bitmap.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<bitmap.height {
                let base = y * (rowBytes + 1) + 1
                let source = y * bitmap.width
                if depth == 1 {
                    for x in 0..<bitmap.width where pixels[source + x] >= 128 {
                        raw[base + (x >> 3)] |= UInt8(0x80 >> (x & 7))
                    }
                } else {
                    for x in 0..<bitmap.width { raw[base + x] = pixels[source + x] }
                }
            }
        }
        return raw
    }

    /// zlib-wrapped deflate stream of `data` at the best compression level.
    static func deflate(_ data: [UInt8]) throws -> [UInt8] {
        var capacity = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = compress2(&output, &capacity, data, uLong(data.count), Z_BEST_COMPRESSION)
        guard status == Z_OK else {
            throw TracestockError(.internalError, "zlib compress2 failed with status \(status).",
                                  details: ["status": String(status)])
        }
        return Array(output.prefix(Int(capacity)))
    }

    /// CRC-32 (as PNG uses it) of bytes, by zlib.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        UInt32(CZlib.crc32(0, bytes, uInt(bytes.count)))
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        png.appendBigEndian(UInt32(data.count))
        let typed = Array(type.utf8) + data
        png += typed
        png.appendBigEndian(crc32(typed))
    }
}
