/// The `line` mode: one `column = value` line per column, names right-aligned, a blank line
/// between rows. Multi-line values continue under the first value line.
enum LineRenderer {
    static func render(_ table: ResultTable) -> String {
        let names = table.columns.map { TextLayout.lines($0).joined(separator: " ") }
        let width = names.map { TextLayout.width($0) }.max() ?? 0
        let indent = String(repeating: " ", count: width + 3)
        var out = ""
        for r in 0..<table.rows.count {
            if r > 0 { out += "\n" }
            for (c, name) in names.enumerated() {
                let lines = TextLayout.lines(table.cell(r, c).displayText ?? "NULL")
                out += TextLayout.pad(name, to: width, right: true) + " = " + lines[0] + "\n"
                for l in lines.dropFirst() { out += indent + l + "\n" }
            }
        }
        return out
    }
}
