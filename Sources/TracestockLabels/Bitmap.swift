/// An 8-bit grayscale raster (0 = black, 255 = white), row-major, the input of ``PNGEncoder``.
public struct Bitmap: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Gray levels, row-major: index `y * width + x`.
    public private(set) var pixels: [UInt8]

    /// A bitmap filled with one gray level (white by default).
    public init(width: Int, height: Int, fill: UInt8 = 255) {
        precondition(width > 0 && height > 0, "bitmap dimensions must be positive")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: fill, count: width * height)
    }

    /// The gray level at a pixel.
    public subscript(x x: Int, y y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// Whether every pixel is pure black or pure white (so a 1-bit PNG loses nothing).
    public var isBilevel: Bool { pixels.allSatisfy { $0 == 0 || $0 == 255 } }

    /// Fills a rectangle, clipped to the bitmap (black by default).
    public mutating func fillRect(x: Int, y: Int, width: Int, height: Int, value: UInt8 = 0) {
        let left = max(0, x), right = min(self.width, x + width)
        let top = max(0, y), bottom = min(self.height, y + height)
        guard left < right, top < bottom else { return }
        for row in top..<bottom {
            let base = row * self.width
            for column in left..<right { pixels[base + column] = value }
        }
    }
}
