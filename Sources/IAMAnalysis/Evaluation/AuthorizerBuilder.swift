import IAMPolicy

/// Compiles a snapshot for the solver: every policy document once (managed policies are shared by
/// all principals that attach them), each principal's flattened policy set, the SCP/RCP chain of
/// each account, and the resource-based policies by resource ARN.
struct AuthorizerBuilder {
    let snapshot: Snapshot
    var principals: [PrincipalPolicySet] = []
    var roots: [String: PrincipalPolicySet] = [:]
    var resourcePolicies: [String: CompiledPolicy] = [:]
    var rcpChains: [String: OrgChain] = [:]
    var rcpExemptions: [String: String] = [:]
    var principalTags: Set<String> = []
    var resourceTags: Set<String> = []
    var warnings: [String] = []
    var orphaned: [OrphanedPrincipal] = []
    var nextStatementId = 0
    let services: ServiceTable
    private let cache = CompileCache()
    private(set) var nextPolicyId = 0
    private var nextChainId = 0
    private var managed: [String: CompiledPolicy] = [:]
    /// Boundary layers by policy ARN: compiled once, shared by every principal the boundary bounds.
    private var boundaries: [String: CompiledPolicy] = [:]
    private var scpChains: [String: OrgChain] = [:]
    private var orgPolicies: [String: CompiledPolicy] = [:]

    /// Unique ID → ARN, made once: a closure per compiled policy would copy the snapshot each time.
    private let resolveUniqueId: @Sendable (String) -> String?

    /// Policies compiled by an earlier index of a snapshot this one was derived from, by `reuseKey`.
    private let reusable: [String: CompiledPolicy]

    init(snapshot: Snapshot, reusing base: Authorizer? = nil) {
        self.snapshot = snapshot
        resolveUniqueId = { [snapshot] in snapshot.arn(forUniqueId: $0) }
        // A compiled policy is the same whenever its name, ARN, layer and document are, provided
        // unique IDs resolve alike: ids continue after the base's, so per-query caches stay apart.
        if let base, base.snapshot.index.arnByUniqueId == snapshot.index.arnByUniqueId {
            reusable = base.compiledPolicies
            services = ServiceTable(copying: base.services)
            nextPolicyId = base.policyCount
            nextStatementId = base.statementCount
        } else {
            reusable = [:]
            services = ServiceTable()
        }
    }

    static func reuseKey(name: String, arn: String?, layer: PolicyLayer) -> String {
        "\(layer.rawValue)\u{1}\(arn ?? "")\u{1}\(name)"
    }

    mutating func compile(_ doc: PolicyDocument, name: String, arn: String?, layer: PolicyLayer) -> CompiledPolicy {
        if let p = reusable[Self.reuseKey(name: name, arn: arn, layer: layer)], p.document == doc {
            noteOrphans(p, name: name, arn: arn)
            return p
        }
        let p = CompiledPolicy(id: nextPolicyId, name: name, arn: arn, layer: layer, document: doc,
                               nextStatementId: &nextStatementId, services: services, resolveUniqueId: resolveUniqueId, cache: cache)
        nextPolicyId += 1
        noteOrphans(p, name: name, arn: arn)
        return p
    }

    private mutating func noteOrphans(_ p: CompiledPolicy, name: String, arn: String?) {
        for s in p.statements {
            for id in s.principals?.orphanedIds ?? [] {
                orphaned.append(OrphanedPrincipal(policy: name, resourceArn: arn, statement: s.label, uniqueId: id))
                warnings.append("\(name) statement \(s.label) names the unique ID \(id), which matches no loaded principal (a deleted entity: the entry matches nothing)")
            }
        }
    }

    /// Every document of the snapshot (the tag keys they use are collected before any principal's
    /// context is built).
    private var allDocuments: [PolicyDocument] {
        var docs: [PolicyDocument] = snapshot.policies.compactMap(\.document)
        for u in snapshot.users { docs += u.inlinePolicies.map(\.document) }
        for g in snapshot.groups { docs += g.inlinePolicies.map(\.document) }
        for r in snapshot.roles { docs += r.inlinePolicies.map(\.document); if let t = r.trustPolicy { docs.append(t) } }
        docs += snapshot.resourcePolicies.compactMap(\.policy)
        docs += snapshot.organization?.policies.compactMap(\.document) ?? []
        return docs
    }

    mutating func build() {
        for doc in allDocuments {
            RequestContextBuilder.tagKeys(in: doc, principal: &principalTags, resource: &resourceTags)
        }
        for mp in snapshot.policies {
            guard let doc = mp.document else { continue }
            managed[mp.arn] = compile(doc, name: mp.name, arn: mp.arn, layer: .identity)
        }
        var groupPolicies: [String: [CompiledPolicy]] = [:]
        var groupMissing: [String: [String]] = [:]
        for g in snapshot.groups {
            var list: [CompiledPolicy] = []
            for ip in g.inlinePolicies {
                list.append(compile(ip.document, name: "inline policy \(ip.name) of group \(g.name)", arn: nil, layer: .identity))
            }
            for arn in g.attachedPolicyArns {
                if let p = managed[arn] { list.append(p) } else { groupMissing["\(g.account)/\(g.name)", default: []].append(arn) }
            }
            groupPolicies["\(g.account)/\(g.name)"] = list
        }
        for u in snapshot.users {
            var identity: [CompiledPolicy] = []
            var missing: [String] = []
            for ip in u.inlinePolicies {
                identity.append(compile(ip.document, name: "inline policy \(ip.name) of user \(u.name)", arn: nil, layer: .identity))
            }
            for arn in u.attachedPolicyArns {
                if let p = managed[arn] { identity.append(p) } else { missing.append(arn) }
            }
            for gname in u.groups {
                let key = "\(u.account)/\(gname)"
                identity += groupPolicies[key] ?? []
                missing += groupMissing[key] ?? []
            }
            let (boundary, missingBoundary) = boundaryPolicy(u.boundaryArn, owner: "user \(u.name)")
            let (scp, exemption) = scpChain(account: u.account, serviceLinked: false)
            let ctx = RequestContextBuilder.principalContext(
                kind: .user, arn: u.arn, name: u.name, account: u.account, uniqueId: u.id, tags: u.tags,
                sessionName: nil, org: snapshot.organization, referencedPrincipalTags: principalTags)
            principals.append(PrincipalPolicySet(
                arn: u.arn, name: u.name, kind: .user, account: u.account, uniqueId: u.id, isServiceLinked: false,
                identity: identity, boundary: boundary, missingBoundaryArn: missingBoundary, missingPolicies: missing,
                scp: scp, scpExemption: exemption, baseContext: ctx, trust: nil, tags: u.tags))
        }
        for r in snapshot.roles {
            var identity: [CompiledPolicy] = []
            var missing: [String] = []
            for ip in r.inlinePolicies {
                identity.append(compile(ip.document, name: "inline policy \(ip.name) of role \(r.name)", arn: nil, layer: .identity))
            }
            for arn in r.attachedPolicyArns {
                if let p = managed[arn] { identity.append(p) } else { missing.append(arn) }
            }
            let (boundary, missingBoundary) = boundaryPolicy(r.boundaryArn, owner: "role \(r.name)")
            let (scp, exemption) = scpChain(account: r.account, serviceLinked: r.isServiceLinked)
            let trust = r.trustPolicy.map { compile($0, name: "trust policy of role \(r.name)", arn: r.arn, layer: .trust) }
            let ctx = RequestContextBuilder.principalContext(
                kind: .role, arn: r.arn, name: r.name, account: r.account, uniqueId: r.id, tags: r.tags,
                sessionName: nil, org: snapshot.organization, referencedPrincipalTags: principalTags)
            principals.append(PrincipalPolicySet(
                arn: r.arn, name: r.name, kind: .role, account: r.account, uniqueId: r.id, isServiceLinked: r.isServiceLinked,
                identity: identity, boundary: boundary, missingBoundaryArn: missingBoundary, missingPolicies: missing,
                scp: scp, scpExemption: exemption, baseContext: ctx, trust: trust, tags: r.tags))
        }
        for acct in snapshot.accountIds {
            let arn = "arn:aws:iam::\(acct):root"
            let (scp, exemption) = scpChain(account: acct, serviceLinked: false)
            let ctx = RequestContextBuilder.principalContext(
                kind: .root, arn: arn, name: "root", account: acct, uniqueId: acct, tags: [:],
                sessionName: nil, org: snapshot.organization, referencedPrincipalTags: principalTags)
            roots[acct] = PrincipalPolicySet(
                arn: arn, name: "root", kind: .root, account: acct, uniqueId: acct, isServiceLinked: false,
                identity: [], boundary: nil, missingBoundaryArn: nil, missingPolicies: [],
                scp: scp, scpExemption: exemption, baseContext: ctx, trust: nil, tags: [:])
        }
        for rp in snapshot.resourcePolicies {
            guard let doc = rp.policy else { continue }
            let isKey = rp.resourceType.lowercased().hasPrefix("kms") || ARN(rp.arn)?.service == "kms"
            let label = isKey ? "key policy of \(rp.name)" : "resource policy of \(rp.name)"
            resourcePolicies[rp.arn] = compile(doc, name: label, arn: rp.arn, layer: isKey ? .keyPolicy : .resource)
        }
        buildRcpChains()
    }

    private mutating func boundaryPolicy(_ arn: String?, owner: String) -> (CompiledPolicy?, String?) {
        guard let arn else { return (nil, nil) }
        if let b = boundaries[arn] { return (b, nil) }
        if let p = managed[arn] {
            // The same managed policy may also be attached as an identity policy; as a boundary it
            // is a separate layer, so it is compiled again under the boundary layer (once).
            let b = compile(p.document, name: p.name, arn: arn, layer: .boundary)
            boundaries[arn] = b
            return (b, nil)
        }
        warnings.append("the permissions boundary \(arn) of \(owner) is not loaded")
        return (nil, arn)
    }

    /// The SCP chain of an account, or why SCPs do not apply.
    private mutating func scpChain(account: String, serviceLinked: Bool) -> (OrgChain?, String?) {
        guard let org = snapshot.organization else { return (nil, "no Organizations data is loaded") }
        guard org.policies.contains(where: { $0.kind == .scp }) else { return (nil, "no SCPs are loaded") }
        guard org.nodes.contains(where: { $0.id == account }) else { return (nil, "account \(account) is not in the organization") }
        if account == org.managementAccountId { return (nil, "SCPs do not restrict the management account") }
        if serviceLinked { return (nil, "SCPs do not restrict service-linked roles") }
        if let c = scpChains[account] { return (c, nil) }
        let c = chain(org: org, account: account, kind: .scp)
        scpChains[account] = c
        return (c, nil)
    }

    private mutating func buildRcpChains() {
        guard let org = snapshot.organization, org.policies.contains(where: { $0.kind == .rcp }) else { return }
        for node in org.nodes where node.kind == .account {
            if node.id == org.managementAccountId {
                rcpExemptions[node.id] = "RCPs do not apply to resources of the management account"
                continue
            }
            rcpChains[node.id] = chain(org: org, account: node.id, kind: .rcp)
        }
    }

    private mutating func chain(org: Organization, account: String, kind: OrgPolicy.Kind) -> OrgChain {
        var levels: [OrgChain.Level] = []
        for nodeId in org.pathToRoot(of: account) {
            let node = org.nodes.first { $0.id == nodeId }
            let label: String
            switch node?.kind {
            case .root: label = "root \(nodeId)"
            case .organizationalUnit: label = "OU \(node?.name.map { "\($0) (\(nodeId))" } ?? nodeId)"
            default: label = "account \(nodeId)"
            }
            var policies: [CompiledPolicy] = []
            for op in org.policies where op.kind == kind && op.targets.contains(nodeId) {
                guard let doc = op.document else {
                    warnings.append("the \(kind == .scp ? "SCP" : "RCP") \(op.name) has no loaded document")
                    continue
                }
                let key = "\(kind.rawValue)/\(op.id)"
                if let p = orgPolicies[key] { policies.append(p); continue }
                let p = compile(doc, name: op.name, arn: op.arn, layer: kind == .scp ? .scp : .rcp)
                orgPolicies[key] = p
                policies.append(p)
            }
            levels.append(OrgChain.Level(nodeId: nodeId, label: label, policies: policies))
        }
        nextChainId += 1
        return OrgChain(levels: levels, id: nextChainId)
    }
}
