/// The output modes of `.mode` and `--format`.
public enum OutputMode: String, Sendable, Hashable, CaseIterable {
    case table
    case box
    case csv
    case tsv
    case json
    case jsonl
    case markdown
    case line

    public init?(name: String) {
        let n = name.lowercased()
        switch n {
        case "md": self = .markdown
        case "tabs": self = .tsv
        case "ndjson": self = .jsonl
        default: self.init(rawValue: n)
        }
    }

    /// Machine-readable modes: never wrapped or truncated, NULL as empty or null.
    public var isMachineReadable: Bool {
        switch self {
        case .csv, .tsv, .json, .jsonl: return true
        default: return false
        }
    }

    public static var names: [String] { allCases.map(\.rawValue) }
}
