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
            lock.lock()
            let cached = escalationCache
            lock.unlock()
            if let cached { return cached[a].map { [$0] } ?? [] }
            let search = EscalationSearch(self)
            return search.route(from: a).map { [$0] } ?? []
        }
        return escalations().values.sorted { $0.principal < $1.principal }
    }

    /// All escalations, computed once per graph.
    func escalations() -> [Int: Escalation] {
        lock.lock()
        if let c = escalationCache { lock.unlock(); return c }
        lock.unlock()
        // Only principals that can escalate at all are searched (most of the work otherwise goes to
        // principals that reach much and escalate nowhere).
        let closure = EscalationClosure(self)
        let search = EscalationSearch(self)
        var result: [Int: Escalation] = [:]
        for a in 0..<nodes.count where closure.escalates[a] && adminById[a] == nil && nodes[a].kind != .group && nodes[a].kind != .set {
            if let e = search.route(from: a) { result[a] = e }
        }
        lock.lock(); escalationCache = result; lock.unlock()
        return result
    }
}

/// The shortest escalation of one principal: a breadth-first search over act-as hops that checks
/// every route kind as each node is reached, and stops once no route found later could be shorter.
/// Buffers are reused across principals (`privesc` over every principal runs one search each).
final class EscalationSearch {
    typealias Step = PrincipalGraph.Step
    private let g: PrincipalGraph
    private var dist: [Int]
    private var parent: [Step?]
    private var touched: [Int] = []
    /// Up to two reached members per set (one of them is not the principal making a change).
    private var reachedMembers: [Int: [Int]] = [:]
    /// Per change target (a principal or a set): up to two reached principals whose change edge
    /// points at it, nearest first — grants, and lifts of a boundary.
    private var granters: [Int: [(node: Int, edge: Int)]] = [:]
    private var lifters: [Int: [(node: Int, edge: Int)]] = [:]
    private var expanded = Set<Int>()
    private var firstUser: Int?
    private var joiner: (node: Int, edge: Int)?

    private enum Basis {
        case admin(Int)
        case grant(y: Int, edge: Int)
        case lift(y: Int, edge: Int)
        case join(group: Int)
    }
    private struct Route {
        var cost: Int
        var parts: [Part]
        var admin: Int
        var basis: Basis
    }
    /// A route is assembled from hops: a path from the start to a node, or one changing step.
    private enum Part {
        case path(Int)
        case step(Step)
    }

    init(_ g: PrincipalGraph) {
        self.g = g
        dist = Array(repeating: -1, count: g.nodes.count)
        parent = Array(repeating: nil, count: g.nodes.count)
    }

    func route(from a: Int) -> Escalation? {
        reset()
        var best: Route?
        func consider(_ r: Route) { if best == nil || r.cost < best!.cost { best = r } }
        var layer = [a]
        set(a, 0, nil)
        var depth = 0
        while !layer.isEmpty {
            for v in layer { check(v, consider) }
            // A route found later has a part at depth + 1 or more.
            if let b = best, b.cost <= depth + 1 { break }
            if depth >= PrincipalGraph.privescDepth { break }
            var next: [Int] = []
            for u in layer {
                for e in g.outEdges[u] {
                    let t = g.edgeDst[e]
                    if g.isSet(t) {
                        guard expanded.insert(t).inserted else { continue }
                        for m in g.leaves(t) where m != u && dist[m] < 0 {
                            set(m, depth + 1, Step(edge: e, leaf: m)); next.append(m)
                        }
                    } else if t >= 0 && dist[t] < 0 {
                        set(t, depth + 1, Step(edge: e, leaf: -1)); next.append(t)
                    }
                }
            }
            layer = next
            depth += 1
        }
        guard let b = best else { return nil }
        var hops: [Hop] = []
        for p in b.parts {
            switch p {
            case .path(let v): hops += path(to: v)
            case .step(let st): hops.append(g.hop(st))
            }
        }
        return Escalation(principal: g.nodes[a].arn, admin: g.nodes[b.admin].arn, basis: describe(b.basis), hops: hops,
                          adminInfo: nil, adminConditions: g.adminById[b.admin]?.conditions ?? [])
    }

    private func describe(_ b: Basis) -> String {
        switch b {
        case .admin(let v): return g.adminById[v]?.basis.rawValue ?? "administrator"
        case .grant(let y, let e): return "given any permission by \(g.nodes[y].label) (\(g.edges[e].kind))"
        case .lift(let y, let e): return "an administrator once \(g.nodes[y].label) removes its boundary (\(g.edges[e].kind))"
        case .join(let grp):
            return "added to \(g.nodes[grp].label), whose permissions make it an administrator (\(g.adminGroups[grp]?.basis.rawValue ?? ""))"
        }
    }

    private func reset() {
        for v in touched { dist[v] = -1; parent[v] = nil }
        touched.removeAll(keepingCapacity: true)
        reachedMembers.removeAll(keepingCapacity: true)
        granters.removeAll(keepingCapacity: true)
        lifters.removeAll(keepingCapacity: true)
        expanded.removeAll(keepingCapacity: true)
        firstUser = nil
        joiner = nil
    }

    /// Marks v reached, and records what it can change for the targets reached later.
    private func set(_ v: Int, _ d: Int, _ st: Step?) {
        dist[v] = d
        parent[v] = st
        touched.append(v)
        for h in g.enclosing[v] where (reachedMembers[h]?.count ?? 0) < 2 { reachedMembers[h, default: []].append(v) }
        for e in g.changeEdges[v] ?? [] {
            let t = g.edgeDst[e]
            guard t >= 0 else { continue }
            switch g.edges[e].category {
            case .grant: if (granters[t]?.count ?? 0) < 2 { granters[t, default: []].append((v, e)) }
            case .liftBoundary:
                if (lifters[t]?.count ?? 0) < 2 { lifters[t, default: []].append((v, e)) }
                if g.adminWithoutBoundary.isEmpty == false, (granters[t]?.count ?? 0) < 2 { granters[t, default: []].append((v, e)) }
            default: break
            }
        }
    }

    private func path(to v: Int) -> [Hop] {
        var out: [Hop] = []
        var cur = v
        while let st = parent[cur] {
            out.append(g.hop(st))
            cur = g.edgeSrc[st.edge]
        }
        return out.reversed()
    }

    /// The step of a recorded change edge `e` of `y` that reaches x (through a set when it points at one).
    private func stepTo(_ x: Int, _ e: Int) -> Step { g.isSet(g.edgeDst[e]) ? Step(edge: e, leaf: x) : Step(edge: e, leaf: -1) }

    /// The reached principals whose change edges (in `table`) reach x, with their edges.
    private func reaching(_ x: Int, _ table: [Int: [(node: Int, edge: Int)]]) -> [(node: Int, edge: Int)] {
        var out = table[x] ?? []
        for h in g.enclosing[x] { if let l = table[h] { out += l.filter { $0.node != x } } }
        return out
    }

    /// The cheapest reached lift of x's boundary: (cost, parts), or (0, []) without a boundary.
    private func lift(_ x: Int) -> (Int, [Part])? {
        if g.nodes[x].boundaryArn == nil { return (0, []) }
        var best: (Int, [Part])?
        for (z, e) in reaching(x, lifters) {
            let c = dist[z] + 1
            if best == nil || c < best!.0 { best = (c, [.path(z), .step(stepTo(x, e))]) }
        }
        return best
    }

    /// Every route that `v`, just reached, completes.
    private func check(_ v: Int, _ consider: (Route) -> Void) {
        let d = dist[v]
        if g.adminById[v] != nil { consider(Route(cost: d, parts: [.path(v)], admin: v, basis: .admin(v))) }
        // v as the target of a change by a reached principal (recorded when that one was reached).
        for (y, e) in reaching(v, granters) { complete(e, y: y, x: v, stepTo(v, e), consider) }
        // v as the principal making a change to a target reached earlier.
        for e in g.changeEdges[v] ?? [] {
            let t = g.edgeDst[e]
            guard t >= 0 else { continue }
            if g.edges[e].category == .joinGroup {
                // Groups are never reached: the route needs a reached user instead.
                guard g.adminGroups[t] != nil else { continue }
                if joiner == nil { joiner = (v, e) }
                if let u = firstUser, let (lc, lp) = lift(u) {
                    consider(Route(cost: d + 1 + dist[u] + lc, parts: [.path(v), .step(Step(edge: e, leaf: -1))] + lp + [.path(u)],
                                   admin: u, basis: .join(group: t)))
                }
                continue
            }
            let reachedTargets: [Int] = g.isSet(t) ? (reachedMembers[t] ?? []).filter { $0 != v && dist[$0] < d }
                                                   : (dist[t] >= 0 && dist[t] < d ? [t] : [])
            for x in reachedTargets {
                complete(e, y: v, x: x, stepTo(x, e), consider)
                // A lift reached after a grant and its target: the pair is complete only now.
                if g.edges[e].category == .liftBoundary {
                    for (y, e2) in reaching(x, granters) where g.edges[e2].category == .grant { complete(e2, y: y, x: x, stepTo(x, e2), consider) }
                }
            }
        }
        // Users join administrators' groups that a reached principal can add them to.
        if g.nodes[v].kind == .user, firstUser == nil, let (lc, lp) = lift(v) {
            firstUser = v
            if let j = joiner {
                consider(Route(cost: dist[j.node] + 1 + d + lc, parts: [.path(j.node), .step(Step(edge: j.edge, leaf: -1))] + lp + [.path(v)],
                               admin: v, basis: .join(group: g.edgeDst[j.edge])))
            }
        }
    }

    private func complete(_ e: Int, y: Int, x: Int, _ st: Step, _ consider: (Route) -> Void) {
        switch g.edges[e].category {
        case .grant:
            guard let (lc, lp) = lift(x) else { return }
            consider(Route(cost: dist[y] + 1 + dist[x] + lc, parts: [.path(y), .step(st)] + lp + [.path(x)], admin: x,
                           basis: .grant(y: y, edge: e)))
        case .liftBoundary:
            guard g.adminWithoutBoundary[x] != nil else { return }
            consider(Route(cost: dist[y] + 1 + dist[x], parts: [.path(y), .step(st), .path(x)], admin: x, basis: .lift(y: y, edge: e)))
        case .joinGroup, .actAs, .member:
            return
        }
    }
}
