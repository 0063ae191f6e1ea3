import TracestockCore

/// Renders label drawings as ZPL II for Zebra-compatible thermal printers, using the
/// printer's own barcode commands: `^BQ` (QR Code, model 2) and `^BC` (Code 128), `^A0` for
/// text, `^FO` positions, `^PW`/`^LL` for the label size, `^CI28` (UTF-8) and `^FH` hex escapes.
public enum ZPLRenderer {
    /// The resolution assumed when none is given (8 dots/mm printers).
    public static let defaultDPI = 203

    /// A complete label format, `^XA` … `^XZ`, for the drawing's resolution.
    public static func zpl(_ drawing: LabelDrawing) -> String {
        var lines = [
            "^XA",
            "^CI28",
            "^PW\(drawing.widthDots)",
            "^LL\(drawing.heightDots)",
            "^LH0,0",
        ]
        for element in drawing.elements {
            switch element {
            case .qrCode(let code, let x, let y, let moduleSize):
                lines.append(qrCodeField(code, x: x, y: y, magnification: moduleSize))
            case .code128(let code, let x, let y, let moduleWidth, let height):
                lines.append(code128Field(code, x: x, y: y, moduleWidth: moduleWidth, height: height))
            case .text(let text, let x, let y, let scale):
                lines.append(textField(text, x: x, y: y, scale: scale))
            }
        }
        lines.append("^XZ")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A `^BQ` field: model 2, `magnification` dots per module (1...10), the symbol's error
    /// correction level, and manual input in the encoder's mode: `<L|M|Q|H>M,N<digits>`,
    /// `…M,A<text>` or `…M,B<4-digit byte count><bytes>`.
    public static func qrCodeField(_ code: QRCode, x: Int, y: Int, magnification: Int) -> String {
        let level = code.ecLevel.letter
        let modePart: String
        switch code.mode {
        case .numeric: modePart = "N" + code.text
        case .alphanumeric: modePart = "A" + code.text
        case .byte:
            let count = code.text.utf8.count
            let digits = String(count)
            modePart = "B" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + code.text
        }
        let magnificationValue = min(10, max(1, magnification))
        return "^FO\(x),\(y)^BQN,2,\(magnificationValue),\(level)^FH_^FD\(level)M,\(hexEscaped(modePart))^FS"
    }

    /// A `^BC` field in mode N with explicit subset invocations mirroring the encoder's
    /// symbols (`>:` Start B, `>;` Start C, `>5` Code C, `>6` Code B; `>0`, `><`, `>=`, `>1`
    /// for `>`, `^`, `~` and DEL in set B), no interpretation line, `^BY` module width.
    public static func code128Field(_ code: Code128, x: Int, y: Int, moduleWidth: Int, height: Int) -> String {
        "^FO\(x),\(y)^BY\(moduleWidth)^BCN,\(height),N,N,N,N^FD\(code128Data(code))^FS"
    }

    /// The `^FD` data of a `^BC` field in mode N for the symbol's values.
    public static func code128Data(_ code: Code128) -> String {
        var data = ""
        var inSetC = false
        for value in code.symbols.dropLast(2) {  // no check symbol, no stop: the printer adds them
            switch value {
            case 104: data += ">:"; inSetC = false
            case 105: data += ">;"; inSetC = true
            case 99: data += ">5"; inSetC = true
            case 100: data += ">6"; inSetC = false
            default:
                if inSetC {
                    data += value < 10 ? "0\(value)" : "\(value)"
                } else {
                    switch value + 32 {
                    case 62: data += ">0"   // >
                    case 94: data += "><"   // ^
                    case 126: data += ">="  // ~
                    case 127: data += ">1"  // DEL
                    default: data.unicodeScalars.append(Unicode.Scalar(UInt8(value + 32)))
                    }
                }
            }
        }
        return data
    }

    /// An `^A0` (scalable font) text field: character height 10 units, width 6 units, each
    /// unit `scale` dots; `^FH` hex-escapes `^`, `~`, `_` and non-ASCII UTF-8 bytes.
    public static func textField(_ text: String, x: Int, y: Int, scale: Int) -> String {
        let height = BitmapFont.lineHeight * scale
        let width = BitmapFont.advance * scale
        return "^FO\(x),\(y)^A0N,\(height),\(width)^FH_^FD\(hexEscaped(text))^FS"
    }

    /// Field data safe inside `^FD` with `^FH_`: command prefixes (`^`, `~`), the escape
    /// character itself and bytes outside printable ASCII become `_XX`.
    public static func hexEscaped(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if byte >= 0x20, byte < 0x7F, byte != 0x5E, byte != 0x7E, byte != 0x5F {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "_" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
