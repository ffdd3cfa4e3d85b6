import IAMPolicy

/// Why a principal is an administrator.
public enum AdminBasis: String, Sendable, Hashable {
    /// Allowed every probe request (see `AdminProbes`): effectively `*` on `*`.
    case full = "allowed * on *"
    /// Can put or attach any policy on itself (or a group it is in, or rewrite a policy attached to it),
    /// and has no permissions boundary or can remove it.
    case selfGrant = "can grant itself any permission"
    /// A user that can add itself to a group whose permissions make it an administrator.
    case joinGroup = "can join an administrators' group"
    /// Would be an administrator without its permissions boundary, and can remove it.
    case liftBoundary = "can remove its own permissions boundary"
}

/// An administrator: the basis, the confirmed actions and the conditions still to be met.
public struct AdminInfo: Sendable, Hashable {
    public var principal: String
    public var basis: AdminBasis
    public var decision: Decision
    public var actions: [String]
    public var resources: [String]
    public var conditions: [String]
    public var reasons: [String]

    init(principal: String, basis: AdminBasis, _ c: Confirmation) {
        self.principal = principal; self.basis = basis; decision = c.decision; conditions = c.conditions
        if basis == .full {
            // The probes stand for `*` on `*`: name that, not the probe requests.
            actions = ["*"]; resources = ["*"]
        } else {
            actions = c.actions; resources = c.resources
        }
        // "iam:PassRole: allowed by policy X statement #0" for every probe: the granting statements once each.
        var seen = Set<String>()
        reasons = c.reasons.map { r in r.firstRange(of: ": ").map { String(r[$0.upperBound...]) } ?? r }.filter { seen.insert($0).inserted }
    }
}

/// Decides whether one principal is an administrator, with the solver.
struct AdminTester: @unchecked Sendable {
    let auth: Authorizer

    func ask(_ arn: String, _ action: String, _ resource: String, _ context: [String: String],
             _ session: SolverSession) -> CanResult? {
        let r = session.ask(arn, action, resource, context)
        return r.decision == .deny ? nil : r
    }

    /// Every probe allowed (or conditional).
    func full(_ arn: String, account: String, session: SolverSession) -> Confirmation? {
        var conf = Confirmation()
        for p in AdminProbes.probes(account: account) {
            guard let r = ask(arn, p.action, p.resource, p.context, session) else { return nil }
            conf.add(r)
        }
        return conf
    }

    /// Can grant itself anything: a put/attach on itself or one of its groups, or a new version of
    /// a customer managed policy attached to it; with a boundary, it must also be able to remove it.
    func selfGrant(_ arn: String, kind: NodeKind, boundary: String?, groups: [String], policies: [ManagedPolicy],
                   snapshot: Snapshot, session: SolverSession) -> Confirmation? {
        let admin = ["iam:PolicyARN": EdgeRules.adminPolicy]
        var options: [[(String, String, [String: String])]] = []
        if kind == .user {
            options.append([("iam:PutUserPolicy", arn, [:])])
            options.append([("iam:AttachUserPolicy", arn, admin)])
            for g in groups {
                options.append([("iam:PutGroupPolicy", g, [:])])
                options.append([("iam:AttachGroupPolicy", g, admin)])
            }
        } else {
            options.append([("iam:PutRolePolicy", arn, [:])])
            options.append([("iam:AttachRolePolicy", arn, admin)])
        }
        for p in policies where !p.isAWSManaged {
            var steps = [("iam:CreatePolicyVersion", p.arn, [String: String]())]
            if p.versions.count >= 5 { steps.append(("iam:DeletePolicyVersion", p.arn, [:])) }
            options.append(steps)
        }
        guard var conf = firstAllowed(arn, options, session) else { return nil }
        if let b = boundary {
            let delete = kind == .user ? "iam:DeleteUserPermissionsBoundary" : "iam:DeleteRolePermissionsBoundary"
            let put = kind == .user ? "iam:PutUserPermissionsBoundary" : "iam:PutRolePermissionsBoundary"
            var lifts: [[(String, String, [String: String])]] = [
                [(delete, arn, [:])],
                [(put, arn, ["iam:PermissionsBoundary": EdgeRules.adminPolicy])],
            ]
            if let bp = snapshot.policy(arn: b), !bp.isAWSManaged { lifts.append([("iam:CreatePolicyVersion", b, [:])]) }
            guard let lift = firstAllowed(arn, lifts, session) else { return nil }
            conf.merge(lift)
        }
        return conf
    }

    /// The first option whose steps are all allowed; a certain one is preferred to a conditional one.
    func firstAllowed(_ arn: String, _ options: [[(String, String, [String: String])]],
                      _ session: SolverSession) -> Confirmation? {
        var fallback: Confirmation?
        for steps in options {
            var conf = Confirmation()
            var ok = true
            for (action, resource, ctx) in steps {
                guard let r = ask(arn, action, resource, ctx, session) else { ok = false; break }
                conf.add(r)
            }
            guard ok else { continue }
            if conf.decision == .allow { return conf }
            if fallback == nil { fallback = conf }
        }
        return fallback
    }
}
