extension SerialExpression {
    /// A compact expression naming `serials`: they are sorted (by text around the last number,
    /// then digit width, then number), runs of three or more consecutive numbers with the same
    /// prefix, suffix and width become `FIRST..LAST`, and the rest are listed, comma-separated,
    /// in double quotes when they would not parse back as themselves.
    ///
    /// For distinct valid serials (`isValidSerial`), `expand(compact(x))` is `x` in that sorted
    /// order. Duplicates are kept (the result then fails to expand) and invalid serials are
    /// quoted as they are (the result then fails to parse). An empty list gives `""`, which
    /// `init` rejects as an empty expression.
    public static func compact(_ serials: [String]) -> String {
        let entries = serials.map(CompactEntry.init)
        let keys = CompactEntry.sortedKeys(of: entries)
        var parts: [String] = []
        var i = 0
        while i < keys.count {
            var last = i
            while last + 1 < keys.count && CompactEntry.follows(keys[last + 1], keys[last], in: entries) {
                last += 1
            }
            if last - i >= 2 {
                parts.append(entries[keys[i].index].serial + ".." + entries[keys[last].index].serial)
            } else {
                for k in i...last { parts.append(entries[keys[k].index].literal) }
            }
            i = last + 1
        }
        return parts.joined(separator: ", ")
    }
}
