import IAMPolicy

/// what-can with its warnings.
public struct WhatCanReport: Sendable {
    public var rows: [WhatCanRow]
    public var warnings: [String]
}

extension Authorizer {
    /// `what-can PRINCIPAL [ACTION-PATTERN] [--resource PATTERN] [--service NAME]`: the concrete
    /// actions (expanded through the catalog) the principal may perform, with the resource scope,
    /// access level, decision and granting policy. One row per action and resource scope.
    public func whatCan(principalArn: String, actionPattern: String? = nil, resourcePattern: String? = nil,
                        service: String? = nil, context: RequestContext = RequestContext()) -> [WhatCanRow] {
        whatCanReport(principalArn: principalArn, actionPattern: actionPattern, resourcePattern: resourcePattern,
                      service: service, context: context).rows
    }

    /// Without `resourcePattern`, the scopes are the Resource patterns of the identity statements that
    /// allow each action (a NotAction grant only for the actions that apply to its resources), each
    /// checked through every layer; grants that only a resource-based policy makes need
    /// `resourcePattern` naming the resource. With `resourcePattern`, every candidate action is
    /// evaluated on that resource.
    public func whatCanReport(principalArn: String, actionPattern: String? = nil, resourcePattern: String? = nil,
                              service: String? = nil, context: RequestContext = RequestContext()) -> WhatCanReport {
        var warnings: [String] = []
        guard let requester = requester(for: principalArn) else {
            return WhatCanReport(rows: [], warnings: ["unknown principal \(principalArn)"])
        }
        let pattern: String
        if let actionPattern { pattern = actionPattern } else if let service { pattern = "\(service):*" } else { pattern = "*" }
        var candidates: [String]
        do {
            candidates = try actions.expand(pattern)
        } catch {
            return WhatCanReport(rows: [], warnings: [error.description])
        }
        if let service {
            let svc = service.lowercased()
            if !actions.isKnownService(svc) { warnings.append(ActionResolver.ExpansionError.unknownService(svc).description) }
            candidates = candidates.filter { $0.lowercased().hasPrefix(svc + ":") }
        }
        if actions.isEmpty && Wildcard.hasWildcard(pattern) {
            // Without action data, the candidates are the actions the principal's policies name.
            var named = Set<String>()
            for pol in requester.principal.identity {
                for s in pol.statements where s.effect == .allow && !s.statement.actionsNegated {
                    for a in s.statement.actions where Wildcard.matchesAction(pattern, a) { named.insert(a) }
                }
            }
            candidates = named.sorted()
            warnings.append("no action catalog is loaded: actions are listed as the policies name them")
        }
        var rows: [WhatCanRow] = []
        for a in candidates {
            let scopes: [String]
            if let resourcePattern {
                scopes = [resourcePattern]
            } else {
                scopes = identityScopes(requester, action: a)
            }
            for scope in scopes {
                let q = Query(authorizer: self, action: a, resource: scope, userContext: context, sessionPolicy: nil, explain: false)
                var state = Scope(requester)
                let layers = evaluateLayers(&state, q)
                guard layers.decision != .deny else { continue }
                let v = verdict(layers, &state, q)
                rows.append(WhatCanRow(action: a, resource: scope, accessLevel: actions.accessLevel(of: a) ?? "",
                                       decision: v.decision, policy: v.grantedBy.map(\.reference).joined(separator: "; "),
                                       conditions: v.conditions))
            }
        }
        return WhatCanReport(rows: rows, warnings: warnings)
    }

    /// The Resource patterns of the principal's identity Allow statements that name `action`.
    func identityScopes(_ r: Requester, action: String) -> [String] {
        if r.principal.kind == .root { return ["*"] }
        let lower = Array(action.lowercased().utf8)
        let serviceId = services.lookup(action.lowercased().split(separator: ":").first.map(String.init) ?? "")
        var out: [String] = []
        let principalContext = r.principal.baseContext
        for pol in r.principal.identity {
            for i in pol.candidates(serviceId: serviceId) {
                let s = pol.statements[i]
                guard s.effect == .allow else { continue }
                var m = s.actionListMatches(lower)
                if s.statement.actionsNegated { m = !m }
                guard m else { continue }
                let patterns = s.resourcePatterns ?? []
                if s.statement.resourcesNegated {
                    // NotResource: every resource but those listed; shown as "*" (the layers still apply).
                    if !out.contains("*") { out.append("*") }
                    continue
                }
                for p in patterns {
                    // An action that cannot act on what the pattern names is not granted by it.
                    if !p.matchesEverything && !actions.appliesTo(action: action, pattern: p) { continue }
                    var scope = p.text
                    if p.hasVariables {
                        switch PolicyVariables.substitute(p.text, context: principalContext) {
                        case .resolved(let t): scope = t
                        case .missing: continue
                        case .unknown: break
                        }
                    }
                    if !out.contains(scope) { out.append(scope) }
                }
            }
        }
        return out
    }
}
