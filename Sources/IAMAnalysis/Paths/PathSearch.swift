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
        var distToT = backward(from: [t], maxDepth: maxDepth).dist
        // Administrators that `s` reaches in t's account have a hop to t, confirmed now; only the
        // nearest few are asked (each is one hop from t, so farther ones only give longer paths).
        let forward = reach(from: s, maxDepth: maxDepth - 1)
        var virtual: [Int: Edge] = [:]
        var asked = 0
        for v in forward.order where adminById[v] != nil && nodes[v].account == nodes[t].account && v != t {
            if (distToT[v] ?? .max) <= 1 { continue }
            if asked >= 8 || virtual.count >= limit { break }
            asked += 1
            if let e = adminHop(v, t) { virtual[v] = e }
        }
        if !virtual.isEmpty {
            // A virtual edge ends at t: its source is one hop away.
            for (u, d) in backward(from: virtual.keys.sorted(), maxDepth: maxDepth - 1).dist where (distToT[u] ?? .max) > d + 1 {
                distToT[u] = d + 1
            }
        }
        guard let best = distToT[s], best <= maxDepth else { return [] }

        /// A step to take: a stored one, or the virtual hop of an administrator (edge -1).
        struct Next { var node: Int; var step: Step? }
        func successors(_ u: Int) -> [Next] {
            var out: [Next] = []
            for e in outEdges[u] {
                let x = edgeDst[e]
                if x >= 0 && isSet(x) {
                    for m in leaves(x) where m != u && distToT[m] != nil { out.append(Next(node: m, step: Step(edge: e, leaf: m))) }
                } else if x >= 0 && distToT[x] != nil {
                    out.append(Next(node: x, step: Step(edge: e, leaf: -1)))
                }
            }
            if virtual[u] != nil { out.append(Next(node: t, step: nil)) }
            return out.sorted { (distToT[$0.node] ?? .max, $0.node) < (distToT[$1.node] ?? .max, $1.node) }
        }

        // Depth-first enumeration of simple paths, pruned by the distance to t, with a work bound so
        // that dense graphs stay interactive; the first path found follows shortest distances.
        var found: [[Next]] = []
        var stack: [Next] = []
        var onPath: Set<Int> = [s]
        var work = 0
        let workLimit = 100_000
        func dfs(_ u: Int) {
            if found.count >= limit * 4 || work > workLimit { return }
            for next in successors(u) {
                work += 1
                guard let d = distToT[next.node], stack.count + 1 + d <= maxDepth, !onPath.contains(next.node) else { continue }
                stack.append(next)
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

        let src = nodes[s].arn, dst = nodes[t].arn
        let paths: [[Hop]] = found.map { steps in
            var from = s
            var hops: [Hop] = []
            for n in steps {
                if let st = n.step { hops.append(hop(st)) } else if let e = virtual[from] { hops.append(Hop(e)) }
                from = n.node
            }
            return hops
        }
        let ranked = paths.sorted { a, b in
            if a.count != b.count { return a.count < b.count }
            let ca = a.filter { $0.decision == .conditional }.count, cb = b.filter { $0.decision == .conditional }.count
            if ca != cb { return ca < cb }
            return a.map(\.to).joined(separator: ",") < b.map(\.to).joined(separator: ",")
        }
        return ranked.prefix(limit).map { PrincipalPath(source: src, target: dst, hops: $0, targetAdmin: adminById[t]) }
    }
}
