import IAMPolicy

/// The evaluation state of one requester within a query: its context, merged on first need.
struct Scope {
    let requester: Requester
    var merged: RequestContext?
    init(_ r: Requester) { requester = r }
}

/// What a request on one resource has in common across actions of a service: the resource side
/// and the request part of the context (what-can reuses it for every action on a scope).
final class RequestSide: Sendable {
    let resource: String
    let resourceBytes: [UInt8]
    let target: ResourceTarget
    let userContext: RequestContext
    let requestContext: RequestContext
    /// Request keys, then the user's overrides: the context of statements that read no principal key.
    let sharedContext: RequestContext
    /// The user's context sets a key the principal determines (then principal contexts are merged).
    let userSetsPrincipalKeys: Bool

    init(authorizer: Authorizer, resource: String, service: String, userContext: RequestContext) {
        self.resource = resource
        resourceBytes = Array(resource.utf8)
        self.userContext = userContext
        target = authorizer.resolveTarget(resource: resource, service: service)
        requestContext = RequestContextBuilder.requestContext(now: authorizer.now, target: target,
                                                              org: authorizer.snapshot.organization,
                                                              referencedResourceTags: authorizer.referencedResourceTags)
        sharedContext = requestContext.merging(userContext)
        userSetsPrincipalKeys = userContext.values.keys.contains(where: RequestContextBuilder.isPrincipalKey)
            || userContext.absent.contains(where: RequestContextBuilder.isPrincipalKey)
    }
}

/// One request (action, resource, user context) being evaluated, for one principal (`can`) or many
/// (`whoCan`). Holds what is common to all principals — the resource side, the request part of the
/// context — and caches the outcome of every policy that does not depend on the principal, so that
/// principals sharing managed policies share their evaluation.
final class Query {
    unowned let authorizer: Authorizer
    let action: String
    let actionBytes: [UInt8]            // lowercased
    let service: String                 // lowercased prefix
    let serviceId: Int
    let side: RequestSide
    /// For NotAction scoping: whether the action applies to the resource (catalog resource types).
    let actionAppliesToResource: Bool
    let session: CompiledPolicy?
    let explain: Bool
    private(set) var trace: [TraceStep] = []
    private(set) var warnings: [String] = []
    /// Verdicts of principal-independent policies: in a dictionary at first, then — once a query
    /// has cached many (who-can over many principals) — in a table indexed by policy id.
    private var verdictSlot: [Int32] = []
    private let manyPrincipals: Bool
    private var verdicts: [PolicyVerdict] = []
    private var sparseVerdicts: [Int: PolicyVerdict] = [:]
    private var requestPart: [Int: StatementOutcome] = [:]
    private var chains: [Int: ChainResult] = [:]
    private var detailedChains: [Int: ChainResult] = [:]
    private var chainParts: [Int: [PolicyVerdict]] = [:]
    /// Text of the undecided conditions of statements that do not depend on the principal.
    var undecidedTexts: [Int: String?] = [:]

    var resource: String { side.resource }
    var resourceBytes: [UInt8] { side.resourceBytes }
    var target: ResourceTarget { side.target }
    var requestContext: RequestContext { side.requestContext }
    var sharedContext: RequestContext { side.sharedContext }
    var userContext: RequestContext { side.userContext }

    static func service(of action: String) -> String {
        let lower = action.lowercased()
        return lower.firstIndex(of: ":").map { String(lower[..<$0]) } ?? lower
    }

    convenience init(authorizer: Authorizer, action: String, resource: String, userContext: RequestContext,
                     sessionPolicy: PolicyDocument?, explain: Bool, manyPrincipals: Bool = false) {
        let side = RequestSide(authorizer: authorizer, resource: resource, service: Query.service(of: action), userContext: userContext)
        self.init(authorizer: authorizer, action: action, side: side, sessionPolicy: sessionPolicy, explain: explain,
                  manyPrincipals: manyPrincipals)
    }

    /// - Parameters:
    ///   - appliesToResource: known from the caller (what-can), else asked of the catalog.
    ///   - checkAction: report unknown services and actions (off when the catalog produced the action).
    init(authorizer: Authorizer, action: String, side: RequestSide, sessionPolicy: PolicyDocument?, explain: Bool,
         manyPrincipals: Bool = false, appliesToResource: Bool? = nil, checkAction: Bool = true) {
        self.authorizer = authorizer
        self.action = action
        let lower = action.lowercased()
        actionBytes = Array(lower.utf8)
        service = lower.firstIndex(of: ":").map { String(lower[..<$0]) } ?? lower
        serviceId = authorizer.services.lookup(service)
        self.side = side
        self.explain = explain
        let cat = authorizer.actions
        let resource = side.resource
        // A resource with wildcards (what-can scopes, `can … arn:…:bucket/*`) names a set of resources.
        actionAppliesToResource = appliesToResource ?? (Wildcard.hasWildcard(resource)
            ? cat.appliesTo(action: action, pattern: ResourcePattern(resource, variablesEnabled: false))
            : cat.appliesTo(action: action, resource: resource))
        self.manyPrincipals = manyPrincipals
        if let sp = sessionPolicy {
            var next = authorizer.statementCount
            session = CompiledPolicy(id: -1, name: "session policy", arn: nil, layer: .session, document: sp, nextStatementId: &next)
        } else {
            session = nil
        }
        guard checkAction else { return }
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

    /// The context a statement is evaluated in. Statements that read no principal key use the
    /// shared context; those that read only principal keys use the principal's own; the others get
    /// the principal's keys, then the request's, then the user's overrides (merged once per requester).
    func context(_ s: CompiledStatement, _ scope: inout Scope) -> RequestContext {
        if !s.needsPrincipalContext { return sharedContext }
        if s.readsOnlyPrincipalKeys && !side.userSetsPrincipalKeys { return scope.requester.baseContext }
        if let m = scope.merged { return m }
        // The user's overrides, then the request's keys, then the principal's (no copies made).
        let m = sharedContext.overlaying(scope.requester.baseContext)
        scope.merged = m
        return m
    }

    /// Evaluates one policy for a requester (cached when the policy does not depend on the principal).
    func evaluate(_ policy: CompiledPolicy, _ scope: inout Scope) -> PolicyVerdict {
        let cacheable = policy.principalIndependent && !explain && policy.id >= 0
        if cacheable {
            if !verdictSlot.isEmpty {
                let slot = verdictSlot[policy.id]
                if slot >= 0 { return verdicts[Int(slot)] }
            } else if let v = sparseVerdicts[policy.id] {
                return v
            }
        }
        var v = PolicyVerdict()
        let indices: [Int] = explain ? Array(policy.statements.indices) : policy.candidates(serviceId: serviceId)
        for i in indices {
            let s = policy.statements[i]
            var outcome: StatementOutcome
            if s.needsPrincipalContext {
                outcome = matchRequest(s, context(s, &scope))
            } else if s.principalDependent, !explain {
                // Only the Principal element depends on the requester: the rest is shared.
                if let cached = requestPart[s.id] { outcome = cached } else {
                    outcome = matchRequest(s, sharedContext)
                    requestPart[s.id] = outcome
                }
            } else {
                outcome = matchRequest(s, sharedContext)
            }
            var grant: PrincipalGrant?
            if s.principals != nil, outcome == .applies || outcome == .undecided {
                let (pt, g, _) = matchPrincipal(s, scope.requester)
                grant = g
                switch pt {
                case .no: outcome = .noMatch(.principal)
                case .unknown: outcome = .undecided
                case .yes: break
                }
            }
            let tri: Tri
            switch outcome {
            case .applies: tri = .yes
            case .undecided: tri = .unknown
            case .noMatch: tri = .no
            }
            if tri != .no {
                if s.statement.effect == .deny {
                    v.deny.add(tri, s)
                } else {
                    v.allow.add(tri, s)
                    switch grant {
                    case .direct?: v.direct.add(tri, s)
                    case .role?: v.role.add(tri, s)
                    case .account?: v.account.add(tri, s)
                    case nil: break
                    }
                }
            }
            if explain { explainStatement(s, outcome, grant, &scope) }
        }
        if cacheable {
            if !verdictSlot.isEmpty {
                verdictSlot[policy.id] = Int32(verdicts.count)
                verdicts.append(v)
            } else {
                sparseVerdicts[policy.id] = v
                if manyPrincipals && sparseVerdicts.count >= 64 { moveVerdictsToTable() }
            }
        }
        return v
    }

    /// Switches the verdict cache to the table indexed by policy id (memory only for queries that
    /// serve many principals).
    private func moveVerdictsToTable() {
        verdictSlot = [Int32](repeating: -1, count: authorizer.policyCount)
        verdicts.reserveCapacity(sparseVerdicts.count * 2)
        for (id, v) in sparseVerdicts {
            verdictSlot[id] = Int32(verdicts.count)
            verdicts.append(v)
        }
        sparseVerdicts = [:]
    }

    private func explainStatement(_ s: CompiledStatement, _ outcome: StatementOutcome, _ grant: PrincipalGrant?, _ scope: inout Scope) {
        guard let policy = s.policy else { return }
        let isDeny = s.statement.effect == .deny
        var note = ""
        if !isDeny, let grant {
            switch grant {
            case .account: note = " (names the account: an identity policy must also allow)"
            case .role: note = " (names the role ARN: the boundary and session policy still apply)"
            case .direct: note = ""
            }
        }
        let text: String
        switch outcome {
        case .applies: text = (isDeny ? "denies" : "allows") + note
        case .undecided: text = "undecided: \(isDeny ? "denies" : "allows") if \(undecidedText(s, &scope))" + note
        case .noMatch(let m): text = "no match: \(m.text(self))"
        }
        step(policy.layer.rawValue, policy.name, s.label, text)
    }

    /// Per level of a chain, the merged verdict of its principal-independent policies.
    private func independentPart(_ chain: OrgChain) -> [PolicyVerdict] {
        if let p = chainParts[chain.id] { return p }
        var dummy = Scope(authorizer.placeholderRequester)
        let parts = chain.levels.map { level in
            var v = PolicyVerdict()
            for p in level.policies where p.principalIndependent { v.merge(evaluate(p, &dummy)) }
            return v
        }
        chainParts[chain.id] = parts
        return parts
    }

    /// Evaluates an SCP or RCP chain: denies at any level; an allow needed at every level. With
    /// `detail`, also keeps each level's allow (for conditions).
    func evaluate(chain: OrgChain, layer: PolicyLayer, _ scope: inout Scope, detail: Bool = false) -> ChainResult {
        let cacheable = chain.principalIndependent && !explain
        if cacheable, let c = detail ? detailedChains[chain.id] : chains[chain.id] { return c }
        var out = ChainResult(chain: chain, layer: layer)
        if detail || explain { out.levels = [] }
        for (index, level) in chain.levels.enumerated() {
            if level.policies.isEmpty {
                // AWS keeps at least one policy on every node; none in the data means it was not collected.
                if explain { step(layer.rawValue, level.label, nil, "no \(layer.rawValue) attached in the loaded data: level not restricted") }
                continue
            }
            var allow = Hit()
            if explain {
                for p in level.policies {
                    let v = evaluate(p, &scope)
                    out.deny.merge(v.deny)
                    allow.merge(v.allow)
                }
            } else {
                // The principal-independent part of the level once per query, then the rest.
                let shared = independentPart(chain)[index]
                out.deny.merge(shared.deny)
                allow.merge(shared.allow)
                for p in chain.dependent[index] {
                    let v = evaluate(p, &scope)
                    out.deny.merge(v.deny)
                    allow.merge(v.allow)
                }
            }
            out.levels?.append(allow)
            out.gate = Tri.and(out.gate, allow.tri)
            if allow.tri == .no, out.failedLevel == nil { out.failedLevel = index }
            if explain {
                let what: String
                switch allow.tri {
                case .yes: what = "allowed by \(allow.first?.reference ?? "a policy")"
                case .unknown: what = "allowed only if \(allow.undecided.map { undecidedText($0, &scope) }.joined(separator: " or "))"
                case .no: what = "no \(layer.rawValue) at this level allows it (\(level.policies.map(\.name).joined(separator: ", ")))"
                }
                step(layer.rawValue, level.label, nil, what)
            }
        }
        if cacheable {
            if detail { detailedChains[chain.id] = out } else { chains[chain.id] = out }
        }
        return out
    }
}
