import IAMPolicy

/// One thing a rule's checks run on, and the nodes its edges go to.
struct RuleTarget: Sendable {
    /// The ARN the `.target` checks use (user, role, group or policy).
    var arn: String
    var account: String
    /// Edge targets: the node itself, or a group's members, or a policy's holders.
    var edgeTargets: [Int]
    /// For policies used as permissions boundaries: principals whose boundary it is.
    var boundaryHolders: [Int] = []
    /// The service principal the role trusts (for `iam:PassedToService`), with the trust outcome.
    var service: String?
    var serviceTrust: TrustReader.Outcome?
    var instanceProfiles: [String] = []
    var policy: ManagedPolicy?
    var user: IAMUser?
    /// The target's tags (users and roles), for policies that read resource tags.
    var tags: [String: String] = [:]
    /// The role's trust policy (assumable roles).
    var trust: PolicyDocument?
}

/// Facts about users that preconditions read: access keys and console passwords.
struct UserFacts: Sendable {
    /// nil when no credential report row or key data is loaded for the user.
    var keyCount: Int?
    var passwordEnabled: Bool?
    var mfaActive: Bool?
}

/// The targets of every rule, per account, computed once per build. Service-linked roles are no
/// target of any rule: IAM refuses to change their policies, trust or boundary, and no service but
/// their own can be handed them.
struct RuleTargets: Sendable {
    private(set) var byRule: [TargetSet: [String: [RuleTarget]]] = [:]
    private var byArn: [TargetSet: [String: RuleTarget]] = [:]
    private(set) var userFacts: [String: UserFacts] = [:]
    private(set) var profilesByRole: [String: [String]] = [:]
    private(set) var membersByGroup: [String: [Int]] = [:]
    private(set) var trustedServices: [String: [String: TrustReader.Outcome]] = [:]

    init(snapshot: Snapshot, nodes: NodeTable, rules: [EdgeRule]) {
        // Instance profiles: from the profiles list and from the roles themselves.
        var profiles: [String: [String]] = [:]
        for ip in snapshot.instanceProfiles { for r in ip.roleArns { profiles[r, default: []].append(ip.arn) } }
        for r in snapshot.roles { for p in r.instanceProfileArns where !(profiles[r.arn] ?? []).contains(p) { profiles[r.arn, default: []].append(p) } }
        profilesByRole = profiles

        var members: [String: [Int]] = [:]
        for u in snapshot.users {
            guard let id = nodes.id(u.arn) else { continue }
            for g in u.groups {
                if let grp = snapshot.group(named: g, account: u.account) { members[grp.arn, default: []].append(id) }
            }
        }
        membersByGroup = members

        var facts: [String: UserFacts] = [:]
        for row in snapshot.credentialReport where !row.isRoot {
            var f = facts[row.arn] ?? UserFacts()
            f.passwordEnabled = row.passwordEnabled
            f.mfaActive = row.mfaActive
            // A key exists in a slot when it is active or has a rotation date (inactive keys count too).
            let k1 = row.accessKey1Active == true || row.accessKey1LastRotated != nil
            let k2 = row.accessKey2Active == true || row.accessKey2LastRotated != nil
            f.keyCount = (k1 ? 1 : 0) + (k2 ? 1 : 0)
            facts[row.arn] = f
        }
        var keys: [String: Set<String>] = [:]
        for k in snapshot.accessKeys where k.active || k.createdOrRotated != nil {
            keys[k.userArn, default: []].insert(k.accessKeyId ?? "slot\(k.slot ?? 0)")
        }
        for (arn, set) in keys {
            var f = facts[arn] ?? UserFacts()
            f.keyCount = max(f.keyCount ?? 0, set.count)
            facts[arn] = f
        }
        userFacts = facts

        var services = Set<String>()
        for r in rules { if case .rolesTrusting(let s) = r.targets { services.insert(s) } }
        services.insert("ec2.amazonaws.com")
        var trusted: [String: [String: TrustReader.Outcome]] = [:]
        for r in snapshot.roles {
            for s in services {
                let o = TrustReader.service(s, trust: r.trustPolicy, roleAccount: r.account)
                if o.result != .no { trusted[r.arn, default: [:]][s] = o }
            }
        }
        trustedServices = trusted

        let sets = Set(rules.map(\.targets)).union([.assumable])
        for set in sets {
            let built = RuleTargets.build(set, snapshot, nodes, profiles, members, trusted)
            byRule[set] = built
            var m: [String: RuleTarget] = [:]
            for list in built.values { for t in list { m[t.arn] = t } }
            byArn[set] = m
        }
    }

    func targets(_ set: TargetSet, account: String) -> [RuleTarget] { byRule[set]?[account] ?? [] }

    /// The target of a rule whose checks run on `arn`, if the rule applies to it.
    func target(_ set: TargetSet, arn: String) -> RuleTarget? { byArn[set]?[arn] }

    private static func build(_ set: TargetSet, _ s: Snapshot, _ nodes: NodeTable, _ profiles: [String: [String]],
                              _ members: [String: [Int]], _ trusted: [String: [String: TrustReader.Outcome]]) -> [String: [RuleTarget]] {
        var out: [String: [RuleTarget]] = [:]
        func add(_ t: RuleTarget) { out[t.account, default: []].append(t) }
        switch set {
        case .rolesTrusting(let service):
            for r in s.roles where !r.isServiceLinked {
                guard let id = nodes.id(r.arn), let o = trusted[r.arn]?[service] else { continue }
                add(RuleTarget(arn: r.arn, account: r.account, edgeTargets: [id], service: service, serviceTrust: o,
                               instanceProfiles: profiles[r.arn] ?? [], tags: r.tags))
            }
        case .rolesWithInstanceProfile:
            for r in s.roles where !r.isServiceLinked {
                guard let id = nodes.id(r.arn), let ps = profiles[r.arn], !ps.isEmpty,
                      let o = trusted[r.arn]?["ec2.amazonaws.com"] else { continue }
                add(RuleTarget(arn: r.arn, account: r.account, edgeTargets: [id], service: "ec2.amazonaws.com",
                               serviceTrust: o, instanceProfiles: ps, tags: r.tags))
            }
        case .users, .usersWithBoundary:
            for u in s.users {
                guard let id = nodes.id(u.arn) else { continue }
                if set == .usersWithBoundary && u.boundaryArn == nil { continue }
                add(RuleTarget(arn: u.arn, account: u.account, edgeTargets: [id], user: u, tags: u.tags))
            }
        case .roles, .rolesWithBoundary:
            for r in s.roles where !r.isServiceLinked {
                guard let id = nodes.id(r.arn) else { continue }
                if set == .rolesWithBoundary && r.boundaryArn == nil { continue }
                add(RuleTarget(arn: r.arn, account: r.account, edgeTargets: [id], tags: r.tags))
            }
        case .assumable:
            for r in s.roles where !r.isServiceLinked {
                guard let id = nodes.id(r.arn) else { continue }
                add(RuleTarget(arn: r.arn, account: r.account, edgeTargets: [id], tags: r.tags, trust: r.trustPolicy))
            }
        case .groupMembers:
            for g in s.groups {
                guard let m = members[g.arn], !m.isEmpty else { continue }
                add(RuleTarget(arn: g.arn, account: g.account, edgeTargets: m))
            }
        case .groups:
            for g in s.groups {
                guard let id = nodes.id(g.arn) else { continue }
                add(RuleTarget(arn: g.arn, account: g.account, edgeTargets: [id]))
            }
        case .policyHolders:
            var holders: [String: [Int]] = [:]
            var bounded: [String: [Int]] = [:]
            for u in s.users {
                guard let id = nodes.id(u.arn) else { continue }
                for p in u.attachedPolicyArns { holders[p, default: []].append(id) }
                if let b = u.boundaryArn { bounded[b, default: []].append(id) }
            }
            for r in s.roles {
                guard let id = nodes.id(r.arn) else { continue }
                for p in r.attachedPolicyArns { holders[p, default: []].append(id) }
                if let b = r.boundaryArn { bounded[b, default: []].append(id) }
            }
            for g in s.groups {
                for p in g.attachedPolicyArns { holders[p, default: []].append(contentsOf: members[g.arn] ?? []) }
            }
            // AWS managed policies cannot be given new versions by customers.
            for p in s.policies where !p.isAWSManaged {
                let h = Array(Set(holders[p.arn] ?? [])).sorted()
                let b = Array(Set(bounded[p.arn] ?? [])).sorted()
                if h.isEmpty && b.isEmpty { continue }
                add(RuleTarget(arn: p.arn, account: p.account, edgeTargets: h, boundaryHolders: b, policy: p))
            }
        }
        return out
    }
}
