import IAMPolicy

/// who-can and its warnings.
public struct WhoCanReport: Sendable {
    public var rows: [WhoCanRow]
    /// The concrete actions the pattern expanded to.
    public var actions: [String]
    public var warnings: [String]
}

extension Authorizer {
    /// `who-can ACTION RESOURCE`: every principal that can (allow or conditional); with
    /// `includeDenied`, also those that cannot, with the reason. One row per principal and action.
    public func whoCan(action: String, resource: String, context: RequestContext = RequestContext(), includeDenied: Bool = false) -> [WhoCanRow] {
        whoCanReport(action: action, resource: resource, context: context, includeDenied: includeDenied).rows
    }

    public func whoCanReport(action: String, resource: String, context: RequestContext = RequestContext(),
                             includeDenied: Bool = false) -> WhoCanReport {
        var warnings: [String] = []
        let actions = concreteActions(action, resource: resource, warnings: &warnings)
        var rows: [WhoCanRow] = []
        for a in actions {
            let q = Query(authorizer: self, action: a, resource: resource, userContext: context, sessionPolicy: nil, explain: false)
            for p in principals {
                let v = decide(Requester(principal: p, sessionName: nil), q)
                if v.decision == .deny && !includeDenied { continue }
                rows.append(WhoCanRow(principal: p.arn, principalType: p.typeName, account: p.account, action: a,
                                      decision: v.decision, reason: v.reason, conditions: v.conditions))
            }
            for w in q.warnings where !warnings.contains(w) { warnings.append(w) }
        }
        return WhoCanReport(rows: rows, actions: actions, warnings: warnings)
    }

    /// Expands an action pattern through the catalog, keeping the actions that apply to `resource`.
    func concreteActions(_ pattern: String, resource: String, warnings: inout [String]) -> [String] {
        guard Wildcard.hasWildcard(pattern) else { return [pattern] }
        do {
            let all = try catalogIndex.expand(pattern)
            if catalogIndex.isEmpty { return all }
            let applicable = all.filter { catalogIndex.appliesTo(action: $0, resource: resource) }
            if applicable.isEmpty {
                warnings.append("none of the \(all.count) actions matching \(pattern) applies to \(resource)")
            }
            return applicable
        } catch {
            warnings.append(error.description)
            return []
        }
    }
}
