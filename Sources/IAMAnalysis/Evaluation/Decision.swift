import IAMPolicy

/// The solver's answer for one principal and one request, before it is shaped into a result row.
struct Verdict {
    var decision: Decision
    var reason: String
    var conditions: [String]
    var warnings: [String]
    /// The statements that grant it (allow and conditional answers).
    var grantedBy: [CompiledStatement]
}

/// What every layer did to one request of one requester, in evaluation order, with the decision.
/// Holds statement references only; `Authorizer.verdict` turns it into text.
struct Layers {
    var rcp: ChainResult?
    var rcpSkipped: String?
    var scp: ChainResult?
    var rbp: PolicyVerdict?
    var identity = PolicyVerdict()
    var rootUser = false
    var boundary: PolicyVerdict?
    var missingBoundary: String?
    var session: PolicyVerdict?
    var denies = Hit()
    var sameAccount = true
    var resourceAccount = ""
    var allow: Tri = .no
    var decision: Decision = .deny
}

extension Authorizer {
    /// Evaluates every layer for one requester, in AWS's documented order (IAM User Guide, policy
    /// evaluation logic): denies anywhere; the RCP gate of the resource's account; the SCP gate of the
    /// principal's account; resource-based policy; identity policies; boundary; session policy.
    func evaluateLayers(_ scope: inout Scope, _ q: Query) -> Layers {
        let p = scope.requester.principal
        let target = q.target
        var l = Layers()

        // RCPs of the resource's account: not the management account's resources, only the services
        // RCPs support, not requests by service-linked roles.
        if let chain = target.rcp, ResourceRules.rcpServices.contains(q.service), !p.isServiceLinked {
            let c = q.evaluate(chain: chain, layer: .rcp, &scope)
            l.denies.merge(c.deny)
            l.rcp = c
        } else if q.explain {
            let why: String
            if target.rcp == nil {
                if let e = target.rcpExemption { why = e }
                else if let a = target.account { why = "no RCPs apply to account \(a)" }
                else { why = target.ownerUnknown ? "the resource's owner account is unknown" : "the request names no resource" }
            } else if p.isServiceLinked { why = "RCPs do not restrict service-linked roles" }
            else { why = "RCPs do not apply to \(q.service) actions" }
            q.step(PolicyLayer.rcp.rawValue, "-", nil, "not applied: \(why)")
        }

        // SCPs of the principal's account.
        if let chain = p.scp {
            let c = q.evaluate(chain: chain, layer: .scp, &scope)
            l.denies.merge(c.deny)
            l.scp = c
        } else if q.explain {
            q.step(PolicyLayer.scp.rawValue, "-", nil, "not applied: \(p.scpExemption ?? "no SCPs")")
        }

        // Resource-based policy (bucket, key, trust policy…).
        if let pol = target.policy {
            let v = q.evaluate(pol, &scope)
            l.denies.merge(v.deny)
            l.rbp = v
        } else if q.explain {
            q.step(target.layer.rawValue, "-", nil, target.missingPolicy.map { "not loaded: needed, \($0)" } ?? "none loaded for \(target.arn)")
        }

        // Identity policies: the principal's own and its groups'.
        if p.kind == .root {
            // The root user has full access to its account's resources.
            l.rootUser = true
            if q.explain { q.step(PolicyLayer.identity.rawValue, "root user", nil, "allows: the account root user has full access") }
        }
        for pol in p.identity { l.identity.merge(q.evaluate(pol, &scope)) }
        l.denies.merge(l.identity.deny)
        if q.explain && p.identity.isEmpty && p.kind != .root {
            q.step(PolicyLayer.identity.rawValue, "-", nil, "the principal has no identity policies")
        }

        // Permissions boundary.
        if let b = p.boundary {
            let v = q.evaluate(b, &scope)
            l.denies.merge(v.deny)
            l.boundary = v
        } else if let missing = p.missingBoundaryArn {
            l.missingBoundary = missing
        }

        // Session policy.
        if let s = q.session {
            let v = q.evaluate(s, &scope)
            l.denies.merge(v.deny)
            l.session = v
        }

        l.resourceAccount = target.account ?? p.account
        l.sameAccount = l.resourceAccount == p.account
        l.allow = combine(l, q) { $0.tri } missing: { _ in .unknown } chain: { $0.gate }
        let notDenied = l.denies.notDenied
        if notDenied == .no || l.allow == .no { l.decision = .deny }
        else if notDenied == .unknown || l.allow == .unknown { l.decision = .conditional }
        else { l.decision = .allow }
        return l
    }

    /// The allow side of the decision, written once for both `Tri` (decisions) and `Term`
    /// (decisions with the conditions still to be met).
    func combine<L: Logic>(_ l: Layers, _ q: Query, lift: (Hit) -> L, missing: (String) -> L,
                           chain: (ChainResult) -> L) -> L {
        let target = q.target
        let identity: L = l.rootUser ? .yes : lift(l.identity.allow)
        let boundary: L = l.boundary.map { lift($0.allow) } ?? (l.missingBoundary.map { missing("the permissions boundary \($0) (not loaded) allows it") } ?? .yes)
        let session: L = l.session.map { lift($0.allow) } ?? .yes
        let identityPath = identity && boundary && session
        let grant: L
        if let rbp = l.rbp {
            let direct = lift(rbp.direct), role = lift(rbp.role), account = lift(rbp.account)
            if l.sameAccount {
                // Same account: a user or role-session ARN (or "*") grants on its own; a role ARN still
                // needs the boundary and session policy; the account needs an identity allow — and for
                // trust and key policies nothing grants without the policy's own allow.
                let viaRole = role && boundary && session
                grant = target.mustAllow ? (direct || viaRole || (account && identityPath)) : (direct || viaRole || identityPath)
            } else {
                // Cross-account: the resource side and the principal's side must both allow.
                grant = (direct || role || account) && identityPath
            }
        } else if let m = target.missingPolicy, l.sameAccount {
            grant = missing(m) && identityPath
        } else if target.mustAllow || !l.sameAccount {
            grant = .no
        } else {
            grant = identityPath
        }
        let rcp: L = l.rcp.map(chain) ?? .yes
        let scp: L = l.scp.map(chain) ?? .yes
        return rcp && scp && grant
    }

    /// Shapes the layers into a decision, a reason and the conditions still to be met.
    func verdict(_ l: Layers, _ scope: inout Scope, _ q: Query) -> Verdict {
        let p = scope.requester.principal
        var warnings: [String] = []
        if !p.missingPolicies.isEmpty {
            warnings.append("not loaded, so not evaluated: \(p.missingPolicies.joined(separator: ", "))")
        }
        let v: Verdict
        switch l.decision {
        case .deny where l.denies.tri == .yes:
            v = Verdict(decision: .deny, reason: "explicitly denied by \(l.denies.first?.reference ?? "a policy")",
                        conditions: [], warnings: warnings, grantedBy: [])
        case .deny:
            v = Verdict(decision: .deny, reason: failureReason(l, scope.requester, q), conditions: [], warnings: warnings, grantedBy: [])
        case .allow:
            let by = grantedBy(l, q)
            v = Verdict(decision: .allow, reason: "allowed by \(describe(by, root: l.rootUser))", conditions: [],
                        warnings: warnings, grantedBy: by)
        case .conditional:
            var s = scope
            // Often only a deny is undecided: then the allow side needs no conditions.
            let allowTerm: Term = l.allow == .yes ? .yes : combine(l, q, lift: { term($0, &s, q) }, missing: { Term.unknown($0) }) { c in
                let levels = q.evaluate(chain: c.chain, layer: c.layer, &s, detail: true).levels ?? []
                return levels.reduce(Term.yes) { $0 && term($1, &s, q) }
            }
            let notDenied = Term(tri: l.denies.notDenied,
                                 conds: l.denies.tri == .unknown ? l.denies.undecided.map { "NOT \(q.undecidedText($0, &s)) [\($0.reference)]" } : [])
            scope = s
            var conds: [String] = []
            for c in allowTerm.conds + notDenied.conds where !conds.contains(c) { conds.append(c) }
            let by = grantedBy(l, q)
            let reason: String
            if allowTerm.tri == .yes {
                reason = "allowed by \(describe(by, root: l.rootUser)), unless \(l.denies.first?.reference ?? "a deny") applies"
            } else {
                reason = "allowed by \(describe(by, root: l.rootUser)) only if the conditions hold"
            }
            v = Verdict(decision: .conditional, reason: reason, conditions: conds, warnings: warnings, grantedBy: by)
        }
        if q.explain { q.step("decision", "-", nil, "\(v.decision.rawValue): \(v.reason)") }
        return v
    }

    /// A hit as a term whose conditions name each undecided statement.
    func term(_ h: Hit, _ scope: inout Scope, _ q: Query) -> Term {
        switch h.tri {
        case .yes: return .yes
        case .no: return .no
        case .unknown:
            let alts = h.undecided.map { "\(q.undecidedText($0, &scope)) [\($0.reference)]" }
            return Term(tri: .unknown, conds: [alts.count == 1 ? alts[0] : alts.map { "(\($0))" }.joined(separator: " or ")])
        }
    }

    func describe(_ by: [CompiledStatement], root: Bool) -> String {
        if by.isEmpty { return root ? "the root user's full access" : "the policies" }
        return by.map(\.reference).joined(separator: " and ")
    }

    /// The statements that grant: the resource policy's when it grants on its own, else the
    /// identity policy's (with the resource policy's for cross-account and must-allow resources).
    private func grantedBy(_ l: Layers, _ q: Query) -> [CompiledStatement] {
        var out: [CompiledStatement] = []
        if let rbp = l.rbp {
            if l.sameAccount {
                if rbp.direct.tri != .no, let s = rbp.direct.first { return [s] }
                if rbp.role.tri != .no, let s = rbp.role.first,
                   (l.boundary?.allow.tri ?? .yes) != .no, (l.session?.allow.tri ?? .yes) != .no { return [s] }
                if q.target.mustAllow, let s = rbp.account.first { out.append(s) }
            } else if let s = rbp.allow.first {
                out.append(s)
            }
        }
        if let s = l.identity.allow.first { out.append(s) }
        return out
    }

    /// Why an implicit deny, naming the first gate that failed in evaluation order.
    private func failureReason(_ l: Layers, _ r: Requester, _ q: Query) -> String {
        let p = r.principal
        let target = q.target
        if let rcp = l.rcp, rcp.gate == .no {
            return "no RCP attached to \(rcp.failedLevelLabel ?? "a level of the resource's organization path") allows it (implicit deny by RCPs)"
        }
        if let scp = l.scp, scp.gate == .no {
            return "no SCP attached to \(scp.failedLevelLabel ?? "a level of the principal's organization path") allows it (implicit deny by SCPs)"
        }
        let boundaryName = p.boundary?.name ?? p.missingBoundaryArn ?? "the permissions boundary"
        let identity = l.rootUser ? Tri.yes : l.identity.allow.tri
        let boundary = l.boundary?.allow.tri ?? .yes
        let session = l.session?.allow.tri ?? .yes
        if !l.sameAccount {
            guard let rbp = l.rbp else {
                return "cross-account: no resource-based policy of \(target.arn) is loaded, so account \(l.resourceAccount) grants nothing (both sides must allow)"
            }
            if rbp.allow.tri == .no { return "cross-account: \(target.policyDescription) does not allow \(r.requestArn)" }
            if identity == .no { return "cross-account: no identity policy of \(p.arn) allows it (both sides must allow)" }
            if boundary == .no { return "not allowed by boundary \(boundaryName)" }
            if session == .no { return "not allowed by the session policy" }
            return "cross-account: not allowed"
        }
        if target.mustAllow {
            guard let rbp = l.rbp else {
                if target.layer == .trust { return "\(target.arn) is not a role of the loaded account \(l.resourceAccount)" }
                return "\(target.policyDescription) is needed and not loaded"
            }
            if rbp.direct.tri == .no && rbp.role.tri == .no && rbp.account.tri == .no {
                return "\(target.policyDescription) does not allow \(r.requestArn) (it must allow explicitly)"
            }
            if rbp.direct.tri == .no && rbp.role.tri == .no && identity == .no {
                return "\(target.policyDescription) allows the account, but no identity policy of \(p.arn) allows it"
            }
            if boundary == .no { return "not allowed by boundary \(boundaryName)" }
            if session == .no { return "not allowed by the session policy" }
            return "not allowed"
        }
        if identity == .no {
            if let rbp = l.rbp, rbp.role.tri != .no {
                if boundary == .no { return "not allowed by boundary \(boundaryName) (\(target.policyDescription) names the role, which the boundary still limits)" }
                if session == .no { return "not allowed by the session policy (\(target.policyDescription) names the role, which the session policy still limits)" }
            }
            return "no statement allows it (implicit deny)"
        }
        if boundary == .no { return "not allowed by boundary \(boundaryName)" }
        if session == .no { return "not allowed by the session policy" }
        return "not allowed"
    }
}
