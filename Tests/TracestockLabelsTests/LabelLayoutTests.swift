import Testing
import TracestockCore
import TracestockLabels

@Suite("Label layouts")
struct LabelLayoutTests {
    static let longTitle = "Stainless steel insulated water bottle with bamboo lid, 750 ml, keeps drinks cold "
        + "for 24 hours and hot for 12 hours, brushed finish"
    static let unit = UnitLabel(
        qrPayload: "https://id.example.com/01/09520123456788/21/SN0001?auth=TS:ABCDEFGHJKMNPQRS",
        sku: "BOTTLE-750-STEEL", serial: "SN0001", title: longTitle
    )

    @Test("the FNSKU label is 2.625 × 1 in: 788 × 300 dots at 300 dpi, 533 × 203 at 203 dpi")
    func fnskuSize() throws {
        let label = FNSKULabel(fnsku: "X001ABCDEF", title: "Mug")
        let at300 = try label.drawing(on: .avery5160, dpi: 300)
        #expect(at300.widthDots == 788 && at300.heightDots == 300)
        let at203 = try label.drawing(on: .avery5160, dpi: 203)
        #expect(at203.widthDots == 533 && at203.heightDots == 203)
    }

    @Test("the FNSKU label shows the FNSKU, the title cut with an ellipsis, and the condition New")
    func fnskuContent() throws {
        let drawing = try FNSKULabel(fnsku: "X001ABCDEF", title: Self.longTitle).drawing(on: .avery5160, dpi: 300)
        let lines = drawing.textLines
        #expect(lines.first == "X001ABCDEF")
        #expect(lines.last == "New")
        #expect(lines.count == 4)
        #expect(lines[2].hasSuffix("..."))
        #expect(lines.allSatisfy { $0.count <= 41 })
        #expect(lines[1].hasPrefix("Stainless steel insulated water bottle"))
    }

    @Test("truncation is the same at 300 and 203 dpi")
    func sameTextAtBothResolutions() throws {
        let label = FNSKULabel(fnsku: "X001ABCDEF", title: Self.longTitle)
        #expect(try label.drawing(on: .avery5160, dpi: 300).textLines == label.drawing(on: .avery5160, dpi: 203).textLines)
    }

    @Test("every element lies inside the label, barcodes with their quiet zones")
    func elementsInsideLabel() throws {
        let fnsku = FNSKULabel(fnsku: "X001ABCDEF", title: Self.longTitle)
        for dpi in [203, 300, 600] {
            for drawing in [try fnsku.drawing(on: .avery5160, dpi: dpi), try Self.unit.drawing(on: .avery5160, dpi: dpi)] {
                for element in drawing.elements {
                    switch element {
                    case .qrCode(let code, let x, let y, let size):
                        let quiet = QRCode.quietZoneModules * size
                        #expect(x - quiet >= 0 && y - quiet >= 0)
                        #expect(x + (code.size * size) + quiet <= drawing.widthDots)
                        #expect(y + (code.size * size) + quiet <= drawing.heightDots)
                    case .code128(let code, let x, let y, let width, let height):
                        let quiet = Code128.quietZoneModules * width
                        #expect(x - quiet >= 0 && x + code.modules.count * width + quiet <= drawing.widthDots)
                        #expect(y >= 0 && y + height <= drawing.heightDots)
                    case .text(let text, let x, let y, let scale):
                        #expect(x >= 0 && x + text.count * 6 * scale <= drawing.widthDots, "\(text) at \(dpi)")
                        #expect(y >= 0 && y + 9 * scale <= drawing.heightDots)
                    }
                }
            }
        }
    }

    @Test("the unit label shows SKU, serial and title lines beside the QR Code")
    func unitContent() throws {
        let drawing = try Self.unit.drawing(on: .avery5160, dpi: 300)
        let lines = drawing.textLines
        #expect(lines[0] == "SKU BOTTLE-750-STEEL")
        #expect(lines[1] == "S/N SN0001")
        #expect(lines.count == 2 + UnitLabel.maxTitleLines)
        #expect(lines.last?.hasSuffix("...") == true)
        guard case .qrCode(let code, _, _, let moduleSize) = drawing.elements.first else {
            Issue.record("the first element should be the QR Code")
            return
        }
        #expect(code.text == Self.unit.qrPayload)
        #expect(code.ecLevel == .medium)
        #expect((code.size + 8) * moduleSize <= 300)
    }

    @Test("a QR payload too large for the label is rejected, not printed unreadably small")
    func unitPayloadTooLarge() {
        let label = UnitLabel(qrPayload: String(repeating: "x", count: 1500), sku: "S", serial: "1", title: "T")
        #expect(throws: TracestockError.self) { try label.drawing(on: .avery5160, dpi: 203) }
    }

    @Test("an FNSKU with characters outside Code 128 set B is rejected")
    func fnskuNotEncodable() {
        #expect(throws: TracestockError.self) {
            try FNSKULabel(fnsku: "X001Ä", title: "Mug").drawing(on: .avery5160, dpi: 300)
        }
    }

    @Test("labels render to an SVG sized in inches, a 1-bit 300 dpi PNG and ZPL")
    func rendersAllFormats() throws {
        let svg = try LabelLayout.avery5160.svg(Self.unit)
        #expect(svg.contains("width=\"2.625in\" height=\"1in\" viewBox=\"0 0 788 300\""))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(svg.contains(">SKU BOTTLE-750-STEEL</text>"))
        let png = try ParsedPNG(try LabelLayout.avery5160.png(Self.unit))
        let ihdr = try #require(png.chunk("IHDR")).data
        #expect(ParsedPNG.uint32(ihdr, 0) == 788 && ParsedPNG.uint32(ihdr, 4) == 300 && ihdr[8] == 1)
        let zpl = try LabelLayout.avery5160.zpl(Self.unit)
        #expect(zpl.contains("^BQN,2,4,M^FH_^FDMM,B0075https://id.example.com/"))
        #expect(zpl.contains("^FDSKU BOTTLE-750-STEEL^FS"))
    }

    @Test("resolutions below 100 dpi are rejected")
    func lowResolution() {
        #expect(throws: TracestockError.self) { try Self.unit.drawing(on: .avery5160, dpi: 72) }
    }
}
