/// A command failure, reported as `error: MESSAGE` (with `script:line:` in front inside a script).
public enum ShellError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The command was called wrongly (unknown option, missing argument…).
    case usage(String)
    /// The command ran and failed.
    case failed(String)
    /// The statement was cancelled with Ctrl-C.
    case interrupted

    public var description: String {
        switch self {
        case .usage(let m), .failed(let m): return m
        case .interrupted: return "interrupted"
        }
    }
}
