import IAMPolicy

/// A request (action, resource, context) prepared once and then asked for many principals: the
/// resource side, the request context and every policy that does not depend on the principal are
/// evaluated once, as who-can does. It caches as it goes, so use one per thread.
public final class PreparedRequest {
    let query: Query

    init(_ query: Query) { self.query = query }

    public var action: String { query.action }
    public var resource: String { query.resource }
    /// Problems with the request itself (unknown service prefix, action not in the catalog…).
    public var warnings: [String] { query.warnings }
}

extension Authorizer {
    /// Prepares `action` on `resource` for repeated `can`/`decision` calls.
    public func prepare(action: String, resource: String, context: RequestContext = RequestContext()) -> PreparedRequest {
        PreparedRequest(Query(authorizer: self, action: action, resource: resource, userContext: context,
                              sessionPolicy: nil, explain: false, manyPrincipals: true))
    }

    /// `can` for a prepared request: the same answer, with the request's shared work done once.
    public func can(principalArn: String, _ request: PreparedRequest) -> CanResult {
        let q = request.query
        guard let r = requester(for: principalArn) else {
            return can(principalArn: principalArn, action: q.action, resource: q.resource, context: q.userContext)
        }
        var scope = Scope(r)
        let layers = evaluateLayers(&scope, q)
        let v = verdict(layers, &scope, q)
        return CanResult(principal: r.requestArn, action: q.action, resource: q.resource, decision: v.decision,
                         reason: v.reason, conditions: v.conditions, warnings: q.warnings + v.warnings)
    }

    /// Only the decision (no reason or conditions text): the cheapest check, e.g. for SQL `can()`.
    /// An unknown principal is denied.
    public func decision(principalArn: String, _ request: PreparedRequest) -> Decision {
        guard let r = requester(for: principalArn) else { return .deny }
        var scope = Scope(r)
        return evaluateLayers(&scope, request.query).decision
    }

    /// Only the decision for a one-off request.
    public func decision(principalArn: String, action: String, resource: String,
                         context: RequestContext = RequestContext()) -> Decision {
        guard let r = requester(for: principalArn) else { return .deny }
        let q = Query(authorizer: self, action: action, resource: resource, userContext: context, sessionPolicy: nil, explain: false)
        var scope = Scope(r)
        return evaluateLayers(&scope, q).decision
    }
}
