import Testing
import TracestockLabels

@Suite("Bitmap font")
struct BitmapFontTests {
    @Test("every printable ASCII character has its own glyph within 5 columns and 9 rows")
    func glyphsAreDistinct() {
        var seen: [[UInt8]: Character] = [:]
        for value in 33...126 {
            let character = Character(UnicodeScalar(UInt8(value)))
            let rows = BitmapFont.glyph(for: character)
            #expect(rows.count == BitmapFont.glyphHeight)
            #expect(rows.allSatisfy { $0 < 32 })
            #expect(rows.contains { $0 != 0 }, "glyph for \(character) has ink")
            #expect(seen[rows] == nil, "\(character) looks like \(seen[rows].map(String.init) ?? "")")
            seen[rows] = character
        }
        #expect(BitmapFont.glyph(for: " ").allSatisfy { $0 == 0 })
    }

    @Test("characters outside printable ASCII draw as a box rather than vanishing")
    func fallback() {
        let box = BitmapFont.glyph(for: "€")
        #expect(box.contains { $0 != 0 })
        #expect(box == BitmapFont.glyph(for: "é"))
    }

    @Test("typographic dashes and quotes draw as their ASCII look-alikes")
    func lookAlikes() {
        #expect(BitmapFont.glyph(for: "—") == BitmapFont.glyph(for: "-"))
        #expect(BitmapFont.glyph(for: "’") == BitmapFont.glyph(for: "'"))
        #expect(BitmapFont.glyph(for: "“") == BitmapFont.glyph(for: "\""))
    }

    @Test("text is drawn at the requested scale: one font unit = scale pixels")
    func drawsScaled() {
        var bitmap = Bitmap(width: 30, height: 30)
        bitmap.drawText("|", x: 0, y: 0, scale: 3)  // '|' is column 2, rows 0–6
        #expect(bitmap[x: 6, y: 0] == 0 && bitmap[x: 8, y: 20] == 0)
        #expect(bitmap[x: 5, y: 0] == 255 && bitmap[x: 9, y: 0] == 255 && bitmap[x: 6, y: 21] == 255)
    }
}
