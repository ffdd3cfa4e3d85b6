/// Which nodes can escalate at all, for every node at once, by bitset reachability over the
/// strongly connected components of the act-as graph (sets and their members included). A node
/// escalates when what it reaches contains an administrator, or a principal that some principal
/// it reaches can give any permission (unbounded, or with a reached lift of its boundary), or a
/// principal that would be an administrator without a boundary a reached principal can remove,
/// or a user when a reached principal can add users to an administrators' group. Depth is not
/// bounded here; the per-principal search then finds the shortest route of each escalating node.
struct EscalationClosure {
    let escalates: [Bool]

    init(_ g: PrincipalGraph) {
        let n = g.nodes.count
        let words = (n + 63) / 64
        // Successors for reachability: act-as edges (best per pair) and set membership.
        var succ = [[Int]](repeating: [], count: n)
        for u in 0..<n {
            for e in g.outEdges[u] where g.edgeDst[e] >= 0 { succ[u].append(g.edgeDst[e]) }
            for m in g.setMembers[u] ?? [] { succ[u].append(m) }
        }
        let (comp, order) = EscalationClosure.components(succ)
        let c = order.count
        // Bounded grant targets matter only with lifts; without any, those two tables stay empty.
        let anyLift = g.edges.contains { $0.category == .liftBoundary }
        let liftRows = anyLift ? c * words : 0
        var reach = [UInt64](repeating: 0, count: c * words)
        var grants = [UInt64](repeating: 0, count: c * words)     // unbounded targets, and admins-without-boundary lifts
        var bounded = [UInt64](repeating: 0, count: liftRows)     // bounded grant targets
        var lifts = [UInt64](repeating: 0, count: liftRows)       // lift targets
        var joins = [Bool](repeating: false, count: c)

        func setBit(_ a: inout [UInt64], _ row: Int, _ bit: Int) { a[row * words + bit >> 6] |= 1 << UInt64(bit & 63) }
        for v in 0..<n {
            let row = comp[v]
            setBit(&reach, row, v)
            for e in g.changeEdges[v] ?? [] {
                let t = g.edgeDst[e]
                guard t >= 0 else { continue }
                let cat = g.edges[e].category
                if cat == .joinGroup {
                    if g.adminGroups[t] != nil { joins[row] = true }
                    continue
                }
                for st in g.steps(e) {
                    let x = g.target(st)
                    switch cat {
                    case .grant:
                        if g.nodes[x].boundaryArn == nil { setBit(&grants, row, x) } else if anyLift { setBit(&bounded, row, x) }
                    case .liftBoundary:
                        setBit(&lifts, row, x)
                        if g.adminWithoutBoundary[x] != nil { setBit(&grants, row, x) }
                    default: break
                    }
                }
            }
        }
        // Components come in reverse topological order (successors first): fold each one's successors in.
        var compSucc = [Set<Int>](repeating: [], count: c)
        for u in 0..<n { for v in succ[u] where comp[v] != comp[u] { compSucc[comp[u]].insert(comp[v]) } }
        for row in 0..<c {
            for s in compSucc[row] {
                for w in 0..<words {
                    reach[row * words + w] |= reach[s * words + w]
                    grants[row * words + w] |= grants[s * words + w]
                }
                if anyLift {
                    for w in 0..<words {
                        bounded[row * words + w] |= bounded[s * words + w]
                        lifts[row * words + w] |= lifts[s * words + w]
                    }
                }
                if joins[s] { joins[row] = true }
            }
        }
        var admins = [UInt64](repeating: 0, count: words)
        var users = [UInt64](repeating: 0, count: words)
        var boundedUsers = [UInt64](repeating: 0, count: words)
        for (id, _) in g.adminById { admins[id >> 6] |= 1 << UInt64(id & 63) }
        for v in 0..<n where g.nodes[v].kind == .user {
            if g.nodes[v].boundaryArn == nil { users[v >> 6] |= 1 << UInt64(v & 63) } else { boundedUsers[v >> 6] |= 1 << UInt64(v & 63) }
        }
        var out = [Bool](repeating: false, count: n)
        for v in 0..<n {
            let row = comp[v] * words
            var yes = false
            for w in 0..<words where !yes {
                let r = reach[row + w]
                let lifted = anyLift ? lifts[row + w] : 0
                if r & admins[w] != 0 || r & grants[row + w] != 0 || (anyLift && r & bounded[row + w] & lifted != 0) { yes = true }
                if joins[comp[v]] && (r & users[w] != 0 || r & boundedUsers[w] & lifted != 0) { yes = true }
            }
            out[v] = yes
        }
        escalates = out
    }

    /// Tarjan's algorithm without recursion: the component of each node, and the components in
    /// reverse topological order (a component comes after every component it reaches).
    static func components(_ succ: [[Int]]) -> (comp: [Int], order: [Int]) {
        let n = succ.count
        var index = [Int](repeating: -1, count: n), low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var comp = [Int](repeating: -1, count: n)
        var stack: [Int] = []
        var order: [Int] = []
        var next = 0
        for root in 0..<n where index[root] < 0 {
            var work: [(v: Int, i: Int)] = [(root, 0)]
            index[root] = next; low[root] = next; next += 1
            stack.append(root); onStack[root] = true
            while let (v, i) = work.last {
                if i < succ[v].count {
                    work[work.count - 1].i += 1
                    let w = succ[v][i]
                    if index[w] < 0 {
                        index[w] = next; low[w] = next; next += 1
                        stack.append(w); onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    work.removeLast()
                    if let p = work.last { low[p.v] = min(low[p.v], low[v]) }
                    if low[v] == index[v] {
                        let id = order.count
                        order.append(id)
                        while let w = stack.popLast() {
                            onStack[w] = false
                            comp[w] = id
                            if w == v { break }
                        }
                    }
                }
            }
        }
        return (comp, order)
    }
}
