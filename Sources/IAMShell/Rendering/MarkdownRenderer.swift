/// The `markdown` mode: a GitHub-flavoured pipe table. Pipes are escaped, line breaks become
/// `<br>`, numeric columns are right-aligned.
enum MarkdownRenderer {
    static func render(_ table: ResultTable, headers: Bool) -> String {
        let n = table.columns.count
        guard n > 0 else { return "" }
        let head = table.columns.map(escape)
        let body = (0..<table.rows.count).map { r in (0..<n).map { escape(table.cell(r, $0).displayText ?? "NULL") } }
        var widths = head.map { max(3, TextLayout.width($0)) }
        for row in body { for (c, s) in row.enumerated() { widths[c] = max(widths[c], TextLayout.width(s)) } }
        let numeric = GridRenderer.numericColumns(table)
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { c, s in TextLayout.pad(s, to: widths[c], right: numeric[c]) }.joined(separator: " | ") + " |\n"
        }
        var out = ""
        if headers {
            out += line(head)
            out += "|" + widths.enumerated().map { c, w in
                numeric[c] ? String(repeating: "-", count: w + 1) + ":" : String(repeating: "-", count: w + 2)
            }.joined(separator: "|") + "|\n"
        }
        for row in body { out += line(row) }
        return out
    }

    static func escape(_ s: String) -> String {
        TextLayout.lines(s).joined(separator: "<br>").replacingOccurrences(of: "|", with: "\\|")
    }
}
