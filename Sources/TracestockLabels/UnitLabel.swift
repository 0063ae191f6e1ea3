import TracestockCore

/// A unit label: a QR Code holding a caller-given string (typically a GS1 Digital Link with an
/// authentication code) and human-readable SKU, serial and title lines.
///
/// Layout: the QR Code, quiet zone included, fills the label height on the left with the
/// largest whole number of dots per module (at most 10, ZPL's limit); the text lines stand
/// to its right: `SKU <sku>`, `S/N <serial>`, then the title word-wrapped on up to four lines,
/// each line cut with "..." where it does not fit.
public struct UnitLabel: LabelContent, Equatable {
    /// The QR Code content, e.g. `https://id.example.com/01/09520123456788/21/SN0001?auth=TS:…`.
    public var qrPayload: String
    /// The SKU code shown in text.
    public var sku: String
    /// The unit's serial number shown in text.
    public var serial: String
    /// The product title shown in text (wrapped and truncated to fit).
    public var title: String
    /// The QR Code error correction level.
    public var ecLevel: QRErrorCorrection

    /// The most title lines printed.
    public static let maxTitleLines = 4
    /// The smallest QR module accepted, in dots (below that a printed code is hard to scan).
    public static let minimumModuleDots = 2
    /// The largest QR module used, in dots (ZPL's `^BQ` magnification limit).
    public static let maximumModuleDots = 10

    /// A unit label's content.
    public init(qrPayload: String, sku: String, serial: String, title: String, ecLevel: QRErrorCorrection = .medium) {
        self.qrPayload = qrPayload
        self.sku = sku
        self.serial = serial
        self.title = title
        self.ecLevel = ecLevel
    }

    /// Lays the label out; throws when the payload does not fit a QR Code or would need
    /// modules smaller than ``minimumModuleDots`` on this label.
    public func drawing(on layout: LabelLayout, dpi: Int) throws -> LabelDrawing {
        try layout.validate(dpi: dpi)
        var drawing = LabelDrawing(widthInches: layout.widthInches, heightInches: layout.heightInches, dpi: dpi)
        let code = try QRCode.encode(qrPayload, ecLevel: ecLevel)
        let footprintModules = code.size + 2 * QRCode.quietZoneModules
        let moduleDots = min(Self.maximumModuleDots, drawing.heightDots / footprintModules)
        guard moduleDots >= Self.minimumModuleDots else {
            throw TracestockError.invalid(
                "The QR payload needs version \(code.version) (\(code.size) modules), too large for a "
                    + "\(layout.heightInches) in high label at \(dpi) dpi; shorten it or lower the error correction level.",
                details: ["field": "qrPayload", "version": String(code.version), "dpi": String(dpi)]
            )
        }
        let footprint = footprintModules * moduleDots
        let top = (drawing.heightDots - footprint) / 2
        let quiet = QRCode.quietZoneModules * moduleDots
        drawing.elements.append(.qrCode(code, x: quiet, y: top + quiet, moduleSize: moduleDots))

        let margin = layout.marginDots(dpi: dpi)
        let scale = LabelLayout.textScale(dpi: dpi)
        let textX = footprint
        let maxCharacters = (drawing.widthDots - margin - textX) / (BitmapFont.advance * scale)
        guard maxCharacters >= 8 else {
            throw TracestockError.invalid("The label is too narrow for text beside the QR Code.",
                                          details: ["field": "layout"])
        }
        let pitch = BitmapFont.lineHeight * scale
        let availableLines = (drawing.heightDots - 2 * margin - BitmapFont.glyphHeight * scale) / pitch + 1
        var lines = [
            TextFitting.truncate("SKU " + sku, maxCharacters: maxCharacters),
            TextFitting.truncate("S/N " + serial, maxCharacters: maxCharacters),
        ]
        let titleLines = min(Self.maxTitleLines, availableLines - lines.count)
        if titleLines > 0, !TextFitting.normalized(title).isEmpty {
            lines += TextFitting.wrap(title, maxCharacters: maxCharacters, maxLines: titleLines)
        }
        for (index, line) in lines.prefix(availableLines).enumerated() {
            drawing.elements.append(.text(line, x: textX, y: margin + index * pitch, scale: scale))
        }
        return drawing
    }
}
