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
    /// allow each action (a NotAction grant only for the actions that apply to its resources; a
    /// NotResource grant as `*`), each checked through every layer; grants that only a resource-based
    /// policy makes need `resourcePattern` naming the resource. With `resourcePattern`, every candidate
    /// action is evaluated on that resource.
    public func whatCanReport(principalArn: String, actionPattern: String? = nil, resourcePattern: String? = nil,
                              service: String? = nil, context: RequestContext = RequestContext()) -> WhatCanReport {
        var warnings: [String] = []
        guard let requester = requester(for: principalArn) else {
            return WhatCanReport(rows: [], warnings: ["unknown principal \(principalArn)"])
        }
        let pattern: String
        if let actionPattern { pattern = actionPattern } else if let service { pattern = "\(service):*" } else { pattern = "*" }
        if let service, !actions.isKnownService(service) {
            return WhatCanReport(rows: [], warnings: [ActionResolver.ExpansionError.unknownService(service.lowercased()).description])
        }
        var candidates: [Candidate]
        if actions.isEmpty {
            candidates = uncataloguedCandidates(requester, pattern: pattern)
            if Wildcard.hasWildcard(pattern) {
                warnings.append("no action catalog is loaded: actions are listed as the policies name them")
            }
        } else {
            do {
                let names = try actions.expand(pattern)
                candidates = names.map { Candidate(name: $0, action: catalog.action(named: $0)) }
            } catch {
                return WhatCanReport(rows: [], warnings: [error.description])
            }
        }
        if let service {
            let prefix = service.lowercased() + ":"
            candidates = candidates.filter { $0.lower.starts(with: Array(prefix.utf8)) }
        }
        let allows = identityAllows(requester)
        if resourcePattern == nil && requester.principal.kind != .root {
            // Only the services the Allow statements can name (unless one names any service).
            var named = Set<String>()
            var anyService = false
            for a in allows {
                if let svcs = a.services { named.formUnion(svcs) } else { anyService = true; break }
            }
            if !anyService {
                candidates = candidates.filter { c in named.contains(Query.service(of: c.name)) }
            }
        }
        var sides: [String: RequestSide] = [:]
        func side(_ resource: String, _ service: String) -> RequestSide {
            // The resource side differs between services only for sts actions on roles (trust policies).
            let key = (service == "sts" ? "sts\u{0}" : "\u{0}") + resource
            if let s = sides[key] { return s }
            let s = RequestSide(authorizer: self, resource: resource, service: service, userContext: context)
            sides[key] = s
            return s
        }
        var rows: [WhatCanRow] = []
        for c in candidates {
            let scopes: [String]
            if let resourcePattern {
                scopes = [resourcePattern]
            } else {
                scopes = identityScopes(requester, c, allows)
            }
            let service = Query.service(of: c.name)
            for scope in scopes {
                let q = Query(authorizer: self, action: c.name, side: side(scope, service), sessionPolicy: nil, explain: false,
                              appliesToResource: resourcePattern == nil ? true : nil, checkAction: resourcePattern != nil)
                var state = Scope(requester)
                let layers = evaluateLayers(&state, q)
                guard layers.decision != .deny else { continue }
                let v = verdict(layers, &state, q)
                rows.append(WhatCanRow(action: c.name, resource: scope, accessLevel: c.action?.accessLevel.rawValue ?? "",
                                       decision: v.decision, policy: v.grantedBy.map(\.reference).joined(separator: "; "),
                                       conditions: v.conditions))
                for w in q.warnings where !warnings.contains(w) { warnings.append(w) }
            }
        }
        return WhatCanReport(rows: rows, warnings: warnings)
    }

    /// An action what-can considers: its name, catalog entry and lowercased bytes.
    struct Candidate {
        let name: String
        let action: ActionCatalog.Action?
        let lower: [UInt8]
        init(name: String, action: ActionCatalog.Action?) {
            self.name = name
            self.action = action
            lower = Array(name.lowercased().utf8)
        }
    }

    /// Without a catalog: the actions the principal's Allow statements name that match `pattern`.
    private func uncataloguedCandidates(_ r: Requester, pattern: String) -> [Candidate] {
        if !Wildcard.hasWildcard(pattern) { return [Candidate(name: pattern, action: nil)] }
        var named = Set<String>()
        for pol in r.principal.identity {
            for s in pol.statements where s.effect == .allow && !s.statement.actionsNegated {
                for a in s.statement.actions where Wildcard.matchesAction(pattern, a) { named.insert(a) }
            }
        }
        return named.sorted().map { Candidate(name: $0, action: nil) }
    }

    /// The principal's identity Allow statements, flattened once per what-can.
    private func identityAllows(_ r: Requester) -> [CompiledStatement] {
        r.principal.identity.flatMap { $0.statements.filter { $0.effect == .allow } }
    }

    /// The Resource patterns of the identity Allow statements that name the action (policy variables
    /// substituted from the principal), keeping only those the action can act on.
    private func identityScopes(_ r: Requester, _ c: Candidate, _ allows: [CompiledStatement]) -> [String] {
        if r.principal.kind == .root { return ["*"] }
        var out: [String] = []
        for s in allows {
            var m = s.actionListMatches(c.lower)
            if s.statement.actionsNegated { m = !m }
            guard m else { continue }
            if s.statement.resourcesNegated {
                // NotResource: every resource but those listed; shown as "*" (the layers still apply).
                if !out.contains("*") { out.append("*") }
                continue
            }
            for p in s.resourcePatterns ?? [] {
                // An action that cannot act on what the pattern names is not granted by it.
                if !p.matchesEverything, let a = c.action, !catalog.appliesTo(action: a, resourcePattern: p) { continue }
                var scope = p.text
                if p.hasVariables {
                    switch PolicyVariables.substitute(p.text, context: r.baseContext) {
                    case .resolved(let t): scope = t
                    case .missing: continue
                    case .unknown: break
                    }
                }
                if !out.contains(scope) { out.append(scope) }
            }
        }
        return out
    }
}
