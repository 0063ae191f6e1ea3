extension Bitmap {
    /// Rasterizes a label drawing at its own resolution: white background, black barcodes and
    /// text in ``BitmapFont``.
    public init(drawing: LabelDrawing) {
        self.init(width: drawing.widthDots, height: drawing.heightDots)
        for element in drawing.elements {
            switch element {
            case .qrCode(let code, let x, let y, let moduleSize):
                draw(code, x: x, y: y, moduleSize: moduleSize)
            case .code128(let code, let x, let y, let moduleWidth, let height):
                draw(code, x: x, y: y, moduleWidth: moduleWidth, height: height)
            case .text(let text, let x, let y, let scale):
                drawText(text, x: x, y: y, scale: scale)
            }
        }
    }
}
