import Foundation
import IAMPolicy

/// A class of callers that a resource policy statement lets in, narrowed step by step by the
/// statement's conditions and by Deny statements of the same policy.
struct Grantee: Sendable, Hashable {
    enum Identity: Sendable, Hashable {
        /// `"*"` or `{"AWS":"*"}`: every principal of every account, and anonymous callers (PRIN, §1.9).
        case anyone
        /// An account principal: `123456789012` or `arn:aws:iam::123456789012:root` delegate to the
        /// whole account (PRIN, iam-semantics §1.4).
        case account(String)
        /// A user, role, role session or federated-user session ARN of `account`.
        case principal(arn: String, account: String)
        /// A SAML or OIDC provider ARN, or a web identity provider host (`accounts.google.com`).
        case federated(String)
        /// An S3 canonical user ID.
        case canonicalUser(String)
    }

    var identity: Identity
    /// Only members of these organizations (a fixed `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`).
    var organizations: Set<String>?
    /// A fixed-value condition from S3's "meaning of public" list narrows the callers, so the
    /// access is external but not public.
    var fixedNarrowing = false
    /// The conditions the access still depends on (shown in the finding).
    var conditions: [ConditionClause] = []

    init(_ identity: Identity, organizations: Set<String>? = nil) {
        self.identity = identity
        self.organizations = organizations
    }

    /// The account of a named principal; nil for anyone, federated and canonical users.
    var account: String? {
        switch identity {
        case .account(let a), .principal(_, let a): return a
        default: return nil
        }
    }

    /// The principal as a finding shows it: `*`, an account ID, an ARN, a provider, or a canonical ID.
    var displayName: String {
        switch identity {
        case .anyone: return "*"
        case .account(let a): return a
        case .principal(let arn, _): return arn
        case .federated(let p): return p
        case .canonicalUser(let c): return c
        }
    }

    /// The principal type column: anyone, account, user, role, session, federated-user, federated, canonical-user.
    var typeName: String {
        switch identity {
        case .anyone: return "anyone"
        case .account: return "account"
        case .principal(let arn, _):
            guard let a = ARN(arn) else { return "principal" }
            if a.service == "sts" { return a.resource.hasPrefix("federated-user/") ? "federated-user" : "session" }
            return a.resourceType.isEmpty ? "principal" : a.resourceType
        case .federated: return "federated"
        case .canonicalUser: return "canonical-user"
        }
    }

    /// Access Analyzer's principal map key for this identity (`principal.AWS`, `principal.Federated`…).
    var principalMapKey: String {
        switch identity {
        case .anyone, .account, .principal: return "AWS"
        case .federated: return "Federated"
        case .canonicalUser: return "CanonicalUser"
        }
    }

    /// Public: anyone at all can get in. `*` is public unless a fixed value of an identifying or
    /// network key narrows it (S3 "The meaning of public",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status).
    /// A web identity provider without an audience/subject condition lets in every identity of that
    /// provider, which is public too [I].
    var isPublic: Bool {
        switch identity {
        case .anyone: return organizations == nil && !fixedNarrowing
        case .federated(let p): return FederatedProviders.isWebIdentity(p) && !fixedNarrowing
        default: return false
        }
    }

    /// Expands a Principal element into grantees. Service principals are dropped: Access Analyzer
    /// does not report AWS service principals (iam-semantics §2.1, access-analyzer-concepts).
    /// Unique IDs (`AROA…`, `AIDA…`) are resolved to ARNs; an unresolvable one names a deleted
    /// principal, which nobody can be any more (PRIN §"IAM role principals"), and is reported in `notes`.
    static func expand(_ spec: PrincipalSpec, snapshot: Snapshot, notes: inout [String], context: String) -> [Grantee] {
        var out: [Grantee] = []
        if spec.anyone { out.append(Grantee(.anyone)) }
        for raw in spec.aws {
            let p = raw.trimmingCharacters(in: .whitespaces)
            if AccountID.isValid(p) { out.append(Grantee(.account(p))); continue }
            if let arn = ARN(p) {
                if arn.account.contains("*") || arn.account.contains("?") {
                    // Partial wildcards are not allowed in principals; read it as broadly as it could match.
                    out.append(Grantee(.anyone)); continue
                }
                if arn.service == "iam" && arn.resource == "root" { out.append(Grantee(.account(arn.account))); continue }
                out.append(Grantee(.principal(arn: p, account: arn.account)))
                continue
            }
            if let resolved = snapshot.arn(forUniqueId: p), let arn = ARN(resolved) {
                out.append(Grantee(.principal(arn: resolved, account: arn.account)))
                continue
            }
            notes.append("\(context): principal \(p) is not an account, an ARN or a loaded unique ID (a deleted principal?); no access")
        }
        for f in spec.federated { out.append(Grantee(.federated(f))) }
        for c in spec.canonicalUser { out.append(Grantee(.canonicalUser(c))) }
        return out
    }
}

/// Web identity and SAML providers as they appear in `Principal.Federated`.
enum FederatedProviders {
    /// Web identity (OIDC) providers: the well-known hosts and `oidc-provider/` ARNs. SAML providers
    /// (`saml-provider/` ARNs) are an organization's own identity provider, not public.
    static func isWebIdentity(_ provider: String) -> Bool {
        if let arn = ARN(provider) { return arn.resource.hasPrefix("oidc-provider/") }
        return true
    }

    /// The prefix of the provider's own condition keys: `accounts.google.com:` for the host,
    /// `token.actions.githubusercontent.com:` for `oidc-provider/token.actions.githubusercontent.com`.
    static func conditionKeyPrefix(_ provider: String) -> String? {
        if let arn = ARN(provider) {
            guard arn.resource.hasPrefix("oidc-provider/") else { return nil }
            return String(arn.resource.dropFirst("oidc-provider/".count)).lowercased() + ":"
        }
        return provider.lowercased() + ":"
    }
}
