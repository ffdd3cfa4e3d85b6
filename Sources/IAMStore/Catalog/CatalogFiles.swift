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

    /// One TSV file: its `# ` comment (the source and version) and its rows split on tabs.
    /// Byte-level splitting: the catalog is large and read at every start.
    static func tsv(_ url: URL) -> (version: String, rows: [(line: Int, fields: [String])])? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        var version = ""
        var rows: [(Int, [String])] = []
        data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            let b = buf.bindMemory(to: UInt8.self)
            var lineNo = 0
            var start = 0
            while start < b.count {
                var end = start
                while end < b.count, b[end] != 0x0A { end += 1 }
                lineNo += 1
                var stop = end
                if stop > start, b[stop - 1] == 0x0D { stop -= 1 }
                if stop > start {
                    if b[start] == 0x23 {  // '#'
                        if version.isEmpty {
                            var from = start + 1
                            while from < stop, b[from] == 0x20 { from += 1 }
                            version = String(decoding: UnsafeBufferPointer(rebasing: b[from..<stop]), as: UTF8.self)
                        }
                    } else {
                        var fields: [String] = []
                        var f = start
                        for i in start...stop where i == stop || b[i] == 0x09 {
                            fields.append(String(decoding: UnsafeBufferPointer(rebasing: b[f..<i]), as: UTF8.self))
                            f = i + 1
                        }
                        rows.append((lineNo, fields))
                    }
                }
                start = end + 1
            }
        }
        return (version, rows)
    }

    static func parse(directory: URL) -> (ActionCatalog, [String]) {
        var warnings: [String] = []
        func list(_ s: String) -> [String] {
            s.isEmpty ? [] : s.split(separator: ",").map(String.init)
        }
        var cat = ActionCatalog()
        for (_, f) in tsv(directory.appendingPathComponent("services.tsv"))?.rows ?? [] where f.count >= 2 {
            cat.services[f[0]] = f[1]
        }
        for (_, f) in tsv(directory.appendingPathComponent("resource-types.tsv"))?.rows ?? [] where f.count >= 3 {
            cat.resourceTypes[f[0], default: []].append(ActionCatalog.ResourceType(service: f[0], name: f[1], arnPattern: f[2]))
        }
        for (_, f) in tsv(directory.appendingPathComponent("condition-keys.tsv"))?.rows ?? [] where f.count >= 2 {
            cat.conditionKeyTypes[f[0].lowercased()] = f[1]
        }
        let actionsURL = directory.appendingPathComponent("actions.tsv")
        guard let actions = tsv(actionsURL) else {
            warnings.append("\(actionsURL.path): missing; the action catalog is empty")
            return (cat, warnings)
        }
        cat.version = actions.version
        cat.actions.reserveCapacity(actions.rows.count)
        var bad = 0
        for (line, f) in actions.rows {
            guard f.count >= 3, let level = ActionCatalog.AccessLevel(rawValue: f[2]) else {
                bad += 1
                if bad <= 3 { warnings.append("\(actionsURL.path): line \(line): expected service, action, access level, resource types, condition keys") }
                continue
            }
            let rts: [(name: String, required: Bool)] = list(f.count > 3 ? f[3] : "").map { t in
                t.hasSuffix("*") ? (String(t.dropLast()), true) : (t, false)
            }
            cat.actions.append(ActionCatalog.Action(service: f[0], name: f[1], accessLevel: level,
                                                    resourceTypes: rts, conditionKeys: list(f.count > 4 ? f[4] : "")))
        }
        if bad > 3 { warnings.append("\(actionsURL.path): \(bad) malformed lines in all") }
        return (cat, warnings)
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
