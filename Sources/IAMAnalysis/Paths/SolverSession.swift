import IAMPolicy

/// Asks the solver many questions on one thread. Each distinct request (action, resource,
/// context) gets one `Query`, kept while the session lives and reused for every principal that
/// asks it, exactly as who-can does: the resource side, the request context and every policy that
/// does not depend on the principal are evaluated once per request, not once per principal. The
/// answers are the solver's own (`evaluateLayers` and `verdict`, the steps `can` runs).
///
/// Uses the solver's internal request types; a public "prepared request" on `Authorizer` would let
/// this file shrink to a cache.
final class SolverSession {
    let auth: Authorizer
    private var queries: [CheckKey: Query] = [:]
    private var requesters: [String: Requester] = [:]
    private var results: [ResultKey: CanResult] = [:]
    /// Resource lists a caller's checks are asked on (see `RuleEvaluator.resources`), by caller, action and template.
    var expansions: [String: [String]] = [:]
    /// Each Query keeps per-policy and per-statement results: bound how many stay alive.
    private static let maxQueries = 2_000
    private static let maxResults = 200_000

    private struct ResultKey: Hashable {
        var source: String
        var check: CheckKey
    }

    init(_ auth: Authorizer) { self.auth = auth }

    /// The solver's answer for `source` (a user or role ARN), cached.
    func ask(_ source: String, _ action: String, _ resource: String, _ context: [String: String]) -> CanResult {
        let check = CheckKey(action: action, resource: resource, context: context)
        let rk = ResultKey(source: source, check: check)
        if let hit = results[rk] { return hit }
        let r = evaluate(source, check)
        if results.count >= SolverSession.maxResults {
            results.removeAll(keepingCapacity: true)
            expansions.removeAll(keepingCapacity: true)
        }
        results[rk] = r
        return r
    }

    private func evaluate(_ source: String, _ check: CheckKey) -> CanResult {
        let requester: Requester
        if let r = requesters[source] { requester = r } else {
            guard let r = auth.requester(for: source) else {
                return auth.can(principalArn: source, action: check.action, resource: check.resource)
            }
            requesters[source] = r
            requester = r
        }
        let query: Query
        if let q = queries[check] { query = q } else {
            var ctx = RequestContext()
            for (k, v) in check.context { ctx.set(k, v) }
            if queries.count >= SolverSession.maxQueries { queries.removeAll(keepingCapacity: true) }
            query = Query(authorizer: auth, action: check.action, resource: check.resource, userContext: ctx,
                          sessionPolicy: nil, explain: false, manyPrincipals: true)
            queries[check] = query
        }
        var scope = Scope(requester)
        let layers = auth.evaluateLayers(&scope, query)
        // A denied check removes the edge; its wording is never shown.
        if layers.decision == .deny {
            return CanResult(principal: requester.requestArn, action: check.action, resource: check.resource,
                             decision: .deny, reason: "denied")
        }
        let v = auth.verdict(layers, &scope, query)
        return CanResult(principal: requester.requestArn, action: check.action, resource: check.resource,
                         decision: v.decision, reason: v.reason, conditions: v.conditions)
    }
}
