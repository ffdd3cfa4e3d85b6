import IAMPolicy

/// The kinds of IAM principal that make requests.
public enum PrincipalKind: String, Sendable, Hashable {
    case user
    case role
    case root       // the account root user
}

/// Everything the solver needs about one principal, flattened once at `Authorizer` init:
/// identity policies (own inline and managed, each group's inline and managed), boundary,
/// the SCP chain of its account, and the part of the request context it determines.
final class PrincipalPolicySet: @unchecked Sendable {
    let arn: String
    let name: String
    let kind: PrincipalKind
    let account: String
    let uniqueId: String
    let isServiceLinked: Bool
    /// Identity policies in explanation order: own inline, own managed, then per group inline and managed.
    let identity: [CompiledPolicy]
    let boundary: CompiledPolicy?
    /// Set when the principal has a boundary whose policy is not loaded.
    let missingBoundaryArn: String?
    /// Attached managed policies (own or groups') that are not loaded.
    let missingPolicies: [String]
    /// The SCPs of the account's path (root → OUs → account); nil when SCPs do not apply.
    let scp: OrgChain?
    /// Why SCPs do not apply, for explanations.
    let scpExemption: String?
    /// Keys the principal determines (aws:username, aws:PrincipalTag/…, aws:PrincipalOrgID…).
    let baseContext: RequestContext
    /// For roles: the trust policy, the resource-based policy of `sts:AssumeRole` on the role.
    let trust: CompiledPolicy?
    let tags: [String: String]

    init(arn: String, name: String, kind: PrincipalKind, account: String, uniqueId: String, isServiceLinked: Bool,
         identity: [CompiledPolicy], boundary: CompiledPolicy?, missingBoundaryArn: String?, missingPolicies: [String],
         scp: OrgChain?, scpExemption: String?, baseContext: RequestContext, trust: CompiledPolicy?, tags: [String: String]) {
        self.arn = arn; self.name = name; self.kind = kind; self.account = account; self.uniqueId = uniqueId
        self.isServiceLinked = isServiceLinked; self.identity = identity; self.boundary = boundary
        self.missingBoundaryArn = missingBoundaryArn; self.missingPolicies = missingPolicies
        self.scp = scp; self.scpExemption = scpExemption; self.baseContext = baseContext; self.trust = trust
        self.tags = tags
    }

    var hasBoundary: Bool { boundary != nil || missingBoundaryArn != nil }

    var typeName: String { kind.rawValue }
}

/// Principals that are not IAM users or roles and that resource-based policies can name.
enum ExternalIdentity: Hashable, Sendable {
    case anyone                    // "*": any principal, including anonymous callers
    case service(String)           // ec2.amazonaws.com
    case federated(String)         // a SAML provider ARN or a web identity provider
    case canonicalUser(String)     // an S3 canonical user ID
}

/// The principal of one request: a user, the root user, or a session of a role (whose session
/// name is known when a role-session ARN was given) — or, for who-can, a principal outside the
/// loaded users and roles (`external`, with a placeholder policy set that has no identity policies).
final class Requester: @unchecked Sendable {
    let principal: PrincipalPolicySet
    let sessionName: String?
    let external: ExternalIdentity?
    /// The principal's context keys, with the session's `aws:userid` when the session is named.
    let baseContext: RequestContext

    init(principal: PrincipalPolicySet, sessionName: String?, external: ExternalIdentity? = nil) {
        self.principal = principal
        self.sessionName = sessionName
        self.external = external
        var base = principal.baseContext
        if let s = sessionName, principal.kind == .role, !principal.uniqueId.isEmpty {
            base.set("aws:userid", "\(principal.uniqueId):\(s)")
        }
        baseContext = base
    }

    /// The ARN the request is made as: the user ARN, or the role-session ARN when known.
    var requestArn: String {
        if principal.kind == .role, let s = sessionName {
            return "arn:aws:sts::\(principal.account):assumed-role/\(principal.name)/\(s)"
        }
        return principal.arn
    }
}

/// The Organizations policies (SCPs or RCPs) on the path from the root to one account.
final class OrgChain: @unchecked Sendable {
    struct Level {
        let nodeId: String
        let label: String           // "root r-ab12", "OU ou-ab12-x (Prod)", "account 111122223333"
        let policies: [CompiledPolicy]
        /// The policies that depend on the principal (the others are evaluated once per query).
        var dependent: [CompiledPolicy] { policies.filter { !$0.principalIndependent } }
    }
    let levels: [Level]
    let id: Int                      // for per-query caches
    /// No policy on the path depends on the principal: one evaluation per request serves everyone.
    let principalIndependent: Bool
    /// Per level, the policies that depend on the principal.
    let dependent: [[CompiledPolicy]]
    init(levels: [Level], id: Int) {
        self.levels = levels; self.id = id
        principalIndependent = levels.allSatisfy { $0.policies.allSatisfy(\.principalIndependent) }
        dependent = levels.map(\.dependent)
    }
}
