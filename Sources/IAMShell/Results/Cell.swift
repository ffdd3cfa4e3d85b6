import IAMPolicy
import IAMStore

/// One value of a result table. SQL results map onto the first five cases; commands may also
/// return booleans and JSON values (lists, policy documents), which the JSON modes emit as real
/// JSON and the text modes print as text.
public enum Cell: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)
    /// A JSON value; `multiline` prints it indented in the text modes (policy documents in a card).
    case json(JSONValue, multiline: Bool = false)

    public init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case .integer(let i): self = .integer(i)
        case .real(let d): self = .real(d)
        case .text(let s): self = .text(s)
        case .blob(let b): self = .blob(b)
        }
    }

    /// Optional text: nil becomes NULL.
    public static func text(_ s: String?) -> Cell { s.map { .text($0) } ?? .null }
    public static func int(_ i: Int?) -> Cell { i.map { .integer(Int64($0)) } ?? .null }
    /// A list of strings as a JSON array.
    public static func list(_ items: [String]) -> Cell { .json(.array(items.map { .string($0) })) }

    public var isNull: Bool { if case .null = self { return true }; return false }

    /// Numbers are right-aligned in the grid modes.
    public var isNumeric: Bool {
        switch self {
        case .integer, .real: return true
        default: return false
        }
    }

    /// The text people see in the table, box, markdown and line modes; nil for NULL.
    public var displayText: String? {
        switch self {
        case .null: return nil
        case .integer(let i): return String(i)
        case .real(let d): return SQLValue.real(d).text
        case .text(let s): return s
        case .blob(let b): return SQLValue.blob(b).text
        case .bool(let b): return b ? "true" : "false"
        case .json(let v, let multiline): return multiline ? JSONWriter.pretty(v) : JSONWriter.compact(v)
        }
    }

    /// The text of the csv and tsv modes: like `displayText`, with NULL as an empty field and
    /// JSON always compact (one record per line matters more there).
    public var plainText: String {
        switch self {
        case .null: return ""
        case .json(let v, _): return JSONWriter.compact(v)
        default: return displayText ?? ""
        }
    }

    /// The JSON literal of the json and jsonl modes: numbers as numbers, NULL as null.
    public var jsonLiteral: String {
        switch self {
        case .null: return "null"
        case .integer(let i): return String(i)
        case .real(let d):
            guard d.isFinite else { return "null" }
            if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) + ".0" }
            return String(d)
        case .text(let s): return JSONWriter.quote(s)
        case .blob: return JSONWriter.quote(displayText ?? "")
        case .bool(let b): return b ? "true" : "false"
        case .json(let v, _): return JSONWriter.compact(v)
        }
    }
}

extension Cell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(Int64(value)) }
}
