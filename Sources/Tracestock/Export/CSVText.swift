import TracestockCore

/// CSV output (RFC 4180 quoting), shared by the CLI's `--csv` files and the API's `text/csv` answers.
public enum CSVText {
    /// One field, quoted when it holds a comma, a quote or a line break. A field a spreadsheet
    /// would run as a formula (`=`, `+`, `-`, `@` first, and not a number) gets a leading `'`:
    /// order ids, customer references and titles come from outside.
    public static func escape(_ field: String) -> String {
        var text = field
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Rows of fields as CSV text, each line ending in a newline.
    public static func lines(_ rows: [[String]]) -> String {
        rows.map { $0.map(escape).joined(separator: ",") + "\n" }.joined()
    }
}

extension RecallReport {
    /// The groups as CSV: `state,location,order,shipped_at,customer,lot,quantity,serials` (serials space-separated).
    public var csvText: String {
        CSVText.lines([["state", "location", "order", "shipped_at", "customer", "lot", "quantity", "serials"]] + groups.map { g in
            [g.state, g.location ?? "", g.order ?? "", g.shippedAt ?? "", g.customer ?? "", g.lot ?? "", String(g.quantity),
             g.serials.joined(separator: " ")]
        })
    }
}

extension ReturnRecord {
    /// Returns as CSV for claims: `seq,date,order,sku,lot,quantity,serials,claimed,verdict,reason,location`.
    public static func csvText(_ records: [ReturnRecord]) -> String {
        CSVText.lines([["seq", "date", "order", "sku", "lot", "quantity", "serials", "claimed", "verdict", "reason", "location"]] + records.map { r in
            [String(r.seq), r.at, r.order ?? "", r.sku, r.lot ?? "", String(r.quantity), r.serials.joined(separator: " "),
             r.claimed ?? "", r.verdict ?? "", r.reason ?? "", r.location ?? ""]
        })
    }
}
