import IAMPolicy

/// What one statement does to one request (without the text of explanations).
enum StatementOutcome: Equatable {
    case applies
    /// Applies only if undecided conditions hold (`Query.undecidedText` names them).
    case undecided
    case noMatch(Mismatch)
}

/// Why a statement does not apply.
enum Mismatch: Equatable {
    case action
    case notAction
    case notApplicable                  // NotAction Allow, action does not act on the resource
    case resource
    case notResource
    case condition(ConditionClause?)
    case principal

    func text(_ q: Query) -> String {
        switch self {
        case .action: return "action"
        case .notAction: return "action: listed in NotAction"
        case .notApplicable:
            return "action: \(q.action) does not apply to \(q.resource), and an Allow with NotAction grants only actions that apply to its resources"
        case .resource: return "resource"
        case .notResource: return "resource: listed in NotResource"
        case .condition(let c): return "condition not met: \(c?.description ?? "a condition fails")"
        case .principal: return "principal"
        }
    }
}

extension Query {
    /// Action, resource and Condition of a statement (everything but the Principal element).
    func matchRequest(_ s: CompiledStatement, _ ctx: RequestContext) -> StatementOutcome {
        let st = s.statement
        var m = s.actionListMatches(actionBytes)
        if st.actionsNegated { m = !m }
        if !m { return .noMatch(st.actionsNegated ? .notAction : .action) }
        if st.actionsNegated && st.effect == .allow && !actionAppliesToResource {
            // NotAction with Allow grants only the actions that apply to the statement's resources
            // (IAM User Guide, NotAction).
            return .noMatch(.notApplicable)
        }
        var undecided = false
        if let patterns = s.resourcePatterns, !s.resourceIsAny {
            var tri = Tri.no
            for i in patterns.indices {
                let t: Tri
                if patterns[i].matchesEverything { t = .yes }
                else if !resourceBytes.starts(with: s.resourcePrefixes[i]) { t = .no }
                else { t = patterns[i].hasVariables ? patterns[i].matches(resource, context: ctx) : patterns[i].matches(resource) }
                tri = Tri.or(tri, t)
                if tri == .yes { break }
            }
            if st.resourcesNegated { tri = tri.negated }
            switch tri {
            case .no: return .noMatch(st.resourcesNegated ? .notResource : .resource)
            case .unknown: undecided = true
            case .yes: break
            }
        }
        if !s.conditions.isEmpty {
            let o = s.conditions.evaluate(ctx)
            if !o.unsupportedOperators.isEmpty {
                for op in o.unsupportedOperators {
                    noteWarning("unsupported condition operator \(op): statements using it are undecided (answer conditional)")
                }
            }
            switch o.result {
            case .no: return .noMatch(.condition(o.failed))
            case .unknown: undecided = true
            case .yes: break
            }
        }
        return undecided ? .undecided : .applies
    }

    /// The conditions an undecided statement still needs, as text ("A and B").
    func undecidedText(_ s: CompiledStatement, _ scope: inout Scope) -> String {
        var principalNote: String?
        if s.principals != nil {
            let (pt, _, note) = matchPrincipal(s, scope.requester)
            if pt == .unknown { principalNote = note ?? (s.statement.principalNegated ? "the principal is not exempt" : "the principal matches") }
        }
        let request: String?
        if !s.needsPrincipalContext {
            // Depends only on the request: the same text for every principal.
            if let cached = undecidedTexts[s.id] { request = cached } else {
                request = requestUndecidedText(s, sharedContext)
                undecidedTexts[s.id] = request
            }
        } else {
            request = requestUndecidedText(s, context(s, &scope))
        }
        let parts = [principalNote, request].compactMap { $0 }
        return parts.isEmpty ? "an undecided condition holds" : parts.joined(separator: " and ")
    }

    private func requestUndecidedText(_ s: CompiledStatement, _ ctx: RequestContext) -> String? {
        var pending: [String] = []
        if let patterns = s.resourcePatterns, !s.resourceIsAny {
            var tri = Tri.no
            for p in patterns { tri = Tri.or(tri, p.matches(resource, context: ctx)) }
            if tri == .unknown {
                pending.append("the policy variables of \(s.statement.resourcesNegated ? "NotResource" : "Resource") \(patterns.map(\.text).joined(separator: ", ")) resolve to match \(resource)")
            }
        }
        if !s.conditions.isEmpty {
            let o = s.conditions.evaluate(ctx)
            if o.result == .unknown {
                if o.undecided.isEmpty { pending += o.unsupportedOperators.map { "unsupported operator \($0)" } }
                pending += o.undecided.map(\.description)
            }
        }
        return pending.isEmpty ? nil : pending.joined(separator: " and ")
    }

    /// The Principal / NotPrincipal element against a requester. Returns the match and, for Allow
    /// statements, how the principal was named.
    func matchPrincipal(_ s: CompiledStatement, _ r: Requester) -> (Tri, PrincipalGrant?, String?) {
        guard let rp = s.principals else { return (.yes, .direct, nil) }
        if s.statement.principalNegated {
            // NotPrincipal: everyone except the named principals.
            if s.statement.effect == .deny {
                let exempt = rp.exempts(r)
                return (exempt.negated, nil, exempt == .unknown ? "the role session is not the one NotPrincipal exempts" : nil)
            }
            let (named, _, note) = rp.match(r)
            return (named.negated, .direct, note.map { "not: \($0)" })
        }
        return rp.match(r)
    }
}
