import IAMStore

extension DotCommands {
    /// What is loaded: tables, schema, loading and scripts.
    static let dataCommands: [DotCommand] = [
        DotCommand(name: "tables", usage: ".tables [PATTERN]", summary: "list tables and views with their row counts",
                   arguments: [.table], maxArguments: 1) { inv in
            try tables(inv.session, pattern: inv.arguments.first)
        },
        DotCommand(name: "schema", usage: ".schema [TABLE]", summary: "show the CREATE statements (with their comments)",
                   arguments: [.table], maxArguments: 1) { inv in
            let store = inv.session.store
            if let table = inv.arguments.first {
                let names = try store.tableNames()
                guard let match = names.first(where: { $0.lowercased() == table.lowercased() }) else {
                    var msg = "no table or view named \"\(table)\""
                    if let near = Suggest.nearest(table, in: names) { msg += "; did you mean \(near)?" }
                    throw ShellError.failed(msg)
                }
                return .text(try store.schemaSQL(table: match))
            }
            return .text(try store.schemaSQL())
        },
        DotCommand(name: "load", usage: ".load PATH...", summary: "load files or snapshot folders (same as load)",
                   arguments: [.path], minArguments: 1, maxArguments: Int.max) { inv in
            let report = inv.session.load(paths: inv.arguments.map(expandPath))
            return CommandResult(failed: report.hasErrors)
        },
        DotCommand(name: "read", usage: ".read SCRIPT", summary: "run the commands in a script file",
                   arguments: [.path], minArguments: 1, maxArguments: 1) { inv in
            // Errors inside the script are reported (and counted) line by line.
            try inv.engine.runScript(path: expandPath(inv.arguments[0]))
            return .empty
        },
    ]

    private static func tables(_ session: Session, pattern: String?) throws -> CommandResult {
        let db = session.store.database
        var sql = "SELECT name, type FROM sqlite_schema WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%'"
        var params: [SQLValue] = []
        if let pattern {
            sql += " AND name LIKE ?"
            params.append(.text(pattern.contains("%") || pattern.contains("_") ? pattern : "%" + pattern + "%"))
        }
        let r = try db.query(sql + " ORDER BY name", params)
        var t = ResultTable(columns: ["name", "type", "rows"])
        for row in r.rows {
            guard let name = row.first?.text else { continue }
            let type = row.count > 1 ? row[1].text ?? "" : ""
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let count = try? db.query("SELECT count(*) FROM \(quoted)").rows.first?.first
            t.append([.text(name), .text(type), count.map(Cell.init) ?? .null])
        }
        return .table(t)
    }
}
