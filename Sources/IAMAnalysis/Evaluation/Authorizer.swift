import Foundation
import IAMPolicy

/// The permission solver over a loaded snapshot. Built once per snapshot: it compiles every policy
/// once, flattens each principal's identity policies, boundary and SCP chain, and indexes statements
/// by service prefix, so that `can` and `whoCan` only touch statements that can match.
///
/// Evaluation follows AWS's documented order (IAM User Guide, policy evaluation logic): an explicit
/// Deny in any policy wins; RCPs of the resource's account and SCPs of the principal's account must
/// allow at every level of the organization path; resource-based policies grant on their own in the
/// same account depending on which ARN they name; identity policies, the permissions boundary and a
/// session policy must all allow otherwise; cross-account requests need both sides.
public final class Authorizer: @unchecked Sendable {
    public let snapshot: Snapshot
    public let catalog: ActionCatalog
    public let now: Date
    let actions: ActionResolver

    /// Users and roles, in snapshot order (users first).
    let principals: [PrincipalPolicySet]
    let principalByArn: [String: Int]
    /// The account root users of the loaded accounts (requesters for `can`, not listed by who-can).
    let roots: [String: PrincipalPolicySet]
    /// Resource-based policies by resource ARN.
    let resourcePolicies: [String: CompiledPolicy]
    let rcpChains: [String: OrgChain]
    let rcpExemptions: [String: String]
    let referencedPrincipalTags: Set<String>
    let referencedResourceTags: Set<String>
    /// Problems found while compiling: orphaned unique IDs in policies, missing managed policies.
    public let warnings: [String]
    /// Unique IDs in resource and trust policies that match no loaded principal (deleted entities).
    public let orphanedPrincipals: [OrphanedPrincipal]
    /// The number of compiled policies (ids are 0..<policyCount), for per-query caches.
    let policyCount: Int
    /// The number of compiled statements (ids are 0..<statementCount); a session policy's
    /// statements are numbered from here, so per-query caches never confuse them.
    let statementCount: Int
    let services: ServiceTable
    /// A requester for evaluating principal-independent policies (it is never consulted).
    let placeholderRequester: Requester
    /// One requester per principal, reused by every query.
    let requesters: [Requester]

    /// `reusing`: an index of a snapshot this one was derived from (paths' hypothetical
    /// snapshots): its compiled policies are taken over where name, layer and document are unchanged.
    public init(snapshot: Snapshot, catalog: ActionCatalog, now: Date, reusing base: Authorizer? = nil) {
        self.snapshot = snapshot
        self.catalog = catalog
        self.now = now
        self.actions = ActionResolver(catalog: catalog)
        var b = AuthorizerBuilder(snapshot: snapshot, reusing: base)
        b.build()
        principals = b.principals
        var byArn: [String: Int] = [:]
        for (i, p) in b.principals.enumerated() { byArn[p.arn] = i }
        principalByArn = byArn
        roots = b.roots
        resourcePolicies = b.resourcePolicies
        rcpChains = b.rcpChains
        rcpExemptions = b.rcpExemptions
        referencedPrincipalTags = b.principalTags
        referencedResourceTags = b.resourceTags
        warnings = b.warnings
        orphanedPrincipals = b.orphaned
        policyCount = b.nextPolicyId
        statementCount = b.nextStatementId
        services = b.services
        placeholderRequester = Requester(principal: PrincipalPolicySet(
            arn: "", name: "", kind: .user, account: "", uniqueId: "", isServiceLinked: false, identity: [], boundary: nil,
            missingBoundaryArn: nil, missingPolicies: [], scp: nil, scpExemption: nil, baseContext: RequestContext(),
            trust: nil, tags: [:]), sessionName: nil)
        requesters = b.principals.map { Requester(principal: $0, sessionName: nil) }
    }

    /// Every compiled policy, by `AuthorizerBuilder.reuseKey`, for an index built from this one.
    var compiledPolicies: [String: CompiledPolicy] {
        var out: [String: CompiledPolicy] = [:]
        func add(_ p: CompiledPolicy?) {
            guard let p else { return }
            out[AuthorizerBuilder.reuseKey(name: p.name, arn: p.arn, layer: p.layer)] = p
        }
        for set in principals + Array(roots.values) {
            set.identity.forEach(add)
            add(set.boundary)
            add(set.trust)
            for level in set.scp?.levels ?? [] { level.policies.forEach(add) }
        }
        resourcePolicies.values.forEach(add)
        for chain in rcpChains.values { for level in chain.levels { level.policies.forEach(add) } }
        return out
    }

    /// The number of users and roles the solver evaluates for who-can.
    public var principalCount: Int { principals.count }

    /// `can PRINCIPAL ACTION RESOURCE`. `principalArn` is a user or role ARN, a role-session ARN
    /// (`arn:aws:sts::A:assumed-role/R/S`), or an account root ARN. `context` overlays the keys
    /// filled from the data; `sessionPolicy` limits the session as a session policy does.
    public func can(principalArn: String, action: String, resource: String, context: RequestContext = RequestContext(),
                    sessionPolicy: PolicyDocument? = nil, explain: Bool = false) -> CanResult {
        guard let requester = requester(for: principalArn) else {
            return CanResult(principal: principalArn, action: action, resource: resource, decision: .deny,
                             reason: "\(principalArn) is not a loaded user, role, role session or account root",
                             warnings: ["unknown principal \(principalArn)"])
        }
        let query = Query(authorizer: self, action: action, resource: resource, userContext: context,
                          sessionPolicy: sessionPolicy, explain: explain)
        var scope = Scope(requester)
        let layers = evaluateLayers(&scope, query)
        let v = verdict(layers, &scope, query)
        return CanResult(principal: requester.requestArn, action: action, resource: resource, decision: v.decision,
                         reason: v.reason, conditions: v.conditions, trace: query.trace,
                         warnings: query.warnings + v.warnings)
    }

    /// Finds the requester for an ARN: a loaded user or role, a role session of a loaded role, or
    /// the root user of a loaded account.
    func requester(for arn: String) -> Requester? {
        if let i = principalByArn[arn] { return requesters[i] }
        if AccountID.isValid(arn), let r = roots[arn] { return Requester(principal: r, sessionName: nil) }
        guard let a = ARN(arn) else {
            if let resolved = snapshot.arn(forUniqueId: arn) { return requester(for: resolved) }
            return nil
        }
        if a.service == "iam", a.resource == "root" { return roots[a.account].map { Requester(principal: $0, sessionName: nil) } }
        if a.service == "sts" {
            let parts = a.resource.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count >= 3, parts[0] == "assumed-role" {
                let roleName = parts[1]
                let session = parts[2...].joined(separator: "/")
                if let p = principals.first(where: { $0.kind == .role && $0.account == a.account && $0.name == roleName }) {
                    return Requester(principal: p, sessionName: session)
                }
            }
        }
        return nil
    }
}
