import Foundation
import IAMAnalysis
import IAMPolicy

/// The loaded state of a shell: the snapshot model (for the solver) and its SQLite mirror
/// (for SQL). A failed or partly bad load never loses what was loaded before.
public final class Store: @unchecked Sendable {
    public let database: Database
    public private(set) var snapshot = Snapshot()
    /// "Now" for days_since(), unused-access windows and aws:CurrentTime. Settable for reproducible audits.
    public var now: Date

    public init(now: Date = Date()) throws {
        self.now = now
        database = try Database()
        try database.execute(Schema.createSQL)
    }

    /// Loads files or folders (snapshot folders, loose files, single files) and merges them in.
    public func load(paths: [String], progress: (@Sendable (LoadProgress) -> Void)? = nil) -> LoadReport {
        var report = LoadReport()
        report.diagnostics.append(LoadDiagnostic(file: paths.joined(separator: " "), message: "loading is not implemented yet"))
        return report
    }

    /// Runs SQL (one or more statements); returns the result of each statement that returns rows.
    public func run(sql: String) throws -> [QueryResult] { try database.run(sql) }

    /// Table and view names, for `.tables` and completion.
    public func tableNames() throws -> [String] {
        try database.query("SELECT name FROM sqlite_schema WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .rows.compactMap { $0.first?.text }
    }

    /// Column names of a table, for completion.
    public func columnNames(of table: String) throws -> [String] {
        try database.query("SELECT name FROM pragma_table_info(?)", [.text(table)]).rows.compactMap { $0.first?.text }
    }

    /// The CREATE statements, for `.schema`.
    public func schemaSQL(table: String? = nil) throws -> String {
        let r: QueryResult
        if let table {
            r = try database.query("SELECT sql FROM sqlite_schema WHERE name = ? AND sql IS NOT NULL", [.text(table)])
        } else {
            r = try database.query("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name")
        }
        return r.rows.compactMap { $0.first?.text.map { $0 + ";" } }.joined(separator: "\n")
    }

    /// Interrupts a running statement (Ctrl-C).
    public func interrupt() { database.interrupt() }
}
