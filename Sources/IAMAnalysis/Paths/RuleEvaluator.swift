import IAMPolicy

/// What the solver confirmed for one edge: the actions, the resources they were checked on,
/// the conditions still to be met, and whether the whole is certain.
struct Confirmation: Sendable {
    var actions: [String] = []
    var resources: [String] = []
    var conditions: [String] = []
    var reasons: [String] = []
    var decision: Decision = .allow

    mutating func add(_ r: CanResult) {
        if !actions.contains(r.action) { actions.append(r.action) }
        if !resources.contains(r.resource) { resources.append(r.resource) }
        if r.decision == .conditional {
            decision = .conditional
            for c in r.conditions { addCondition("\(r.action): \(c)") }
            if r.conditions.isEmpty { addCondition("\(r.action): \(r.reason)") }
        }
        reasons.append("\(r.action): \(r.reason)")
    }

    mutating func addCondition(_ c: String) {
        decision = .conditional
        if !conditions.contains(c) { conditions.append(c) }
    }

    mutating func addResource(_ r: String) { if !resources.contains(r) { resources.append(r) } }

    static let memberToken = "(each member)"
    static let profileToken = "(its instance profile)"

    /// The confirmation for a whole set: the representative's ARN and instance profile become
    /// placeholders that `materialized(for:)` fills in for each member.
    func tokenized(representative t: RuleTarget) -> Confirmation {
        var c = self
        let profile = t.instanceProfiles.first
        c.resources = resources.map { $0 == t.arn ? Confirmation.memberToken : ($0 == profile ? Confirmation.profileToken : $0) }
        c.conditions = conditions.map { $0.replacingAll(t.arn, with: Confirmation.memberToken) }
        c.reasons = reasons.map { $0.replacingAll(t.arn, with: Confirmation.memberToken) }
        return c
    }

    func edge(from: String, to: String, kind: String, category: EdgeCategory) -> Edge {
        Edge(source: from, target: to, kind: kind, category: category, actions: actions, resources: resources,
             conditions: conditions, decision: decision, reasons: reasons)
    }
}

/// One request to the solver: the key of its `Query` (shared by every caller) and, with the
/// caller, of its cached answer (checks that do not depend on the target, such as
/// `lambda:CreateFunction` on a new function, are asked once per caller).
struct CheckKey: Hashable, Sendable {
    var action: String
    var resource: String
    var context: [String: String]
}

/// Evaluates the rows of `EdgeRules` for one source and one target with the solver.
struct RuleEvaluator: @unchecked Sendable {
    let auth: Authorizer
    let index: CandidateIndex
    let targets: RuleTargets

    /// The solver's answer; the best of several resources (allow, then conditional), nil when denied.
    func ask(_ source: String, _ action: String, _ resources: [String], _ context: [String: String],
             _ session: SolverSession) -> CanResult? {
        var best: CanResult?
        for res in resources {
            let r = session.ask(source, action, res, context)
            if r.decision == .allow { return r }
            if r.decision == .conditional && best == nil { best = r }
        }
        return best
    }

    func evaluate(_ rule: EdgeRule, source: Int, sourceArn: String, target: RuleTarget,
                  session: SolverSession) -> Confirmation? {
        var conf = Confirmation()
        if let trust = target.serviceTrust, trust.result == .unknown {
            for c in trust.conditions { conf.addCondition("trust of \(target.service ?? "service"): \(c)") }
        }
        for group in rule.checks {
            var chosen: CanResult?
            var note: String?
            for alt in group {
                let (res, existing) = resources(alt, source: source, target: target, session)
                guard let r = ask(sourceArn, alt.action, res, context(alt, target), session) else { continue }
                if chosen == nil || (chosen?.decision != .allow && r.decision == .allow) { chosen = r; note = existing }
                if r.decision == .allow { break }
            }
            guard let c = chosen else { return nil }
            conf.add(c)
            if let note { conf.addCondition(note + " (no inventory of it is loaded)") }
        }
        for p in rule.preconditions {
            guard precondition(p, source: source, sourceArn: sourceArn, target: target, into: &conf, session: session) else { return nil }
        }
        return conf
    }

    /// Checks one precondition; false when it rules the edge out.
    private func precondition(_ p: Precondition, source: Int, sourceArn: String, target: RuleTarget,
                              into conf: inout Confirmation, session: SolverSession) -> Bool {
        switch p {
        case .instanceProfile:
            if let first = target.instanceProfiles.first { conf.addResource(first); return true }
            // No profile yet: the caller must create one and put the role in it.
            for c in EdgeRules.createInstanceProfile {
                let (res, _) = resources(c, source: source, target: target, session)
                guard let r = ask(sourceArn, c.action, res, [:], session) else { return false }
                conf.add(r)
            }
            return true
        case .instanceRunning:
            let profile = target.instanceProfiles.first ?? "an instance profile of the role"
            conf.addResource(profile)
            conf.addCondition("an EC2 instance runs with \(profile) (no instance inventory is loaded)")
            return true
        case .accessKeySlot:
            let facts = targets.userFacts[target.arn]
            if let n = facts?.keyCount, n < 2 { return true }
            let del = ask(sourceArn, "iam:DeleteAccessKey", [target.arn], [:], session)
            if let del { conf.add(del); return true }
            if facts?.keyCount == nil {
                conf.addCondition("the user has fewer than two access keys (no access-key data is loaded)")
                return true
            }
            return false
        case .noLoginProfile, .hasLoginProfile:
            let facts = targets.userFacts[target.arn]
            let want = p == .hasLoginProfile
            switch facts?.passwordEnabled {
            case .some(let has) where has != want: return false
            case .some: break
            case .none:
                conf.addCondition(want ? "the user has a console password (no credential report is loaded)"
                                       : "the user has no console password (no credential report is loaded)")
            }
            if facts?.mfaActive == true { conf.addCondition("the user has an MFA device, which a console sign-in also needs") }
            return true
        case .policyVersionSlot:
            guard let pol = target.policy else { return true }
            if pol.versions.count < 5 { return true }
            guard let r = ask(sourceArn, "iam:DeletePolicyVersion", [pol.arn], [:], session) else { return false }
            conf.add(r)
            return true
        case .otherPolicyVersion:
            guard let pol = target.policy else { return false }
            let others = pol.versions.filter { !$0.isDefault && $0.versionId != pol.defaultVersionId }
            if others.isEmpty { return false }
            if let full = others.first(where: { $0.document.map(RuleEvaluator.grantsEverything) ?? false }) {
                conf.addResource("\(pol.arn) version \(full.versionId)")
                return true
            }
            conf.addCondition("a non-default version (\(others.map(\.versionId).joined(separator: ", "))) grants more than the default one")
            return true
        }
    }

    /// An unconditional `Allow * on *` statement: switching to such a version grants everything.
    static func grantsEverything(_ doc: PolicyDocument) -> Bool {
        doc.statements.contains {
            $0.effect == .allow && !$0.actionsNegated && $0.actions.contains("*") && !$0.resourcesNegated
                && ($0.resources ?? []).contains("*") && $0.conditions.isEmpty
        }
    }

    private func context(_ c: ActionCheck, _ t: RuleTarget) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in c.context {
            switch v {
            case .literal(let s): out[k] = s
            case .passedToService: if let s = t.service { out[k] = s }
            case .targetArn: out[k] = t.arn
            }
        }
        return out
    }

    /// The resources to check an action on, and the existence note for `.existing` ones. For created
    /// resources, the caller may also choose a name its own policy names (tried after the template).
    func resources(_ c: ActionCheck, source: Int, target: RuleTarget, _ session: SolverSession) -> ([String], String?) {
        switch c.resource {
        case .target:
            return ([target.arn], nil)
        case .new(let template):
            return (expand(template, c.action, source: source, account: target.account, session), nil)
        case .existing(let template, let note):
            return (expand(template, c.action, source: source, account: target.account, session), note)
        }
    }

    /// Cached per caller: the same created resource is asked about for every target.
    private func expand(_ template: String, _ action: String, source: Int, account: String, _ session: SolverSession) -> [String] {
        let key = "\(source)|\(account)|\(action)|\(template)"
        if let hit = session.expansions[key] { return hit }
        let out = expand(template, action, source: source, account: account)
        session.expansions[key] = out
        return out
    }

    private func expand(_ template: String, _ action: String, source: Int, account: String) -> [String] {
        let base = RuleEvaluator.fill(template, account: account)
        var out = [base]
        guard let pats = index.patterns(source, action), !pats.contains("*") else { return out }
        for p in pats.prefix(4) {
            if let inst = RuleEvaluator.instantiate(p, like: base), !out.contains(inst) { out.append(inst) }
        }
        return out
    }

    static func fill(_ template: String, account: String) -> String {
        template.replacingAll("{region}", with: EdgeRules.region)
            .replacingAll("{account}", with: account)
            .replacingAll("{name}", with: EdgeRules.probeName)
    }

    /// A concrete ARN inside `pattern` of the same service and resource type as `base`, with the
    /// base's region and account where the pattern has wildcards; nil when the pattern names another
    /// type or account, or starts its resource with a wildcard (the base already covers that).
    static func instantiate(_ pattern: String, like base: String) -> String? {
        guard let p = ARN(pattern), let b = ARN(base), p.service == b.service else { return nil }
        let bType = b.resourceType
        guard !bType.isEmpty, p.resource.hasPrefix(bType), p.resource.count > bType.count + 1 else { return nil }
        let region = Wildcard.hasWildcard(p.region) || p.region.isEmpty ? b.region : p.region
        if !p.account.isEmpty, !Wildcard.hasWildcard(p.account), p.account != b.account { return nil }
        let concrete = p.resource.replacingAll("*", with: "iamsh").replacingAll("?", with: "x")
        return "arn:\(b.partition):\(b.service):\(region):\(b.account):\(concrete)"
    }
}
