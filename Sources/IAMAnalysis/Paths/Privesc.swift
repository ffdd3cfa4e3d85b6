extension PrincipalGraph {
    /// The deepest escalation looked for (act-as hops to each part of a route).
    public static let privescDepth = 8

    /// `privesc [PRINCIPAL]`: every principal (or provider) that cannot do everything yet but can
    /// become an administrator, with its shortest route; for one principal, its route (one that can
    /// already do anything gets a route of no hops). Routes:
    /// - a change to its own permissions (an administrator by granting itself anything, joining an
    ///   administrators' group or removing its boundary: the change is the one hop);
    /// - act-as hops to an administrator;
    /// - reaching a principal Y that can give a principal X any permission, and reaching X (X may
    ///   be the escalating principal itself); X's boundary must be absent or removable by a reached principal;
    /// - reaching one that can add users to an administrators' group, and reaching a user;
    /// - reaching one that can remove X's boundary, when X would be an administrator without it.
    public func privesc(principal: String? = nil) throws -> [Escalation] {
        if let principal {
            let a = try nodeId(principal)
            if let info = adminById[a] { return [adminRoute(info)] }
            lock.lock()
            let cached = escalationCache
            lock.unlock()
            if let cached { return cached[a].map { [$0] } ?? [] }
            let search = EscalationSearch(self, toAdmin: towardAdmins())
            return search.route(from: a).map { [$0] } ?? []
        }
        return escalations().values.sorted { $0.principal < $1.principal }
    }

    /// The route of an administrator: none when it can already do anything, else the change it
    /// makes to its own permissions as one hop (to itself, or to the group it joins).
    func adminRoute(_ info: AdminInfo) -> Escalation {
        guard info.basis != .full else {
            return Escalation(principal: info.principal, admin: info.principal, basis: info.basis.rawValue, hops: [],
                              adminInfo: info, adminConditions: info.conditions)
        }
        let category: EdgeCategory
        var to = info.principal
        switch info.basis {
        case .joinGroup:
            category = .joinGroup
            to = info.resources.first { nodes.id($0).map { nodes[$0].kind == .group } ?? false } ?? to
        case .liftBoundary: category = .liftBoundary
        default: category = .grant
        }
        let hop = Hop(from: info.principal, to: to, kind: info.actions.first ?? info.basis.rawValue, category: category,
                      actions: info.actions, resources: info.resources, conditions: info.conditions, decision: info.decision)
        return Escalation(principal: info.principal, admin: info.principal, basis: info.basis.rawValue, hops: [hop],
                          adminInfo: info, adminConditions: [])
    }

    /// The backward search from every administrator (computed once): the nearest one for each node.
    func towardAdmins() -> (dist: [Int: Int], next: [Int: Step]) {
        lock.lock()
        if let t = adminSearch { lock.unlock(); return t }
        lock.unlock()
        let b = backward(from: adminById.keys.sorted(), maxDepth: PrincipalGraph.privescDepth)
        lock.lock(); adminSearch = (b.dist, b.next); lock.unlock()
        return (b.dist, b.next)
    }

    /// All escalations, computed once per graph.
    func escalations() -> [Int: Escalation] {
        lock.lock()
        if let c = escalationCache { lock.unlock(); return c }
        lock.unlock()
        // Only principals that can escalate at all are searched (most of the work otherwise goes to
        // principals that reach much and escalate nowhere).
        let closure = EscalationClosure(self)
        let search = EscalationSearch(self, toAdmin: towardAdmins())
        var result: [Int: Escalation] = [:]
        for a in 0..<nodes.count where closure.escalates[a] && adminById[a] == nil && nodes[a].kind != .group && nodes[a].kind != .set {
            if let e = search.route(from: a) { result[a] = e }
        }
        for (id, info) in adminById where info.basis != .full { result[id] = adminRoute(info) }
        lock.lock(); escalationCache = result; lock.unlock()
        return result
    }
}

/// The shortest escalation of one principal. The nearest administrator comes from one backward
/// search shared by all principals; routes through permission changes come from a breadth-first
/// search that checks each node as it is reached and stops as soon as no later route can be
/// shorter. Buffers are reused across principals (`privesc` over every principal runs one each).
final class EscalationSearch {
    typealias Step = PrincipalGraph.Step
    private let g: PrincipalGraph
    private let toAdmin: (dist: [Int: Int], next: [Int: Step])
    private var dist: [Int]
    private var parent: [Step?]
    private var touched: [Int] = []
    /// Per set: up to two reached members (one of them is not the principal making a change).
    private var member1: [Int], member2: [Int]
    /// Per change target (a principal or a set): up to two reached principals whose grant (or lift)
    /// edge points at it, nearest first: (node, edge) pairs, -1 when absent.
    private var grant1: [(Int, Int)], grant2: [(Int, Int)]
    private var lift1: [(Int, Int)], lift2: [(Int, Int)]
    private var dirty: [Int] = []
    private var firstUser: Int?
    private var joiner: (node: Int, edge: Int)?
    private var best: Route?

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

    init(_ g: PrincipalGraph, toAdmin: (dist: [Int: Int], next: [Int: Step])) {
        self.g = g
        self.toAdmin = toAdmin
        let n = g.nodes.count
        dist = Array(repeating: -1, count: n)
        parent = Array(repeating: nil, count: n)
        member1 = Array(repeating: -1, count: n); member2 = Array(repeating: -1, count: n)
        grant1 = Array(repeating: (-1, -1), count: n); grant2 = Array(repeating: (-1, -1), count: n)
        lift1 = Array(repeating: (-1, -1), count: n); lift2 = Array(repeating: (-1, -1), count: n)
    }

    func route(from a: Int) -> Escalation? {
        reset()
        var adminRoute: [Hop]?
        var adminEnd = -1
        if let d = toAdmin.dist[a] {
            var hops: [Hop] = []
            var cur = a
            while let st = toAdmin.next[cur] { hops.append(g.hop(st)); cur = g.target(st) }
            if g.adminById[cur] != nil { adminRoute = hops; adminEnd = cur; best = Route(cost: d, parts: [], admin: cur, basis: .admin(cur)) }
        }
        reach(a, 0, nil)
        var layer = [a]
        var depth = 0
        // Nodes reached at depth + 1 complete routes of cost depth + 2 or more.
        search: while depth + 2 < (best?.cost ?? .max), depth < PrincipalGraph.privescDepth, !layer.isEmpty {
            var next: [Int] = []
            for u in layer {
                for e in g.outEdges[u] {
                    let t = g.edgeDst[e]
                    guard t >= 0 else { continue }
                    if g.isSet(t) {
                        for m in g.leaves(t) where m != u && dist[m] < 0 {
                            reach(m, depth + 1, Step(edge: e, leaf: m)); next.append(m)
                            if let c = best?.cost, c <= depth + 2 { break search }
                        }
                    } else if dist[t] < 0 {
                        reach(t, depth + 1, Step(edge: e, leaf: -1)); next.append(t)
                        if let c = best?.cost, c <= depth + 2 { break search }
                    }
                }
            }
            layer = next
            depth += 1
        }
        guard let b = best else { return nil }
        let hops: [Hop]
        if case .admin = b.basis, let r = adminRoute, b.admin == adminEnd {
            hops = r
        } else {
            var out: [Hop] = []
            for p in b.parts {
                switch p {
                case .path(let v): out += path(to: v)
                case .step(let st): out.append(g.hop(st))
                }
            }
            hops = out
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
        for x in dirty {
            member1[x] = -1; member2[x] = -1
            grant1[x] = (-1, -1); grant2[x] = (-1, -1); lift1[x] = (-1, -1); lift2[x] = (-1, -1)
        }
        touched.removeAll(keepingCapacity: true)
        dirty.removeAll(keepingCapacity: true)
        firstUser = nil
        joiner = nil
        best = nil
    }

    private func consider(_ r: Route) { if best == nil || r.cost < best!.cost { best = r } }

    /// Marks v reached, records what it can change, and checks the routes it completes.
    private func reach(_ v: Int, _ d: Int, _ st: Step?) {
        dist[v] = d
        parent[v] = st
        touched.append(v)
        for h in g.enclosing[v] {
            if member1[h] < 0 { member1[h] = v; dirty.append(h) } else if member2[h] < 0 { member2[h] = v }
        }
        for e in g.changeEdges[v] ?? [] {
            let t = g.edgeDst[e]
            guard t >= 0 else { continue }
            switch g.edges[e].category {
            case .grant: record(&grant1, &grant2, t, v, e)
            case .liftBoundary:
                record(&lift1, &lift2, t, v, e)
                if !g.adminWithoutBoundary.isEmpty { record(&grant1, &grant2, t, v, e) }
            default: break
            }
        }
        check(v)
    }

    private func record(_ first: inout [(Int, Int)], _ second: inout [(Int, Int)], _ t: Int, _ v: Int, _ e: Int) {
        if first[t].0 < 0 { first[t] = (v, e); dirty.append(t) } else if second[t].0 < 0 { second[t] = (v, e) }
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

    /// The step of a recorded change edge that reaches x (through a set when it points at one).
    private func stepTo(_ x: Int, _ e: Int) -> Step { g.isSet(g.edgeDst[e]) ? Step(edge: e, leaf: x) : Step(edge: e, leaf: -1) }

    /// Reached principals whose recorded change edges reach x: pointing at it, or at a set it is in.
    private func reaching(_ x: Int, _ first: [(Int, Int)], _ second: [(Int, Int)], _ body: (Int, Int) -> Void) {
        if first[x].0 >= 0 { body(first[x].0, first[x].1) }
        if second[x].0 >= 0 { body(second[x].0, second[x].1) }
        for h in g.enclosing[x] {
            if first[h].0 >= 0 && first[h].0 != x { body(first[h].0, first[h].1) }
            if second[h].0 >= 0 && second[h].0 != x { body(second[h].0, second[h].1) }
        }
    }

    /// The cheapest reached lift of x's boundary: (cost, parts), or (0, []) without a boundary.
    private func lift(_ x: Int) -> (Int, [Part])? {
        if g.nodes[x].boundaryArn == nil { return (0, []) }
        var found: (Int, [Part])?
        reaching(x, lift1, lift2) { z, e in
            let c = dist[z] + 1
            if found == nil || c < found!.0 { found = (c, [.path(z), .step(stepTo(x, e))]) }
        }
        return found
    }

    /// Every route that `v`, just reached, completes with what was reached before it (or itself).
    private func check(_ v: Int) {
        let d = dist[v]
        // v as the target of a change by a reached principal.
        reaching(v, grant1, grant2) { y, e in complete(e, y: y, x: v, stepTo(v, e)) }
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
            var targets: [Int] = []
            if g.isSet(t) {
                for m in [member1[t], member2[t]] where m >= 0 && m != v { targets.append(m) }
            } else if dist[t] >= 0 && t != v {
                targets.append(t)
            }
            for x in targets {
                complete(e, y: v, x: x, stepTo(x, e))
                // A lift reached after a grant and its target: the pair is complete only now.
                if g.edges[e].category == .liftBoundary {
                    reaching(x, grant1, grant2) { y, e2 in if g.edges[e2].category == .grant { complete(e2, y: y, x: x, stepTo(x, e2)) } }
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

    private func complete(_ e: Int, y: Int, x: Int, _ st: Step) {
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
