import TracestockCore

extension Bitmap {
    /// A QR Code raster: `moduleSize` pixels per module and a light quiet zone of
    /// `quietZone` modules on each side.
    public static func qrCode(_ code: QRCode, moduleSize: Int = 4, quietZone: Int = QRCode.quietZoneModules) -> Bitmap {
        precondition(moduleSize >= 1 && quietZone >= 0, "module size ≥ 1, quiet zone ≥ 0")
        let side = (code.size + 2 * quietZone) * moduleSize
        var bitmap = Bitmap(width: side, height: side)
        bitmap.draw(code, x: quietZone * moduleSize, y: quietZone * moduleSize, moduleSize: moduleSize)
        return bitmap
    }

    /// A Code 128 raster: bars `moduleWidth` pixels per module, `height` pixels tall, with
    /// `quietZone` light modules left and right and `verticalMargin` light pixels above/below.
    public static func code128(
        _ code: Code128, moduleWidth: Int = 2, height: Int = 80,
        quietZone: Int = Code128.quietZoneModules, verticalMargin: Int = 8
    ) -> Bitmap {
        precondition(moduleWidth >= 1 && height >= 1 && quietZone >= 0 && verticalMargin >= 0,
                     "positive sizes expected")
        var bitmap = Bitmap(width: (code.modules.count + 2 * quietZone) * moduleWidth,
                            height: height + 2 * verticalMargin)
        bitmap.draw(code, x: quietZone * moduleWidth, y: verticalMargin, moduleWidth: moduleWidth, height: height)
        return bitmap
    }

    /// Draws the dark modules of a QR Code with its top-left module at (`x`, `y`).
    public mutating func draw(_ code: QRCode, x: Int, y: Int, moduleSize: Int) {
        for row in 0..<code.size {
            var column = 0
            while column < code.size {
                guard code.isDark(x: column, y: row) else { column += 1; continue }
                let start = column
                while column < code.size, code.isDark(x: column, y: row) { column += 1 }
                fillRect(x: x + start * moduleSize, y: y + row * moduleSize,
                         width: (column - start) * moduleSize, height: moduleSize)
            }
        }
    }

    /// Draws the bars of a Code 128 symbol with its first bar's left edge at `x`.
    public mutating func draw(_ code: Code128, x: Int, y: Int, moduleWidth: Int, height: Int) {
        for bar in code.bars() {
            fillRect(x: x + bar.start * moduleWidth, y: y, width: bar.width * moduleWidth, height: height)
        }
    }

    /// Draws one line of text with ``BitmapFont`` scaled by `scale`; (`x`, `y`) is the top-left
    /// of the first character cell (the top of the capitals).
    public mutating func drawText(_ text: String, x: Int, y: Int, scale: Int) {
        precondition(scale >= 1, "text scale must be ≥ 1")
        var penX = x
        for character in text {
            let rows = BitmapFont.glyph(for: character)
            for (rowIndex, bits) in rows.enumerated() where bits != 0 {
                for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(column)) != 0 {
                    fillRect(x: penX + column * scale, y: y + rowIndex * scale, width: scale, height: scale)
                }
            }
            penX += BitmapFont.advance * scale
        }
    }
}
