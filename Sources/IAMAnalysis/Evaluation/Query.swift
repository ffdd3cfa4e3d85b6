import IAMPolicy

/// One request (action, resource, user context) being evaluated, for one principal (`can`) or many
/// (`whoCan`). Holds what is common to all principals — the resource side, the request part of the
/// context — and caches the outcome of every policy that does not depend on the principal, so that
/// principals sharing managed policies share their evaluation.
final class Query {
    unowned let authorizer: Authorizer
    let action: String
    let actionBytes: [UInt8]            // lowercased
    let service: String                 // lowercased prefix
    let resource: String
    let target: ResourceTarget
    /// For NotAction scoping: whether the action applies to the resource (catalog resource types).
    let actionAppliesToResource: Bool
    let userContext: RequestContext
    /// Request keys, then the user's overrides: the context of statements that read no principal key.
    let sharedContext: RequestContext
    let requestContext: RequestContext
    let session: CompiledPolicy?
    let explain: Bool
    private(set) var trace: [TraceStep] = []
    private(set) var warnings: [String] = []
    private var policyCache: [Int: Tally] = [:]
    private var requestPartCache: [Int: StatementOutcome] = [:]

    init(authorizer: Authorizer, action: String, resource: String, userContext: RequestContext,
         sessionPolicy: PolicyDocument?, explain: Bool) {
        self.authorizer = authorizer
        self.action = action
        let lower = action.lowercased()
        actionBytes = Array(lower.utf8)
        service = lower.firstIndex(of: ":").map { String(lower[..<$0]) } ?? lower
        self.resource = resource
        self.explain = explain
        self.userContext = userContext
        let cat = authorizer.actions
        target = authorizer.resolveTarget(resource: resource, service: service)
        // A resource with wildcards (what-can scopes, `can … arn:…:bucket/*`) names a set of resources.
        actionAppliesToResource = Wildcard.hasWildcard(resource)
            ? cat.appliesTo(action: action, pattern: ResourcePattern(resource, variablesEnabled: false))
            : cat.appliesTo(action: action, resource: resource)
        requestContext = RequestContextBuilder.requestContext(now: authorizer.now, target: target,
                                                              org: authorizer.snapshot.organization,
                                                              referencedResourceTags: authorizer.referencedResourceTags)
        sharedContext = requestContext.merging(userContext)
        if let sp = sessionPolicy {
            var next = 0
            session = CompiledPolicy(id: -1, name: "session policy", arn: nil, layer: .session, document: sp, nextStatementId: &next)
        } else {
            session = nil
        }
        if !lower.contains(":") {
            warnings.append("\"\(action)\" is not an action (expected service:Action)")
        } else if !cat.isKnownService(service) {
            warnings.append("unknown service prefix \"\(service)\": it is not in the action catalog (\(cat.catalog.version.isEmpty ? "unversioned" : cat.catalog.version)); the answer only reflects policies that name it literally or by wildcard")
        } else if !cat.isEmpty && !Wildcard.hasWildcard(action) && cat.catalog.action(named: action) == nil {
            warnings.append("\(action) is not in the action catalog; check the spelling")
        }
        if !cat.isEmpty, !actionAppliesToResource {
            warnings.append("\(action) does not take a resource like \(resource) (action catalog resource types)")
        }
        if target.ownerUnknown {
            warnings.append("the account that owns \(resource) is unknown (no resource policy of it is loaded); it is evaluated as if it were in the principal's account")
        }
    }

    func noteWarning(_ w: String) {
        if !warnings.contains(w) { warnings.append(w) }
    }

    func step(_ layer: String, _ policy: String, _ statement: String?, _ outcome: String) {
        trace.append(TraceStep(layer: layer, policy: policy, statement: statement, outcome: outcome))
    }

    /// The full context for a requester: its keys, the request's keys, then the user's overrides.
    func context(for r: Requester) -> RequestContext {
        var base = r.principal.baseContext
        if let s = r.sessionName, r.principal.kind == .role, !r.principal.uniqueId.isEmpty {
            base.set("aws:userid", "\(r.principal.uniqueId):\(s)")
        }
        return base.merging(requestContext).merging(userContext)
    }

    /// Evaluates one policy for a requester (cached when the policy does not depend on the principal).
    func evaluate(_ policy: CompiledPolicy, _ r: Requester, context ctx: () -> RequestContext) -> Tally {
        let cacheable = policy.principalIndependent && !explain
        if cacheable, let t = policyCache[policy.id] { return t }
        var tally = Tally()
        let indices: [Int] = explain ? Array(policy.statements.indices) : policy.candidates(service: service)
        for i in indices {
            let s = policy.statements[i]
            let ref = StatementRef(policy: policy, statement: s)
            var outcome: StatementOutcome
            if s.needsPrincipalContext {
                outcome = matchRequest(s, context: ctx)
            } else if !explain, let cached = requestPartCache[s.id] {
                outcome = cached
            } else {
                outcome = matchRequest(s, context: { sharedContext })
                if !explain { requestPartCache[s.id] = outcome }
            }
            var grant: PrincipalGrant?
            var principalNote = ""
            if case .noMatch = outcome {} else if s.principals != nil {
                let (pt, g, note) = matchPrincipal(s, r)
                grant = g
                switch pt {
                case .no: outcome = .noMatch("principal")
                case .unknown:
                    let n = note ?? "the principal matches"
                    if case .undecided(let c) = outcome { outcome = .undecided(n + " and " + c) } else { outcome = .undecided(n) }
                case .yes: break
                }
                if s.statement.effect == .allow, let g {
                    switch g {
                    case .account: principalNote = " (names the account: an identity policy must also allow)"
                    case .role: principalNote = " (names the role ARN: the boundary and session policy still apply)"
                    case .direct: principalNote = ""
                    }
                }
            }
            let isDeny = s.statement.effect == .deny
            switch outcome {
            case .applies:
                if isDeny { tally.deny.add(.yes, ref, cond: nil) } else {
                    tally.allow.add(.yes, ref, cond: nil)
                    if let grant { tally.grants[grant.rawValue].add(.yes, ref, cond: nil) }
                }
                if explain { step(policy.layer.rawValue, policy.name, s.label, (isDeny ? "denies" : "allows") + principalNote) }
            case .undecided(let c):
                let cond = "\(c) [\(ref.description)]"
                if isDeny { tally.deny.add(.unknown, ref, cond: cond) } else {
                    tally.allow.add(.unknown, ref, cond: cond)
                    if let grant { tally.grants[grant.rawValue].add(.unknown, ref, cond: cond) }
                }
                if explain { step(policy.layer.rawValue, policy.name, s.label, "undecided: \(isDeny ? "denies" : "allows") if \(c)" + principalNote) }
            case .noMatch(let why):
                if explain { step(policy.layer.rawValue, policy.name, s.label, "no match: \(why)") }
            }
        }
        if cacheable { policyCache[policy.id] = tally }
        return tally
    }

    /// Evaluates an SCP or RCP chain: denies at any level; an allow needed at every level.
    func evaluate(chain: OrgChain, layer: PolicyLayer, _ r: Requester, context ctx: () -> RequestContext) -> ChainOutcome {
        var out = ChainOutcome()
        for level in chain.levels {
            if level.policies.isEmpty {
                // AWS keeps at least one policy on every node; none in the data means it was not collected.
                if explain { step(layer.rawValue, level.label, nil, "no \(layer.rawValue) attached in the loaded data: level not restricted") }
                continue
            }
            var t = Tally()
            for p in level.policies { t.merge(evaluate(p, r, context: ctx)) }
            out.deny.merge(t.deny)
            let levelAllow = t.allow.term
            out.gate = out.gate && levelAllow
            if levelAllow.tri == .no, out.failedLevel == nil { out.failedLevel = level.label }
            if explain {
                let names = level.policies.map(\.name).joined(separator: ", ")
                let what: String
                switch levelAllow.tri {
                case .yes: what = "allowed by \(t.allow.by.map { $0.policy.name + " statement " + $0.statement.label } ?? names)"
                case .unknown: what = "allowed only if \(levelAllow.conds.joined(separator: " and "))"
                case .no: what = "no \(layer.rawValue) at this level allows it (\(names))"
                }
                step(layer.rawValue, level.label, nil, what)
            }
        }
        return out
    }
}
