/// The `table` (ASCII) and `box` (Unicode box drawing) modes: aligned columns, numbers right-aligned,
/// long cells wrapped at `maxColumnWidth` and the whole table fitted to the terminal when known.
struct GridRenderer {
    struct Style {
        var horizontal: String, vertical: String
        var topLeft: String, topMid: String, topRight: String
        var midLeft: String, midMid: String, midRight: String
        var bottomLeft: String, bottomMid: String, bottomRight: String

        static let ascii = Style(horizontal: "-", vertical: "|", topLeft: "+", topMid: "+", topRight: "+",
                                 midLeft: "+", midMid: "+", midRight: "+", bottomLeft: "+", bottomMid: "+", bottomRight: "+")
        static let box = Style(horizontal: "─", vertical: "│", topLeft: "┌", topMid: "┬", topRight: "┐",
                               midLeft: "├", midMid: "┼", midRight: "┤", bottomLeft: "└", bottomMid: "┴", bottomRight: "┘")
    }

    var style: Style
    var headers: Bool
    var terminalWidth: Int?
    var maxColumnWidth: Int
    /// Columns never shrink below this when fitting to the terminal.
    static let minColumnWidth = 8

    func render(_ table: ResultTable) -> String {
        let n = table.columns.count
        guard n > 0 else { return "" }
        let headerLines = table.columns.map { TextLayout.lines($0) }
        var cellLines: [[[String]]] = []
        cellLines.reserveCapacity(table.rows.count)
        for r in 0..<table.rows.count {
            cellLines.append((0..<n).map { TextLayout.lines(table.cell(r, $0).displayText ?? "NULL") })
        }
        let widths = columnWidths(headerLines: headerLines, cellLines: cellLines)

        var out = ""
        out += border(widths, style.topLeft, style.topMid, style.topRight)
        if headers {
            out += physicalLines(headerLines, widths: widths, rightAlign: Array(repeating: false, count: n))
            out += border(widths, style.midLeft, style.midMid, style.midRight)
        }
        let right = Self.numericColumns(table)
        for r in 0..<cellLines.count {
            out += physicalLines(cellLines[r], widths: widths, rightAlign: right)
        }
        out += border(widths, style.bottomLeft, style.bottomMid, style.bottomRight)
        return out
    }

    /// Columns whose cells are all numbers (NULLs aside) are right-aligned.
    static func numericColumns(_ table: ResultTable) -> [Bool] {
        (0..<table.columns.count).map { c in
            var any = false
            for r in 0..<table.rows.count {
                let cell = table.cell(r, c)
                if cell.isNull { continue }
                if !cell.isNumeric { return false }
                any = true
            }
            return any
        }
    }

    func columnWidths(headerLines: [[String]], cellLines: [[[String]]]) -> [Int] {
        let cap = max(1, maxColumnWidth)
        var widths = headerLines.map { lines in min(cap, lines.map { TextLayout.width($0) }.max() ?? 0) }
        for row in cellLines {
            for (c, lines) in row.enumerated() {
                for l in lines where widths[c] < cap {
                    widths[c] = min(cap, max(widths[c], TextLayout.width(l)))
                }
            }
        }
        widths = widths.map { max(1, $0) }
        if let tw = terminalWidth {
            // Borders take 3 columns per column plus one; shrink the widest column until it fits.
            var total = widths.reduce(0, +) + 3 * widths.count + 1
            while total > tw {
                guard let i = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[i] > Self.minColumnWidth else { break }
                widths[i] -= 1
                total -= 1
            }
        }
        return widths
    }

    func border(_ widths: [Int], _ left: String, _ mid: String, _ right: String) -> String {
        left + widths.map { String(repeating: style.horizontal, count: $0 + 2) }.joined(separator: mid) + right + "\n"
    }

    /// One logical row as as many physical lines as its tallest wrapped cell needs.
    func physicalLines(_ cells: [[String]], widths: [Int], rightAlign: [Bool]) -> String {
        let wrapped = cells.enumerated().map { c, lines in lines.flatMap { TextLayout.wrap($0, to: widths[c]) } }
        let height = wrapped.map(\.count).max() ?? 1
        var out = ""
        for i in 0..<height {
            out += style.vertical
            for (c, lines) in wrapped.enumerated() {
                let text = i < lines.count ? lines[i] : ""
                out += " " + TextLayout.pad(text, to: widths[c], right: rightAlign[c]) + " " + style.vertical
            }
            out += "\n"
        }
        return out
    }
}
