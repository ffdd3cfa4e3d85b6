import IAMStore

/// What every command returns: named columns and rows of cells, rendered in the current mode.
public struct ResultTable: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    public init(_ result: QueryResult) {
        columns = result.columns
        rows = result.rows.map { $0.map(Cell.init) }
    }

    public mutating func append(_ row: [Cell]) { rows.append(row) }

    /// Cell at a row, or NULL when a row is shorter than the header (never traps on ragged rows).
    public func cell(_ row: Int, _ column: Int) -> Cell {
        guard row < rows.count, column < rows[row].count else { return .null }
        return rows[row][column]
    }
}

/// One piece of a command's output: a table rendered in the current mode, or text that is
/// already in its final form (help, `.schema`, or a graph drawn for `--format dot`).
public enum CommandOutput: Sendable, Hashable {
    case table(ResultTable)
    case text(String)
}

/// The outcome of one command: its outputs, and whether it failed (a failed command may still
/// produce output, e.g. a load that loaded the valid files and skipped the bad ones).
public struct CommandResult: Sendable {
    public var outputs: [CommandOutput]
    public var failed: Bool

    public init(_ outputs: [CommandOutput] = [], failed: Bool = false) {
        self.outputs = outputs
        self.failed = failed
    }

    public static func table(_ t: ResultTable) -> CommandResult { CommandResult([.table(t)]) }
    public static func text(_ s: String) -> CommandResult { CommandResult([.text(s)]) }
    public static let empty = CommandResult()
}
