import IAMPolicy

/// Shortens a list of concrete actions of one service into wildcard patterns that match exactly
/// the same actions of the catalog: `ec2:Describe*` when every catalog action starting with
/// "Describe" is in the list, `ec2:*` when the whole service is. Prefixes grow one CamelCase word
/// at a time, so a policy keeps its meaning while staying far below the 6,144-character limit.
/// Actions the catalog does not know stay as written.
struct ActionCompression {
    let catalog: ActionCatalog

    func compress(_ actions: [String], service: String) -> [String] {
        let all = catalog.expand("\(service):*").map(\.name)
        guard !all.isEmpty else { return actions }
        let known = Set(all.map { $0.lowercased() })
        var kept: [String] = []      // action names of the service, as AWS spells them
        var unknown: [String] = []
        for a in actions {
            let name = String(a.split(separator: ":", maxSplits: 1).last ?? "")
            if known.contains(name.lowercased()) { kept.append(name) } else { unknown.append(a) }
        }
        let keptSet = Set(kept.map { $0.lowercased() })
        let others = all.filter { !keptSet.contains($0.lowercased()) }.map { $0.lowercased() }
        let patterns = cover(prefix: "", kept: Array(Set(kept)).sorted(), others: others)
        return patterns.map { "\(service):\($0)" } + unknown
    }

    /// Patterns for `kept` (all starting with `prefix`) that match no name in `others`.
    private func cover(prefix: String, kept: [String], others: [String]) -> [String] {
        let lp = prefix.lowercased()
        let clashing = others.filter { $0.hasPrefix(lp) }
        if clashing.isEmpty { return kept == [prefix] ? kept : [prefix + "*"] }
        var groups: [String: [String]] = [:]
        var exact: [String] = []
        for name in kept {
            if let next = Self.nextWordPrefix(of: name, after: prefix.count) { groups[next, default: []].append(name) }
            else { exact.append(name) }
        }
        var out = exact
        for (p, names) in groups.sorted(by: { $0.key < $1.key }) {
            out += names.count == 1 && clashing.contains(where: { $0.hasPrefix(p.lowercased()) })
                ? names : cover(prefix: p, kept: names, others: clashing)
        }
        return out
    }

    /// `name` up to the end of the CamelCase word that starts at `offset`, or nil when `offset` is the end.
    static func nextWordPrefix(of name: String, after offset: Int) -> String? {
        let chars = Array(name)
        guard offset < chars.count else { return nil }
        var end = offset + 1
        while end < chars.count, !chars[end].isUppercase { end += 1 }
        return String(chars[..<end])
    }
}
