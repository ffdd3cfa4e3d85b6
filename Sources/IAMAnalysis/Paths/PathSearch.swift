extension PrincipalGraph {
    /// `paths FROM [TO]`: with a target, the shortest path first, then the other distinct paths
    /// (different sequences of principals) up to `maxDepth` hops, at most `limit` in all. Without
    /// one, the shortest path to every principal `from` reaches. A path may end at, or pass through,
    /// an administrator: it reaches the principals of its own account with a hop confirmed by the solver.
    public func paths(from: String, to: String? = nil, maxDepth: Int = 6, limit: Int = 10) throws -> [PrincipalPath] {
        let s = try nodeId(from)
        let depth = max(1, maxDepth)
        guard let to else { return pathsFrom(s, maxDepth: depth) }
        let t = try nodeId(to)
        if s == t { return [] }
        return pathsBetween(s, t, maxDepth: depth, limit: max(1, limit))
    }

    private func pathsFrom(_ s: Int, maxDepth: Int) -> [PrincipalPath] {
        let src = nodes[s].arn
        var out: [PrincipalPath] = []
        if let a = adminById[s] {
            // Its own account is reached without stored edges; the other accounts through stored ones.
            out.append(PrincipalPath(source: src, target: src, hops: [], targetAdmin: a))
        }
        let r = reach(from: s, maxDepth: maxDepth)
        for v in r.order where v != s {
            out.append(PrincipalPath(source: src, target: nodes[v].arn, hops: hops(to: v, in: r), targetAdmin: adminById[v]))
        }
        return out
    }

    private func pathsBetween(_ s: Int, _ t: Int, maxDepth: Int, limit: Int) -> [PrincipalPath] {
        // Administrators that `s` can reach in t's account get a hop to t, confirmed now.
        let forward = reach(from: s, maxDepth: maxDepth - 1)
        var virtual: [Int: Edge] = [:]
        for v in forward.order where adminById[v] != nil && nodes[v].account == nodes[t].account && v != t {
            if hops(from: nodes[v].arn, to: nodes[t].arn).contains(where: { $0.category == .actAs }) { continue }
            if let e = adminHop(v, t) { virtual[v] = e }
        }

        // Distance to t over stored and virtual edges, for pruning.
        var distToT = backward(from: [t], maxDepth: maxDepth).dist
        if !virtual.isEmpty {
            // A virtual edge ends at t: its source is one hop away.
            for (u, d) in backward(from: virtual.keys.sorted(), maxDepth: maxDepth - 1).dist where (distToT[u] ?? .max) > d + 1 {
                distToT[u] = d + 1
            }
        }
        guard let best = distToT[s], best <= maxDepth else { return [] }

        struct Next { var node: Int; var hop: Hop }
        func successors(_ u: Int) -> [Next] {
            var out: [Next] = []
            for e in outEdges[u] {
                for st in steps(e) where distToT[target(st)] != nil { out.append(Next(node: target(st), hop: hop(st))) }
            }
            if let e = virtual[u] { out.append(Next(node: t, hop: Hop(e))) }
            return out.sorted { (distToT[$0.node] ?? .max, $0.node) < (distToT[$1.node] ?? .max, $1.node) }
        }

        // Depth-first enumeration of simple paths, pruned by the distance to t, with a work bound so
        // that dense graphs stay interactive; the first path found follows shortest distances.
        var found: [[Hop]] = []
        var stack: [Hop] = []
        var onPath: Set<Int> = [s]
        var work = 0
        let workLimit = 200_000
        func dfs(_ u: Int) {
            if found.count >= limit * 4 || work > workLimit { return }
            for next in successors(u) {
                work += 1
                guard let d = distToT[next.node], stack.count + 1 + d <= maxDepth, !onPath.contains(next.node) else { continue }
                stack.append(next.hop)
                if next.node == t {
                    found.append(stack)
                } else {
                    onPath.insert(next.node)
                    dfs(next.node)
                    onPath.remove(next.node)
                }
                stack.removeLast()
                if found.count >= limit * 4 || work > workLimit { return }
            }
        }
        dfs(s)

        let ranked = found.sorted { a, b in
            if a.count != b.count { return a.count < b.count }
            let ca = a.filter { $0.decision == .conditional }.count, cb = b.filter { $0.decision == .conditional }.count
            if ca != cb { return ca < cb }
            return a.map(\.to).joined(separator: ",") < b.map(\.to).joined(separator: ",")
        }
        let src = nodes[s].arn, dst = nodes[t].arn
        return ranked.prefix(limit).map { PrincipalPath(source: src, target: dst, hops: $0, targetAdmin: adminById[t]) }
    }
}
