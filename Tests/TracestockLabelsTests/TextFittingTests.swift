import Testing
import TracestockLabels

@Suite("Text fitting")
struct TextFittingTests {
    @Test("text that fits is kept as it is")
    func fits() {
        #expect(TextFitting.truncate("Blue mug", maxCharacters: 8) == "Blue mug")
        #expect(TextFitting.wrap("Blue mug", maxCharacters: 20, maxLines: 2) == ["Blue mug"])
    }

    @Test("text that is too long is cut to the limit and ends with an ellipsis")
    func truncates() {
        let result = TextFitting.truncate("Stainless steel water bottle", maxCharacters: 12)
        #expect(result == "Stainless...")
        #expect(result.count <= 12)
    }

    @Test("wrapping breaks between words and marks leftover text with an ellipsis on the last line")
    func wrapsWithEllipsis() {
        let lines = TextFitting.wrap("Organic cotton tote bag with long handles, natural colour",
                                     maxCharacters: 16, maxLines: 2)
        #expect(lines.count == 2)
        #expect(lines[0] == "Organic cotton")
        #expect(lines[1].hasSuffix("..."))
        #expect(lines.allSatisfy { $0.count <= 16 })
    }

    @Test("a word longer than a line is broken, and whitespace runs collapse")
    func longWords() {
        #expect(TextFitting.wrap("ABCDEFGHIJKLMNOP", maxCharacters: 6, maxLines: 3) == ["ABCDEF", "GHIJKL", "MNOP"])
        #expect(TextFitting.wrap("a \n\t b", maxCharacters: 6, maxLines: 3) == ["a b"])
        let cut = TextFitting.wrap("ABCDEFGHIJKLMNOPQRS", maxCharacters: 6, maxLines: 2)
        #expect(cut == ["ABCDEF", "GHI..."])
    }

    @Test("no text is ever dropped without an ellipsis, for any limit")
    func neverSilentlyDrops() {
        let title = "Ceramic pour-over coffee dripper, size 02, white — dishwasher safe"
        for width in 4...40 {
            for maxLines in 1...3 {
                let lines = TextFitting.wrap(title, maxCharacters: width, maxLines: maxLines)
                let kept = lines.joined(separator: " ").replacingOccurrences(of: " ", with: "")
                let full = title.replacingOccurrences(of: " ", with: "")
                #expect(lines.allSatisfy { $0.count <= width })
                #expect(kept == full || lines.last?.hasSuffix("...") == true, "width \(width) lines \(maxLines)")
            }
        }
    }
}
