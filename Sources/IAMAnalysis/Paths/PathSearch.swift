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
            if outEdges[v].contains(where: { edgeDst[$0] == t }) { continue }
            if let e = adminHop(v, t) { virtual[v] = e }
        }

        // Distance to t over stored and virtual edges, for pruning.
        var distToT: [Int: Int] = [t: 0]
        var queue = [t]
        var head = 0
        var virtualIn: [Int] = Array(virtual.keys)
        virtualIn.sort()
        while head < queue.count {
            let v = queue[head]; head += 1
            let d = distToT[v] ?? 0
            if d >= maxDepth { continue }
            var preds = inEdges[v].map { edgeSrc[$0] }
            if v == t { preds += virtualIn }
            for u in preds where distToT[u] == nil {
                distToT[u] = d + 1
                queue.append(u)
            }
        }
        guard let best = distToT[s], best <= maxDepth else { return [] }

        struct Step { var node: Int; var edge: Edge }
        func successors(_ u: Int) -> [Step] {
            var out = outEdges[u].map { Step(node: edgeDst[$0], edge: edges[$0]) }
            if let e = virtual[u] { out.append(Step(node: t, edge: e)) }
            return out.sorted { (distToT[$0.node] ?? .max, $0.node) < (distToT[$1.node] ?? .max, $1.node) }
        }

        // Depth-first enumeration of simple paths, pruned by the distance to t, with a work bound so
        // that dense graphs stay interactive; the first path found follows shortest distances.
        var found: [[Edge]] = []
        var stack: [Edge] = []
        var onPath: Set<Int> = [s]
        var work = 0
        let workLimit = 200_000
        func dfs(_ u: Int) {
            if found.count >= limit * 4 || work > workLimit { return }
            for step in successors(u) {
                work += 1
                guard let d = distToT[step.node], stack.count + 1 + d <= maxDepth, !onPath.contains(step.node) else { continue }
                stack.append(step.edge)
                if step.node == t {
                    found.append(stack)
                } else {
                    onPath.insert(step.node)
                    dfs(step.node)
                    onPath.remove(step.node)
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
            return a.map(\.target).joined(separator: ",") < b.map(\.target).joined(separator: ",")
        }
        let src = nodes[s].arn, dst = nodes[t].arn
        return ranked.prefix(limit).map { PrincipalPath(source: src, target: dst, hops: $0.map(Hop.init), targetAdmin: adminById[t]) }
    }
}
