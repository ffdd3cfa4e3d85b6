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
        // Only principals that reach an administrator or the source of a permission change can escalate.
        let starts = adminById.keys.sorted() + changeEdges.keys.sorted()
        let candidates = backward(from: starts, maxDepth: PrincipalGraph.privescDepth).order
        let search = EscalationSearch(self)
        var result: [Int: Escalation] = [:]
        for a in candidates.sorted() where adminById[a] == nil && nodes[a].kind != .group && nodes[a].kind != .set {
            if let e = search.route(from: a) { result[a] = e }
        }
        lock.lock(); escalationCache = result; lock.unlock()
        return result
    }

    /// Permission-changing edges by the node they point to (a principal, a group or a set).
    func changeEdgesInto() -> [Int: [Int]] {
        var into: [Int: [Int]] = [:]
        for (_, list) in changeEdges { for e in list where edgeDst[e] >= 0 { into[edgeDst[e], default: []].append(e) } }
        return into
    }
}

/// The shortest escalation of one principal: a breadth-first search over act-as hops that checks
/// every route kind as each node is reached, and stops once no route found later could be shorter.
/// Buffers are reused across principals (`privesc` over every principal runs one search each).
final class EscalationSearch {
    private let g: PrincipalGraph
    private let into: [Int: [Int]]
    private var dist: [Int]
    private var parent: [PrincipalGraph.Step?]
    private var touched: [Int] = []
    /// Up to two reached members per set (one of them is not the granting principal).
    private var reachedMembers: [Int: [Int]] = [:]
    private var expanded = Set<Int>()
    private var firstUser: Int?
    private var joiner: (node: Int, edge: Int)?

    private struct Route {
        var cost: Int
        var parts: [Part]
        var admin: Int
        var basis: String
    }
    /// A route is assembled from hops: a path from the start to a node, or one changing step.
    private enum Part {
        case path(Int)
        case step(PrincipalGraph.Step)
    }

    init(_ g: PrincipalGraph) {
        self.g = g
        into = g.changeEdgesInto()
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
                    if g.isSet(t) && !expanded.insert(t).inserted { continue }
                    for st in g.steps(e) where dist[g.target(st)] < 0 {
                        set(g.target(st), depth + 1, st)
                        next.append(g.target(st))
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
        let info = g.adminById[b.admin]
        return Escalation(principal: g.nodes[a].arn, admin: g.nodes[b.admin].arn, basis: b.basis, hops: hops, adminInfo: nil,
                          adminConditions: info?.conditions ?? [])
    }

    private func reset() {
        for v in touched { dist[v] = -1; parent[v] = nil }
        touched.removeAll(keepingCapacity: true)
        reachedMembers.removeAll(keepingCapacity: true)
        expanded.removeAll(keepingCapacity: true)
        firstUser = nil
        joiner = nil
    }

    private func set(_ v: Int, _ d: Int, _ st: PrincipalGraph.Step?) {
        dist[v] = d
        parent[v] = st
        touched.append(v)
        for h in g.enclosingSets(v) where (reachedMembers[h]?.count ?? 0) < 2 { reachedMembers[h, default: []].append(v) }
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

    /// A reached node of a change edge's target other than `not`: the target, or a reached member.
    private func reachedTarget(_ e: Int, not y: Int) -> PrincipalGraph.Step? {
        let t = g.edgeDst[e]
        if !g.isSet(t) { return dist[t] >= 0 ? PrincipalGraph.Step(edge: e, leaf: -1) : nil }
        guard let m = reachedMembers[t]?.first(where: { $0 != y }) else { return nil }
        return PrincipalGraph.Step(edge: e, leaf: m)
    }

    /// The cheapest reached lift of x's boundary: (cost, parts), or (0, []) without a boundary.
    private func lift(_ x: Int) -> (Int, [Part])? {
        if g.nodes[x].boundaryArn == nil { return (0, []) }
        var best: (Int, [Part])?
        for e in changeInto(x) where g.edges[e].category == .liftBoundary {
            let z = g.edgeSrc[e]
            guard z != x || !g.isSet(g.edgeDst[e]), dist[z] >= 0 else { continue }
            let st = g.isSet(g.edgeDst[e]) ? PrincipalGraph.Step(edge: e, leaf: x) : PrincipalGraph.Step(edge: e, leaf: -1)
            let c = dist[z] + 1
            if best == nil || c < best!.0 { best = (c, [.path(z), .step(st)]) }
        }
        return best
    }

    /// Change edges that reach x: pointing at it, or at a set it belongs to.
    private func changeInto(_ x: Int) -> [Int] {
        var out = into[x] ?? []
        for h in g.enclosingSets(x) { out += into[h] ?? [] }
        return out
    }

    /// Every route that `v`, just reached, completes.
    private func check(_ v: Int, _ consider: (Route) -> Void) {
        let d = dist[v]
        if let info = g.adminById[v] { consider(Route(cost: d, parts: [.path(v)], admin: v, basis: info.basis.rawValue)) }
        // v as the target of a change made by a reached principal.
        for e in changeInto(v) {
            let y = g.edgeSrc[e]
            guard dist[y] >= 0 else { continue }
            let st = g.isSet(g.edgeDst[e]) ? PrincipalGraph.Step(edge: e, leaf: v) : PrincipalGraph.Step(edge: e, leaf: -1)
            if g.isSet(g.edgeDst[e]) && y == v { continue }
            complete(e, y: y, x: v, st, consider)
        }
        // v as the principal making a change to a reached target.
        for e in g.changeEdges[v] ?? [] {
            if g.edges[e].category == .joinGroup {
                // Groups are never reached: the route needs a reached user instead.
                guard let info = g.adminGroups[g.edgeDst[e]] else { continue }
                if joiner == nil { joiner = (v, e) }
                guard let u = firstUser, let (lc, lp) = lift(u) else { continue }
                consider(Route(cost: d + 1 + dist[u] + lc, parts: [.path(v), .step(.init(edge: e, leaf: -1))] + lp + [.path(u)],
                               admin: u, basis: "added to \(g.nodes[g.edgeDst[e]].label), whose permissions make it an administrator (\(info.basis.rawValue))"))
                continue
            }
            guard let st = reachedTarget(e, not: v) else { continue }
            complete(e, y: v, x: g.target(st), st, consider)
        }
        // Users join administrators' groups that a reached principal can add them to.
        if g.nodes[v].kind == .user, firstUser == nil, let (lc, lp) = lift(v) {
            firstUser = v
            if let j = joiner, let info = g.adminGroups[g.edgeDst[j.edge]] {
                consider(Route(cost: dist[j.node] + 1 + d + lc, parts: [.path(j.node), .step(.init(edge: j.edge, leaf: -1))] + lp + [.path(v)],
                               admin: v, basis: "added to \(g.nodes[g.edgeDst[j.edge]].label), whose permissions make it an administrator (\(info.basis.rawValue))"))
            }
        }
    }

    private func complete(_ e: Int, y: Int, x: Int, _ st: PrincipalGraph.Step, _ consider: (Route) -> Void) {
        let kind = g.edges[e].kind
        switch g.edges[e].category {
        case .grant:
            guard let (lc, lp) = lift(x) else { return }
            consider(Route(cost: dist[y] + 1 + dist[x] + lc, parts: [.path(y), .step(st)] + lp + [.path(x)], admin: x,
                           basis: "given any permission by \(g.nodes[y].label) (\(kind))"))
        case .liftBoundary:
            guard g.adminWithoutBoundary[x] != nil else { return }
            consider(Route(cost: dist[y] + 1 + dist[x], parts: [.path(y), .step(st), .path(x)], admin: x,
                           basis: "an administrator once \(g.nodes[y].label) removes its boundary (\(kind))"))
        case .joinGroup, .actAs, .member:
            return
        }
    }
}
