extension GS1ElementString {
    /// The GS (ASCII 29) character used as FNC1 separator in raw element strings.
    public static let groupSeparator: Character = "\u{1D}"

    /// The bracketed human-readable form in element order, e.g. `(01)09520123456788(10)ABC`; a `(` inside a value is written `\(`.
    public var bracketed: String {
        var text = ""
        for element in elements {
            text += "(\(element.ai))"
            for character in element.value {
                if character == "(" { text += "\\" }
                text.append(character)
            }
        }
        return text
    }

    /// The raw scanner form: predefined-length AIs first, then the others with a GS between them.
    ///
    /// When the result would contain no GS at all and it can be read in more than one way (the last,
    /// variable-length value could hide further AIs, e.g. a lot `ABC21XYZ`), a terminating GS is appended
    /// so that a reader which guards against lost separators still finds exactly one reading.
    public func raw(symbologyIdentifier: String = "", leadingSeparator: Bool = false) -> String {
        var ordered: [GS1Element] = []
        var others: [GS1Element] = []
        for element in elements {
            if GS1ApplicationIdentifier.lookup(element.ai)?.isPredefinedLength ?? false {
                ordered.append(element)
            } else {
                others.append(element)
            }
        }
        ordered += others
        var body = ""
        var usedSeparator = false
        for (index, element) in ordered.enumerated() {
            body += element.ai + element.value
            let definition = GS1ApplicationIdentifier.lookup(element.ai)
            if index < ordered.count - 1, definition?.requiresSeparator ?? true {
                body.append(GS1ElementString.groupSeparator)
                usedSeparator = true
            }
        }
        if !usedSeparator, let last = ordered.last,
           let definition = GS1ApplicationIdentifier.lookup(last.ai), !definition.isFixedLength,
           GS1ElementString.hasOtherReadings(body) {
            body.append(GS1ElementString.groupSeparator)
        }
        var text = symbologyIdentifier
        if leadingSeparator { text.append(GS1ElementString.groupSeparator) }
        text += body
        return text
    }

    /// True unless the separator-less `body` has exactly one reading. Dates are checked against the year
    /// 2000, under which every `YYMMDD` that is valid for some reader's year is valid (only `00` can be a
    /// century year, and 2000 is a leap year), so the answer errs towards adding the GS.
    static func hasOtherReadings(_ body: String) -> Bool {
        var search = AmbiguitySearch(bytes: Array(body.utf8), currentYear: 2000, budget: ambiguityWorkBudget)
        search.explore(0)
        return search.found.count != 1 || search.exhausted
    }
}
