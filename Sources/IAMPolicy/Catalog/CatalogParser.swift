import Foundation

/// A malformed line in one of the catalog files.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public init(file: String, line: Int, message: String) { self.file = file; self.line = line; self.message = message }
    public var description: String { "\(file):\(line): \(message)" }
}

extension ActionCatalog {
    public static let fileNames = (actions: "actions.tsv", resourceTypes: "resource-types.tsv",
                                   conditionKeys: "condition-keys.tsv", services: "services.tsv")

    /// Reads the four catalog files from `directory` (`Datasets/catalog/`).
    public static func load(directory: URL) throws -> ActionCatalog {
        func read(_ name: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            do { return try String(contentsOf: url, encoding: .utf8) } catch {
                throw CatalogError(file: url.path, line: 0, message: "cannot read the catalog file: \(error.localizedDescription)")
            }
        }
        return try parse(actions: read(fileNames.actions), resourceTypes: read(fileNames.resourceTypes),
                         conditionKeys: read(fileNames.conditionKeys), services: read(fileNames.services))
    }

    /// Parses the catalog TSV files (format in docs/architecture.md, "Action catalog"):
    ///  - actions.tsv: `service⇥Action⇥access level⇥resource types⇥condition keys` — resource types
    ///    comma-separated, a trailing `*` marks a required one, empty when the action applies only to `*`;
    ///  - resource-types.tsv: `service⇥type⇥ARN pattern⇥condition keys`;
    ///  - condition-keys.tsv: `key⇥type`;
    ///  - services.tsv: `prefix⇥service name`.
    /// Lines starting with `#` are comments; the first one of actions.tsv names the source version.
    /// Malformed lines throw a `CatalogError` naming the file and line; references to undefined
    /// services or resource types are kept and listed in `warnings`.
    public static func parse(actions: String, resourceTypes: String, conditionKeys: String, services: String) throws -> ActionCatalog {
        let names = fileNames
        var serviceNames: [String: String] = [:]
        for (n, cols) in rows(services) {
            guard cols.count >= 2, !cols[0].isEmpty else {
                throw CatalogError(file: names.services, line: n, message: "expected prefix<TAB>service name, found \(cols.count) column(s)")
            }
            let prefix = cols[0].lowercased()
            guard serviceNames[prefix] == nil else {
                throw CatalogError(file: names.services, line: n, message: "duplicate service prefix \"\(prefix)\"")
            }
            serviceNames[prefix] = cols[1]
        }

        var types: [String: [ResourceType]] = [:]
        var typeNames = Set<String>()
        for (n, cols) in rows(resourceTypes) {
            guard (3...4).contains(cols.count), !cols[0].isEmpty, !cols[1].isEmpty else {
                throw CatalogError(file: names.resourceTypes, line: n, message: "expected service<TAB>type<TAB>ARN pattern<TAB>condition keys, found \(cols.count) column(s)")
            }
            guard cols[2].hasPrefix("arn:") || cols[2] == "*" else {
                throw CatalogError(file: names.resourceTypes, line: n, message: "expected an ARN pattern starting with \"arn:\", found \"\(cols[2])\"")
            }
            let service = cols[0].lowercased()
            guard typeNames.insert(CatalogIndex.typeKey(service, cols[1])).inserted else {
                throw CatalogError(file: names.resourceTypes, line: n, message: "duplicate resource type \"\(cols[1])\" for service \"\(service)\"")
            }
            var t = ResourceType(service: service, name: cols[1], arnPattern: cols[2])
            t.conditionKeys = cols.count > 3 ? Self.list(cols[3]) : []
            types[service, default: []].append(t)
        }

        var keyTypes: [String: String] = [:]
        for (n, cols) in rows(conditionKeys) {
            guard cols.count == 2, !cols[0].isEmpty, !cols[1].isEmpty else {
                throw CatalogError(file: names.conditionKeys, line: n, message: "expected key<TAB>type, found \(cols.count) column(s)")
            }
            keyTypes[cols[0].lowercased()] = cols[1]
        }

        var parsed: [Action] = []
        var seen: [String: Int] = [:]
        var warnings: [String] = []
        for (n, cols) in rows(actions) {
            guard (3...5).contains(cols.count) else {
                throw CatalogError(file: names.actions, line: n, message: "expected service<TAB>Action<TAB>access level<TAB>resource types<TAB>condition keys, found \(cols.count) column(s)")
            }
            let service = cols[0].lowercased(), name = cols[1]
            // Byte checks: String.contains(String) goes through Foundation and dominated the load time.
            guard !service.isEmpty, !name.isEmpty,
                  !service.utf8.contains(UInt8(ascii: ":")), !name.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: " ") }) else {
                throw CatalogError(file: names.actions, line: n, message: "expected a service prefix and an action name, found \"\(cols[0])\" and \"\(name)\"")
            }
            guard let level = AccessLevel(text: cols[2]) else {
                throw CatalogError(file: names.actions, line: n, message: "unknown access level \"\(cols[2])\"; expected one of \(AccessLevel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let full = "\(service):\(name.lowercased())"
            if let first = seen[full] {
                throw CatalogError(file: names.actions, line: n, message: "duplicate action \(service):\(name) (first on line \(first))")
            }
            seen[full] = n
            if !serviceNames.isEmpty, serviceNames[service] == nil {
                warnings.append("\(names.actions):\(n): service \"\(service)\" is not in \(names.services)")
            }
            var rtypes: [(name: String, required: Bool)] = []
            for item in cols.count > 3 ? Self.list(cols[3]) : [] {
                let required = item.hasSuffix("*")
                let typeName = required ? String(item.dropLast()) : item
                if !typeNames.contains(CatalogIndex.typeKey(service, typeName)) {
                    warnings.append("\(names.actions):\(n): resource type \"\(typeName)\" of \(service):\(name) is not in \(names.resourceTypes)")
                }
                rtypes.append((typeName, required))
            }
            parsed.append(Action(service: service, name: name, accessLevel: level, resourceTypes: rtypes,
                               conditionKeys: cols.count > 4 ? Self.list(cols[4]) : []))
        }

        var catalog = ActionCatalog(version: versionLine(actions), services: serviceNames, actions: parsed,
                                    resourceTypes: types, conditionKeyTypes: keyTypes)
        catalog.warnings = warnings
        return catalog
    }

    /// Non-comment, non-empty lines with their 1-based numbers, split on tabs, fields trimmed of
    /// spaces. Works on UTF-8 bytes: the catalog has ~22,000 lines and loads at every start.
    static func rows(_ text: String) -> [(Int, [String])] {
        withUTF8Bytes(text) { v in
            var out: [(Int, [String])] = []
            var n = 0
            var lineStart = 0
            let count = v.count
            while lineStart <= count {
                var lineEnd = lineStart
                while lineEnd < count, v[lineEnd] != 0x0A { lineEnd += 1 }
                n += 1
                var end = lineEnd
                if end > lineStart, v[end - 1] == 0x0D { end -= 1 }
                if end > lineStart, v[lineStart] != UInt8(ascii: "#") {
                    var fields: [String] = []
                    var f = lineStart
                    while true {
                        var g = f
                        while g < end, v[g] != 0x09 { g += 1 }
                        var a = f, b = g
                        while a < b, v[a] == 0x20 { a += 1 }
                        while b > a, v[b - 1] == 0x20 { b -= 1 }
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: v[a..<b]), as: UTF8.self))
                        if g >= end { break }
                        f = g + 1
                    }
                    out.append((n, fields))
                }
                lineStart = lineEnd + 1
            }
            return out
        }
    }

    static func list(_ field: String) -> [String] {
        guard !field.isEmpty else { return [] }
        return field.split(separator: ",").compactMap { part in
            let t = part.trimmingSpaces
            return t.isEmpty ? nil : String(t)
        }
    }

    /// The text of the first `# ` comment line (the source package and version).
    static func versionLine(_ text: String) -> String {
        // Look at the head only: splitting the whole file into lines would cost more than parsing it.
        let head = text.utf8.prefix(4096)
        for raw in head.split(separator: 0x0A).prefix(5) where raw.first == UInt8(ascii: "#") {
            return String(decoding: raw.dropFirst(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return ""
    }
}
