/// Fits text into fixed-width lines of a monospaced layout, marking every cut with an ellipsis
/// ("...", three ASCII full stops, so every font and printer shows it).
public enum TextFitting {
    /// The mark appended where text was cut.
    public static let ellipsis = "..."

    /// The text unchanged when it has at most `maxCharacters` characters, otherwise its start
    /// followed by the ellipsis, `maxCharacters` characters in all. Whitespace runs collapse
    /// to one space first.
    public static func truncate(_ text: String, maxCharacters: Int) -> String {
        let clean = normalized(text)
        guard clean.count > maxCharacters else { return clean }
        guard maxCharacters > ellipsis.count else { return String(ellipsis.prefix(max(0, maxCharacters))) }
        var kept = String(clean.prefix(maxCharacters - ellipsis.count))
        while kept.last == " " { kept.removeLast() }
        return kept + ellipsis
    }

    /// Word-wraps text into at most `maxLines` lines of at most `maxCharacters` characters;
    /// words longer than a line are broken. When the text does not fit, the last line ends
    /// with the ellipsis.
    public static func wrap(_ text: String, maxCharacters: Int, maxLines: Int) -> [String] {
        precondition(maxCharacters > 0 && maxLines > 0, "positive line limits expected")
        var words: [String] = []
        for word in normalized(text).split(separator: " ") {
            var rest = Substring(word)
            while rest.count > maxCharacters {  // hard-break words longer than a line
                words.append(String(rest.prefix(maxCharacters)))
                rest = rest.dropFirst(maxCharacters)
            }
            if !rest.isEmpty { words.append(String(rest)) }
        }
        var lines: [String] = []
        var current = ""
        var index = 0
        while index < words.count {
            let candidate = current.isEmpty ? words[index] : current + " " + words[index]
            if candidate.count <= maxCharacters {
                current = candidate
                index += 1
            } else if lines.count == maxLines - 1 {
                break  // `current` is the last line allowed and the next word does not fit
            } else {
                lines.append(current)
                current = ""
            }
        }
        guard index < words.count else {
            if !current.isEmpty { lines.append(current) }
            return lines
        }
        // Longer than `maxCharacters` by construction, so `truncate` adds the ellipsis.
        let rest = ([current] + words[index...]).joined(separator: " ")
        lines.append(truncate(rest, maxCharacters: maxCharacters))
        return lines
    }

    /// Text with runs of whitespace (including newlines) collapsed to single spaces, trimmed.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
