import TracestockCore

/// A label laid out in printer dots at one resolution: barcodes and text lines at fixed
/// positions. The SVG, PNG and ZPL renderers each turn the same drawing into their format.
public struct LabelDrawing: Sendable, Equatable {
    /// One thing drawn on a label. Positions are in dots from the label's top-left corner.
    public enum Element: Sendable, Equatable {
        /// A QR Code whose top-left module is at (`x`, `y`); its quiet zone lies around it.
        case qrCode(QRCode, x: Int, y: Int, moduleSize: Int)
        /// A Code 128 symbol whose first bar starts at `x`; its quiet zones lie left and right.
        case code128(Code128, x: Int, y: Int, moduleWidth: Int, height: Int)
        /// A line of text whose character cells (6 × 10 font units, capitals 7 units high)
        /// start at (`x`, `y`), each font unit `scale` dots.
        case text(String, x: Int, y: Int, scale: Int)
    }

    /// Label width in inches.
    public let widthInches: Double
    /// Label height in inches.
    public let heightInches: Double
    /// Resolution in dots per inch.
    public let dpi: Int
    /// Label width in dots.
    public let widthDots: Int
    /// Label height in dots.
    public let heightDots: Int
    /// What is drawn, back to front.
    public var elements: [Element]

    /// A drawing of a label of the given physical size at a resolution.
    public init(widthInches: Double, heightInches: Double, dpi: Int, elements: [Element] = []) {
        self.widthInches = widthInches
        self.heightInches = heightInches
        self.dpi = dpi
        widthDots = Int((widthInches * Double(dpi)).rounded())
        heightDots = Int((heightInches * Double(dpi)).rounded())
        self.elements = elements
    }

    /// The text lines of the drawing, top to bottom as added.
    public var textLines: [String] {
        elements.compactMap { element in
            if case .text(let text, _, _, _) = element { return text }
            return nil
        }
    }
}
