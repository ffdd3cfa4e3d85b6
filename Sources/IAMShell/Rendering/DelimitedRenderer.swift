/// The `csv` (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted, quotes
/// doubled) and `tsv` (tabs, newlines and backslashes escaped as `\t`, `\n`, `\\`) modes. Never
/// wrapped or truncated; NULL is an empty field.
enum DelimitedRenderer {
    static func csv(_ table: ResultTable, headers: Bool) -> String {
        guard !table.columns.isEmpty else { return "" }
        var out = ""
        if headers { out += table.columns.map(csvField).joined(separator: ",") + "\r\n" }
        for r in 0..<table.rows.count {
            out += (0..<table.columns.count).map { csvField(table.cell(r, $0).plainText) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        let needsQuotes = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func tsv(_ table: ResultTable, headers: Bool) -> String {
        guard !table.columns.isEmpty else { return "" }
        var out = ""
        if headers { out += table.columns.map(tsvField).joined(separator: "\t") + "\n" }
        for r in 0..<table.rows.count {
            out += (0..<table.columns.count).map { tsvField(table.cell(r, $0).plainText) }.joined(separator: "\t") + "\n"
        }
        return out
    }

    static func tsvField(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
