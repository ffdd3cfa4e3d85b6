/// The settings of a shell session that dot-commands and options change.
public struct ShellSettings: Sendable, Hashable {
    public var mode: OutputMode = .table
    public var headers = true
    /// Print the time each command took (to the info stream).
    public var timer = false
    /// Stop a script (and non-interactive input) at the first error.
    public var bail = false
    /// Terminal width for fitting table and box output; nil when output is not a terminal.
    public var terminalWidth: Int?
    /// Widest a table or box column grows before its cells wrap.
    public var maxColumnWidth = 80
    public init() {}
}
