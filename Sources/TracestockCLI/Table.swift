/// Plain-text tables for human output.
enum Table {
    /// Renders rows under a header, columns padded; numbers right-aligned.
    static func render(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                let numeric = cell.contains(where: \.isNumber) && cell.allSatisfy { $0.isNumber || $0 == "-" || $0 == "." || $0 == "," }
                return numeric ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

extension Optional where Wrapped == String {
    /// The value or a dash, for table cells.
    var orDash: String { self ?? "-" }
}
