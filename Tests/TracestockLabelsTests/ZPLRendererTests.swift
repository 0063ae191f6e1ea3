import Testing
import TracestockCore
import TracestockLabels

@Suite("ZPL renderer")
struct ZPLRendererTests {
    @Test("QR fields use ^BQ model 2 with the level and a manual-mode prefix matching the encoder's mode")
    func qrCodePrefixes() throws {
        let byte = ZPLRenderer.qrCodeField(try QRCode.encode("https://x.io/a", ecLevel: .medium), x: 10, y: 20, magnification: 4)
        #expect(byte == "^FO10,20^BQN,2,4,M^FH_^FDMM,B0014https://x.io/a^FS")
        let alnum = ZPLRenderer.qrCodeField(try QRCode.encode("AB-12", ecLevel: .quartile), x: 0, y: 0, magnification: 3)
        #expect(alnum.hasSuffix("^BQN,2,3,Q^FH_^FDQM,AAB-12^FS"))
        let numeric = ZPLRenderer.qrCodeField(try QRCode.encode("0123", ecLevel: .high), x: 0, y: 0, magnification: 3)
        #expect(numeric.hasSuffix("^FDHM,N0123^FS"))
        let low = ZPLRenderer.qrCodeField(try QRCode.encode("a^b~c_d", ecLevel: .low), x: 0, y: 0, magnification: 2)
        #expect(low.hasSuffix("^FDLM,B0007a_5Eb_7Ec_5Fd^FS"))
    }

    @Test("Code 128 fields use ^BC mode N with subset invocations that mirror the encoder's symbols")
    func code128Invocations() throws {
        #expect(ZPLRenderer.code128Data(try Code128.encode("X001ABCDEF")) == ">:X001ABCDEF")
        #expect(ZPLRenderer.code128Data(try Code128.encode("AB123456CD")) == ">:AB>5123456>6CD")
        #expect(ZPLRenderer.code128Data(try Code128.encode("1234")) == ">;1234")
        #expect(ZPLRenderer.code128Data(try Code128.encode("a>b^c~")) == ">:a>0b><c>=")
        let field = ZPLRenderer.code128Field(try Code128.encode("X001ABCDEF"), x: 5, y: 6, moduleWidth: 2, height: 60)
        #expect(field == "^FO5,6^BY2^BCN,60,N,N,N,N^FD>:X001ABCDEF^FS")
    }

    @Test("text fields use ^A0 and hex-escape command characters and UTF-8 bytes")
    func textFields() {
        #expect(ZPLRenderer.textField("Mug ^2", x: 1, y: 2, scale: 2) == "^FO1,2^A0N,20,12^FH_^FDMug _5E2^FS")
        #expect(ZPLRenderer.hexEscaped("Café") == "Caf_C3_A9")
    }

    @Test("a label format starts with ^XA, sets UTF-8 and the label size in dots, and ends with ^XZ")
    func wholeLabel() throws {
        let zpl = try LabelLayout.avery5160.zpl(FNSKULabel(fnsku: "X001ABCDEF", title: "Blue mug"))
        let lines = zpl.split(separator: "\n")
        #expect(lines.first == "^XA")
        #expect(lines.last == "^XZ")
        #expect(lines.contains("^CI28") && lines.contains("^PW533") && lines.contains("^LL203"))
        #expect(zpl.contains("^BCN,") && zpl.contains("^FD>:X001ABCDEF^FS"))
        #expect(zpl.contains("^FDNew^FS"))
    }
}
