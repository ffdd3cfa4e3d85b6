import IAMPolicy

/// Which principals could possibly be allowed an action, and on which resource patterns: the
/// Allow statements of each principal's identity policies (its own, its groups'), read once per
/// policy document. It is a superset filter — conditions, denies, boundaries and SCPs are left
/// to the solver, which confirms every candidate — so that the builder calls `can` only for
/// pairs that have a chance, instead of for every pair of principals.
struct CandidateIndex: Sendable {
    /// Lowercased actions the index answers for.
    let actions: [String]
    private let actionId: [String: Int]
    /// Per principal id (node id), per action id: resource patterns (variables resolved for the principal).
    private var patterns: [[Int: [String]]]

    init(snapshot: Snapshot, nodes: NodeTable, actions: [String]) {
        self.actions = actions
        var ids: [String: Int] = [:]
        for (i, a) in actions.enumerated() { ids[a] = i }
        actionId = ids
        let matcher = ActionSetMatcher(actions: actions)
        var docCache: [String: [Int: [String]]] = [:]

        func summary(_ key: String, _ doc: PolicyDocument?) -> [Int: [String]] {
            if let s = docCache[key] { return s }
            let s = doc.map { matcher.allowPatterns(of: $0) } ?? [:]
            docCache[key] = s
            return s
        }
        func merge(_ into: inout [Int: [String]], _ s: [Int: [String]]) {
            for (a, p) in s { into[a, default: []].append(contentsOf: p) }
        }
        func groupSummary(_ g: IAMGroup) -> [Int: [String]] {
            var acc: [Int: [String]] = [:]
            for p in g.attachedPolicyArns { merge(&acc, summary(p, snapshot.policy(arn: p)?.document)) }
            for ip in g.inlinePolicies { merge(&acc, summary(g.arn + "#" + ip.name, ip.document)) }
            return acc
        }

        var table = [[Int: [String]]](repeating: [:], count: nodes.count)
        var groupCache: [String: [Int: [String]]] = [:]
        for u in snapshot.users {
            guard let id = nodes.id(u.arn) else { continue }
            var acc: [Int: [String]] = [:]
            for p in u.attachedPolicyArns { merge(&acc, summary(p, snapshot.policy(arn: p)?.document)) }
            for ip in u.inlinePolicies { merge(&acc, matcher.allowPatterns(of: ip.document)) }
            for gname in u.groups {
                guard let g = snapshot.group(named: gname, account: u.account) else { continue }
                if groupCache[g.arn] == nil { groupCache[g.arn] = groupSummary(g) }
                merge(&acc, groupCache[g.arn] ?? [:])
            }
            let vars = PrincipalVariables(user: u)
            table[id] = acc.mapValues { CandidateIndex.dedupe($0.compactMap(vars.substitute)) }
        }
        for r in snapshot.roles {
            guard let id = nodes.id(r.arn) else { continue }
            var acc: [Int: [String]] = [:]
            for p in r.attachedPolicyArns { merge(&acc, summary(p, snapshot.policy(arn: p)?.document)) }
            for ip in r.inlinePolicies { merge(&acc, matcher.allowPatterns(of: ip.document)) }
            let vars = PrincipalVariables(role: r)
            table[id] = acc.mapValues { CandidateIndex.dedupe($0.compactMap(vars.substitute)) }
        }
        patterns = table
    }

    static func dedupe(_ p: [String]) -> [String] {
        if p.contains("*") { return ["*"] }
        var seen = Set<String>()
        return p.filter { seen.insert($0).inserted }
    }

    /// The resource patterns under which `principal` has some Allow for `action` (nil: none).
    func patterns(_ principal: Int, _ action: String) -> [String]? {
        guard principal < patterns.count, let a = actionId[action.lowercased()] else { return nil }
        return patterns[principal][a]
    }

    func mayAllow(_ principal: Int, _ action: String) -> Bool { patterns(principal, action) != nil }

    /// Whether some Allow for `action` could cover `resource`.
    func mayAllow(_ principal: Int, _ action: String, on resource: String) -> Bool {
        guard let ps = patterns(principal, action) else { return false }
        return ps.contains { $0 == "*" || Wildcard.matches($0, resource) }
    }
}

/// Matches statement Action/NotAction lists against a fixed set of actions quickly: patterns with
/// a literal service prefix are only tried against that service's actions.
struct ActionSetMatcher: Sendable {
    let actions: [String]
    private let byService: [String: [Int]]
    private let exact: [String: Int]

    init(actions: [String]) {
        self.actions = actions
        var bs: [String: [Int]] = [:]
        var ex: [String: Int] = [:]
        for (i, a) in actions.enumerated() {
            ex[a] = i
            let svc = a.split(separator: ":", maxSplits: 1).first.map(String.init) ?? a
            bs[svc, default: []].append(i)
        }
        byService = bs
        exact = ex
    }

    /// Action ids matched by one pattern (lowercased).
    func matching(_ rawPattern: String) -> [Int] {
        let p = rawPattern.lowercased()
        if p == "*" { return Array(actions.indices) }
        let parts = p.split(separator: ":", maxSplits: 1)
        let svc = parts.first.map(String.init) ?? p
        if Wildcard.hasWildcard(svc) {
            return actions.indices.filter { Wildcard.matches(p, actions[$0]) }
        }
        guard let ids = byService[svc] else { return [] }
        if !Wildcard.hasWildcard(p) { return exact[p].map { [$0] } ?? [] }
        return ids.filter { Wildcard.matches(p, actions[$0]) }
    }

    /// For each matched action id, the resource patterns of the document's Allow statements.
    func allowPatterns(of doc: PolicyDocument) -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        for st in doc.statements where st.effect == .allow {
            var ids = Set<Int>()
            for a in st.actions { ids.formUnion(matching(a)) }
            if st.actionsNegated { ids = Set(actions.indices).subtracting(ids) }
            if ids.isEmpty { continue }
            let res: [String]
            if st.resourcesNegated || st.resources == nil {
                res = ["*"]
            } else {
                res = st.resources ?? ["*"]
            }
            for id in ids { out[id, default: []].append(contentsOf: res) }
        }
        return out
    }

}

/// Policy variables in resource patterns, resolved for one principal the way the solver resolves
/// them (`${aws:username}` of a user is its name; a role has none, so such a pattern names nothing
/// for it). Every variable this filter does not know becomes `*`: the filter may be wider than the
/// solver, never narrower.
struct PrincipalVariables {
    var values: [String: String] = [:]
    /// Keys that are known to have no value for this principal.
    var absent: Set<String> = []

    init(user u: IAMUser) {
        values["aws:username"] = u.name
        if !u.id.isEmpty { values["aws:userid"] = u.id }
        values["aws:principalaccount"] = u.account
        values["aws:principalarn"] = u.arn
        for (k, v) in u.tags { values["aws:principaltag/" + k.lowercased()] = v }
    }

    init(role r: IAMRole) {
        absent.insert("aws:username")
        values["aws:principalaccount"] = r.account
        values["aws:principalarn"] = r.arn
        for (k, v) in r.tags { values["aws:principaltag/" + k.lowercased()] = v }
    }

    /// The pattern with known variables replaced and unknown ones widened; nil when it can match nothing.
    func substitute(_ pattern: String) -> String? {
        guard pattern.contains("${") else { return pattern }
        var out = ""
        var i = pattern.startIndex
        while i < pattern.endIndex {
            guard pattern[i...].hasPrefix("${"), let close = pattern[i...].firstIndex(of: "}") else {
                out.append(pattern[i])
                i = pattern.index(after: i)
                continue
            }
            let body = pattern[pattern.index(i, offsetBy: 2)..<close]
            let key = body.split(separator: ",", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            let hasDefault = body.contains(",")
            if let v = values[key] {
                out += v
            } else if absent.contains(key) && !hasDefault {
                return nil
            } else {
                out += "*"
            }
            i = pattern.index(after: close)
        }
        return out
    }
}
