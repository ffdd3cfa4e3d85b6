import Foundation
import IAMPolicy

/// Per-slice results of a parallel who-can; each slice writes only its own entry.
private final class SliceResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var rows: [[WhoCanRow]]
    private(set) var queries: [Query?]
    init(count: Int) {
        rows = Array(repeating: [], count: count)
        queries = Array(repeating: nil, count: count)
    }
    func store(_ slice: Int, _ r: [WhoCanRow], _ q: Query) {
        lock.lock()
        rows[slice] = r
        queries[slice] = q
        lock.unlock()
    }
}

/// who-can with the concrete actions it covered and its warnings.
public struct WhoCanReport: Sendable {
    /// One row per principal and concrete action: IAM users and roles of every loaded account first
    /// (in snapshot order), then principals outside them that the resource's policy names.
    public var rows: [WhoCanRow]
    /// The concrete actions the pattern expanded to (through the catalog, kept when they apply to
    /// the resource).
    public var actions: [String]
    /// Unknown service prefixes, patterns matching nothing, orphaned unique IDs in the resource policy…
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
        let actionList = concreteActions(action, resource: resource, warnings: &warnings)
        var rows: [WhoCanRow] = []
        for a in actionList {
            let side = RequestSide(authorizer: self, resource: resource, service: Query.service(of: a), userContext: context)
            let (principalRows, queries) = evaluatePrincipals(action: a, side: side, includeDenied: includeDenied)
            rows += principalRows
            let q = queries[0]
            for (requester, label, type, account) in externalPrincipals(q) {
                let v = decideExternal(requester, q)
                if v.decision == .deny && !includeDenied { continue }
                rows.append(WhoCanRow(principal: label, principalType: type, account: account, action: a,
                                      decision: v.decision, reason: v.reason, conditions: v.conditions))
            }
            for w in queries.flatMap(\.warnings) where !warnings.contains(w) { warnings.append(w) }
            if let pol = q.target.policy {
                for s in pol.statements {
                    for id in s.principals?.orphanedIds ?? [] {
                        let w = "\(pol.name) statement \(s.label) names the unique ID \(id), which matches no loaded principal (a deleted entity)"
                        if !warnings.contains(w) { warnings.append(w) }
                    }
                }
            }
        }
        return WhoCanReport(rows: rows, actions: actionList, warnings: warnings)
    }

    /// Rows for every loaded user and role. Large snapshots are split into one slice per core, each
    /// with its own query (queries cache as they go and are not shared between threads); the rows
    /// keep snapshot order. Returns the slices' queries (for their warnings; the first serves the
    /// external principals).
    private func evaluatePrincipals(action: String, side: RequestSide, includeDenied: Bool) -> ([WhoCanRow], [Query]) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let slices = requesters.count >= 4_000 ? max(1, min(cores, 8)) : 1
        let results = SliceResults(count: slices)
        let per = (requesters.count + slices - 1) / slices
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let q = Query(authorizer: self, action: action, side: side, sessionPolicy: nil, explain: false, manyPrincipals: true)
            var rows: [WhoCanRow] = []
            let lo = slice * per, hi = min(requesters.count, lo + per)
            if lo < hi {
                for r in requesters[lo..<hi] {
                    var scope = Scope(r)
                    let layers = evaluateLayers(&scope, q)
                    if layers.decision == .deny && !includeDenied { continue }
                    let v = verdict(layers, &scope, q)
                    let p = r.principal
                    rows.append(WhoCanRow(principal: p.arn, principalType: p.typeName, account: p.account, action: action,
                                          decision: v.decision, reason: v.reason, conditions: v.conditions))
                }
            }
            results.store(slice, rows, q)
        }
        return (results.rows.flatMap { $0 }, results.queries.compactMap { $0 })
    }

    /// Expands an action pattern through the catalog, keeping the actions that apply to `resource`.
    func concreteActions(_ pattern: String, resource: String, warnings: inout [String]) -> [String] {
        guard Wildcard.hasWildcard(pattern) else { return [pattern] }
        do {
            let all = try actions.expand(pattern)
            if actions.isEmpty { return all }
            let applicable = all.filter { actions.appliesTo(action: $0, resource: resource) }
            if applicable.isEmpty {
                warnings.append("none of the \(all.count) actions matching \(pattern) applies to \(resource)")
            }
            return applicable
        } catch {
            warnings.append(error.description)
            return []
        }
    }

    /// Principals the resource's policy grants that are not loaded users or roles: `*`, accounts and
    /// IAM ARNs of accounts that are not loaded, AWS services, federated providers, canonical users.
    func externalPrincipals(_ q: Query) -> [(Requester, String, String, String?)] {
        guard let pol = q.target.policy else { return [] }
        let loadedAccounts = Set(snapshot.accountIds)
        var seen = Set<String>()
        var out: [(Requester, String, String, String?)] = []
        func add(_ key: String, _ r: @autoclosure () -> Requester, _ type: String, _ account: String?) {
            guard seen.insert(key).inserted else { return }
            out.append((r(), key, type, account))
        }
        for s in pol.statements where s.effect == .allow && !s.statement.principalNegated {
            guard let rp = s.principals else { continue }
            if case .noMatch = q.matchRequest(s, q.sharedContext) { continue }
            if rp.anyone { add("*", externalRequester(.anyone), "anyone", nil) }
            for acct in rp.accounts.sorted() where !loadedAccounts.contains(acct) {
                add("arn:aws:iam::\(acct):root", awsRequester(kind: .root, arn: "arn:aws:iam::\(acct):root", account: acct), "account", acct)
            }
            for arn in rp.userArns.sorted() where principalByArn[arn] == nil {
                let acct = ARN(arn)?.account ?? ""
                add(arn, awsRequester(kind: .user, arn: arn, account: acct), "user", acct)
            }
            for arn in rp.roleArns.sorted() where principalByArn[arn] == nil {
                let acct = ARN(arn)?.account ?? ""
                add(arn, awsRequester(kind: .role, arn: arn, account: acct), "role", acct)
            }
            for svc in rp.services { add(svc, externalRequester(.service(svc)), "service", nil) }
            for f in rp.federated { add(f, externalRequester(.federated(f)), "federated", nil) }
            for c in rp.canonicalUsers { add(c, externalRequester(.canonicalUser(c)), "canonical user", nil) }
        }
        return out
    }

    private func externalRequester(_ e: ExternalIdentity) -> Requester {
        let ctx = RequestContextBuilder.externalContext(e)
        let p = PrincipalPolicySet(arn: "", name: "", kind: .user, account: "", uniqueId: "", isServiceLinked: false,
                                   identity: [], boundary: nil, missingBoundaryArn: nil, missingPolicies: [], scp: nil,
                                   scpExemption: "not an IAM principal of a loaded account", baseContext: ctx, trust: nil, tags: [:])
        return Requester(principal: p, sessionName: nil, external: e)
    }

    /// An IAM principal of an account that is not loaded: its identity policies are unknown.
    private func awsRequester(kind: PrincipalKind, arn: String, account: String) -> Requester {
        let name = ARN(arn)?.lastComponent ?? arn
        let ctx = RequestContextBuilder.principalContext(kind: kind, arn: arn, name: name, account: account, uniqueId: "",
                                                         tags: [:], sessionName: nil, org: snapshot.organization,
                                                         referencedPrincipalTags: [])
        let p = PrincipalPolicySet(arn: arn, name: name, kind: kind, account: account, uniqueId: "", isServiceLinked: false,
                                   identity: [], boundary: nil, missingBoundaryArn: nil, missingPolicies: [], scp: nil,
                                   scpExemption: "the account is not loaded", baseContext: ctx, trust: nil, tags: [:])
        return Requester(principal: p, sessionName: nil)
    }

    /// The resource side for a principal outside the loaded users and roles: RCPs, the resource
    /// policy's denies and grant. An account's root user has every identity permission of its
    /// account; an IAM user or role of an account that is not loaded still needs its own (unknown)
    /// identity policies.
    func decideExternal(_ r: Requester, _ q: Query) -> Verdict {
        var scope = Scope(r)
        var denies = Hit()
        var rcpGate = Term.yes
        if let chain = q.target.rcp, ResourceRules.rcpServices.contains(q.service) {
            let c = q.evaluate(chain: chain, layer: .rcp, &scope, detail: true)
            denies.merge(c.deny)
            for level in c.levels ?? [] { rcpGate = rcpGate && term(level, &scope, q) }
        }
        guard let pol = q.target.policy else {
            return Verdict(decision: .deny, reason: "no resource policy", conditions: [], warnings: [], grantedBy: [])
        }
        let v = q.evaluate(pol, &scope)
        denies.merge(v.deny)
        let grant = term(v.direct, &scope, q) || term(v.role, &scope, q) || term(v.account, &scope, q)
        var identitySide = Term.yes
        if r.external == nil && r.principal.kind != .root {
            identitySide = .unknown("the identity policies of \(r.principal.arn) (account \(r.principal.account), not loaded) allow it")
        }
        let allow = rcpGate && grant && identitySide
        let notDenied = Term(tri: denies.notDenied,
                             conds: denies.tri == .unknown ? denies.undecided.map { "NOT \(q.undecidedText($0, &scope)) [\($0.reference)]" } : [])
        let by = v.allow.first.map { [$0] } ?? []
        if notDenied.tri == .no {
            return Verdict(decision: .deny, reason: "explicitly denied by \(denies.first?.reference ?? "a policy")", conditions: [], warnings: [], grantedBy: [])
        }
        if allow.tri == .no {
            let why = rcpGate.tri == .no ? "no RCP allows it (implicit deny by RCPs)" : "\(q.target.policyDescription) does not allow it"
            return Verdict(decision: .deny, reason: why, conditions: [], warnings: [], grantedBy: [])
        }
        if allow.tri == .unknown || notDenied.tri == .unknown {
            var conds: [String] = []
            for c in allow.conds + notDenied.conds where !conds.contains(c) { conds.append(c) }
            return Verdict(decision: .conditional, reason: "allowed by \(describe(by, root: false)) only if the conditions hold",
                           conditions: conds, warnings: [], grantedBy: by)
        }
        return Verdict(decision: .allow, reason: "allowed by \(describe(by, root: false))", conditions: [], warnings: [], grantedBy: by)
    }
}
