extension PrincipalGraph {
    /// The deepest escalation looked for (act-as hops to each part of a route).
    static let privescDepth = 8

    /// `privesc [PRINCIPAL]`: every principal (or provider) that is not an administrator but can
    /// become one, with its shortest route; for one principal, its route (an administrator gets a
    /// route of no hops). Routes:
    /// - act-as hops to an administrator;
    /// - reaching a principal Y that can give a principal X any permission, and reaching X (X may
    ///   be the escalating principal itself); X's boundary must be absent or removable by a reached principal;
    /// - reaching one that can add users to an administrators' group, and reaching a user;
    /// - reaching one that can remove X's boundary, when X would be an administrator without it.
    public func privesc(principal: String? = nil) throws -> [Escalation] {
        if let principal {
            let a = try nodeId(principal)
            if let info = adminById[a] {
                return [Escalation(principal: info.principal, admin: info.principal, basis: info.basis.rawValue, hops: [],
                                   adminInfo: info, adminConditions: info.conditions)]
            }
            return escalations()[a].map { [$0] } ?? []
        }
        return escalations().values.sorted { $0.principal < $1.principal }
    }

    /// All escalations, computed once per graph.
    func escalations() -> [Int: Escalation] {
        lock.lock()
        if let c = escalationCache { lock.unlock(); return c }
        lock.unlock()
        let computed = computeEscalations()
        lock.lock(); escalationCache = computed; lock.unlock()
        return computed
    }

    private func computeEscalations() -> [Int: Escalation] {
        let depth = PrincipalGraph.privescDepth
        // 1. Nearest administrator over act-as edges: one backward search from all of them.
        let toAdmin = backward(from: adminById.keys.sorted(), maxDepth: depth)
        var result: [Int: Escalation] = [:]
        for u in toAdmin.order where adminById[u] == nil && isSource(u) {
            let (hops, end) = hops(from: u, next: toAdmin.next)
            guard let info = adminById[end] else { continue }
            result[u] = Escalation(principal: nodes[u].arn, admin: info.principal, basis: info.basis.rawValue,
                                   hops: hops, adminInfo: nil, adminConditions: info.conditions)
        }

        // 2. Routes through permission changes: only principals that reach the source of one.
        let changeSources = changeEdges.keys.sorted()
        if changeSources.isEmpty { return result }
        let reachesChange = backward(from: changeSources, maxDepth: depth)
        for a in reachesChange.order.sorted() where adminById[a] == nil && isSource(a) {
            guard let route = changeRoute(a, maxDepth: depth) else { continue }
            if let existing = result[a], existing.length <= route.length { continue }
            result[a] = route
        }
        return result
    }

    /// Users, roles and providers can start an escalation; groups cannot.
    private func isSource(_ id: Int) -> Bool { nodes[id].kind != .group }

    /// The shortest route of `a` through a permission change, if any.
    private func changeRoute(_ a: Int, maxDepth: Int) -> Escalation? {
        let r = reach(from: a, maxDepth: maxDepth)
        // Lifters of each bounded principal that `a` can use.
        var lifter: [Int: Step] = [:]   // target → the nearest lift of its boundary
        for u in r.order {
            for e in changeEdges[u] ?? [] where edges[e].category == .liftBoundary {
                for st in steps(e) {
                    let x = target(st)
                    if let cur = lifter[x], (r.dist[edgeSrc[cur.edge]] ?? .max) <= (r.dist[u] ?? .max) { continue }
                    lifter[x] = st
                }
            }
        }
        func liftCost(_ x: Int) -> (Int, Step?)? {
            if nodes[x].boundaryArn == nil { return (0, nil) }
            guard let st = lifter[x] else { return nil }
            return ((r.dist[edgeSrc[st.edge]] ?? 0) + 1, st)
        }
        var best: (cost: Int, hops: [Hop], admin: Int, basis: String)?
        func consider(_ cost: Int, _ hops: @autoclosure () -> [Hop], _ admin: Int, _ basis: String) {
            if let b = best, b.cost <= cost { return }
            best = (cost, hops(), admin, basis)
        }
        let users = r.order.filter { nodes[$0].kind == .user }
        for y in r.order {
            for e in changeEdges[y] ?? [] {
                let dy = r.dist[y] ?? 0
                for st in steps(e) {
                    let x = target(st)
                    switch edges[e].category {
                    case .grant:
                        guard let dx = r.dist[x], let (lc, le) = liftCost(x) else { continue }
                        consider(dy + 1 + dx + lc,
                                 hops(to: y, in: r) + [hop(st)] + liftHops(le, r) + hops(to: x, in: r),
                                 x, "given any permission by \(nodes[y].label) (\(edges[e].kind))")
                    case .joinGroup:
                        guard let g = adminGroups[x] else { continue }
                        for u in users {
                            guard let du = r.dist[u], let (lc, le) = liftCost(u) else { continue }
                            consider(dy + 1 + du + lc,
                                     hops(to: y, in: r) + [hop(st)] + liftHops(le, r) + hops(to: u, in: r),
                                     u, "added to \(nodes[x].label), whose permissions make it an administrator (\(g.basis.rawValue))")
                        }
                    case .liftBoundary:
                        guard adminWithoutBoundary[x] != nil, let dx = r.dist[x] else { continue }
                        consider(dy + 1 + dx, hops(to: y, in: r) + [hop(st)] + hops(to: x, in: r),
                                 x, "an administrator once \(nodes[y].label) removes its boundary (\(edges[e].kind))")
                    case .actAs, .member:
                        continue
                    }
                }
            }
        }
        guard let b = best else { return nil }
        return Escalation(principal: nodes[a].arn, admin: nodes[b.admin].arn, basis: b.basis, hops: b.hops,
                          adminInfo: nil, adminConditions: [])
    }

    private func liftHops(_ st: Step?, _ r: Reach) -> [Hop] {
        guard let st else { return [] }
        return hops(to: edgeSrc[st.edge], in: r) + [hop(st)]
    }
}
