import IAMPolicy

/// Snapshots with changes an attacker could make, so that the solver can answer "what could this
/// principal do afterwards" with every layer it applies to real principals (explicit denies, SCPs,
/// boundaries that stay). The solver has no "assume this policy were added" input, so the changes
/// are made to a copy of the snapshot and a second `Authorizer` is built over it; the added
/// principals live under the path `/iamsh-probe/` and never appear in results.
enum Hypothetical {
    static let probePath = "/iamsh-probe/"

    /// `Allow * on *`: what a principal given any permission would hold.
    static let everything = PolicyDocument(statements: [
        Statement(sid: "IamshHypotheticalAdministrator", effect: .allow, actions: ["*"], resources: ["*"]),
    ])

    static func partition(of arn: String) -> String { ARN(arn)?.partition ?? "aws" }

    /// The probe user standing for "a user whose only permissions are this group's".
    static func groupProbeArn(_ g: IAMGroup) -> String {
        "arn:\(partition(of: g.arn)):iam::\(g.account):user\(probePath)iamsh-group-\(g.name)"
    }

    /// The copy of a principal without its permissions boundary.
    static func unboundedCloneArn(_ arn: String, kind: NodeKind, name: String, account: String) -> String {
        "arn:\(partition(of: arn)):iam::\(account):\(kind == .user ? "user" : "role")\(probePath)iamsh-unbounded-\(name)"
    }

    /// The changes looked at while edges are built:
    /// - `trustRewrites`: role ARN → principals that can rewrite its trust policy; the copy trusts
    ///   exactly them, so `can(p, "sts:AssumeRole", role)` then checks only the caller's side.
    /// - `groups`: a probe user per group, member of that group only.
    /// - `clones`: a copy of each principal without its boundary.
    static func buildTime(base: Snapshot, trustRewrites: [String: [String]], groups: [String], clones: [String]) -> Snapshot {
        var s = base
        for (roleArn, callers) in trustRewrites {
            guard let i = s.index.roleByArn[roleArn] else { continue }
            s.roles[i].trustPolicy = PolicyDocument(statements: [
                Statement(sid: "IamshRewrittenTrust", effect: .allow, actions: ["sts:AssumeRole"], resources: nil,
                          principal: PrincipalSpec(aws: callers.sorted())),
            ])
        }
        for g in groups {
            guard let grp = base.group(arn: g) else { continue }
            s.users.append(IAMUser(arn: groupProbeArn(grp), name: "iamsh-group-\(grp.name)", path: probePath,
                                   account: grp.account, groups: [grp.name]))
        }
        for arn in clones {
            if var u = base.user(arn: arn) {
                u.arn = unboundedCloneArn(arn, kind: .user, name: u.name, account: u.account)
                u.name = "iamsh-unbounded-\(u.name)"; u.path = probePath; u.id = ""; u.boundaryArn = nil
                s.users.append(u)
            } else if var r = base.role(arn: arn) {
                r.arn = unboundedCloneArn(arn, kind: .role, name: r.name, account: r.account)
                r.name = "iamsh-unbounded-\(r.name)"; r.path = probePath; r.id = ""; r.boundaryArn = nil
                r.instanceProfileArns = []
                s.roles.append(r)
            }
        }
        s.reindex()
        return s
    }

    /// The principals as they would be after escalating: each in `grantAll` holds `Allow * on *`,
    /// each in `dropBoundary` has lost its permissions boundary. Everything else stays as loaded.
    static func escalated(base: Snapshot, grantAll: Set<String>, dropBoundary: Set<String>) -> Snapshot {
        var s = base
        for i in s.users.indices {
            let arn = s.users[i].arn
            if grantAll.contains(arn) { s.users[i].inlinePolicies.append(InlinePolicy(name: "iamsh-escalated", document: everything)) }
            if dropBoundary.contains(arn) { s.users[i].boundaryArn = nil }
        }
        for i in s.roles.indices {
            let arn = s.roles[i].arn
            if grantAll.contains(arn) { s.roles[i].inlinePolicies.append(InlinePolicy(name: "iamsh-escalated", document: everything)) }
            if dropBoundary.contains(arn) { s.roles[i].boundaryArn = nil }
        }
        s.reindex()
        return s
    }
}
