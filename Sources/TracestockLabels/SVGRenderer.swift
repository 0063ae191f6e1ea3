import TracestockCore

/// Renders barcodes and label drawings as SVG 1.1: all dark modules of a document in one
/// `<path>` of rectangles with `shape-rendering="crispEdges"`, text as `<text>` in a
/// monospaced font sized to the same 6 × 10 unit cells as the PNG font.
public enum SVGRenderer {
    /// A QR Code with its quiet zone, drawn in module units; `moduleSize` sets the outer
    /// width/height in `unit` (e.g. 0.5 mm per module: `moduleSize: 0.5, unit: "mm"`).
    public static func svg(_ code: QRCode, moduleSize: Double = 4, unit: String = "px",
                           quietZone: Int = QRCode.quietZoneModules) -> String {
        let side = code.size + 2 * quietZone
        var path = PathBuilder()
        path.addQRCode(code, x: quietZone, y: quietZone, moduleSize: 1)
        return document(width: "\(format(Double(side) * moduleSize))\(unit)",
                        height: "\(format(Double(side) * moduleSize))\(unit)",
                        viewWidth: side, viewHeight: side, body: path.element())
    }

    /// A Code 128 symbol with quiet zones, in module units: `height` modules tall, each
    /// module `moduleWidth` `unit`s wide.
    public static func svg(_ code: Code128, moduleWidth: Double = 2, height: Int = 40, unit: String = "px",
                           quietZone: Int = Code128.quietZoneModules) -> String {
        let width = code.modules.count + 2 * quietZone
        var path = PathBuilder()
        path.addCode128(code, x: quietZone, y: 0, moduleWidth: 1, height: height)
        return document(width: "\(format(Double(width) * moduleWidth))\(unit)",
                        height: "\(format(Double(height) * moduleWidth))\(unit)",
                        viewWidth: width, viewHeight: height, body: path.element())
    }

    /// A label drawing at its physical size in inches; the viewBox counts dots.
    public static func svg(_ drawing: LabelDrawing) -> String {
        var path = PathBuilder()
        var texts: [String] = []
        for element in drawing.elements {
            switch element {
            case .qrCode(let code, let x, let y, let moduleSize):
                path.addQRCode(code, x: x, y: y, moduleSize: moduleSize)
            case .code128(let code, let x, let y, let moduleWidth, let height):
                path.addCode128(code, x: x, y: y, moduleWidth: moduleWidth, height: height)
            case .text(let text, let x, let y, let scale):
                // font-size 10 units: a monospaced advance of 0.6 em is the 6-unit cell, the
                // baseline sits 7 units (the cap height) below the top of the cell.
                texts.append(
                    "<text x=\"\(x)\" y=\"\(y + BitmapFont.capHeight * scale)\" "
                        + "font-size=\"\(BitmapFont.lineHeight * scale)\">\(escape(text))</text>"
                )
            }
        }
        var body = path.element()
        if !texts.isEmpty {
            body += "\n<g font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" fill=\"#000\" xml:space=\"preserve\">\n"
                + texts.joined(separator: "\n") + "\n</g>"
        }
        return document(width: "\(format(drawing.widthInches))in", height: "\(format(drawing.heightInches))in",
                        viewWidth: drawing.widthDots, viewHeight: drawing.heightDots, body: body)
    }

    /// XML-escapes text content and attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                // Control characters are not allowed in XML 1.0; drop them.
                if scalar.value < 0x20 && scalar != "\t" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func document(width: String, height: String, viewWidth: Int, viewHeight: Int, body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)" height="\(height)" \
        viewBox="0 0 \(viewWidth) \(viewHeight)">
        <rect width="100%" height="100%" fill="#fff"/>
        \(body)
        </svg>

        """
    }

    /// A number without a trailing ".0".
    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Accumulates rectangles as path data (`M x,y h w v h h -w z`).
    struct PathBuilder {
        private(set) var data = ""

        mutating func addRect(x: Int, y: Int, width: Int, height: Int) {
            if !data.isEmpty { data += " " }
            data += "M\(x),\(y)h\(width)v\(height)h-\(width)z"
        }

        /// Horizontal runs of dark modules, one rectangle per run.
        mutating func addQRCode(_ code: QRCode, x: Int, y: Int, moduleSize: Int) {
            for row in 0..<code.size {
                var column = 0
                while column < code.size {
                    guard code.isDark(x: column, y: row) else { column += 1; continue }
                    let start = column
                    while column < code.size, code.isDark(x: column, y: row) { column += 1 }
                    addRect(x: x + start * moduleSize, y: y + row * moduleSize,
                            width: (column - start) * moduleSize, height: moduleSize)
                }
            }
        }

        mutating func addCode128(_ code: Code128, x: Int, y: Int, moduleWidth: Int, height: Int) {
            for bar in code.bars() {
                addRect(x: x + bar.start * moduleWidth, y: y, width: bar.width * moduleWidth, height: height)
            }
        }

        func element() -> String {
            data.isEmpty ? "" : "<path fill=\"#000\" shape-rendering=\"crispEdges\" d=\"\(data)\"/>"
        }
    }
}
