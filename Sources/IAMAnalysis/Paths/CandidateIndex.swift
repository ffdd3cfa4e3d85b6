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
    /// Per principal id (node id), per action id: resource patterns of identity-policy Allows
    /// (variables resolved for the principal).
    private var patterns: [[Int: [String]]]
    /// Per principal id, per action id: resource patterns of every statement of its identity
    /// policies and boundary, Allow and Deny (variables resolved): what can tell targets apart for it.
    private var allPatterns: [[Int: [String]]]

    private struct Summary: Sendable {
        var allow: [Int: [String]] = [:]
        var all: [Int: [String]] = [:]
        mutating func merge(_ o: Summary) {
            for (a, p) in o.allow { allow[a, default: []].append(contentsOf: p) }
            for (a, p) in o.all { all[a, default: []].append(contentsOf: p) }
        }
    }

    /// One principal's two tables.
    private struct Row: Sendable {
        var id: Int
        var allow: [Int: [String]]
        var all: [Int: [String]]
    }

    init(snapshot: Snapshot, nodes: NodeTable, actions: [String], workers: Int = 1) {
        self.actions = actions
        var ids: [String: Int] = [:]
        for (i, a) in actions.enumerated() { ids[a] = i }
        actionId = ids
        let matcher = ActionSetMatcher(actions: actions)
        @Sendable func read(_ doc: PolicyDocument?) -> Summary {
            guard let doc else { return Summary() }
            return Summary(allow: matcher.patterns(of: doc, allowOnly: true), all: matcher.patterns(of: doc, allowOnly: false))
        }

        // Managed policies (boundaries too) and groups: read once each, shared by their principals.
        let policies = snapshot.policies
        let policyList = Parallel.map(policies.count, workers: workers) { read(policies[$0].document) }
        var managed: [String: Summary] = [:]
        for (i, p) in policies.enumerated() { managed[p.arn] = policyList[i] }
        var groups: [String: Summary] = [:]
        for g in snapshot.groups {
            var acc = Summary()
            for p in g.attachedPolicyArns { acc.merge(managed[p] ?? Summary()) }
            for ip in g.inlinePolicies { acc.merge(read(ip.document)) }
            groups[g.arn] = acc
        }
        let sharedManaged = managed, sharedGroups = groups

        @Sendable func row(_ id: Int, attached: [String], inline: [InlinePolicy], groupArns: [String], boundary: String?,
                           _ vars: PrincipalVariables) -> Row {
            var acc = Summary()
            for p in attached { acc.merge(sharedManaged[p] ?? Summary()) }
            for ip in inline { acc.merge(read(ip.document)) }
            for g in groupArns { acc.merge(sharedGroups[g] ?? Summary()) }
            var all = acc.all
            if let b = boundary { for (a, p) in sharedManaged[b]?.all ?? [:] { all[a, default: []].append(contentsOf: p) } }
            return Row(id: id, allow: acc.allow.mapValues { CandidateIndex.dedupe($0.compactMap(vars.substitute)) },
                       all: all.mapValues { CandidateIndex.unique($0.compactMap(vars.substitute)) })
        }
        let users = snapshot.users, roles = snapshot.roles
        let userGroups = users.map { u in u.groups.compactMap { snapshot.group(named: $0, account: u.account)?.arn } }
        let userIds = users.map { nodes.id($0.arn) ?? -1 }, roleIds = roles.map { nodes.id($0.arn) ?? -1 }
        let rows = Parallel.map(users.count, workers: workers) { i in
            row(userIds[i], attached: users[i].attachedPolicyArns, inline: users[i].inlinePolicies, groupArns: userGroups[i],
                boundary: users[i].boundaryArn, PrincipalVariables(user: users[i]))
        } + Parallel.map(roles.count, workers: workers) { i in
            row(roleIds[i], attached: roles[i].attachedPolicyArns, inline: roles[i].inlinePolicies, groupArns: [],
                boundary: roles[i].boundaryArn, PrincipalVariables(role: roles[i]))
        }
        var allowTable = [[Int: [String]]](repeating: [:], count: nodes.count)
        var allTable = [[Int: [String]]](repeating: [:], count: nodes.count)
        for r in rows where r.id >= 0 { allowTable[r.id] = r.allow; allTable[r.id] = r.all }
        patterns = allowTable
        allPatterns = allTable
    }

    static func unique(_ p: [String]) -> [String] {
        var seen = Set<String>()
        return p.filter { seen.insert($0).inserted }
    }

    /// The patterns of every identity and boundary statement of `principal` that applies to `action`.
    func allPatterns(_ principal: Int, _ action: String) -> [String] {
        guard principal < allPatterns.count, let a = actionId[action.lowercased()] else { return [] }
        return allPatterns[principal][a] ?? []
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
        return ps.contains { $0 == "*" || GlobPattern($0).matches(resource) }
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

    /// For each matched action id, the resource patterns of the document's statements (Allow only,
    /// or Allow and Deny).
    func patterns(of doc: PolicyDocument, allowOnly: Bool) -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        for st in doc.statements where !allowOnly || st.effect == .allow {
            var ids = Set<Int>()
            for a in st.actions { ids.formUnion(matching(a)) }
            if st.actionsNegated { ids = Set(actions.indices).subtracting(ids) }
            if ids.isEmpty { continue }
            let res: [String]
            if st.resources == nil {
                res = ["*"]
            } else if st.resourcesNegated {
                // An Allow with NotResource may allow any other resource; for telling targets apart
                // the excluded patterns themselves matter.
                res = allowOnly ? ["*"] : (st.resources ?? [])
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
struct PrincipalVariables: Sendable {
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

    /// Every variable of a pattern widened to `*`.
    static func widen(_ pattern: String) -> String {
        PrincipalVariables().substitute(pattern) ?? pattern
    }

    init() {}

    /// Whether the text contains `${` (a byte scan: this runs for every pattern of every principal).
    static func hasVariable(_ s: String) -> Bool {
        var prev: UInt8 = 0
        for b in s.utf8 {
            if prev == UInt8(ascii: "$") && b == UInt8(ascii: "{") { return true }
            prev = b
        }
        return false
    }

    /// The pattern with known variables replaced and unknown ones widened; nil when it can match nothing.
    func substitute(_ pattern: String) -> String? {
        guard PrincipalVariables.hasVariable(pattern) else { return pattern }
        let b = Array(pattern.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 16)
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "$"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "{"),
                  let close = b[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                out.append(b[i]); i += 1; continue
            }
            let body = b[(i + 2)..<close]
            let comma = body.firstIndex(of: UInt8(ascii: ","))
            let keyBytes = body[body.startIndex..<(comma ?? body.endIndex)].filter { $0 != UInt8(ascii: " ") }
            let key = String(decoding: keyBytes, as: UTF8.self).lowercased()
            if let v = values[key] {
                out.append(contentsOf: v.utf8)
            } else if absent.contains(key) && comma == nil {
                return nil
            } else {
                out.append(UInt8(ascii: "*"))
            }
            i = close + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
