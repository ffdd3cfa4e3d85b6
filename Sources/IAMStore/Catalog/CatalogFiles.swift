import Foundation
import IAMPolicy

/// Reads the action catalog from `Datasets/catalog/*.tsv` (format in docs/architecture.md) and
/// fills the `actions` table from it.
enum CatalogFiles {
    /// Parsed catalogs by directory: a process reads the 22,000-line catalog once, however many stores it opens.
    nonisolated(unsafe) private static var cache: [String: (ActionCatalog, [String])] = [:]
    private static let cacheLock = NSLock()

    /// The catalog and warnings about missing files or malformed lines (never fatal).
    static func read(directory: URL) -> (ActionCatalog, [String]) {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let hit = cache[directory.path] { return hit }
        let result = parse(directory: directory)
        cache[directory.path] = result
        return result
    }

    static func parse(directory: URL) -> (ActionCatalog, [String]) {
        // The policy layer's one-pass parser: building the catalog entry by entry would
        // re-index it after every entry.
        do {
            let cat = try ActionCatalog.load(directory: directory)
            let w = cat.warnings
            return (cat, w.count > 3 ? Array(w.prefix(3)) + ["\(w.count) catalog warnings in all"] : w)
        } catch {
            return (.empty, ["the action catalog was not loaded: \(error)"])
        }
    }

    /// The `actions` rows of a catalog, computed once per catalog (cached with it).
    struct ActionRow {
        var action, service, name: String
        var serviceName: String?
        var accessLevel, resourceTypes, conditionKeys: String
    }

    nonisolated(unsafe) private static var rowCache: [String: [ActionRow]] = [:]

    static func rows(_ cat: ActionCatalog) -> [ActionRow] {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        let key = "\(cat.version)#\(cat.actions.count)"
        if let hit = rowCache[key] { return hit }
        var patterns: [String: String] = [:]  // "service/type" -> ARN pattern
        for (svc, types) in cat.resourceTypes { for t in types { patterns["\(svc)/\(t.name)"] = t.arnPattern } }
        var out: [ActionRow] = []
        out.reserveCapacity(cat.actions.count)
        for a in cat.actions {
            var rts = "["
            for (i, rt) in a.resourceTypes.enumerated() {
                if i > 0 { rts += "," }
                rts += "{\"type\":" + JSONText.quote(rt.name) + ",\"required\":" + (rt.required ? "true" : "false")
                    + ",\"arn_pattern\":" + (patterns["\(a.service)/\(rt.name)"].map(JSONText.quote) ?? "null") + "}"
            }
            rts += "]"
            out.append(ActionRow(action: a.fullName, service: a.service, name: a.name, serviceName: cat.services[a.service],
                                 accessLevel: a.accessLevel.rawValue, resourceTypes: rts, conditionKeys: JSONText.array(a.conditionKeys)))
        }
        rowCache[key] = out
        return out
    }

    static func fillActionsTable(_ cat: ActionCatalog, database: Database) throws {
        let ins = try database.prepared("INSERT OR REPLACE INTO actions VALUES (?,?,?,?,?,?,?)")
        for r in rows(cat) {
            ins.bind(1, r.action); ins.bind(2, r.service); ins.bind(3, r.name); ins.bind(4, r.serviceName)
            ins.bind(5, r.accessLevel); ins.bind(6, r.resourceTypes); ins.bind(7, r.conditionKeys)
            try ins.step()
        }
    }
}
