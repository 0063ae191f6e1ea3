import Foundation

/// One measured figure, printed as `name value unit` (e.g. `receive.units_per_s 412345 units/s`).
struct Figure: Encodable, Sendable {
    var name: String
    var value: Double
    var unit: String

    /// The `name value unit` line.
    var line: String { "\(name) \(Self.format(value)) \(unit)" }

    /// Integers for large values, a few decimals for small ones.
    static func format(_ value: Double) -> String {
        if !value.isFinite { return "nan" }
        if abs(value) >= 100 { return String(format: "%.0f", value) }
        if abs(value) >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }
}

/// Collects figures: prints each line as it is measured, or one JSON document at the end (`--json`).
final class Report {
    let json: Bool
    private(set) var figures: [Figure] = []

    init(json: Bool) { self.json = json }

    /// Records a figure (and prints its line unless the output is JSON).
    func add(_ name: String, _ value: Double, _ unit: String) {
        let figure = Figure(name: name, value: (value * 1000).rounded() / 1000, unit: unit)
        figures.append(figure)
        if !json {
            print(figure.line)
            fflush(nil)
        }
    }

    /// Prints `{"results":[…],"scale":…,"machine":…}` when the output is JSON.
    func finish(scale: Double, machine: String) throws {
        guard json else { return }
        struct Document: Encodable { var results: [Figure]; var scale: Double; var machine: String }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(Document(results: figures, scale: scale, machine: machine)), as: UTF8.self))
    }
}

/// Progress and context go to standard error, so standard output holds only figures.
func note(_ text: String) {
    FileHandle.standardError.write(Data(("# " + text + "\n").utf8))
}
