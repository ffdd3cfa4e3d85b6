import IAMPolicy

/// How a resource-based policy statement named the requesting principal. The same-account rules
/// depend on it (IAM User Guide, "Resource-based policies" in the policy evaluation logic):
/// a user ARN or a role-session ARN is enough on its own; a role ARN still needs the role's
/// permissions boundary and session policy; the account (or its root ARN) needs an identity allow.
enum PrincipalGrant: Int, Sendable, Comparable {
    case account = 0
    case role = 1
    case direct = 2          // user ARN, role-session ARN, "*", or the account root itself

    static func < (a: PrincipalGrant, b: PrincipalGrant) -> Bool { a.rawValue < b.rawValue }
}

/// A Principal / NotPrincipal element with its unique IDs resolved to ARNs.
struct ResolvedPrincipals: Sendable {
    var anyone = false
    var accounts: Set<String> = []          // account IDs (from IDs and `:root` ARNs)
    var userArns: Set<String> = []
    var roleArns: Set<String> = []
    /// `arn:aws:sts::A:assumed-role/R/S` as (account, role name, session name).
    var sessions: [(account: String, role: String, session: String)] = []
    var federatedUsers: Set<String> = []    // `arn:aws:sts::A:federated-user/N`
    var services: [String] = []
    var federated: [String] = []
    var canonicalUsers: [String] = []
    /// Entries that look like unique IDs (`AIDA…`, `AROA…`) and resolve to no loaded principal:
    /// the entity was deleted, so the entry matches nothing.
    var orphanedIds: [String] = []
    /// Entries that could not be read as any principal form.
    var unreadable: [String] = []

    init(_ spec: PrincipalSpec, resolveUniqueId: (String) -> String?) {
        anyone = spec.anyone
        for raw in spec.aws {
            let e = raw.trimmingCharacters(in: .whitespaces)
            if e == "*" { anyone = true; continue }
            if AccountID.isValid(e) { accounts.insert(e); continue }
            if let arn = ARN(e) {
                add(arn: arn, text: e)
                continue
            }
            if ResolvedPrincipals.looksLikeUniqueId(e) {
                if let resolved = resolveUniqueId(e), let arn = ARN(resolved) { add(arn: arn, text: resolved) } else { orphanedIds.append(e) }
                continue
            }
            unreadable.append(e)
        }
        services = spec.service
        federated = spec.federated
        canonicalUsers = spec.canonicalUser
    }

    private mutating func add(arn: ARN, text: String) {
        switch arn.service {
        case "iam":
            if arn.resource == "root" { accounts.insert(arn.account) }
            else if arn.resource.hasPrefix("user/") { userArns.insert(text) }
            else if arn.resource.hasPrefix("role/") { roleArns.insert(text) }
            else { unreadable.append(text) }
        case "sts":
            let parts = arn.resource.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count >= 3, parts[0] == "assumed-role" {
                sessions.append((arn.account, parts[1], parts[2...].joined(separator: "/")))
            } else if parts.count >= 2, parts[0] == "federated-user" {
                federatedUsers.insert(text)
            } else {
                unreadable.append(text)
            }
        default:
            unreadable.append(text)
        }
    }

    /// IAM unique IDs: four-letter type prefix (`AIDA` user, `AROA` role, `AGPA` group, `AIPA`
    /// instance profile, `ANPA`/`ANVA` policy…) followed by upper-case letters and digits.
    static func looksLikeUniqueId(_ s: String) -> Bool {
        guard s.utf8.count >= 16, s.hasPrefix("A") else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// Whether the element names this IAM requester, and how (the strongest way it is named).
    /// `.unknown` when only a role-session ARN could match and the session name is not known.
    func match(_ r: Requester) -> (Tri, PrincipalGrant?, note: String?) {
        if let e = r.external { return named(e) ? (.yes, .direct, nil) : (.no, nil, nil) }
        var best: PrincipalGrant?
        func take(_ g: PrincipalGrant) { if best == nil || best! < g { best = g } }
        if anyone { take(.direct) }
        let p = r.principal
        switch p.kind {
        case .root:
            if accounts.contains(p.account) { take(.direct) }
        case .user:
            if userArns.contains(p.arn) { take(.direct) }
            if accounts.contains(p.account) { take(.account) }
        case .role:
            if roleArns.contains(p.arn) { take(.role) }
            if accounts.contains(p.account) { take(.account) }
        }
        if best == .direct { return (.yes, best, nil) }
        var pendingSession: String?
        if p.kind == .role {
            for s in sessions where s.account == p.account && s.role == p.name {
                if let name = r.sessionName {
                    if name == s.session { return (.yes, .direct, nil) }
                } else {
                    pendingSession = s.session
                }
            }
        }
        // Named by role or account: that grant holds whatever the session is called.
        if let best { return (.yes, best, nil) }
        if let pendingSession { return (.unknown, .direct, "the role session is named \"\(pendingSession)\"") }
        return (.no, nil, nil)
    }

    /// Whether the element names a non-IAM principal.
    func named(_ e: ExternalIdentity) -> Bool {
        if anyone { return true }
        switch e {
        case .anyone: return false
        case .service(let s): return services.contains(s)
        case .federated(let f): return federated.contains(f)
        case .canonicalUser(let c): return canonicalUsers.contains(c)
        }
    }

    /// NotPrincipal with Deny: true when the requester is exempt from the deny. AWS checks the
    /// account and then the principal itself, so both must be named; a principal with a
    /// permissions boundary is never exempt (IAM User Guide, NotPrincipal and boundaries).
    func exempts(_ r: Requester) -> Tri {
        if anyone { return .yes }
        if let e = r.external { return named(e) ? .yes : .no }
        let p = r.principal
        if p.hasBoundary { return .no }
        guard accounts.contains(p.account) else { return .no }
        switch p.kind {
        case .root: return .yes
        case .user: return userArns.contains(p.arn) ? .yes : .no
        case .role:
            if roleArns.contains(p.arn) { return .yes }
            var unknown = false
            for s in sessions where s.account == p.account && s.role == p.name {
                if let name = r.sessionName { if name == s.session { return .yes } } else { unknown = true }
            }
            return unknown ? .unknown : .no
        }
    }
}
