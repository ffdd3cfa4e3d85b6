/// A value in or out of SQLite.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var text: String? {
        switch self {
        case .null: return nil
        case .integer(let i): return String(i)
        case .real(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) + ".0" : String(d)
        case .text(let s): return s
        case .blob(let b): return "x'" + b.map { b in let h = String(b, radix: 16); return h.count == 1 ? "0" + h : h }.joined() + "'"
        }
    }

    public var isNull: Bool { if case .null = self { return true }; return false }
}

/// The rows a statement returned.
public struct QueryResult: Sendable {
    public var columns: [String]
    public var rows: [[SQLValue]]
    public init(columns: [String], rows: [[SQLValue]]) { self.columns = columns; self.rows = rows }
}

public struct SQLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var sql: String?
    public init(_ message: String, sql: String? = nil) { self.message = message; self.sql = sql }
    public var description: String { message }
}
