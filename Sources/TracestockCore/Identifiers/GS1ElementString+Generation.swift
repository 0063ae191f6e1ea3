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
    /// When the result would contain no GS at all and the last (variable-length) value holds digits that
    /// could start another AI, a terminating GS is appended so that a reader which guards against lost
    /// separators still finds exactly one reading.
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
        var text = symbologyIdentifier
        if leadingSeparator { text.append(GS1ElementString.groupSeparator) }
        var usedSeparator = false
        for (index, element) in ordered.enumerated() {
            text += element.ai + element.value
            let definition = GS1ApplicationIdentifier.lookup(element.ai)
            if index < ordered.count - 1, definition?.requiresSeparator ?? true {
                text.append(GS1ElementString.groupSeparator)
                usedSeparator = true
            }
        }
        if !usedSeparator, let last = ordered.last,
           let definition = GS1ApplicationIdentifier.lookup(last.ai), !definition.isFixedLength {
            let value = Array(last.value.utf8)
            var offset = 1
            while offset < value.count {
                if GS1ApplicationIdentifier.lookup(in: value, at: offset) != nil {
                    text.append(GS1ElementString.groupSeparator)
                    break
                }
                offset += 1
            }
        }
        return text
    }
}
