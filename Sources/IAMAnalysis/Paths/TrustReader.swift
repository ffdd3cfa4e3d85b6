import IAMPolicy

/// Reads role trust policies for the edge builder.
///
/// For IAM callers it only proposes candidates (the principals a trust policy could admit);
/// `Authorizer.can(…, "sts:AssumeRole", roleArn)` then decides with both sides, the caller's
/// full context, SCPs and boundaries. Service and federated principals are not IAM principals
/// the solver's `can` takes, so their trust is evaluated here: Allow and Deny statements of the
/// trust policy with the shared condition engine (SCPs and boundaries do not apply to them).
struct TrustReader: Sendable {
    struct Candidates {
        var specific: Set<Int> = []
        var accounts: Set<String> = []
        var anyone = false
    }

    /// The outcome of a trust policy for a service or federated principal.
    struct Outcome: Sendable, Hashable {
        var result: Tri
        var conditions: [String]
        var statement: String
    }

    static func actionMatches(_ st: Statement, _ action: String) -> Bool {
        let hit = st.actions.contains { Wildcard.matchesAction($0, action) }
        return st.actionsNegated ? !hit : hit
    }

    /// The IAM principals a trust policy's Allow statements could admit for `sts:AssumeRole`.
    static func candidates(_ trust: PolicyDocument?, snapshot: Snapshot, nodes: NodeTable) -> Candidates {
        var c = Candidates()
        guard let trust else { return c }
        for st in trust.statements where st.effect == .allow && actionMatches(st, "sts:AssumeRole") {
            guard let p = st.principal else { continue }
            if st.principalNegated || p.anyone { c.anyone = true; continue }
            for entry in p.aws {
                if entry == "*" { c.anyone = true; continue }
                if AccountID.isValid(entry) { c.accounts.insert(entry); continue }
                if let arn = ARN(entry) {
                    if arn.service == "iam" && arn.resource == "root" { c.accounts.insert(arn.account); continue }
                    if let id = nodes.id(entry) { c.specific.insert(id); continue }
                    if arn.service == "sts", arn.resource.hasPrefix("assumed-role/") {
                        let name = arn.resource.split(separator: "/").dropFirst().first.map(String.init) ?? ""
                        if let id = nodes.id("arn:\(arn.partition):iam::\(arn.account):role/\(name)") { c.specific.insert(id) }
                        else if let r = snapshot.roles.first(where: { $0.account == arn.account && $0.name == name }),
                                let id = nodes.id(r.arn) { c.specific.insert(id) }
                    }
                    continue
                }
                // A unique ID (AROA…/AIDA…) left behind by IAM: resolvable only while the entity exists.
                if let resolved = snapshot.arn(forUniqueId: entry), let id = nodes.id(resolved) { c.specific.insert(id) }
            }
        }
        return c
    }

    /// Whether the trust policy lets `service` (e.g. `lambda.amazonaws.com`) assume the role.
    static func service(_ service: String, trust: PolicyDocument?, roleAccount: String) -> Outcome {
        var ctx = RequestContext()
        // The caller creates the resource the service acts for in the role's own account.
        ctx.set("aws:SourceAccount", roleAccount)
        return evaluate(trust, action: "sts:AssumeRole", context: ctx) { p in
            p.anyone || p.service.contains { $0.lowercased() == service }
        }
    }

    /// The federated providers a trust policy names, with the assume action each may use.
    static func federatedProviders(_ trust: PolicyDocument?) -> [(provider: String, action: String)] {
        guard let trust else { return [] }
        var out: [(String, String)] = []
        var seen = Set<String>()
        for st in trust.statements where st.effect == .allow {
            guard let p = st.principal, !st.principalNegated else { continue }
            for f in p.federated {
                let action = f.contains(":saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity"
                guard actionMatches(st, action), seen.insert(f + "|" + action).inserted else { continue }
                out.append((f, action))
            }
        }
        return out
    }

    /// Whether the trust policy lets federated `provider` assume the role with `action`.
    static func federated(_ provider: String, action: String, trust: PolicyDocument?) -> Outcome {
        evaluate(trust, action: action, context: RequestContext()) { p in
            p.anyone || p.federated.contains(provider)
        }
    }

    /// Deny wins; an Allow is needed; conditions on unknown keys make the answer unknown.
    private static func evaluate(_ trust: PolicyDocument?, action: String, context: RequestContext,
                                 principalMatches: (PrincipalSpec) -> Bool) -> Outcome {
        guard let trust else { return Outcome(result: .no, conditions: [], statement: "no trust policy") }
        var allow = Tri.no, deny = Tri.no
        var conditions: [String] = []
        var granting = ""
        for st in trust.statements where actionMatches(st, action) {
            guard let p = st.principal else { continue }
            let hit = principalMatches(p)
            guard st.principalNegated ? !hit : hit else { continue }
            let c = ConditionEngine.evaluate(st.conditions, context: context, variablesEnabled: trust.supportsVariables)
            if c.result == .no { continue }
            if c.result == .unknown {
                conditions += c.undecided.map { st.effect == .deny ? "not (\($0.description))" : $0.description }
                conditions += c.unsupportedOperators.map { "unsupported operator \($0)" }
            }
            if st.effect == .deny { deny = Tri.or(deny, c.result) } else {
                if allow != .yes { granting = "trust policy " + st.label }
                allow = Tri.or(allow, c.result)
            }
        }
        let result: Tri
        if deny == .yes || allow == .no { result = .no } else if allow == .yes && deny == .no { result = .yes } else { result = .unknown }
        return Outcome(result: result, conditions: result == .unknown ? conditions : [], statement: granting)
    }
}
