/// Decides what a line of input starts: SQL (which may continue over lines until complete), a
/// dot-command or a domain command (one line each), or nothing to run.
public enum InputClassifier {
    public enum Kind: Sendable, Hashable {
        case blank
        /// `-- …` (SQL style) or `#…` (a script's `#!` line): skipped.
        case comment
        case dotCommand
        case sql
        case command
    }

    /// Words that start an SQL statement.
    public static let sqlKeywords: [String] = [
        "SELECT", "WITH", "PRAGMA", "CREATE", "INSERT", "UPDATE", "DELETE", "DROP", "EXPLAIN", "VALUES",
        "ATTACH", "ALTER", "REPLACE", "ANALYZE", "VACUUM", "BEGIN", "COMMIT", "END", "ROLLBACK",
        "SAVEPOINT", "RELEASE", "REINDEX", "DETACH",
    ]
    static let sqlKeywordSet = Set(sqlKeywords)

    public static func classify(_ line: String) -> Kind {
        let t = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = t.first else { return .blank }
        if t.hasPrefix("--") || first == "#" { return .comment }
        if first == "." { return .dotCommand }
        if first == "(" || t.hasPrefix("/*") { return .sql }
        let word = t.prefix { $0.isLetter || $0 == "_" }
        return isSQLKeyword(String(word)) ? .sql : .command
    }

    public static func isSQLKeyword(_ word: String) -> Bool { sqlKeywordSet.contains(word.uppercased()) }
}
