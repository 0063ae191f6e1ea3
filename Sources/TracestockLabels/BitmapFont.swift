/// A small built-in bitmap font for printable ASCII, drawn for Tracestock's raster labels
/// (the PNG renderer has no font library).
///
/// Each glyph is 5 × 9 modules: 7 rows above the baseline (the cap height) and 2 rows of
/// descender. Characters advance by 6 modules and lines by 10, so a glyph scaled by `s`
/// occupies a 6s × 10s cell. Characters outside printable ASCII draw as an empty box.
public enum BitmapFont {
    /// Glyph width in font units.
    public static let glyphWidth = 5
    /// Glyph height in font units, descenders included.
    public static let glyphHeight = 9
    /// Cap height (rows above the baseline) in font units.
    public static let capHeight = 7
    /// Horizontal advance per character in font units.
    public static let advance = 6
    /// Line pitch in font units.
    public static let lineHeight = 10

    /// The rows of a character's glyph, top first; bit 4 of each row is the leftmost column.
    /// Typographic dashes, quotes and spaces draw as their ASCII look-alikes.
    public static func glyph(for character: Character) -> [UInt8] {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else {
            return fallback
        }
        let value = asciiLookAlikes[scalar.value] ?? scalar.value
        guard value >= 32, value <= 126 else { return fallback }
        return glyphs[Int(value) - 32]
    }

    /// Non-ASCII punctuation drawn with an ASCII glyph: no-break and thin spaces, hyphens and
    /// dashes, single and double curly quotes, the bullet, the multiplication sign.
    static let asciiLookAlikes: [UInt32: UInt32] = [
        0x00A0: 0x20, 0x2009: 0x20, 0x202F: 0x20,
        0x2010: 0x2D, 0x2011: 0x2D, 0x2012: 0x2D, 0x2013: 0x2D, 0x2014: 0x2D, 0x2212: 0x2D,
        0x2018: 0x27, 0x2019: 0x27, 0x201C: 0x22, 0x201D: 0x22,
        0x2022: 0x2A, 0x00D7: 0x78,
    ]

    /// Rows of the box drawn for characters the font lacks.
    static let fallback: [UInt8] = parse("##### #...# #...# #...# #...# #...# #####")

    /// Parsed glyphs for ASCII 32...126.
    static let glyphs: [[UInt8]] = glyphArt.map(parse)

    /// Turns "#...# .#.#. ..." (groups of 5, `#` = ink) into 9 row masks.
    private static func parse(_ art: String) -> [UInt8] {
        var rows = art.split(separator: " ").map { group -> UInt8 in
            group.reduce(0) { ($0 << 1) | ($1 == "#" ? 1 : 0) }
        }
        while rows.count < glyphHeight { rows.append(0) }
        return rows
    }
}
