import IAMPolicy

/// The `json` mode (one array of objects per result, one object per line) and `jsonl` (one object
/// per line). Numbers are numbers, NULL is null, JSON cells are nested as JSON. Duplicate column
/// names get a `_2`, `_3` suffix so every key of an object is distinct.
enum JSONRenderer {
    static func array(_ table: ResultTable) -> String {
        let keys = distinctKeys(table.columns)
        if table.rows.isEmpty || keys.isEmpty { return "[]\n" }
        var out = "["
        for r in 0..<table.rows.count {
            if r > 0 { out += ",\n " }
            out += object(table, r, keys)
        }
        return out + "]\n"
    }

    static func lines(_ table: ResultTable) -> String {
        let keys = distinctKeys(table.columns)
        guard !keys.isEmpty else { return "" }
        var out = ""
        for r in 0..<table.rows.count { out += object(table, r, keys) + "\n" }
        return out
    }

    static func object(_ table: ResultTable, _ r: Int, _ keys: [String]) -> String {
        "{" + keys.enumerated().map { c, k in k + ": " + table.cell(r, c).jsonLiteral }.joined(separator: ", ") + "}"
    }

    /// Quoted, distinct keys.
    static func distinctKeys(_ columns: [String]) -> [String] {
        var seen: Set<String> = []
        return columns.map { name in
            var key = name
            var n = 2
            while seen.contains(key) { key = "\(name)_\(n)"; n += 1 }
            seen.insert(key)
            return JSONWriter.quote(key)
        }
    }
}
