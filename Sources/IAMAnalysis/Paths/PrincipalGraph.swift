import Foundation
import IAMPolicy

/// An error of a graph query: a name that is not a node of the graph.
public struct GraphError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The graph of "who can act as whom" over every loaded account, with the administrators, and the
/// queries over it: `paths`, `privesc`, `admins`, transitive who-can and can, and the `edges` rows.
///
/// Build it once per loaded snapshot (it is immutable afterwards; queries may run concurrently).
public final class PrincipalGraph: @unchecked Sendable {
    public let authorizer: Authorizer
    /// Every stored edge, sorted by source, target and kind. Edges into a set node (`NodeKind.set`)
    /// reach each of its members; `member` edges list them.
    public let edges: [Edge]

    let nodes: NodeTable
    let adminById: [Int: AdminInfo]
    let adminGroups: [Int: AdminInfo]
    let adminWithoutBoundary: [Int: AdminInfo]
    let evaluator: RuleEvaluator
    let edgeSrc: [Int]
    let edgeDst: [Int]
    /// Act-as edges, the best one per (source, target) pair, by source and by target (targets may be sets).
    let outEdges: [[Int]]
    let inEdges: [[Int]]
    /// Edges that change permissions (grant, join-group, lift-boundary), by source.
    let changeEdges: [Int: [Int]]
    /// Members of each set node, and the sets each node belongs to.
    let setMembers: [Int: [Int]]
    let setsOf: [Int: [Int]]
    /// Per node: the sets it belongs to, directly or through other sets.
    let enclosing: [[Int]]
    /// Per set node: the principals it stands for.
    let setLeaves: [Int: [Int]]

    let lock = NSLock()
    var lazyHops: [Int64: Edge?] = [:]
    var escalationCache: [Int: Escalation]?
    var adminSearch: (dist: [Int: Int], next: [Int: Step])?
    var escalatedAuthorizer: Authorizer?

    public convenience init(authorizer: Authorizer, options: GraphOptions = GraphOptions()) {
        let data = EdgeBuilder(authorizer: authorizer, options: options).run()
        self.init(authorizer: authorizer, data: data)
    }

    init(authorizer: Authorizer, data: GraphData) {
        self.authorizer = authorizer
        nodes = data.nodes
        adminById = data.admins
        adminGroups = data.adminGroups
        adminWithoutBoundary = data.adminWithoutBoundary
        evaluator = data.evaluator
        let sorted = data.edges.sorted {
            ($0.source, $0.target, $0.kind) < ($1.source, $1.target, $1.kind)
        }
        edges = sorted
        var src: [Int] = [], dst: [Int] = []
        var out = [[Int]](repeating: [], count: data.nodes.count)
        var inn = [[Int]](repeating: [], count: data.nodes.count)
        var change: [Int: [Int]] = [:]
        var members: [Int: [Int]] = [:], setsOf: [Int: [Int]] = [:]
        var bestPair: [Int64: Int] = [:]
        for (i, e) in sorted.enumerated() {
            let s = data.nodes.id(e.source) ?? -1, t = data.nodes.id(e.target) ?? -1
            src.append(s); dst.append(t)
            guard s >= 0, t >= 0 else { continue }
            switch e.category {
            case .member:
                members[s, default: []].append(t)
                setsOf[t, default: []].append(s)
            case .actAs:
                let key = Int64(s) << 32 | Int64(t)
                if let j = bestPair[key] {
                    if PrincipalGraph.better(e, sorted[j]) { bestPair[key] = i }
                } else {
                    bestPair[key] = i
                }
            default:
                change[s, default: []].append(i)
            }
        }
        for i in bestPair.values.sorted() { out[src[i]].append(i); inn[dst[i]].append(i) }
        edgeSrc = src; edgeDst = dst; outEdges = out; inEdges = inn; changeEdges = change
        setMembers = members
        self.setsOf = setsOf
        var enc = [[Int]](repeating: [], count: data.nodes.count)
        for v in 0..<data.nodes.count where setsOf[v] != nil {
            var stack = setsOf[v] ?? []
            var seen = Set<Int>()
            while let h = stack.popLast() {
                guard seen.insert(h).inserted else { continue }
                enc[v].append(h)
                stack += setsOf[h] ?? []
            }
        }
        enclosing = enc
        var leaves: [Int: [Int]] = [:]
        for h in members.keys {
            var out: [Int] = []
            var stack = [h]
            var seen = Set<Int>()
            while let x = stack.popLast() {
                for m in members[x] ?? [] where seen.insert(m).inserted {
                    if members[m] != nil { stack.append(m) } else { out.append(m) }
                }
            }
            leaves[h] = out
        }
        setLeaves = leaves
    }

    /// A certain edge beats a conditional one; then the one with fewer conditions.
    static func better(_ a: Edge, _ b: Edge) -> Bool {
        if a.decision != b.decision { return a.decision == .allow }
        return a.conditions.count < b.conditions.count
    }

    // MARK: Lookups

    /// The node id of a principal, group or provider given by ARN, name or provider.
    func nodeId(_ text: String) throws -> Int {
        if let id = nodes.id(text), nodes[id].kind != .set { return id }
        do {
            let e = try authorizer.snapshot.resolve(text)
            if let id = nodes.id(e.arn) { return id }
            throw GraphError(message: "\(text) is not a user, role, group or identity provider of the loaded accounts")
        } catch let e as ResolveError {
            throw GraphError(message: e.description)
        }
    }

    /// A readable label for a node: `user/NAME`, `role/NAME`, the provider, or a set's size and kind.
    public func label(_ arn: String) -> String { nodes.id(arn).map { nodes[$0].label } ?? arn }

    /// The account of a node ARN ("" for web-identity providers).
    public func account(_ arn: String) -> String { nodes.id(arn).map { nodes[$0].account } ?? (ARN(arn)?.account ?? "") }

    /// The `edges` table rows (set nodes and their `member` rows included).
    public func edgeRows() -> [EdgeRow] { edges.map(EdgeRow.init) }

    /// Every administrator, sorted by ARN.
    public func admins() -> [AdminInfo] { adminById.values.sorted { $0.principal < $1.principal } }

    /// The administrator record of a principal, if it is one.
    public func admin(_ arn: String) -> AdminInfo? { nodes.id(arn).flatMap { adminById[$0] } }

    /// The stored hops from one node to another (through sets too), every kind and category.
    public func hops(from: String, to: String) -> [Hop] {
        guard let s = nodes.id(from), let t = nodes.id(to) else { return [] }
        var out: [Hop] = []
        let containing = Set(enclosingSets(t))
        for (i, e) in edges.enumerated() where edgeSrc[i] == s && e.category != .member {
            if edgeDst[i] == t { out.append(Hop(e)) } else if containing.contains(edgeDst[i]) && s != t { out.append(hop(Step(edge: i, leaf: t))) }
        }
        return out
    }

    // MARK: Steps through sets

    /// One hop: an edge, and the member it reaches when the edge points to a set.
    struct Step: Hashable {
        var edge: Int
        var leaf: Int
    }

    func target(_ st: Step) -> Int { st.leaf >= 0 ? st.leaf : edgeDst[st.edge] }

    func isSet(_ id: Int) -> Bool { nodes[id].kind == .set }

    /// The principals a set stands for (recursively).
    func leaves(_ set: Int) -> [Int] { setLeaves[set] ?? [] }

    /// The sets a node belongs to, directly or through other sets.
    func enclosingSets(_ v: Int) -> [Int] { enclosing[v] }

    /// The targets an edge reaches (its target, or the members of the set it points to), never its source.
    func steps(_ e: Int) -> [Step] {
        let t = edgeDst[e]
        if t < 0 { return [] }
        if !isSet(t) { return [Step(edge: e, leaf: -1)] }
        return leaves(t).filter { $0 != edgeSrc[e] }.map { Step(edge: e, leaf: $0) }
    }

    /// The hop of a step; through a set, the placeholders of the set's edge name the member.
    func hop(_ st: Step) -> Hop {
        var h = Hop(edges[st.edge])
        guard st.leaf >= 0 else { return h }
        let member = nodes[st.leaf].arn
        let profile = evaluator.targets.profilesByRole[member]?.first ?? Confirmation.profileToken
        h.to = member
        h.resources = h.resources.map { $0 == Confirmation.memberToken ? member : ($0 == Confirmation.profileToken ? profile : $0) }
        h.conditions = h.conditions.map {
            $0.replacingAll(Confirmation.memberToken, with: member).replacingAll(Confirmation.profileToken, with: profile)
        }
        return h
    }

    func hop(_ edgeIndex: Int) -> Hop { Hop(edges[edgeIndex]) }

    // MARK: Hops out of administrators

    /// The act-as hop from an administrator to a principal of its own account, confirmed with the
    /// solver when first asked (administrators get no stored same-account edges). Nil when every way
    /// is denied — an administrator's own denies, boundary and SCPs still apply.
    func adminHop(_ x: Int, _ t: Int) -> Edge? {
        let key = Int64(x) << 32 | Int64(t)
        lock.lock()
        if let hit = lazyHops[key] { lock.unlock(); return hit }
        lock.unlock()
        let e = computeAdminHop(x, t)
        lock.lock(); lazyHops[key] = e; lock.unlock()
        return e
    }

    private func computeAdminHop(_ x: Int, _ t: Int) -> Edge? {
        let src = nodes[x], dst = nodes[t]
        guard src.account == dst.account, x != t, dst.kind == .user || dst.kind == .role else { return nil }
        let session = SolverSession(authorizer)
        var fallback: Edge?
        if dst.kind == .role, let r = evaluator.ask(src.arn, "sts:AssumeRole", [dst.arn], [:], session) {
            var c = Confirmation(); c.add(r)
            let e = c.edge(from: src.arn, to: dst.arn, kind: "sts:AssumeRole", category: .actAs)
            if e.decision == .allow { return e }
            fallback = e
        }
        for rule in EdgeRules.all where rule.category == .actAs {
            guard let target = evaluator.targets.target(rule.targets, arn: dst.arn) else { continue }
            guard let c = evaluator.evaluate(rule, source: x, sourceArn: src.arn, target: target, session: session) else { continue }
            let e = c.edge(from: src.arn, to: dst.arn, kind: rule.kind, category: .actAs)
            if e.decision == .allow { return e }
            if fallback == nil { fallback = e }
        }
        if fallback == nil, dst.kind == .role, !dst.isServiceLinked,
           let r = evaluator.ask(src.arn, "iam:UpdateAssumeRolePolicy", [dst.arn], [:], session) {
            var c = Confirmation(); c.add(r)
            c.addCondition("sts:AssumeRole after the trust policy names the caller (the caller's own side is not checked for administrators)")
            fallback = c.edge(from: src.arn, to: dst.arn, kind: "iam:UpdateAssumeRolePolicy", category: .actAs)
        }
        return fallback
    }

    // MARK: Breadth-first search

    struct Reach {
        var dist: [Int: Int] = [:]
        var parent: [Int: Step] = [:]
        var order: [Int] = []
    }

    /// Nodes reachable from `s` over act-as edges within `maxDepth` hops, with shortest-path parents.
    func reach(from s: Int, maxDepth: Int) -> Reach {
        var r = Reach()
        r.dist[s] = 0
        r.order = [s]
        var expanded = Set<Int>()
        var head = 0
        while head < r.order.count {
            let u = r.order[head]; head += 1
            let d = r.dist[u] ?? 0
            if d >= maxDepth { continue }
            for e in outEdges[u] {
                let t = edgeDst[e]
                // A set is expanded once: whoever reached it first did so at the smallest distance.
                if isSet(t) && !expanded.insert(t).inserted { continue }
                for st in steps(e) {
                    let v = target(st)
                    if r.dist[v] != nil { continue }
                    r.dist[v] = d + 1
                    r.parent[v] = st
                    r.order.append(v)
                }
            }
        }
        return r
    }

    /// The hops from the search's start to `v`.
    func hops(to v: Int, in r: Reach) -> [Hop] {
        var out: [Hop] = []
        var cur = v
        while let st = r.parent[cur] {
            out.append(hop(st))
            cur = edgeSrc[st.edge]
        }
        return out.reversed()
    }

    /// Backward search over act-as edges from `sources` (distance 0): for every node that reaches
    /// one of them within `maxDepth` hops, its distance and the first step toward it.
    func backward(from sources: [Int], maxDepth: Int) -> (dist: [Int: Int], next: [Int: Step], order: [Int]) {
        var dist: [Int: Int] = [:]
        var next: [Int: Step] = [:]
        var queue: [Int] = []
        for s in sources where dist[s] == nil { dist[s] = 0; queue.append(s) }
        // A set is handled from the first member reached; its edges from that very member are kept
        // for the next member (an edge into a set never reaches its own source).
        var setFirst: [Int: Int] = [:]
        var head = 0
        func visit(_ u: Int, _ d: Int, _ st: Step) {
            guard dist[u] == nil else { return }
            dist[u] = d
            next[u] = st
            queue.append(u)
        }
        while head < queue.count {
            let v = queue[head]; head += 1
            let d = dist[v] ?? 0
            if d >= maxDepth { continue }
            for e in inEdges[v] where edgeSrc[e] >= 0 { visit(edgeSrc[e], d + 1, Step(edge: e, leaf: -1)) }
            for h in enclosingSets(v) {
                if let first = setFirst[h] {
                    if first != v { for e in inEdges[h] where edgeSrc[e] == first { visit(first, d + 1, Step(edge: e, leaf: v)) } }
                    continue
                }
                setFirst[h] = v
                for e in inEdges[h] where edgeSrc[e] >= 0 && edgeSrc[e] != v { visit(edgeSrc[e], d + 1, Step(edge: e, leaf: v)) }
            }
        }
        return (dist, next, queue)
    }

    /// The hops from `u` following `next` steps of a backward search.
    func hops(from u: Int, next: [Int: Step]) -> (hops: [Hop], end: Int) {
        var out: [Hop] = []
        var cur = u
        while let st = next[cur] {
            out.append(hop(st))
            cur = target(st)
        }
        return (out, cur)
    }
}
