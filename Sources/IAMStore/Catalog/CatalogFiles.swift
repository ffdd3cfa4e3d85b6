import Foundation
import IAMPolicy

/// Reads the action catalog from `Datasets/catalog/*.tsv` (format in docs/architecture.md) and
/// fills the `actions` table from it.
enum CatalogFiles {
    /// The catalog and warnings about missing files or malformed lines (never fatal).
    static func read(directory: URL) -> (ActionCatalog, [String]) {
        var warnings: [String] = []
        func lines(_ name: String, required: Bool) -> (version: String, rows: [(Int, [Substring])]) {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                if required { warnings.append("\(url.path): missing; the action catalog is incomplete") }
                return ("", [])
            }
            var version = ""
            var rows: [(Int, [Substring])] = []
            let text = String(decoding: data, as: UTF8.self)
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = line.hasSuffix("\r") ? line.dropLast() : line
                if l.isEmpty { continue }
                if l.hasPrefix("#") {
                    if version.isEmpty { version = String(l.dropFirst()).trimmingCharacters(in: .whitespaces) }
                    continue
                }
                rows.append((i + 1, l.split(separator: "\t", omittingEmptySubsequences: false)))
            }
            return (version, rows)
        }
        func list(_ s: Substring?) -> [String] {
            guard let s, !s.isEmpty else { return [] }
            return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        var cat = ActionCatalog()
        let services = lines("services.tsv", required: false)
        for (_, f) in services.rows where f.count >= 2 { cat.services[String(f[0])] = String(f[1]) }
        let types = lines("resource-types.tsv", required: false)
        for (_, f) in types.rows where f.count >= 3 {
            cat.resourceTypes[String(f[0]), default: []].append(ActionCatalog.ResourceType(service: String(f[0]), name: String(f[1]), arnPattern: String(f[2])))
        }
        let keys = lines("condition-keys.tsv", required: false)
        for (_, f) in keys.rows where f.count >= 2 { cat.conditionKeyTypes[f[0].lowercased()] = String(f[1]) }
        let actions = lines("actions.tsv", required: true)
        cat.version = actions.version
        var bad = 0
        for (line, f) in actions.rows {
            guard f.count >= 3, let level = ActionCatalog.AccessLevel(rawValue: String(f[2])) else {
                bad += 1
                if bad <= 3 { warnings.append("\(directory.appendingPathComponent("actions.tsv").path): line \(line): expected service, action, access level, resource types, condition keys") }
                continue
            }
            let rts: [(name: String, required: Bool)] = list(f.count > 3 ? f[3] : nil).map { t in
                t.hasSuffix("*") ? (String(t.dropLast()), true) : (t, false)
            }
            cat.actions.append(ActionCatalog.Action(service: String(f[0]), name: String(f[1]), accessLevel: level,
                                                    resourceTypes: rts, conditionKeys: list(f.count > 4 ? f[4] : nil)))
        }
        if bad > 3 { warnings.append("actions.tsv: \(bad) malformed lines in all") }
        return (cat, warnings)
    }

    static func fillActionsTable(_ cat: ActionCatalog, database: Database) throws {
        let ins = try database.prepared("INSERT OR REPLACE INTO actions VALUES (?,?,?,?,?,?,?)")
        for a in cat.actions {
            let patterns = Dictionary((cat.resourceTypes[a.service] ?? []).map { ($0.name, $0.arnPattern) }, uniquingKeysWith: { x, _ in x })
            var rts = "["
            for (i, rt) in a.resourceTypes.enumerated() {
                if i > 0 { rts += "," }
                rts += "{\"type\":" + JSONWriter.quote(rt.name) + ",\"required\":" + (rt.required ? "true" : "false")
                    + ",\"arn_pattern\":" + (patterns[rt.name].map(JSONWriter.quote) ?? "null") + "}"
            }
            rts += "]"
            ins.bind(1, a.fullName); ins.bind(2, a.service); ins.bind(3, a.name); ins.bind(4, cat.services[a.service])
            ins.bind(5, a.accessLevel.rawValue); ins.bind(6, rts); ins.bind(7, JSONText.array(a.conditionKeys))
            try ins.step()
        }
    }
}
