/// What goes on one kind of label; it lays itself out on a ``LabelLayout`` at a resolution.
public protocol LabelContent: Sendable {
    /// The label's barcodes and text placed in dots at `dpi`.
    ///
    /// - Throws: `TracestockError.invalid` when the content cannot be encoded or does not fit.
    func drawing(on layout: LabelLayout, dpi: Int) throws -> LabelDrawing
}
