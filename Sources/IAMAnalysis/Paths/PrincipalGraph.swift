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
    /// Every stored edge, sorted by source, target and kind.
    public let edges: [Edge]

    let nodes: NodeTable
    let adminById: [Int: AdminInfo]
    let adminGroups: [Int: AdminInfo]
    let adminWithoutBoundary: [Int: AdminInfo]
    let evaluator: RuleEvaluator
    let edgeSrc: [Int]
    let edgeDst: [Int]
    /// Act-as edges, the best one per (source, target) pair, by source and by target.
    let outEdges: [[Int]]
    let inEdges: [[Int]]
    /// Edges that change permissions (grant, join-group, lift-boundary), by source.
    let changeEdges: [Int: [Int]]

    let lock = NSLock()
    var lazyHops: [Int64: Edge?] = [:]
    var escalationCache: [Int: Escalation]?
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
        var bestPair: [Int64: Int] = [:]
        for (i, e) in sorted.enumerated() {
            let s = data.nodes.id(e.source) ?? -1, t = data.nodes.id(e.target) ?? -1
            src.append(s); dst.append(t)
            guard s >= 0, t >= 0 else { continue }
            if e.category != .actAs { change[s, default: []].append(i); continue }
            let key = Int64(s) << 32 | Int64(t)
            if let j = bestPair[key] {
                if PrincipalGraph.better(e, sorted[j]) { bestPair[key] = i }
            } else {
                bestPair[key] = i
            }
        }
        for i in bestPair.values.sorted() { out[src[i]].append(i); inn[dst[i]].append(i) }
        edgeSrc = src; edgeDst = dst; outEdges = out; inEdges = inn; changeEdges = change
    }

    /// A certain edge beats a conditional one; then the one with fewer conditions.
    static func better(_ a: Edge, _ b: Edge) -> Bool {
        if a.decision != b.decision { return a.decision == .allow }
        return a.conditions.count < b.conditions.count
    }

    // MARK: Lookups

    /// The node id of a principal, group or provider given by ARN (or provider name).
    func nodeId(_ text: String) throws -> Int {
        if let id = nodes.id(text) { return id }
        if let e = try? authorizer.snapshot.resolve(text), let id = nodes.id(e.arn) { return id }
        throw GraphError(message: "\(text) is not a user, role, group or identity provider of the loaded accounts")
    }

    /// A readable label for a node ARN: `user/NAME`, `role/NAME`, or the provider.
    public func label(_ arn: String) -> String { nodes.id(arn).map { nodes[$0].label } ?? arn }

    /// The account of a node ARN ("" for web-identity providers).
    public func account(_ arn: String) -> String { nodes.id(arn).map { nodes[$0].account } ?? (ARN(arn)?.account ?? "") }

    /// The `edges` table rows.
    public func edgeRows() -> [EdgeRow] { edges.map(EdgeRow.init) }

    /// Every administrator, sorted by ARN.
    public func admins() -> [AdminInfo] { adminById.values.sorted { $0.principal < $1.principal } }

    /// The administrator record of a principal, if it is one.
    public func admin(_ arn: String) -> AdminInfo? { nodes.id(arn).flatMap { adminById[$0] } }

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
        var cache: [CheckKey: CanResult] = [:]
        var fallback: Edge?
        if dst.kind == .role, let r = evaluator.ask(src.arn, "sts:AssumeRole", [dst.arn], [:], &cache) {
            var c = Confirmation(); c.add(r)
            let e = c.edge(from: src.arn, to: dst.arn, kind: "sts:AssumeRole", category: .actAs)
            if e.decision == .allow { return e }
            fallback = e
        }
        for rule in EdgeRules.all where rule.category == .actAs {
            guard let target = evaluator.targets.target(rule.targets, arn: dst.arn) else { continue }
            guard let c = evaluator.evaluate(rule, source: x, sourceArn: src.arn, target: target, cache: &cache) else { continue }
            let e = c.edge(from: src.arn, to: dst.arn, kind: rule.kind, category: .actAs)
            if e.decision == .allow { return e }
            if fallback == nil { fallback = e }
        }
        if fallback == nil, dst.kind == .role, !dst.isServiceLinked,
           let r = evaluator.ask(src.arn, "iam:UpdateAssumeRolePolicy", [dst.arn], [:], &cache) {
            var c = Confirmation(); c.add(r)
            c.addCondition("sts:AssumeRole after the trust policy names the caller (the caller's own side is not checked for administrators)")
            fallback = c.edge(from: src.arn, to: dst.arn, kind: "iam:UpdateAssumeRolePolicy", category: .actAs)
        }
        return fallback
    }

    // MARK: Breadth-first search

    struct Reach {
        var dist: [Int: Int] = [:]
        var parentEdge: [Int: Int] = [:]
        var order: [Int] = []
    }

    /// Nodes reachable from `s` over act-as edges within `maxDepth` hops, with shortest-path parents.
    func reach(from s: Int, maxDepth: Int) -> Reach {
        var r = Reach()
        r.dist[s] = 0
        r.order = [s]
        var head = 0
        while head < r.order.count {
            let u = r.order[head]; head += 1
            let d = r.dist[u] ?? 0
            if d >= maxDepth { continue }
            for e in outEdges[u] {
                let v = edgeDst[e]
                if r.dist[v] != nil { continue }
                r.dist[v] = d + 1
                r.parentEdge[v] = e
                r.order.append(v)
            }
        }
        return r
    }

    /// The hops from the search's start to `v`.
    func hops(to v: Int, in r: Reach) -> [Hop] {
        var out: [Hop] = []
        var cur = v
        while let e = r.parentEdge[cur] {
            out.append(hop(e))
            cur = edgeSrc[e]
        }
        return out.reversed()
    }
}
