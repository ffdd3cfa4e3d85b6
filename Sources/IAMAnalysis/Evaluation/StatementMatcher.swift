import IAMPolicy

/// What one statement does to one request.
enum StatementOutcome {
    case applies
    /// Applies if these conditions hold (clause descriptions, ANDed, already joined).
    case undecided(String)
    /// Does not apply; why (for explanations).
    case noMatch(String)
}

/// A statement of a policy, for reasons: "policy X statement S".
struct StatementRef {
    let policy: CompiledPolicy
    let statement: CompiledStatement
    var description: String { "\(policy.qualifiedName) statement \(statement.label)" }
}

extension Query {
    /// Action, resource and Condition of a statement (everything but the Principal element).
    func matchRequest(_ s: CompiledStatement, context: () -> RequestContext) -> StatementOutcome {
        let st = s.statement
        var m = s.actionListMatches(actionBytes)
        if st.actionsNegated { m = !m }
        if !m { return .noMatch(st.actionsNegated ? "action: listed in NotAction" : "action") }
        if st.actionsNegated && st.effect == .allow && !actionAppliesToResource {
            // NotAction with Allow grants only the actions that apply to the statement's resources
            // (IAM User Guide, NotAction).
            return .noMatch("action: \(action) does not apply to \(resource), and an Allow with NotAction grants only actions that apply to its resources")
        }
        var pending: [String] = []
        if let patterns = s.resourcePatterns, !s.resourceIsAny {
            var tri = Tri.no
            for p in patterns {
                let t: Tri = p.matchesEverything ? .yes : p.hasVariables ? p.matches(resource, context: context()) : p.matches(resource)
                tri = Tri.or(tri, t)
                if tri == .yes { break }
            }
            if st.resourcesNegated { tri = tri.negated }
            switch tri {
            case .no: return .noMatch(st.resourcesNegated ? "resource: listed in NotResource" : "resource")
            case .unknown: pending.append("the policy variables of \(st.resourcesNegated ? "NotResource" : "Resource") \(patterns.map(\.text).joined(separator: ", ")) resolve to match \(resource)")
            case .yes: break
            }
        }
        if !s.conditions.isEmpty {
            let o = s.conditions.evaluate(context())
            for op in o.unsupportedOperators {
                noteWarning("unsupported condition operator \(op): statements using it are undecided (answer conditional)")
            }
            switch o.result {
            case .no: return .noMatch("condition not met: \(o.failed?.description ?? "a condition fails")")
            case .unknown:
                if o.undecided.isEmpty { pending.append(o.unsupportedOperators.map { "unsupported operator \($0)" }.joined(separator: " and ")) }
                pending += o.undecided.map(\.description)
            case .yes: break
            }
        }
        return pending.isEmpty ? .applies : .undecided(pending.joined(separator: " and "))
    }

    /// The Principal / NotPrincipal element against an IAM requester. Returns the match and, for
    /// Allow statements, how the principal was named.
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
