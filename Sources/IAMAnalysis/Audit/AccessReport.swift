import Foundation
import IAMPolicy

/// `report PRINCIPAL`: who a principal is, what it holds, what it can do and what it used.
public struct AccessReport: Sendable {
    /// A service the principal can use, with its last access.
    public struct ServiceLine: Sendable, Hashable {
        public var namespace: String
        public var allowedActions: Int          // actions allowed outright (0 when derived from policies)
        public var conditionalActions: Int      // actions allowed only under conditions
        public var lastAccessed: Date?
        public var lastAccessedRegion: String?
        public var tracked: Bool                // last-accessed data has a row for the service
    }

    /// One line of the report as the shell prints it.
    public struct Row: Sendable, Hashable {
        public var section: String
        public var item: String
        public var value: String
        public var detail: String
    }

    public var principal: String
    public var kind: String                     // user or role
    public var account: String
    public var created: Date?
    public var groups: [String]
    public var policies: [AppliedPolicy]
    public var boundary: String?
    public var services: [ServiceLine]
    /// "solver" when the services come from `Authorizer.whatCan`, else how they were derived.
    public var servicesSource: String
    public var unusedServices: [ServiceLine]
    public var credentials: [Row]
    public var notes: [String]
    public var rows: [Row]

    /// Builds the report. Effective services come from the solver when it answers; when it gives
    /// nothing while the policies allow something, they are read from the policies' Allow
    /// statements instead (not evaluated: boundaries, SCPs and denies not applied) and the report
    /// says so. `days` is the period for "unused".
    /// More services than this without last-accessed data are shown as one row.
    static let foldAbove = 25

    public static func build(principal: String, snapshot: Snapshot, now: Date, authorizer: Authorizer?,
                             days: Int = 90) throws -> AccessReport {
        var r = AccessReport(principal: "", kind: "", account: "", created: nil, groups: [], policies: [], boundary: nil,
                             services: [], servicesSource: "", unusedServices: [], credentials: [], notes: [], rows: [])
        var identity: [Row] = []
        switch try snapshot.resolvePrincipal(principal) {
        case .user(let u):
            (r.principal, r.kind, r.account, r.created, r.groups, r.boundary) = (u.arn, "user", u.account, u.createDate, u.groups, u.boundaryArn)
        case .role(let role):
            (r.principal, r.kind, r.account, r.created, r.boundary) = (role.arn, "role", role.account, role.createDate, role.boundaryArn)
            identity.append(Row(section: "identity", item: "last used",
                                value: role.lastUsed.map { Timestamp.format($0) } ?? "never (in the last 400 days)",
                                detail: role.lastUsedRegion ?? ""))
            let trusted = (role.trustPolicy?.statements ?? []).filter { $0.effect == .allow }.flatMap { st -> [String] in
                guard let p = st.principal else { return [] }
                return (p.anyone ? ["*"] : []) + p.aws + p.service + p.federated
            }
            identity.append(Row(section: "identity", item: "trusted", value: trusted.joined(separator: ", "), detail: "trust policy principals"))
        default:
            throw ResolveError(message: "\(principal) is not a user or role", candidates: [])
        }
        r.policies = PrincipalPolicies.of(r.principal, in: snapshot)
        let usage = ServiceUsage.group(snapshot.lastAccessed.filter { $0.entityArn == r.principal })
        r.collectServices(usage: usage, authorizer: authorizer, now: now, days: days)
        r.credentials = credentialRows(r.principal, snapshot: snapshot, now: now, kind: r.kind)
        r.rows = r.assemble(identity: identity, now: now, days: days)
        return r
    }

    private mutating func collectServices(usage: [ServiceUsage], authorizer: Authorizer?, now: Date, days: Int) {
        let byNs = Dictionary(uniqueKeysWithValues: usage.map { ($0.namespace, $0) })
        var counts: [String: (allow: Int, conditional: Int)] = [:]
        if let authorizer {
            var unexpanded = false
            // what-can gives a row per action and resource scope: count each action once, allowed if any scope allows it.
            var decisions: [String: Decision] = [:]
            for w in authorizer.whatCan(principalArn: principal) where w.decision != .deny {
                let key = w.action.lowercased()
                if decisions[key] != .allow { decisions[key] = w.decision }
            }
            for (action, decision) in decisions {
                let ns = String(action.split(separator: ":").first ?? "")
                // Without an action catalog the solver cannot expand `*` or `s3*:…` into services.
                if ns.isEmpty || Wildcard.hasWildcard(ns) { unexpanded = true; continue }
                var c = counts[ns] ?? (0, 0)
                if decision == .allow { c.allow += 1 } else { c.conditional += 1 }
                counts[ns] = c
            }
            if unexpanded {
                notes.append("the solver allows wildcard actions it could not expand (no action catalog is loaded); "
                    + "services with last-accessed data are listed as allowed")
                for ns in byNs.keys where counts[ns] == nil { counts[ns] = (0, 0) }
            }
        }
        if !counts.isEmpty {
            servicesSource = "solver"
        } else {
            let granted = GrantedServices(policies)
            let named = Set(policies.flatMap { $0.document?.statements ?? [] }.filter { $0.effect == .allow && !$0.actionsNegated }
                .flatMap(\.actions).compactMap { a -> String? in
                    let s = a.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? "*"
                    return Wildcard.hasWildcard(s) ? nil : s
                })
            for ns in named.union(byNs.keys.filter { granted.grants($0) }) { counts[ns] = (0, 0) }
            servicesSource = "policies"
            if !granted.isEmpty {
                notes.append(authorizer == nil
                    ? "services are read from the policies' Allow statements: the solver is not available, so boundaries, SCPs and denies are not applied"
                    : "the solver reported no allowed action; services are read from the policies' Allow statements (not evaluated)")
            }
        }
        func recent(_ d: Date?) -> Bool { d.map { daysBetween($0, now) < days } ?? false }
        for (ns, c) in counts.sorted(by: { $0.key < $1.key }) {
            let u = byNs[ns]
            let line = ServiceLine(namespace: ns, allowedActions: c.allow, conditionalActions: c.conditional,
                                   lastAccessed: u?.lastAccessed, lastAccessedRegion: nil, tracked: u != nil)
            services.append(line)
            if u != nil && !recent(u?.lastAccessed) { unusedServices.append(line) }
        }
        if usage.isEmpty { notes.append("no service last-accessed data is loaded for this principal") }
    }

    static func credentialRows(_ arn: String, snapshot: Snapshot, now: Date, kind: String) -> [Row] {
        guard kind == "user" else { return [] }
        guard let row = snapshot.credentialReport.first(where: { $0.arn == arn }) else {
            return [Row(section: "credentials", item: "report", value: "not collected", detail: "no credential report row for this user")]
        }
        var out: [Row] = []
        let keyIds = AccessKeyIds(snapshot, user: arn)
        if let p = row.passwordActivity {
            out.append(Row(section: "credentials", item: "console password", value: "enabled", detail: p.describe(now: now)))
        } else {
            out.append(Row(section: "credentials", item: "console password", value: "none", detail: ""))
        }
        out.append(Row(section: "credentials", item: "MFA", value: row.mfaActive.map { $0 ? "active" : "none" } ?? "unknown", detail: ""))
        for slot in [1, 2] {
            let id = keyIds.label(arn, slot)
            if let k = row.keyActivity(slot) {
                let created = row.keyCreated(slot).date.map { "created \(ago($0, now)); " } ?? ""
                out.append(Row(section: "credentials", item: "access key \(slot)\(id)", value: "active",
                               detail: created + (k.neverUsed ? "never used" : k.describe(now: now))))
            } else if (slot == 1 ? row.accessKey1LastRotated : row.accessKey2LastRotated) != nil {
                out.append(Row(section: "credentials", item: "access key \(slot)\(id)", value: "inactive", detail: ""))
            }
        }
        return out
    }

    private func assemble(identity: [Row], now: Date, days: Int) -> [Row] {
        var rows = [
            Row(section: "identity", item: "arn", value: principal, detail: kind),
            Row(section: "identity", item: "account", value: account, detail: ""),
            Row(section: "identity", item: "created", value: created.map { Timestamp.format($0) } ?? "unknown", detail: ""),
        ] + identity
        rows += groups.map { Row(section: "groups", item: $0, value: "arn:aws:iam::\(account):group/\($0)", detail: "") }
        for p in policies {
            let where_ = p.viaGroup.map { "through group \($0)" } ?? "on the principal"
            rows.append(Row(section: "policies", item: p.label, value: p.kind == .managed ? (p.arn ?? "") : "inline",
                            detail: p.document == nil ? "\(where_); document not in the snapshot" : where_))
        }
        if let boundary { rows.append(Row(section: "boundary", item: ARN(boundary)?.lastComponent ?? boundary, value: boundary, detail: "")) }
        // An administrator holds hundreds of services: those without last-accessed data fold into one row.
        let untracked = services.filter { !$0.tracked }
        let fold = untracked.count > Self.foldAbove
        for s in services where !(fold && !s.tracked) {
            let value = servicesSource == "solver"
                ? "\(s.allowedActions) allowed" + (s.conditionalActions > 0 ? ", \(s.conditionalActions) conditional" : "")
                : "allowed by the policies (not evaluated)"
            let last = s.tracked ? (s.lastAccessed.map { "last accessed \(ago($0, now))" } ?? "never accessed") : "no last-accessed data"
            rows.append(Row(section: "services", item: s.namespace, value: value, detail: last))
        }
        if fold {
            let names = untracked.map(\.namespace)
            rows.append(Row(section: "services", item: "\(names.count) more", value: "allowed",
                            detail: "no last-accessed data: " + names.prefix(8).joined(separator: ", ") + ", …"))
        }
        rows += unusedServices.map { s in
            Row(section: "unused", item: s.namespace, value: "not used within \(days) days",
                detail: s.lastAccessed.map { "last accessed \(ago($0, now))" } ?? "never accessed")
        }
        rows += credentials
        rows += notes.map { Row(section: "note", item: "", value: $0, detail: "") }
        return rows
    }
}
