import Tracestock

/// A table the server sorts: each header links to `?sort=KEY&dir=asc|desc`, so sorting works
/// without JavaScript and the same order goes into the CSV download.
struct SortableTable {
    struct Column {
        var key: String
        var label: String
        var numeric: Bool
    }
    enum Value {
        case text(String)
        case number(Double?, String)

        var display: String {
            switch self {
            case .text(let text): text
            case .number(_, let text): text
            }
        }
    }

    struct HeaderModel {
        var label: String
        var path: String
        var numeric: Bool
        var ariaSort: String?
        var arrow: String
    }
    struct CellModel {
        var text: String
        var numeric: Bool
    }
    struct RowModel {
        var cells: [CellModel]
    }
    struct Model {
        var headers: [HeaderModel]
        var rows: [RowModel]
        var csvPath: String
        var empty: Bool
    }

    var columns: [Column]
    var rows: [[Value]]

    /// Rows ordered by the `sort` and `dir` query fields (unknown keys keep the given order).
    func sorted(by form: WebForm) -> [[Value]] {
        guard let key = form["sort"], let index = columns.firstIndex(where: { $0.key == key }) else { return rows }
        let descending = form["dir"] == "desc"
        let ordered = rows.enumerated().sorted { a, b in
            let order = Self.compare(a.element[index], b.element[index])
            if order == 0 { return a.offset < b.offset }
            return descending ? order > 0 : order < 0
        }
        return ordered.map(\.element)
    }

    static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.number(let x, _), .number(let y, _)):
            // Missing numbers sort last in ascending order.
            switch (x, y) {
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            case (let x?, let y?): return x < y ? -1 : (x > y ? 1 : 0)
            }
        default:
            let x = a.display, y = b.display
            return x < y ? -1 : (x > y ? 1 : 0)
        }
    }

    func model(path: String, form: WebForm) -> Model {
        let current = form["sort"]
        let descending = form["dir"] == "desc"
        let headers = columns.map { column in
            let active = column.key == current
            let nextDir = active && !descending ? "desc" : "asc"
            return HeaderModel(label: column.label, path: "\(path)?sort=\(column.key)&dir=\(nextDir)", numeric: column.numeric,
                               ariaSort: active ? (descending ? "descending" : "ascending") : nil,
                               arrow: active ? (descending ? " ▼" : " ▲") : "")
        }
        let rows = sorted(by: form).map { row in
            RowModel(cells: zip(columns, row).map { CellModel(text: $1.display, numeric: $0.numeric) })
        }
        let query = current.map { "?sort=\(WebForm.encode($0))&dir=\(descending ? "desc" : "asc")" } ?? ""
        return Model(headers: headers, rows: rows, csvPath: path + ".csv" + query, empty: rows.isEmpty)
    }

    func csv(form: WebForm) -> String {
        CSVText.lines([columns.map(\.key)] + sorted(by: form).map { $0.map(\.display) })
    }
}
