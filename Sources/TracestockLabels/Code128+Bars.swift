import TracestockCore

extension Code128 {
    /// A bar of a Code 128 symbol: first module index and width in modules.
    struct Bar: Sendable, Equatable {
        let start: Int
        let width: Int
    }

    /// The bars (runs of dark modules) from left to right.
    func bars() -> [Bar] {
        var result: [Bar] = []
        var index = 0
        while index < modules.count {
            guard modules[index] else { index += 1; continue }
            let start = index
            while index < modules.count, modules[index] { index += 1 }
            result.append(Bar(start: start, width: index - start))
        }
        return result
    }
}
