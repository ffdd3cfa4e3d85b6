import Foundation
import IAMPolicy

/// Options for building the graph.
public struct GraphOptions: Sendable {
    /// Threads used to confirm candidates with the solver.
    public var workers: Int
    public init(workers: Int = 2) { self.workers = max(1, workers) }
}

/// Everything the builder produces; `PrincipalGraph` answers queries over it.
struct GraphData: @unchecked Sendable {
    var nodes: NodeTable
    var edges: [Edge]
    var admins: [Int: AdminInfo]
    /// Group nodes whose permissions make a member an administrator.
    var adminGroups: [Int: AdminInfo]
    /// Principals that would be administrators without their permissions boundary.
    var adminWithoutBoundary: [Int: AdminInfo]
    var evaluator: RuleEvaluator
}

/// Builds the edge graph. Candidates come from `CandidateIndex` (identity-policy Allows read once
/// per policy) and from trust policies; every candidate is confirmed with `Authorizer.can`.
/// Administrators get no stored same-account edges: they reach every principal of their account,
/// and a hop out of one is confirmed with the solver when a path needs it.
final class EdgeBuilder: @unchecked Sendable {
    let auth: Authorizer
    let snapshot: Snapshot
    let options: GraphOptions
    var nodes: NodeTable
    let index: CandidateIndex
    let targets: RuleTargets
    let evaluator: RuleEvaluator
    let tester: AdminTester

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
                n.add(Node(arn: provider, kind: .provider, account: ARN(provider)?.account ?? "", label: provider,
                           boundaryArn: nil, isServiceLinked: false))
            }
        }
        nodes = n
        index = CandidateIndex(snapshot: snapshot, nodes: n, actions: EdgeRules.relevantActions)
        targets = RuleTargets(snapshot: snapshot, nodes: n, rules: EdgeRules.all)
        evaluator = RuleEvaluator(auth: authorizer, index: index, targets: targets)
        tester = AdminTester(auth: authorizer)
    }

    func run() -> GraphData {
        let admins = findAdmins()
        var edges = parallelMap(nodes.principalIds) { s, cache in self.edges(from: s, admins: admins, cache: &cache) }
        let roleIds = nodes.principalIds.filter { nodes[$0].kind == .role }
        edges += parallelMap(roleIds) { r, cache in self.assumeEdges(to: r, admins: admins, cache: &cache) }

        let trustCandidates = edges.filter { $0.kind == "iam:UpdateAssumeRolePolicy" }
        edges.removeAll { $0.kind == "iam:UpdateAssumeRolePolicy" }
        var data = GraphData(nodes: nodes, edges: [], admins: admins, adminGroups: [:], adminWithoutBoundary: [:], evaluator: evaluator)
        edges += buildTimeHypotheticals(trustCandidates: trustCandidates, edges: edges, data: &data)
        data.edges = EdgeBuilder.dedupe(edges)
        addDerivedAdmins(&data)
        return data
    }

    // MARK: Administrators

    private func findAdmins() -> [Int: AdminInfo] {
        let probeActions = AdminProbes.actions
        let grantActions = ["iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:PutRolePolicy", "iam:AttachRolePolicy",
                            "iam:PutGroupPolicy", "iam:AttachGroupPolicy", "iam:CreatePolicyVersion"]
        let found: [(Int, AdminInfo)] = parallelMap(nodes.principalIds) { id, cache in
            let n = self.nodes[id]
            if probeActions.allSatisfy({ self.index.mayAllow(id, $0) }),
               let c = self.tester.full(n.arn, account: n.account, cache: &cache) {
                return [(id, AdminInfo(principal: n.arn, basis: .full, c))]
            }
            guard grantActions.contains(where: { self.index.mayAllow(id, $0) }) else { return [] }
            let (groups, policies) = self.attachments(of: n)
            if let c = self.tester.selfGrant(n.arn, kind: n.kind, boundary: n.boundaryArn, groups: groups,
                                             policies: policies, snapshot: self.snapshot, cache: &cache) {
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
    func edges(from s: Int, admins: [Int: AdminInfo], cache: inout [CheckKey: CanResult]) -> [Edge] {
        if admins[s] != nil { return [] }
        var out: [Edge] = []
        let node = nodes[s]
        for rule in EdgeRules.all {
            guard rule.checks.allSatisfy({ $0.contains { index.mayAllow(s, $0.action) } }) else { continue }
            for t in candidateTargets(rule, source: s, account: node.account) {
                let dests = t.edgeTargets.filter { !(rule.category == .actAs && $0 == s) }
                if dests.isEmpty && t.boundaryHolders.isEmpty { continue }
                guard let conf = evaluator.evaluate(rule, source: s, sourceArn: node.arn, target: t, cache: &cache) else { continue }
                for d in dests { out.append(conf.edge(from: node.arn, to: nodes[d].arn, kind: rule.kind, category: rule.category)) }
                for d in t.boundaryHolders { out.append(conf.edge(from: node.arn, to: nodes[d].arn, kind: rule.kind, category: .liftBoundary)) }
            }
        }
        // Rewriting a trust policy: the first half here; the assume half needs the rewritten trust.
        if index.mayAllow(s, "iam:UpdateAssumeRolePolicy") {
            let roles = targets.targets(.roles, account: node.account)
            for t in matching(roles, patterns: index.patterns(s, "iam:UpdateAssumeRolePolicy") ?? []) where t.edgeTargets != [s] {
                guard let r = evaluator.ask(node.arn, "iam:UpdateAssumeRolePolicy", [t.arn], [:], &cache) else { continue }
                var c = Confirmation(); c.add(r)
                out.append(c.edge(from: node.arn, to: t.arn, kind: "iam:UpdateAssumeRolePolicy", category: .actAs))
            }
        }
        return out
    }

    /// The targets of a rule in the source's account that its anchor patterns could cover.
    private func candidateTargets(_ rule: EdgeRule, source s: Int, account: String) -> [RuleTarget] {
        let all = targets.targets(rule.targets, account: account)
        if all.isEmpty { return [] }
        let anchored = rule.checks.filter { $0.contains { $0.resource == .target } }
        guard let first = anchored.first else { return all }
        var pats: [String] = []
        for alt in first where alt.resource == .target { pats += index.patterns(s, alt.action) ?? [] }
        let narrowed = matching(all, patterns: pats)
        if anchored.count == 1 { return narrowed }
        return narrowed.filter { t in
            anchored.dropFirst().allSatisfy { grp in grp.contains { $0.resource != .target || index.mayAllow(s, $0.action, on: t.arn) } }
        }
    }

    /// Targets whose ARN some pattern matches; literal patterns are looked up, not scanned.
    private func matching(_ all: [RuleTarget], patterns: [String]) -> [RuleTarget] {
        if patterns.contains("*") { return all }
        if patterns.allSatisfy({ !Wildcard.hasWildcard($0) }) {
            let wanted = Set(patterns)
            return all.filter { wanted.contains($0.arn) }
        }
        return all.filter { t in patterns.contains { Wildcard.matches($0, t.arn) } }
    }

    // MARK: Assuming roles

    /// Edges into one role: IAM callers its trust policy could admit (confirmed with `can`, which
    /// weighs the trust policy and the caller's side with the caller's full context), and the
    /// federated providers it names.
    func assumeEdges(to r: Int, admins: [Int: AdminInfo], cache: inout [CheckKey: CanResult]) -> [Edge] {
        let roleNode = nodes[r]
        guard let role = snapshot.role(arn: roleNode.arn) else { return [] }
        var out: [Edge] = []
        let c = TrustReader.candidates(role.trustPolicy, snapshot: snapshot, nodes: nodes)
        var cands = c.specific
        for acct in c.accounts {
            for p in nodes.principalsByAccount[acct] ?? [] where index.mayAllow(p, "sts:AssumeRole", on: role.arn) { cands.insert(p) }
        }
        if c.anyone {
            for p in nodes.principalIds where nodes[p].account == role.account || index.mayAllow(p, "sts:AssumeRole", on: role.arn) {
                cands.insert(p)
            }
        }
        cands.remove(r)
        for p in cands.sorted() {
            let src = nodes[p]
            // An administrator reaches every principal of its own account without a stored edge.
            if admins[p] != nil && src.account == role.account { continue }
            var local: [CheckKey: CanResult] = [:]
            guard let res = evaluator.ask(src.arn, "sts:AssumeRole", [role.arn], [:], &local) else { continue }
            var conf = Confirmation(); conf.add(res)
            out.append(conf.edge(from: src.arn, to: role.arn, kind: "sts:AssumeRole", category: .actAs))
        }
        for (provider, action) in TrustReader.federatedProviders(role.trustPolicy) {
            let o = TrustReader.federated(provider, action: action, trust: role.trustPolicy)
            guard o.result != .no else { continue }
            var conf = Confirmation()
            conf.actions = [action]; conf.resources = [role.arn]; conf.reasons = ["\(action): \(o.statement)"]
            for cond in o.conditions { conf.addCondition("trust policy: \(cond)") }
            out.append(conf.edge(from: provider, to: role.arn, kind: action, category: .actAs))
        }
        return out
    }

    // MARK: Changes checked on a hypothetical snapshot

    /// Trust rewrites (then assume), group joins and boundary removals need to know what a principal
    /// could do after a change; they are checked on one changed copy of the snapshot.
    private func buildTimeHypotheticals(trustCandidates: [Edge], edges: [Edge], data: inout GraphData) -> [Edge] {
        var rewrites: [String: [String]] = [:]
        for e in trustCandidates { rewrites[e.target, default: []].append(e.source) }
        let joinGroups = Set(edges.filter { $0.category == .joinGroup }.map(\.target))
        let lifted = Set(edges.filter { $0.category == .liftBoundary }.map(\.target))
            .filter { nodes.id($0).map { data.admins[$0] == nil } ?? false }
        if rewrites.isEmpty && joinGroups.isEmpty && lifted.isEmpty { return [] }

        let h = Hypothetical.buildTime(base: snapshot, trustRewrites: rewrites, groups: Array(joinGroups), clones: Array(lifted))
        let hAuth = Authorizer(snapshot: h, catalog: auth.catalog, now: auth.now)
        let hEval = RuleEvaluator(auth: hAuth, index: index, targets: targets)
        let hTester = AdminTester(auth: hAuth)
        var out: [Edge] = []
        for e in trustCandidates {
            var cache: [CheckKey: CanResult] = [:]
            guard let r = hEval.ask(e.source, "sts:AssumeRole", [e.target], [:], &cache) else { continue }
            var conf = Confirmation()
            conf.actions = e.actions; conf.resources = e.resources; conf.conditions = e.conditions
            conf.reasons = e.reasons; conf.decision = e.decision
            conf.add(r)
            out.append(conf.edge(from: e.source, to: e.target, kind: "iam:UpdateAssumeRolePolicy", category: .actAs))
        }
        for g in joinGroups.sorted() {
            guard let grp = snapshot.group(arn: g), let gid = nodes.id(g) else { continue }
            let probe = Hypothetical.groupProbeArn(grp)
            var cache: [CheckKey: CanResult] = [:]
            if let c = hTester.full(probe, account: grp.account, cache: &cache) {
                data.adminGroups[gid] = AdminInfo(principal: g, basis: .full, c)
            } else if let c = hTester.selfGrant(probe, kind: .user, boundary: nil, groups: [g], policies: [],
                                                snapshot: h, cache: &cache) {
                data.adminGroups[gid] = AdminInfo(principal: g, basis: .selfGrant, c)
            }
        }
        for arn in lifted.sorted() {
            guard let id = nodes.id(arn) else { continue }
            let n = nodes[id]
            let name = ARN(arn)?.lastComponent ?? arn
            let clone = Hypothetical.unboundedCloneArn(arn, kind: n.kind, name: name, account: n.account)
            var cache: [CheckKey: CanResult] = [:]
            if let c = hTester.full(clone, account: n.account, cache: &cache) {
                data.adminWithoutBoundary[id] = AdminInfo(principal: arn, basis: .full, c)
                continue
            }
            let (groups, policies) = attachments(of: n)
            if let c = hTester.selfGrant(clone, kind: n.kind, boundary: nil, groups: groups, policies: policies,
                                         snapshot: h, cache: &cache) {
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

    /// Runs `body` over `items` on `options.workers` threads; each worker has its own `can` cache,
    /// reset per item (an item's checks share it).
    func parallelMap<T>(_ items: [Int], _ body: @escaping @Sendable (Int, inout [CheckKey: CanResult]) -> [T]) -> [T] {
        let workers = min(options.workers, max(1, items.count))
        if workers == 1 {
            var out: [T] = []
            for i in items { var cache: [CheckKey: CanResult] = [:]; out += body(i, &cache) }
            return out
        }
        let sink = ParallelSink<T>(slots: workers)
        let cursor = ParallelCursor(count: items.count, chunk: 8)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var local: [T] = []
            while let range = cursor.next() {
                for k in range { var cache: [CheckKey: CanResult] = [:]; local += body(items[k], &cache) }
            }
            sink.put(w, local)
        }
        return sink.all()
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
