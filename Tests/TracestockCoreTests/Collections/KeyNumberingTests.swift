import Testing
import TracestockCore

@Suite struct KeyNumberingTests {
    @Test func keysAreNumberedInTheOrderFirstSeenAndKeepTheirNumber() {
        var numbering = KeyNumbering<String>()
        let seen = ["b", "b", "a", "b", "c", "a", "a"].map { numbering.number(of: $0) }
        #expect(seen.map(\.number) == [0, 0, 1, 0, 2, 1, 1])
        #expect(seen.map(\.isNew) == [true, false, true, false, true, false, false])
        #expect(numbering.keys == ["b", "a", "c"])
    }
}
