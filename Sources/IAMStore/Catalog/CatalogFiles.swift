import Foundation
import IAMPolicy

/// Reads the action catalog from `Datasets/catalog/*.tsv` (format in docs/architecture.md) and
/// fills the `actions` table from it.
enum CatalogFiles {
    /// The catalog and warnings about missing or malformed files (never fatal: without a catalog
    /// the solver still works, but cannot expand wildcards or scope NotAction).
    static func read(directory: URL) -> (ActionCatalog, [String]) {
        do {
            let cat = try ActionCatalog.load(directory: directory)
            return (cat, cat.warnings.count > 3 ? Array(cat.warnings.prefix(3)) + ["\(cat.warnings.count) catalog warnings in all"] : cat.warnings)
        } catch {
            return (.empty, ["the action catalog was not loaded: \(error)"])
        }
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
