import Testing
import TracestockCore
import TracestockLabels

@Suite("SVG renderer")
struct SVGRendererTests {
    @Test("a QR Code becomes one crisp-edged path inside a viewBox that includes the quiet zone")
    func qrCodeSVG() throws {
        let code = try QRCode.encode("HELLO WORLD")
        let svg = SVGRenderer.svg(code, moduleSize: 4)
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("viewBox=\"0 0 29 29\""))
        #expect(svg.contains("width=\"116px\""))
        // Finder pattern at the top-left: the first row of the symbol starts with a 7-module run.
        #expect(svg.contains("M4,4h7v1h-7z"))
    }

    @Test("a Code 128 symbol becomes one path with a rectangle per bar")
    func code128SVG() throws {
        let code = try Code128.encode("X001ABCDEF")
        let svg = SVGRenderer.svg(code, moduleWidth: 2, height: 40)
        let bars = svg.components(separatedBy: "z").count - 1
        #expect(bars == code.symbols.count * 3 + 1)  // 3 bars per symbol, 4 in the stop pattern
        #expect(svg.contains("viewBox=\"0 0 \(code.modules.count + 20) 40\""))
    }

    @Test("text is XML-escaped")
    func escaping() {
        #expect(SVGRenderer.escape("Tom & Jerry <\"mug\">") == "Tom &amp; Jerry &lt;&quot;mug&quot;&gt;")
    }
}
