import IAMPolicy

/// The solver's answer for one principal and one request, before it is shaped into a result row.
struct Verdict {
    var decision: Decision
    var reason: String
    var conditions: [String]
    var warnings: [String]
    /// The statements that grant it (allow and conditional answers), for who-can rows.
    var grantedBy: [StatementRef]
}

extension Authorizer {
    /// Combines every layer for one requester, in AWS's documented order (IAM User Guide, policy
    /// evaluation logic): denies anywhere; the RCP gate of the resource's account; the SCP gate of
    /// the principal's account; resource-based policy; identity policies; boundary; session policy.
    func decide(_ r: Requester, _ q: Query) -> Verdict {
        let p = r.principal
        let target = q.target
        var memo: RequestContext?
        let ctx: () -> RequestContext = {
            if let m = memo { return m }
            let c = q.context(for: r)
            memo = c
            return c
        }
        var warnings: [String] = []
        var denies = Slot()

        // RCPs of the resource's account (not the management account's resources; only the services
        // RCPs support; not requests by service-linked roles).
        var rcpGate = Term.yes
        var rcpFailed: String?
        if let chain = target.rcp, ResourceRules.rcpServices.contains(q.service), !p.isServiceLinked {
            let o = q.evaluate(chain: chain, layer: .rcp, r, context: ctx)
            denies.merge(o.deny)
            rcpGate = o.gate
            rcpFailed = o.failedLevel
        } else if q.explain {
            let why: String
            if target.rcp == nil {
                if let e = target.rcpExemption { why = e }
                else if let a = target.account { why = "no RCPs apply to account \(a)" }
                else { why = target.ownerUnknown ? "the resource's owner account is unknown" : "the request names no resource" }
            }
            else if p.isServiceLinked { why = "RCPs do not restrict service-linked roles" }
            else { why = "RCPs do not apply to \(q.service) actions" }
            q.step(PolicyLayer.rcp.rawValue, "-", nil, "not applied: \(why)")
        }

        // SCPs of the principal's account.
        var scpGate = Term.yes
        var scpFailed: String?
        if let chain = p.scp {
            let o = q.evaluate(chain: chain, layer: .scp, r, context: ctx)
            denies.merge(o.deny)
            scpGate = o.gate
            scpFailed = o.failedLevel
        } else if q.explain {
            q.step(PolicyLayer.scp.rawValue, "-", nil, "not applied: \(p.scpExemption ?? "no SCPs")")
        }

        // Resource-based policy (bucket, key, trust policy…).
        var rbp: Tally?
        if let pol = target.policy {
            let t = q.evaluate(pol, r, context: ctx)
            denies.merge(t.deny)
            rbp = t
        } else if q.explain {
            q.step(target.layer.rawValue, "-", nil, target.missingPolicy.map { "not loaded: needed, \($0)" } ?? "none loaded for \(target.arn)")
        }

        // Identity policies: the principal's own and its groups'.
        var identity = Tally()
        if p.kind == .root {
            // The root user has full access to its account's resources.
            identity.allow.add(.yes, nil, cond: nil)
            if q.explain { q.step(PolicyLayer.identity.rawValue, "root user", nil, "allows: the account root user has full access") }
        }
        for pol in p.identity { identity.merge(q.evaluate(pol, r, context: ctx)) }
        denies.merge(identity.deny)
        if !p.missingPolicies.isEmpty {
            warnings.append("not loaded, so not evaluated: \(p.missingPolicies.joined(separator: ", "))")
        }
        if q.explain && p.identity.isEmpty && p.kind != .root {
            q.step(PolicyLayer.identity.rawValue, "-", nil, "the principal has no identity policies")
        }

        // Permissions boundary.
        var boundaryTerm = Term.yes
        if let b = p.boundary {
            let t = q.evaluate(b, r, context: ctx)
            denies.merge(t.deny)
            boundaryTerm = t.allow.term
        } else if let missing = p.missingBoundaryArn {
            boundaryTerm = .unknown("the permissions boundary \(missing) (not loaded) allows it")
        }

        // Session policy.
        var sessionTerm = Term.yes
        if let s = q.session {
            let t = q.evaluate(s, r, context: ctx)
            denies.merge(t.deny)
            sessionTerm = t.allow.term
        }

        let notDenied = denies.notDenied
        let identityPath = identity.allow.term && boundaryTerm && sessionTerm
        let resourceAccount = target.account ?? p.account
        let sameAccount = resourceAccount == p.account
        var grant: Term
        var grantedBy: [StatementRef] = []
        if let rbp {
            let direct = rbp.grant(.direct).term
            let role = rbp.grant(.role).term
            let acct = rbp.grant(.account).term
            if sameAccount {
                // Same account: a user or role-session ARN (or "*") grants on its own; a role ARN
                // still needs the boundary and session policy; the account needs an identity allow —
                // and for trust and key policies nothing grants without the policy's allow.
                let viaRole = role && boundaryTerm && sessionTerm
                if target.mustAllow {
                    grant = direct || viaRole || (acct && identityPath)
                } else {
                    grant = direct || viaRole || identityPath
                }
                if direct.tri != .no, let by = rbp.grant(.direct).by { grantedBy.append(by) }
                else if viaRole.tri != .no, let by = rbp.grant(.role).by { grantedBy.append(by) }
                else {
                    if target.mustAllow, let by = rbp.grant(.account).by { grantedBy.append(by) }
                    if let by = identity.allow.by { grantedBy.append(by) }
                }
            } else {
                // Cross-account: the resource side and the principal's side must both allow.
                grant = (direct || role || acct) && identityPath
                if let by = rbp.allow.by { grantedBy.append(by) }
                if let by = identity.allow.by { grantedBy.append(by) }
            }
        } else if let missing = target.missingPolicy, sameAccount {
            grant = Term.unknown(missing) && identityPath
            if let by = identity.allow.by { grantedBy.append(by) }
        } else if target.mustAllow {
            grant = .no
        } else if sameAccount {
            grant = identityPath
            if let by = identity.allow.by { grantedBy.append(by) }
        } else {
            grant = .no
        }
        let allow = rcpGate && scpGate && grant

        return finish(q, allow: allow, notDenied: notDenied, denies: denies, grantedBy: grantedBy, warnings: warnings,
                      fallback: p.kind == .root ? "the root user's full access" : "the policies") {
            failureReason(r, q, rcpGate: rcpGate, rcpFailed: rcpFailed, scpGate: scpGate, scpFailed: scpFailed,
                          rbp: rbp, identity: identity, boundary: boundaryTerm, session: sessionTerm,
                          sameAccount: sameAccount, resourceAccount: resourceAccount)
        }
    }

    /// Shapes the combined terms into a decision, a reason and the conditions still to be met.
    func finish(_ q: Query, allow: Term, notDenied: Term, denies: Slot, grantedBy: [StatementRef], warnings: [String],
                fallback: String, failure: () -> String) -> Verdict {
        let v: Verdict
        if notDenied.tri == .no {
            v = Verdict(decision: .deny, reason: "explicitly denied by \(describe(denies.by))",
                        conditions: [], warnings: warnings, grantedBy: [])
        } else if allow.tri == .no {
            v = Verdict(decision: .deny, reason: failure(), conditions: [], warnings: warnings, grantedBy: [])
        } else if allow.tri == .unknown || notDenied.tri == .unknown {
            var conds: [String] = []
            for c in allow.conds + notDenied.conds where !conds.contains(c) { conds.append(c) }
            let granting = grantedBy.isEmpty ? fallback : grantedBy.map(\.description).joined(separator: " and ")
            let reason: String
            if allow.tri == .yes {
                reason = "allowed by \(granting), unless \(describe(denies.by)) applies"
            } else {
                reason = "allowed by \(granting) only if the conditions hold"
            }
            v = Verdict(decision: .conditional, reason: reason, conditions: conds, warnings: warnings, grantedBy: grantedBy)
        } else {
            let granting = grantedBy.isEmpty ? fallback : grantedBy.map(\.description).joined(separator: " and ")
            v = Verdict(decision: .allow, reason: "allowed by \(granting)", conditions: [], warnings: warnings, grantedBy: grantedBy)
        }
        if q.explain { q.step("decision", "-", nil, "\(v.decision.rawValue): \(v.reason)") }
        return v
    }

    private func describe(_ ref: StatementRef?) -> String {
        ref?.description ?? "a policy"
    }

    /// Why an implicit deny, naming the first gate that failed in evaluation order.
    private func failureReason(_ r: Requester, _ q: Query, rcpGate: Term, rcpFailed: String?, scpGate: Term, scpFailed: String?,
                               rbp: Tally?, identity: Tally, boundary: Term, session: Term,
                               sameAccount: Bool, resourceAccount: String) -> String {
        let p = r.principal
        if rcpGate.tri == .no { return "no RCP attached to \(rcpFailed ?? "a level of the resource's organization path") allows it (implicit deny by RCPs)" }
        if scpGate.tri == .no { return "no SCP attached to \(scpFailed ?? "a level of the principal's organization path") allows it (implicit deny by SCPs)" }
        let boundaryName = p.boundary?.name ?? p.missingBoundaryArn ?? "the permissions boundary"
        let target = q.target
        if !sameAccount {
            guard let rbp else {
                return "cross-account: no resource-based policy of \(target.arn) is loaded, so account \(resourceAccount) grants nothing (both sides must allow)"
            }
            if rbp.allow.tri == .no { return "cross-account: \(target.policyDescription) does not allow \(r.requestArn)" }
            if identity.allow.tri == .no { return "cross-account: no identity policy of \(p.arn) allows it (both sides must allow)" }
            if boundary.tri == .no { return "not allowed by boundary \(boundaryName)" }
            if session.tri == .no { return "not allowed by the session policy" }
            return "cross-account: not allowed"
        }
        if target.mustAllow {
            guard let rbp else {
                if target.layer == .trust { return "\(target.arn) is not a role of the loaded account \(resourceAccount)" }
                return "\(target.policyDescription) is needed and not loaded"
            }
            let named = rbp.grant(.direct).tri != .no || rbp.grant(.role).tri != .no || rbp.grant(.account).tri != .no
            if !named { return "\(target.policyDescription) does not allow \(r.requestArn) (it must allow explicitly)" }
            if rbp.grant(.direct).tri == .no && rbp.grant(.role).tri == .no {
                if identity.allow.tri == .no { return "\(target.policyDescription) allows the account, but no identity policy of \(p.arn) allows it" }
            }
            if boundary.tri == .no { return "not allowed by boundary \(boundaryName)" }
            if session.tri == .no { return "not allowed by the session policy" }
            return "not allowed"
        }
        if identity.allow.tri == .no {
            if let rbp, rbp.grant(.role).tri != .no {
                if boundary.tri == .no { return "not allowed by boundary \(boundaryName) (\(target.policyDescription) names the role, which the boundary still limits)" }
                if session.tri == .no { return "not allowed by the session policy (\(target.policyDescription) names the role, which the session policy still limits)" }
            }
            return "no statement allows it (implicit deny)"
        }
        if boundary.tri == .no { return "not allowed by boundary \(boundaryName)" }
        if session.tri == .no { return "not allowed by the session policy" }
        return "not allowed"
    }
}
