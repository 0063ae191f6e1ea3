import TracestockCore

/// The physical size of a label and the rules that place barcodes and text on it.
///
/// The default, ``avery5160``, is 2.625 × 1 in: the 30-up US Letter sheet label (Avery
/// 5160/8160 style) that Amazon lists for FBA item labels, also used for unit labels so both
/// print on the same sheets. Text is a monospaced line whose characters are at most
/// ``nominalCharacterWidthInches`` wide at every resolution, so truncation is the same in SVG,
/// PNG and ZPL output.
public struct LabelLayout: Sendable, Equatable {
    /// Label width in inches.
    public var widthInches: Double
    /// Label height in inches.
    public var heightInches: Double
    /// Blank margin kept at the label edges, in inches (barcode quiet zones may use it).
    public var marginInches: Double

    /// 2.625 × 1 in with a 1/16 in margin (30-up sheet labels; Amazon FBA item label size).
    public static let avery5160 = LabelLayout(widthInches: 2.625, heightInches: 1, marginInches: 0.0625)

    /// The width of one character cell in inches (6 font units; 0.06 in ≈ 4.3 pt at 300 dpi).
    public static let nominalCharacterWidthInches = 0.06

    /// The lowest resolution the layouts support (one font unit must be at least one dot).
    public static let minimumDPI = 100

    /// A label size.
    public init(widthInches: Double, heightInches: Double, marginInches: Double) {
        self.widthInches = widthInches
        self.heightInches = heightInches
        self.marginInches = marginInches
    }

    /// Dots per font unit at a resolution: 3 at 300 dpi, 2 at 203 dpi (6 units ≤ 0.06 in).
    public static func textScale(dpi: Int) -> Int { max(1, dpi / 100) }

    /// The margin in dots.
    func marginDots(dpi: Int) -> Int { Int((marginInches * Double(dpi)).rounded()) }

    /// Throws unless the resolution and the size leave room for a label.
    func validate(dpi: Int) throws {
        guard dpi >= Self.minimumDPI, dpi <= 2400 else {
            throw TracestockError.invalid("Label resolution must be \(Self.minimumDPI)...2400 dpi, got \(dpi).",
                                          details: ["field": "dpi", "value": String(dpi)])
        }
        guard widthInches > 2 * marginInches, heightInches > 2 * marginInches, marginInches >= 0 else {
            throw TracestockError.invalid("Label size \(widthInches) × \(heightInches) in leaves no room inside its margins.",
                                          details: ["field": "layout"])
        }
    }
}
