import IAMPolicy

extension PrincipalGraph {
    /// The solver over the snapshot as it would be after every escalation the graph found: each
    /// administrator that is one by granting itself (or joining a group, or removing its boundary)
    /// and each principal an escalation route makes an administrator holds `Allow * on *`, without
    /// the boundary the route removes. What such a principal could then do is asked here, so its
    /// explicit denies, its remaining boundary and its SCPs still apply. Built on first use.
    func escalatedAuth() -> Authorizer {
        lock.lock()
        if let a = escalatedAuthorizer { lock.unlock(); return a }
        lock.unlock()
        var grant = Set<String>(), drop = Set<String>()
        for (id, info) in adminById where info.basis != .full {
            grant.insert(nodes[id].arn)
            if nodes[id].boundaryArn != nil { drop.insert(nodes[id].arn) }
        }
        for esc in escalations().values where esc.adminInfo == nil {
            guard let id = nodes.id(esc.admin), adminById[id] == nil else { continue }
            grant.insert(esc.admin)
            if esc.hops.contains(where: { $0.category == .liftBoundary && $0.to == esc.admin }) { drop.insert(esc.admin) }
        }
        let auth: Authorizer
        if grant.isEmpty && drop.isEmpty {
            auth = authorizer
        } else {
            let s = Hypothetical.escalated(base: authorizer.snapshot, grantAll: grant, dropBoundary: drop)
            auth = Authorizer(snapshot: s, catalog: authorizer.catalog, now: authorizer.now, reusing: authorizer)
        }
        lock.lock(); escalatedAuthorizer = auth; lock.unlock()
        return auth
    }

    /// `who-can ACTION RESOURCE --transitive`: the solver's who-can rows, then every principal that
    /// reaches one of them (act-as hops), and every principal whose escalation makes an
    /// administrator that can (checked on the escalated snapshot). Shortest route per principal.
    public func whoCanTransitive(action: String, resource: String, context: RequestContext = RequestContext()) -> [TransitiveRow] {
        guard Wildcard.hasWildcard(action) else { return whoCanTransitive(concrete: action, resource: resource, context: context) }
        let actions = authorizer.whoCanReport(action: action, resource: resource, context: context).actions
        return actions.flatMap { whoCanTransitive(concrete: $0, resource: resource, context: context) }
    }

    private func whoCanTransitive(concrete action: String, resource: String, context: RequestContext) -> [TransitiveRow] {
        var rows: [TransitiveRow] = []
        var capable: [Int: (decision: Decision, reason: String, conditions: [String])] = [:]
        for w in authorizer.whoCan(action: action, resource: resource, context: context) where w.decision != .deny {
            rows.append(TransitiveRow(principal: w.principal, action: action, decision: w.decision, via: w.principal, hops: [],
                                      reason: w.reason, conditions: w.conditions))
            if let id = nodes.id(w.principal) { capable[id] = (w.decision, w.reason, w.conditions) }
        }
        let escalated = escalatedAuth()
        // One session: the request's Query is built once and asked for every administrator.
        let session = SolverSession(escalated)
        let ctx = context.flatValues
        for (id, _) in adminById.sorted(by: { $0.key < $1.key }) where capable[id] == nil {
            let r = ctx.map { session.ask(nodes[id].arn, action, resource, $0) }
                ?? escalated.can(principalArn: nodes[id].arn, action: action, resource: resource, context: context)
            guard r.decision != .deny else { continue }
            capable[id] = (r.decision, "administrator (\(adminById[id]?.basis.rawValue ?? "")): \(r.reason)", r.conditions)
            rows.append(TransitiveRow(principal: nodes[id].arn, action: action, decision: r.decision, via: nodes[id].arn, hops: [],
                                      reason: capable[id]?.reason ?? r.reason, conditions: r.conditions))
        }

        // Backward search from every capable principal.
        let back = backward(from: capable.keys.sorted(), maxDepth: PrincipalGraph.privescDepth)
        var done = Set(capable.keys)
        for u in back.order where capable[u] == nil && nodes[u].kind != .set {
            let (hops, end) = hops(from: u, next: back.next)
            guard let cap = capable[end] else { continue }
            rows.append(row(u, action, hops: hops, via: end, cap))
            done.insert(u)
        }

        // Escalations that end in an administrator made by a permission change.
        for (u, esc) in escalations() where !done.contains(u) {
            guard let x = nodes.id(esc.admin), capable[x] == nil, adminById[x] == nil else { continue }
            let r = ctx.map { session.ask(esc.admin, action, resource, $0) }
                ?? escalated.can(principalArn: esc.admin, action: action, resource: resource, context: context)
            guard r.decision != .deny else { continue }
            rows.append(row(u, action, hops: esc.hops, via: x, (r.decision, "after escalating: \(r.reason)", r.conditions)))
        }
        return rows.sorted { ($0.hops.count, $0.principal) < ($1.hops.count, $1.principal) }
    }

    /// `can PRINCIPAL ACTION RESOURCE --transitive`: the direct answer when it is `allow`; otherwise
    /// the shortest route to a principal that can (act-as hops, or the principal's escalation), or
    /// the direct answer when there is none.
    public func canTransitive(principalArn: String, action: String, resource: String,
                              context: RequestContext = RequestContext()) throws -> TransitiveRow {
        let s = try nodeId(principalArn)
        let src = nodes[s].arn
        let escalated = escalatedAuth()
        let directAuth = adminById[s] != nil ? escalated : authorizer
        let direct = directAuth.can(principalArn: src, action: action, resource: resource, context: context)
        let directRow = TransitiveRow(principal: src, action: action, decision: direct.decision, via: src, hops: [],
                                      reason: direct.reason, conditions: direct.conditions)
        if direct.decision == .allow { return directRow }

        var best: TransitiveRow? = direct.decision == .conditional ? directRow : nil
        let r = reach(from: s, maxDepth: PrincipalGraph.privescDepth)
        for v in r.order where v != s {
            let asker = adminById[v] != nil ? escalated : authorizer
            let res = asker.can(principalArn: nodes[v].arn, action: action, resource: resource, context: context)
            guard res.decision != .deny else { continue }
            let candidate = row(s, action, hops: hops(to: v, in: r), via: v, (res.decision, res.reason, res.conditions))
            if candidate.decision == .allow { return candidate }
            if best == nil { best = candidate }
        }
        if let esc = escalations()[s], let x = nodes.id(esc.admin) {
            let res = escalated.can(principalArn: esc.admin, action: action, resource: resource, context: context)
            if res.decision != .deny {
                let candidate = row(s, action, hops: esc.hops, via: x, (res.decision, "after escalating: \(res.reason)", res.conditions))
                if candidate.decision == .allow || best == nil { return candidate }
            }
        }
        return best ?? directRow
    }

    private func row(_ u: Int, _ action: String, hops: [Hop], via: Int,
                     _ cap: (decision: Decision, reason: String, conditions: [String])) -> TransitiveRow {
        var conditions = cap.conditions
        for h in hops where h.decision == .conditional {
            conditions += h.conditions.map { "\(label(h.from)) → \(label(h.to)): \($0)" }
        }
        let conditional = cap.decision == .conditional || hops.contains { $0.decision == .conditional }
        return TransitiveRow(principal: nodes[u].arn, action: action, decision: conditional ? .conditional : .allow, via: nodes[via].arn,
                             hops: hops, reason: cap.reason, conditions: conditions)
    }
}

extension RequestContext {
    /// The context as single values, when it has no multi-valued or known-absent key (the form a
    /// solver session caches by); nil otherwise.
    var flatValues: [String: String]? {
        guard absent.isEmpty, multiValued.isEmpty else { return nil }
        var out: [String: String] = [:]
        for (k, v) in values {
            guard v.count == 1 else { return nil }
            out[k] = v[0]
        }
        return out
    }
}
