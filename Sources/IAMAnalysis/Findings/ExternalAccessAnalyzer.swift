import Foundation
import IAMPolicy

/// Options of an external access analysis.
public struct ExternalAccessOptions: Sendable {
    /// nil: organization when Organizations data is loaded, else account.
    public var zone: ZoneOfTrust.Kind?
    /// S3 Block Public Access settings that were collected.
    public var publicAccessBlocks: PublicAccessBlocks
    public init(zone: ZoneOfTrust.Kind? = nil, publicAccessBlocks: PublicAccessBlocks = PublicAccessBlocks()) {
        self.zone = zone; self.publicAccessBlocks = publicAccessBlocks
    }
}

/// The result of an analysis: the findings (status active, no first-seen date: the lifecycle
/// fills those in) and notes on what could not be read.
public struct ExternalAccessReport: Sendable {
    public var zone: ZoneOfTrust
    public var findings: [ExternalAccessFinding]
    public var notes: [String]
    public var resourcesAnalyzed: Int
}

/// IAM Access Analyzer's external access analysis, offline: for every resource policy of the
/// snapshot and every role trust policy, the principals outside the zone of trust that can get in.
///
/// How a statement becomes findings:
/// 1. Its Principal expands into caller classes (`*`, accounts, principals, federated providers);
///    service principals are dropped (not findings, access-analyzer-concepts).
/// 2. Each condition clause narrows them (`ConfinementRules`): confining keys remove callers,
///    narrowing keys are kept and shown.
/// 3. Callers inside the zone of trust are dropped (access-analyzer-findings).
/// 4. The statement's actions are scoped to the resource with the catalog (`ActionScope`).
/// 5. Deny statements of the same policy that cover an action and a caller remove it, or — when
///    their single condition can be inverted — narrow it (an explicit deny overrides any allow, EVALNOW).
/// 6. What remains is grouped per principal and conditions; S3 Block Public Access is applied.
public struct ExternalAccessAnalyzer: Sendable {
    public let snapshot: Snapshot
    public let options: ExternalAccessOptions
    public let zone: ZoneOfTrust
    private let scope: ActionScope

    public init(snapshot: Snapshot, catalog: ActionCatalog, options: ExternalAccessOptions = ExternalAccessOptions()) {
        self.snapshot = snapshot
        self.options = options
        self.zone = ZoneOfTrust(snapshot: snapshot, requested: options.zone)
        self.scope = ActionScope(catalog: catalog)
    }

    /// A resource as the analysis sees it.
    struct Target {
        var arn: String
        var resourceType: String
        var account: String
        var document: PolicyDocument
        var services: [String]
        var samples: [String]
    }

    public func analyze() -> ExternalAccessReport {
        var notes: [String] = []
        var findings: [ExternalAccessFinding] = []
        let targets = self.targets(notes: &notes)
        for t in targets { findings += analyze(t, notes: &notes) }
        findings.sort { ($0.resource, $0.principal, $0.id) < ($1.resource, $1.principal, $1.id) }
        return ExternalAccessReport(zone: zone, findings: findings, notes: notes, resourcesAnalyzed: targets.count)
    }

    /// The findings of one resource (a resource policy's ARN or a role ARN).
    public func analyze(resourceArn: String) -> [ExternalAccessFinding] {
        var notes: [String] = []
        return targets(notes: &notes).filter { $0.arn == resourceArn }.flatMap { analyze($0, notes: &notes) }
    }

    func targets(notes: inout [String]) -> [Target] {
        var out: [Target] = []
        for rp in snapshot.resourcePolicies {
            guard let doc = rp.policy else { continue }
            let arn = ARN(rp.arn)
            let service = arn?.service ?? String(rp.resourceType.split(separator: ":").first ?? "")
            guard !service.isEmpty else {
                notes.append("\(rp.arn): not an ARN and no service in its type \"\(rp.resourceType)\"; skipped")
                continue
            }
            let typeName = ResourceTypeNames.name(forModelType: rp.resourceType, arn: rp.arn)
            // A bucket policy governs the bucket and its objects.
            let samples = typeName == "AWS::S3::Bucket" ? [rp.arn, rp.arn + "/*"] : [rp.arn]
            let account = rp.account.isEmpty ? (arn?.account ?? "") : rp.account
            out.append(Target(arn: rp.arn, resourceType: typeName, account: account, document: doc,
                              services: [service], samples: samples))
        }
        for role in snapshot.roles {
            guard let doc = role.trustPolicy else { continue }
            // A trust policy grants the sts actions that target the role (AssumeRole…, TagSession).
            out.append(Target(arn: role.arn, resourceType: "AWS::IAM::Role", account: role.account, document: doc,
                              services: ["sts"], samples: [role.arn]))
        }
        return out
    }

    private struct GroupKey: Hashable {
        var identity: Grantee.Identity
        var organizations: Set<String>?
        var conditions: [ConditionClause]
    }

    private struct Group {
        var grantee: Grantee
        var actions: [String: ActionCatalog.AccessLevel?] = [:]
        var statements: [String] = []
    }

    func analyze(_ t: Target, notes: inout [String]) -> [ExternalAccessFinding] {
        let rules = ConfinementRules(zone: zone, resourceAccount: t.account, snapshot: snapshot,
                                     variablesEnabled: t.document.supportsVariables)
        let denies = t.document.statements.filter { $0.effect == .deny }
        var groups: [GroupKey: Group] = [:]
        var order: [GroupKey] = []
        for st in t.document.statements where st.effect == .allow {
            guard let spec = st.principal else { continue }
            // Allow + NotPrincipal grants everyone but the listed principals: read it as everyone.
            var grantees = st.principalNegated
                ? [Grantee(.anyone)]
                : Grantee.expand(spec, snapshot: snapshot, notes: &notes, context: "\(t.arn) statement \(st.label)")
            for clause in st.conditions { grantees = grantees.flatMap { rules.apply(clause, to: $0) } }
            grantees = grantees.filter { !isInside($0, t) }
            if grantees.isEmpty { continue }
            let actions = scope.actions(of: st, services: t.services, samples: t.samples)
            if actions.isEmpty { continue }
            // Actions covered by the same Deny statements are treated together.
            var byDenies: [[Int]: [ScopedAction]] = [:]
            for a in actions {
                let covering = denies.indices.filter { denyCovers(denies[$0], a, allow: st) }
                byDenies[covering, default: []].append(a)
            }
            for (covering, acts) in byDenies {
                for g in grantees {
                    var survivors = [g]
                    for i in covering { survivors = survivors.flatMap { applyDeny(denies[i], to: $0, rules: rules) } }
                    for s in survivors where !isInside(s, t) {
                        let conds = Array(Set(s.conditions)).sorted { $0.description < $1.description }
                        let key = GroupKey(identity: s.identity, organizations: s.organizations, conditions: conds)
                        if groups[key] == nil {
                            var gs = s
                            gs.conditions = conds
                            groups[key] = Group(grantee: gs)
                            order.append(key)
                        }
                        for a in acts { groups[key]!.actions[a.name] = a.accessLevel }
                        if !groups[key]!.statements.contains(st.label) { groups[key]!.statements.append(st.label) }
                        if s.fixedNarrowing { groups[key]!.grantee.fixedNarrowing = true }
                    }
                }
            }
        }
        var out: [ExternalAccessFinding] = []
        for key in order {
            guard let g = groups[key] else { continue }
            let actions = g.actions.keys.sorted()
            let levels = ExternalAccessFinding.sortLevels(Set(g.actions.values.map { $0?.rawValue ?? "Unknown" }))
            let id = ExternalAccessFinding.makeId(resource: t.arn, principalKey: g.grantee.principalMapKey,
                                                  principal: g.grantee.displayName, actions: actions, conditions: key.conditions)
            out.append(ExternalAccessFinding(id: id, resource: t.arn, resourceType: t.resourceType, account: t.account,
                                             principal: g.grantee.displayName, principalType: g.grantee.typeName,
                                             principalKey: g.grantee.principalMapKey, actions: actions, accessLevels: levels,
                                             conditions: key.conditions, isPublic: g.grantee.isPublic, grantedBy: g.statements))
        }
        // S3 RestrictPublicBuckets (bucket or account level, the stricter wins): a bucket whose policy is
        // public is reachable only by AWS service principals and the bucket owner's account, so none of
        // its external access remains; BPA overrides the bucket policy (iam-semantics.md §1.12, §2.2).
        // BlockPublicPolicy alone is not applied: it only rejects new public policies, "Enabling this
        // setting doesn't affect existing bucket policies" (S3 API PublicAccessBlockConfiguration,
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).
        if t.resourceType == "AWS::S3::Bucket", let bpa = options.publicAccessBlocks.effective(bucketArn: t.arn, account: t.account),
           bpa.restrictPublicBuckets, out.contains(where: \.isPublic) {
            notes.append("\(t.arn): S3 Block Public Access (RestrictPublicBuckets) blocks the public policy's \(out.count) external access finding(s)")
            return []
        }
        return out
    }

    /// Inside the zone of trust: a principal of a trusted account, or `*` confined to the trusted organization.
    func isInside(_ g: Grantee, _ t: Target) -> Bool {
        switch g.identity {
        case .anyone:
            guard let trusted = zone.trustedOrganization(resourceAccount: t.account), let orgs = g.organizations else { return false }
            return orgs.isSubset(of: [trusted])
        case .account(let a), .principal(_, let a):
            return zone.contains(account: a, resourceAccount: t.account)
        case .federated, .canonicalUser:
            return false
        }
    }

    /// Whether a Deny statement names the action and covers every place the Allow grants it.
    func denyCovers(_ deny: Statement, _ action: ScopedAction, allow: Statement) -> Bool {
        guard scope.denyNames(deny, action.name) else { return false }
        let denyPatterns = deny.resources ?? ["*"]
        let allowPatterns = allow.resources ?? ["*"]
        return action.samples.allSatisfy {
            scope.covers(denyPatterns: denyPatterns, negated: deny.resourcesNegated, allowPatterns: allowPatterns,
                         allowNegated: allow.resourcesNegated, sample: $0)
        }
    }

    /// The callers of `g` a Deny statement spares. An unconditional Deny removes the callers its
    /// Principal covers; a Deny with one invertible condition keeps those for whom the condition
    /// is false; anything else is left alone (the finding stays, never hides access).
    func applyDeny(_ deny: Statement, to g: Grantee, rules: ConfinementRules) -> [Grantee] {
        guard let spec = deny.principal else { return [g] }
        if deny.principalNegated {
            guard deny.conditions.isEmpty else { return [g] }
            return sparedByNotPrincipal(spec, g)
        }
        guard denyPrincipalCovers(spec, g) else { return [g] }
        if deny.conditions.isEmpty { return [] }
        guard deny.conditions.count == 1 else { return [g] }
        let c = deny.conditions[0]
        guard let (op, values) = ConditionOperator(c.operatorName).survivorsOfDeny(values: c.values) else { return [g] }
        return rules.apply(ConditionClause(operatorName: op.name, key: c.key, values: values), to: g)
    }

    private func denyPrincipalCovers(_ spec: PrincipalSpec, _ g: Grantee) -> Bool {
        if spec.anyone { return true }
        let aws = Set(spec.aws)
        switch g.identity {
        case .anyone: return false
        case .account(let a): return aws.contains(a) || aws.contains("arn:aws:iam::\(a):root")
        case .principal(let arn, let a): return aws.contains(arn) || aws.contains(a) || aws.contains("arn:aws:iam::\(a):root")
        case .federated(let f): return spec.federated.contains(f)
        case .canonicalUser(let c): return spec.canonicalUser.contains(c)
        }
    }

    /// `Deny` + `NotPrincipal` (no condition) denies everyone but the listed principals.
    private func sparedByNotPrincipal(_ spec: PrincipalSpec, _ g: Grantee) -> [Grantee] {
        if spec.anyone { return [g] }
        var ignored: [String] = []
        let listed = Grantee.expand(spec, snapshot: snapshot, notes: &ignored, context: "")
        switch g.identity {
        case .anyone:
            return listed.map { l in var r = g; r.identity = l.identity; return r }
        case .account(let a):
            if listed.contains(where: { $0.identity == .account(a) }) { return [g] }
            return listed.compactMap { l in
                guard case .principal(_, let la) = l.identity, la == a else { return nil }
                var r = g; r.identity = l.identity; return r
            }
        case .principal(let arn, let a):
            return listed.contains(where: { $0.identity == .account(a) || $0.identity == .principal(arn: arn, account: a) }) ? [g] : []
        case .federated, .canonicalUser:
            return listed.contains(where: { $0.identity == g.identity }) ? [g] : []
        }
    }
}
