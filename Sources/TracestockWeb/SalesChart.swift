import TracestockCore

/// A bar chart of daily quantities as inline SVG, drawn on the server (no JavaScript). Only
/// numbers and ISO dates go into the markup, and the title is escaped.
struct SalesChart {
    var title: String
    var firstDay: Day
    var values: [Int64]

    /// A text equivalent for screen readers and the page: total, average, busiest day.
    var summary: String {
        let total = values.reduce(0, +)
        guard let peak = values.indices.max(by: { values[$0] < values[$1] }), total > 0 else { return "No sales in this period." }
        let average = Double(total) / Double(max(values.count, 1))
        return "\(Format.count(total)) units in \(values.count) days (\(Format.decimal(average, digits: 1))/day); busiest \((firstDay + peak).isoString) with \(values[peak])."
    }

    var svg: String {
        let width = 720.0, height = 200.0, left = 36.0, bottom = 22.0, top = 8.0
        let plotWidth = width - left - 4, plotHeight = height - bottom - top
        let maximum = max(values.max() ?? 0, 1)
        let barWidth = plotWidth / Double(max(values.count, 1))
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Self.escape(title))\">"
        out += "<title>\(Self.escape(title))</title>"
        out += "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(width - 4)\" y2=\"\(top + plotHeight)\" stroke=\"#9aa3af\"/>"
        for fraction in [0.5, 1.0] {
            let y = top + plotHeight * (1 - fraction)
            let label = Int((Double(maximum) * fraction).rounded())
            out += "<line x1=\"\(left)\" y1=\"\(Self.n(y))\" x2=\"\(width - 4)\" y2=\"\(Self.n(y))\" stroke=\"#e3e7ec\"/>"
            out += "<text x=\"\(left - 4)\" y=\"\(Self.n(y + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6472\">\(label)</text>"
        }
        for (index, value) in values.enumerated() where value > 0 {
            let barHeight = plotHeight * Double(value) / Double(maximum)
            let x = left + Double(index) * barWidth
            out += "<rect x=\"\(Self.n(x + 0.5))\" y=\"\(Self.n(top + plotHeight - barHeight))\" width=\"\(Self.n(max(barWidth - 1, 1)))\" height=\"\(Self.n(barHeight))\" fill=\"#0b5cad\"><title>\((firstDay + index).isoString): \(value)</title></rect>"
        }
        for index in stride(from: 0, to: values.count, by: 30) {
            let x = left + Double(index) * barWidth
            out += "<text x=\"\(Self.n(x))\" y=\"\(Int(height - 6))\" font-size=\"11\" fill=\"#5b6472\">\((firstDay + index).isoString)</text>"
        }
        return out + "</svg>"
    }

    static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
