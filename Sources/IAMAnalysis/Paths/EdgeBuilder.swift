import Foundation
import IAMPolicy

/// Options for building the graph.
public struct GraphOptions: Sendable {
    /// Threads used to confirm candidates with the solver.
    public var workers: Int
    public init(workers: Int = 2) { self.workers = max(1, workers) }
}

/// A set node: principals no caller's request tells apart (see `NodeKind.set`).
struct SetInfo: Sendable {
    /// Member node ids: principal ARNs or other set ids.
    var members: [String]
    var noun: String
}

/// Everything the builder produces; `PrincipalGraph` answers queries over it.
struct GraphData: @unchecked Sendable {
    var nodes: NodeTable
    var edges: [Edge]
    var sets: [String: SetInfo]
    var admins: [Int: AdminInfo]
    /// Group nodes whose permissions make a member an administrator.
    var adminGroups: [Int: AdminInfo]
    /// Principals that would be administrators without their permissions boundary.
    var adminWithoutBoundary: [Int: AdminInfo]
    var evaluator: RuleEvaluator
}

/// What one unit of parallel work produces: edges, and the merged sets they point to.
struct EdgeBatch: Sendable {
    var edges: [Edge] = []
    var sets: [String: SetInfo] = [:]
}

/// Builds the edge graph. Candidates come from `CandidateIndex` (identity-policy Allows read once
/// per policy) and from trust policies; every candidate is confirmed with the solver. Targets the
/// solver cannot tell apart for a caller (`TargetClasses`, `CallerView`) are asked about once and
/// reached through one set node. Administrators get no stored same-account edges: they reach
/// every principal of their account, and a hop out of one is confirmed when a path needs it.
final class EdgeBuilder: @unchecked Sendable {
    let auth: Authorizer
    let snapshot: Snapshot
    let options: GraphOptions
    var nodes: NodeTable
    let index: CandidateIndex
    let targets: RuleTargets
    let classes: TargetClasses
    let ruleKeys: [TargetClasses.Key]
    let evaluator: RuleEvaluator
    let tester: AdminTester
    /// Roles grouped by account and trust facts (the same trust policy, the same tags where it reads them).
    let trustGroups: [(account: String, fines: [Int])]

    init(authorizer: Authorizer, options: GraphOptions) {
        auth = authorizer
        snapshot = authorizer.snapshot
        self.options = options
        var n = NodeTable(snapshot: snapshot)
        for g in snapshot.groups {
            n.add(Node(arn: g.arn, kind: .group, account: g.account, label: "group/\(g.name)", boundaryArn: nil, isServiceLinked: false))
        }
        for r in snapshot.roles {
            for (provider, _) in TrustReader.federatedProviders(r.trustPolicy) {
                let arn = ARN(provider)
                n.add(Node(arn: provider, kind: .provider, account: arn?.account ?? "", label: arn?.resource ?? provider,
                           boundaryArn: nil, isServiceLinked: false))
            }
        }
        nodes = n
        index = CandidateIndex(snapshot: snapshot, nodes: n, actions: EdgeRules.relevantActions, workers: options.workers)
        targets = RuleTargets(snapshot: snapshot, nodes: n, rules: EdgeRules.all)
        classes = TargetClasses(rules: EdgeRules.all, targets: targets, collector: PatternCollector(snapshot: snapshot),
                                accounts: snapshot.accountIds, workers: options.workers)
        ruleKeys = EdgeRules.all.map(TargetClasses.key(for:))
        evaluator = RuleEvaluator(auth: authorizer, index: index, targets: targets)
        tester = AdminTester(auth: authorizer)
        var groups: [(String, [Int])] = []
        for acct in snapshot.accountIds {
            guard let kc = classes.classes(TargetClasses.assumeKey, account: acct) else { continue }
            var byFact: [Int: [Int]] = [:]
            for (i, f) in kc.fine.enumerated() { byFact[f.fact, default: []].append(i) }
            for fact in byFact.keys.sorted() { groups.append((acct, byFact[fact] ?? [])) }
        }
        trustGroups = groups
    }

    func run() -> GraphData {
        let admins = findAdmins()
        var batches = parallelMap(nodes.principalIds) { s, session in [self.edges(from: s, admins: admins, session)] }
        batches += parallelMap(Array(trustGroups.indices)) { g, session in [self.assumeEdges(group: g, admins: admins, session)] }
        var edges: [Edge] = []
        var sets: [String: SetInfo] = [:]
        for b in batches {
            edges += b.edges
            for (id, info) in b.sets { sets[id] = info }
        }
        let trustCandidates = edges.filter { $0.kind == "iam:UpdateAssumeRolePolicy" }
        edges.removeAll { $0.kind == "iam:UpdateAssumeRolePolicy" }
        addFineSets(&sets, referencedBy: edges)

        var data = GraphData(nodes: nodes, edges: [], sets: sets, admins: admins, adminGroups: [:], adminWithoutBoundary: [:],
                             evaluator: evaluator)
        edges += buildTimeHypotheticals(trustCandidates: trustCandidates, edges: edges, data: &data)
        for (id, info) in sets.sorted(by: { $0.key < $1.key }) {
            let leaves = leafCount(id, sets)
            data.nodes.add(Node(arn: id, kind: .set, account: ARN(info.members.first ?? "")?.account ?? "",
                                label: "\(leaves) \(info.noun)", boundaryArn: nil, isServiceLinked: false))
            for m in info.members {
                edges.append(Edge(source: id, target: m, kind: "member", category: .member, actions: [], resources: [], decision: .allow))
            }
        }
        data.edges = EdgeBuilder.dedupe(edges)
        addDerivedAdmins(&data)
        return data
    }

    // MARK: Administrators

    private func findAdmins() -> [Int: AdminInfo] {
        let probeActions = AdminProbes.actions
        let grantActions = ["iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:PutRolePolicy", "iam:AttachRolePolicy",
                            "iam:PutGroupPolicy", "iam:AttachGroupPolicy", "iam:CreatePolicyVersion"]
        let found: [(Int, AdminInfo)] = parallelMap(nodes.principalIds) { id, session in
            let n = self.nodes[id]
            if probeActions.allSatisfy({ self.index.mayAllow(id, $0) }),
               let c = self.tester.full(n.arn, account: n.account, session: session) {
                return [(id, AdminInfo(principal: n.arn, basis: .full, c))]
            }
            guard grantActions.contains(where: { self.index.mayAllow(id, $0) }) else { return [] }
            let (groups, policies) = self.attachments(of: n)
            if let c = self.tester.selfGrant(n.arn, kind: n.kind, boundary: n.boundaryArn, groups: groups,
                                             policies: policies, snapshot: self.snapshot, session: session) {
                return [(id, AdminInfo(principal: n.arn, basis: .selfGrant, c))]
            }
            return []
        }
        return Dictionary(found, uniquingKeysWith: { a, _ in a })
    }

    /// Group ARNs of a user and the managed policies attached to a principal (directly or through its groups).
    func attachments(of n: Node) -> ([String], [ManagedPolicy]) {
        var groups: [String] = []
        var arns: [String] = []
        if n.kind == .user, let u = snapshot.user(arn: n.arn) {
            arns = u.attachedPolicyArns
            for g in u.groups {
                guard let grp = snapshot.group(named: g, account: u.account) else { continue }
                groups.append(grp.arn)
                arns += grp.attachedPolicyArns
            }
        } else if let r = snapshot.role(arn: n.arn) {
            arns = r.attachedPolicyArns
        }
        var seen = Set<String>()
        let policies = arns.filter { seen.insert($0).inserted }.compactMap { snapshot.policy(arn: $0) }
        return (groups, policies)
    }

    // MARK: Table-driven edges

    /// The rule edges out of one principal (none within its own account when it is an administrator).
    func edges(from s: Int, admins: [Int: AdminInfo], _ session: SolverSession) -> EdgeBatch {
        var out = EdgeBatch()
        if admins[s] != nil { return out }
        let node = nodes[s]
        for (ri, rule) in EdgeRules.all.enumerated() {
            guard rule.checks.allSatisfy({ $0.contains { index.mayAllow(s, $0.action) } }) else { continue }
            if TargetClasses.groupable(rule.targets) {
                classEdges(rule, key: ruleKeys[ri], source: s, node: node, session, into: &out)
            } else {
                for t in targets.targets(rule.targets, account: node.account) where anchorAllows(rule, s, t) {
                    let dests = t.edgeTargets.filter { !(rule.category == .actAs && $0 == s) }
                    if dests.isEmpty && t.boundaryHolders.isEmpty { continue }
                    guard let conf = evaluator.evaluate(rule, source: s, sourceArn: node.arn, target: t, session: session) else { continue }
                    for d in dests { out.edges.append(conf.edge(from: node.arn, to: nodes[d].arn, kind: rule.kind, category: rule.category)) }
                    for d in t.boundaryHolders {
                        out.edges.append(conf.edge(from: node.arn, to: nodes[d].arn, kind: rule.kind, category: .liftBoundary))
                    }
                }
            }
        }
        // Rewriting a trust policy: the first half here; the assume half needs the rewritten trust.
        if index.mayAllow(s, "iam:UpdateAssumeRolePolicy") {
            for t in targets.targets(.roles, account: node.account) where t.arn != node.arn {
                guard index.mayAllow(s, "iam:UpdateAssumeRolePolicy", on: t.arn),
                      let r = evaluator.ask(node.arn, "iam:UpdateAssumeRolePolicy", [t.arn], [:], session) else { continue }
                var c = Confirmation(); c.add(r)
                out.edges.append(c.edge(from: node.arn, to: t.arn, kind: "iam:UpdateAssumeRolePolicy", category: .actAs))
            }
        }
        return out
    }

    /// A rule over principal targets: one question per group of classes the caller cannot tell apart.
    private func classEdges(_ rule: EdgeRule, key: TargetClasses.Key, source s: Int, node: Node, _ session: SolverSession,
                            into out: inout EdgeBatch) {
        guard let kc = classes.classes(key, account: node.account) else { return }
        let patterns = key.anchors.flatMap { index.allPatterns(s, $0) }
        let view = CallerView(kc, patterns: patterns, caller: node.arn)
        for g in view.groups {
            guard let rep = representative(kc, g, excluding: node.arn), anchorAllows(rule, s, rep),
                  let conf = evaluator.evaluate(rule, source: s, sourceArn: node.arn, target: rep, session: session) else { continue }
            out.edges.append(setEdge(conf, kind: rule.kind, category: rule.category, from: node.arn, kc: kc, account: node.account,
                                     group: g, rep: rep, into: &out))
        }
        var singles: [RuleTarget] = view.split.flatMap { kc.fine[$0].members }.filter { $0.arn != node.arn }
        // A grant, join or lift on itself is asked about on its own.
        if rule.category != .actAs, let me = kc.byArn[node.arn], let t = kc.fine[me].members.first(where: { $0.arn == node.arn }) {
            singles.append(t)
        }
        for t in singles where anchorAllows(rule, s, t) {
            guard let conf = evaluator.evaluate(rule, source: s, sourceArn: node.arn, target: t, session: session) else { continue }
            out.edges.append(conf.edge(from: node.arn, to: t.arn, kind: rule.kind, category: rule.category))
        }
    }

    /// The edge to a group of classes: straight to the principal when it is one, else to the set.
    private func setEdge(_ conf: Confirmation, kind: String, category: EdgeCategory, from: String, kc: KeyClasses, account: String,
                         group g: [Int], rep: RuleTarget, into out: inout EdgeBatch) -> Edge {
        if g.count == 1 && kc.fine[g[0]].members.count == 1 {
            return conf.edge(from: from, to: rep.arn, kind: kind, category: category)
        }
        let target: String
        if g.count == 1 {
            target = kc.fine[g[0]].node
        } else {
            target = SetNames.coarseId(kc, account: account, g)
            if out.sets[target] == nil { out.sets[target] = SetInfo(members: g.map { kc.fine[$0].node }, noun: kc.noun) }
        }
        return conf.tokenized(representative: rep).edge(from: from, to: target, kind: kind, category: category)
    }

    /// The first member of a group of classes that is not the caller.
    private func representative(_ kc: KeyClasses, _ g: [Int], excluding arn: String) -> RuleTarget? {
        for f in g { if let m = kc.fine[f].members.first(where: { $0.arn != arn }) { return m } }
        return nil
    }

    /// Whether the caller's Allows could cover the target for each check that names the target.
    private func anchorAllows(_ rule: EdgeRule, _ s: Int, _ t: RuleTarget) -> Bool {
        rule.checks.allSatisfy { grp in
            !grp.contains { $0.resource == .target } || grp.contains { $0.resource != .target || index.mayAllow(s, $0.action, on: t.arn) }
        }
    }

    // MARK: Assuming roles

    /// Edges into the roles of one trust group: the IAM callers its trust policy could admit
    /// (confirmed by the solver, which weighs the trust policy and the caller's side with the
    /// caller's full context), and the federated providers it names.
    func assumeEdges(group gi: Int, admins: [Int: AdminInfo], _ session: SolverSession) -> EdgeBatch {
        var out = EdgeBatch()
        let (account, fines) = trustGroups[gi]
        guard let kc = classes.classes(TargetClasses.assumeKey, account: account), let first = fines.first else { return out }
        let sample = kc.fine[first].members[0]
        let c = TrustReader.candidates(sample.trust, snapshot: snapshot, nodes: nodes)
        var cands = c.specific
        for acct in c.accounts {
            for p in nodes.principalsByAccount[acct] ?? [] where index.mayAllow(p, "sts:AssumeRole") { cands.insert(p) }
        }
        if c.anyone {
            for p in nodes.principalIds where nodes[p].account == account || index.mayAllow(p, "sts:AssumeRole") { cands.insert(p) }
        }
        let subset = KeyClasses.subset(kc, fines)
        for p in cands.sorted() {
            let src = nodes[p]
            // An administrator reaches every principal of its own account without a stored edge.
            if admins[p] != nil && src.account == account { continue }
            let named = c.specific.contains(p)
            let view = CallerView(subset.classes, patterns: index.allPatterns(p, "sts:AssumeRole"), caller: src.arn)
            var singles = view.split.flatMap { subset.classes.fine[$0].members }
            for g in view.groups {
                let global = g.map { subset.map[$0] }
                guard let rep = representative(kc, global, excluding: src.arn) else { continue }
                if !named && !index.mayAllow(p, "sts:AssumeRole", on: rep.arn) { continue }
                guard let res = evaluator.ask(src.arn, "sts:AssumeRole", [rep.arn], [:], session) else { continue }
                var conf = Confirmation(); conf.add(res)
                out.edges.append(setEdge(conf, kind: "sts:AssumeRole", category: .actAs, from: src.arn, kc: kc, account: account,
                                         group: global, rep: rep, into: &out))
            }
            singles.removeAll { $0.arn == src.arn }
            for t in singles {
                guard named || index.mayAllow(p, "sts:AssumeRole", on: t.arn),
                      let res = evaluator.ask(src.arn, "sts:AssumeRole", [t.arn], [:], session) else { continue }
                var conf = Confirmation(); conf.add(res)
                out.edges.append(conf.edge(from: src.arn, to: t.arn, kind: "sts:AssumeRole", category: .actAs))
            }
        }
        // Federated providers: per role (the trust is the same, the edges are few).
        for f in fines {
            for role in kc.fine[f].members {
                for (provider, action) in TrustReader.federatedProviders(role.trust) {
                    let o = TrustReader.federated(provider, action: action, trust: role.trust)
                    guard o.result != .no else { continue }
                    var conf = Confirmation()
                    conf.actions = [action]; conf.resources = [role.arn]; conf.reasons = ["\(action): \(o.statement)"]
                    for cond in o.conditions { conf.addCondition("trust policy: \(cond)") }
                    out.edges.append(conf.edge(from: provider, to: role.arn, kind: action, category: .actAs))
                }
            }
        }
        return out
    }

    // MARK: Sets

    /// Adds the fine-class sets that edges (or merged sets) point to.
    private func addFineSets(_ sets: inout [String: SetInfo], referencedBy edges: [Edge]) {
        var wanted = Set(edges.map(\.target).filter { $0.hasPrefix("iamsh:set/") })
        for info in sets.values { for m in info.members where m.hasPrefix("iamsh:set/") { wanted.insert(m) } }
        for id in wanted where sets[id] == nil {
            guard let (kc, fine) = fineSet(id) else { continue }
            sets[id] = SetInfo(members: fine.members.map(\.arn), noun: kc.noun)
        }
    }

    /// The fine class a set id names (`iamsh:set/<slug>/<account>/<index>`).
    private func fineSet(_ id: String) -> (KeyClasses, FineClass)? {
        let parts = id.split(separator: "/").map(String.init)
        guard parts.count == 4, let i = Int(parts[3]) else { return nil }
        let key = ([TargetClasses.assumeKey] + ruleKeys).first { k in
            classes.classes(k, account: parts[2])?.slug == parts[1]
        }
        guard let key, let kc = classes.classes(key, account: parts[2]), i < kc.fine.count else { return nil }
        return (kc, kc.fine[i])
    }

    private func leafCount(_ id: String, _ sets: [String: SetInfo]) -> Int {
        guard let info = sets[id] else { return 1 }
        return info.members.reduce(0) { $0 + leafCount($1, sets) }
    }

    /// The principals a node stands for: itself, or the members of a set (recursively).
    func leaves(_ id: String, _ sets: [String: SetInfo]) -> [String] {
        guard let info = sets[id] else { return [id] }
        return info.members.flatMap { leaves($0, sets) }
    }

    // MARK: Changes checked on a hypothetical snapshot

    /// Trust rewrites (then assume), group joins and boundary removals need to know what a principal
    /// could do after a change; they are checked on one changed copy of the snapshot.
    private func buildTimeHypotheticals(trustCandidates: [Edge], edges: [Edge], data: inout GraphData) -> [Edge] {
        var rewrites: [String: [String]] = [:]
        for e in trustCandidates { rewrites[e.target, default: []].append(e.source) }
        let joinGroups = Set(edges.filter { $0.category == .joinGroup }.map(\.target))
        var lifted = Set<String>()
        for e in edges where e.category == .liftBoundary {
            for leaf in leaves(e.target, data.sets) where nodes.id(leaf).map({ data.admins[$0] == nil }) ?? false { lifted.insert(leaf) }
        }
        if rewrites.isEmpty && joinGroups.isEmpty && lifted.isEmpty { return [] }

        let h = Hypothetical.buildTime(base: snapshot, trustRewrites: rewrites, groups: Array(joinGroups), clones: Array(lifted))
        let hAuth = Authorizer(snapshot: h, catalog: auth.catalog, now: auth.now, reusing: auth)
        let session = SolverSession(hAuth)
        let hEval = RuleEvaluator(auth: hAuth, index: index, targets: targets)
        let hTester = AdminTester(auth: hAuth)
        var out: [Edge] = []
        for e in trustCandidates {
            guard let r = hEval.ask(e.source, "sts:AssumeRole", [e.target], [:], session) else { continue }
            var conf = Confirmation(edge: e)
            conf.add(r)
            out.append(conf.edge(from: e.source, to: e.target, kind: "iam:UpdateAssumeRolePolicy", category: .actAs))
        }
        for g in joinGroups.sorted() {
            guard let grp = snapshot.group(arn: g), let gid = nodes.id(g) else { continue }
            let probe = Hypothetical.groupProbeArn(grp)
            if let c = hTester.full(probe, account: grp.account, session: session) {
                data.adminGroups[gid] = AdminInfo(principal: g, basis: .full, c)
            } else if let c = hTester.selfGrant(probe, kind: .user, boundary: nil, groups: [g], policies: [],
                                                snapshot: h, session: session) {
                data.adminGroups[gid] = AdminInfo(principal: g, basis: .selfGrant, c)
            }
        }
        for arn in lifted.sorted() {
            guard let id = nodes.id(arn) else { continue }
            let n = nodes[id]
            let name = ARN(arn)?.lastComponent ?? arn
            let clone = Hypothetical.unboundedCloneArn(arn, kind: n.kind, name: name, account: n.account)
            if let c = hTester.full(clone, account: n.account, session: session) {
                data.adminWithoutBoundary[id] = AdminInfo(principal: arn, basis: .full, c)
                continue
            }
            let (groups, policies) = attachments(of: n)
            if let c = hTester.selfGrant(clone, kind: n.kind, boundary: nil, groups: groups, policies: policies,
                                         snapshot: h, session: session) {
                data.adminWithoutBoundary[id] = AdminInfo(principal: arn, basis: .selfGrant, c)
            }
        }
        return out
    }

    /// Administrators found through edges: a user that can join an administrators' group (with no
    /// boundary in the way), and a principal that would be one without the boundary it can remove.
    private func addDerivedAdmins(_ data: inout GraphData) {
        var selfLift: [Int: Edge] = [:]
        for e in data.edges where e.category == .liftBoundary && e.source == e.target {
            if let id = nodes.id(e.source) { selfLift[id] = e }
        }
        for e in data.edges where e.category == .joinGroup {
            guard let s = nodes.id(e.source), nodes[s].kind == .user, data.admins[s] == nil,
                  let g = nodes.id(e.target), let groupAdmin = data.adminGroups[g] else { continue }
            if nodes[s].boundaryArn != nil && selfLift[s] == nil { continue }
            var c = Confirmation(edge: e)
            if let lift = selfLift[s], nodes[s].boundaryArn != nil { c.merge(Confirmation(edge: lift)) }
            if groupAdmin.decision == .conditional { c.decision = .conditional; c.conditions += groupAdmin.conditions }
            data.admins[s] = AdminInfo(principal: e.source, basis: .joinGroup, c)
        }
        for (id, lift) in selfLift where data.admins[id] == nil {
            guard let unbounded = data.adminWithoutBoundary[id] else { continue }
            var c = Confirmation(edge: lift)
            if unbounded.decision == .conditional { c.decision = .conditional; c.conditions += unbounded.conditions }
            data.admins[id] = AdminInfo(principal: lift.source, basis: .liftBoundary, c)
        }
    }

    // MARK: Helpers

    /// Keeps one edge per (source, target, kind): the certain one if there is one.
    static func dedupe(_ edges: [Edge]) -> [Edge] {
        var best: [String: Int] = [:]
        var out: [Edge] = []
        for e in edges {
            let key = e.source + "\u{1}" + e.target + "\u{1}" + e.kind + "\u{1}" + e.category.rawValue
            if let i = best[key] {
                if out[i].decision != .allow && e.decision == .allow { out[i] = e }
            } else {
                best[key] = out.count
                out.append(e)
            }
        }
        return out
    }

    /// Runs `body` over `items` on `options.workers` threads, each with its own solver session.
    func parallelMap<T>(_ items: [Int], _ body: @escaping @Sendable (Int, SolverSession) -> [T]) -> [T] {
        let workers = min(options.workers, max(1, items.count))
        if workers == 1 {
            let session = SolverSession(auth)
            return items.flatMap { body($0, session) }
        }
        let sink = ParallelSink<T>(slots: workers)
        let cursor = ParallelCursor(count: items.count, chunk: 8)
        let auth = self.auth
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let session = SolverSession(auth)
            var local: [T] = []
            while let range = cursor.next() {
                for k in range { local += body(items[k], session) }
            }
            sink.put(w, local)
        }
        return sink.all()
    }
}

extension KeyClasses {
    /// The classes restricted to some fine classes (one trust group), with the map back.
    static func subset(_ kc: KeyClasses, _ fines: [Int]) -> (classes: KeyClasses, map: [Int]) {
        var sub = KeyClasses()
        sub.slug = kc.slug; sub.noun = kc.noun; sub.commonPrefix = kc.commonPrefix
        var local: [Int: Int] = [:]
        for (i, f) in fines.enumerated() {
            local[f] = i
            sub.fine.append(kc.fine[f])
            for m in kc.fine[f].members { sub.byArn[m.arn] = i }
        }
        for (p, hits) in kc.hits {
            let h = hits.compactMap { local[$0] }
            if !h.isEmpty { sub.hits[p] = h }
        }
        return (sub, fines)
    }
}

extension Confirmation {
    init(edge e: Edge) {
        self.init(actions: e.actions, resources: e.resources, conditions: e.conditions, reasons: e.reasons, decision: e.decision)
    }

    mutating func merge(_ other: Confirmation) {
        for a in other.actions where !actions.contains(a) { actions.append(a) }
        for r in other.resources { addResource(r) }
        for c in other.conditions { addCondition(c) }
        reasons += other.reasons
        if other.decision == .conditional { decision = .conditional }
    }
}

/// Hands out index ranges to worker threads.
final class ParallelCursor: @unchecked Sendable {
    private let lock = NSLock()
    private var next_ = 0
    private let count: Int
    private let chunk: Int
    init(count: Int, chunk: Int) { self.count = count; self.chunk = chunk }
    func next() -> Range<Int>? {
        lock.lock(); defer { lock.unlock() }
        guard next_ < count else { return nil }
        let r = next_..<min(count, next_ + chunk)
        next_ = r.upperBound
        return r
    }
}

/// Collects each worker's results; the order of the output follows the worker slots.
final class ParallelSink<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[T]]
    init(slots: Int) { self.slots = Array(repeating: [], count: slots) }
    func put(_ slot: Int, _ items: [T]) { lock.lock(); slots[slot] = items; lock.unlock() }
    func all() -> [T] { lock.lock(); defer { lock.unlock() }; return slots.flatMap { $0 } }
}
