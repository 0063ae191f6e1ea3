import TracestockCore

/// An Amazon FBA item label: Code 128 of the FNSKU, the FNSKU in text under it, the product
/// title (word-wrapped on up to two lines, cut with "..." where it does not fit) and the
/// condition ("New").
///
/// On the default 2.625 × 1 in layout: bars of 0.010 in per module (3 dots at 300 dpi,
/// 2 at 203 dpi) up to 0.4 in tall at the top, centred with 10-module quiet zones; text in
/// 0.06 in cells (41 characters per line).
public struct FNSKULabel: LabelContent, Equatable {
    /// The Amazon fulfilment network SKU, e.g. `X001ABCDEF`.
    public var fnsku: String
    /// The product title (wrapped and truncated to fit).
    public var title: String
    /// The item condition printed on the label.
    public var condition: String

    /// The most title lines printed.
    public static let maxTitleLines = 2
    /// Target bar module width in inches (10 mil).
    public static let moduleWidthInches = 0.010
    /// The tallest the bars are drawn, in inches.
    public static let maximumBarHeightInches = 0.4

    /// An FBA label's content; condition defaults to "New".
    public init(fnsku: String, title: String, condition: String = "New") {
        self.fnsku = fnsku
        self.title = title
        self.condition = condition
    }

    /// Lays the label out; throws when the FNSKU is not encodable in Code 128 or too long
    /// for the label width.
    public func drawing(on layout: LabelLayout, dpi: Int) throws -> LabelDrawing {
        try layout.validate(dpi: dpi)
        var drawing = LabelDrawing(widthInches: layout.widthInches, heightInches: layout.heightInches, dpi: dpi)
        let code = try Code128.encode(fnsku)
        let footprintModules = code.modules.count + 2 * Code128.quietZoneModules
        var moduleWidth = max(1, Int((Self.moduleWidthInches * Double(dpi)).rounded()))
        while moduleWidth > 1, footprintModules * moduleWidth > drawing.widthDots { moduleWidth -= 1 }
        guard footprintModules * moduleWidth <= drawing.widthDots else {
            throw TracestockError.invalid(
                "FNSKU \"\(fnsku)\" is too long for a Code 128 barcode \(layout.widthInches) in wide at \(dpi) dpi.",
                details: ["field": "fnsku", "value": fnsku]
            )
        }

        let margin = layout.marginDots(dpi: dpi)
        let scale = LabelLayout.textScale(dpi: dpi)
        let pitch = BitmapFont.lineHeight * scale
        let textLineCount = 2 + Self.maxTitleLines  // FNSKU, title lines, condition
        let textHeight = (textLineCount - 1) * pitch + BitmapFont.glyphHeight * scale
        let barHeight = min(Int(Self.maximumBarHeightInches * Double(dpi)),
                            drawing.heightDots - 2 * margin - textHeight - 2 * scale)
        guard barHeight >= Int(0.15 * Double(dpi)) else {
            throw TracestockError.invalid("The label is too short for a barcode and its text lines.",
                                          details: ["field": "layout"])
        }
        let barX = (drawing.widthDots - code.modules.count * moduleWidth) / 2
        drawing.elements.append(.code128(code, x: barX, y: margin, moduleWidth: moduleWidth, height: barHeight))

        let advance = BitmapFont.advance * scale
        let maxCharacters = min(
            Int((layout.widthInches - 2 * layout.marginInches) / LabelLayout.nominalCharacterWidthInches),
            (drawing.widthDots - 2 * margin) / advance
        )
        var y = margin + barHeight + 2 * scale
        let fnskuLine = TextFitting.truncate(fnsku, maxCharacters: maxCharacters)
        drawing.elements.append(.text(fnskuLine, x: (drawing.widthDots - fnskuLine.count * advance + scale) / 2,
                                      y: y, scale: scale))
        y += pitch
        let titleLines = TextFitting.wrap(title, maxCharacters: maxCharacters, maxLines: Self.maxTitleLines)
        for line in titleLines {
            drawing.elements.append(.text(line, x: margin, y: y, scale: scale))
            y += pitch
        }
        drawing.elements.append(.text(TextFitting.truncate(condition, maxCharacters: maxCharacters),
                                      x: margin, y: y, scale: scale))
        return drawing
    }
}
