/// An expression naming many serials at once, such as `SN0001-SN0100, A7 "2024-0001" B1..B3 100+9`.
///
/// Grammar:
/// - Groups are separated by commas and/or whitespace (space, tab, CR, LF), in any mix.
///   Empty groups (`A,,B`, a leading or a trailing comma) are errors.
/// - `START..END` is always a range. `START+k` is START and the next `k` serials (k a
///   non-negative whole number). An unquoted group is read as `..` if it has one, else as `+`
///   if it has one, else as a hyphen range if it has a hyphen, else as one serial.
/// - `START-END` is a range when exactly one hyphen splits the group into two sides with the
///   same prefix and suffix around their last digit run (`SN0001-SN1000`, `A-099-A-101`, `100-109`).
///   A hyphenated group that is not such a range is an error asking for quotes or `..`:
///   `2024-0001` (descending), `A-5-B-7` and `ABC-DEF` must be written `"2024-0001"` etc.
/// - A group in double quotes is one literal serial; it may contain spaces, commas, hyphens,
///   `..` and `+`, but no double quote, no control character and no leading or trailing space.
/// - Any other group is one serial of printable ASCII (0x21–0x7E) without `"` or `,`.
/// - Ranges count in the last digit run and keep its prefix and suffix. Zero padding is kept and
///   grows only when needed (`SN099..SN101`, `SN99..SN101`); ends of different digit widths are
///   allowed only when neither end is zero-padded (`SN8..SN12`, not `SN08..SN100`).
/// - Serials are at most 64 characters. Duplicates anywhere in the expansion are errors.
///
/// Every error is a `TracestockError` with code `.invalidInput`; its message quotes the group,
/// its 1-based index and character position, and its details carry `group`, `groupIndex` and
/// `position` (1-based, counted in Unicode scalars, so in characters for ASCII text).
public struct SerialExpression: Sendable, Equatable {
    /// The longest serial allowed, in characters.
    public static let maxSerialLength = 64

    /// The text the expression was parsed from.
    public let text: String
    /// How many serials the expression names, computed without expanding (duplicates included).
    public let count: Int
    /// The parsed groups, in input order.
    let segments: [Segment]

    /// Whether `serial` can be written in an expression: 1–64 printable ASCII characters
    /// (0x20–0x7E), no double quote, and no leading or trailing space.
    public static func isValidSerial(_ serial: String) -> Bool {
        let bytes = serial.utf8
        guard !bytes.isEmpty, bytes.count <= maxSerialLength,
            bytes.first != 0x20, bytes.last != 0x20
        else { return false }
        return bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && $0 != 0x22 }
    }

    /// Parses and validates an expression; throws `.invalidInput` for any syntax, range or
    /// character error (duplicates are found by `expand()`).
    public init(_ text: String) throws {
        var parser = Parser(text)
        try parser.parse()
        self.text = text
        self.segments = parser.segments
        self.count = parser.total
    }

    /// The groups as written, in input order.
    public var groups: [Group] { segments.map(\.group) }

    /// Parses and expands `text` in one step.
    public static func expand(_ text: String) throws -> [String] {
        try SerialExpression(text).expand()
    }
}
