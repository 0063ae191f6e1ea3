extension LabelLayout {
    /// The label as an SVG document sized in inches (drawn in `dpi` units inside the viewBox).
    public func svg(_ content: some LabelContent, dpi: Int = 300) throws -> String {
        SVGRenderer.svg(try content.drawing(on: self, dpi: dpi))
    }

    /// The label as a 1-bit grayscale PNG rastered at `dpi` (300 by default), with pHYs.
    public func png(_ content: some LabelContent, dpi: Int = 300) throws -> [UInt8] {
        try PNGEncoder.encode(Bitmap(drawing: try content.drawing(on: self, dpi: dpi)), dpi: dpi)
    }

    /// The label as a ZPL II format (`^XA`…`^XZ`) for a thermal printer at `dpi` (203 by default).
    public func zpl(_ content: some LabelContent, dpi: Int = 203) throws -> String {
        ZPLRenderer.zpl(try content.drawing(on: self, dpi: dpi))
    }
}
