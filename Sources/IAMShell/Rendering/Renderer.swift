/// Turns a result table into text in one output mode. Pure: the engine decides where the text goes.
public struct Renderer: Sendable {
    public var mode: OutputMode
    public var headers: Bool
    /// Terminal width to fit table and box output into; nil when not writing to a terminal.
    public var terminalWidth: Int?
    /// Widest a table or box column may grow before its cells wrap.
    public var maxColumnWidth: Int

    public init(mode: OutputMode, headers: Bool = true, terminalWidth: Int? = nil, maxColumnWidth: Int = 80) {
        self.mode = mode
        self.headers = headers
        self.terminalWidth = terminalWidth
        self.maxColumnWidth = maxColumnWidth
    }

    /// The rendered text, ending with a newline unless empty.
    public func render(_ table: ResultTable) -> String {
        switch mode {
        case .table: return GridRenderer(style: .ascii, headers: headers, terminalWidth: terminalWidth, maxColumnWidth: maxColumnWidth).render(table)
        case .box: return GridRenderer(style: .box, headers: headers, terminalWidth: terminalWidth, maxColumnWidth: maxColumnWidth).render(table)
        case .csv: return DelimitedRenderer.csv(table, headers: headers)
        case .tsv: return DelimitedRenderer.tsv(table, headers: headers)
        case .json: return JSONRenderer.array(table)
        case .jsonl: return JSONRenderer.lines(table)
        case .markdown: return MarkdownRenderer.render(table, headers: headers)
        case .line: return LineRenderer.render(table)
        }
    }
}
