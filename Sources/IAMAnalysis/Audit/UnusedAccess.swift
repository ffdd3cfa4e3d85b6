import Foundation
import IAMPolicy

/// One unused-access finding, shaped like Access Analyzer's unused-access findings
/// (iam-semantics.md §2.7): an unused role, access key or console password, or an unused
/// permission at service level (`action == nil`) or action level.
public struct UnusedAccessFinding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case role = "UnusedIAMRole"
        case accessKey = "UnusedIAMUserAccessKey"
        case password = "UnusedIAMUserPassword"
        case permission = "UnusedPermission"
    }
    public var kind: Kind
    public var account: String
    /// The user or role ARN.
    public var principal: String
    /// The service namespace of a permission finding.
    public var service: String?
    /// `service:Action` of an action-level permission finding.
    public var action: String?
    /// "access key 1 (AKIA…)" or "console password" for credential findings.
    public var credential: String?
    /// The last use; nil when never used in the tracking period.
    public var lastUsed: Date?
    public var detail: String

    public var level: String {
        switch kind {
        case .permission: return action == nil ? "service" : "action"
        case .role: return "role"
        case .accessKey, .password: return "credential"
        }
    }
}

/// Unused access from the snapshot's own evidence: `RoleLastUsed`, the credential report and
/// service last-accessed data. Like Access Analyzer, only IAM users and roles are judged, only
/// entities older than the period are judged (service-linked roles are left out), a credential
/// that was never used is judged by its age, and a role unused as a whole is not also reported
/// service by service.
public enum UnusedAccess {
    public static func analyze(snapshot: Snapshot, now: Date, days: Int) -> [UnusedAccessFinding] {
        var out: [UnusedAccessFinding] = []
        func oldEnough(_ created: Date?) -> Bool { created.map { daysBetween($0, now) >= days } ?? true }

        for r in snapshot.roles where !r.isServiceLinked && oldEnough(r.createDate) {
            if let used = r.lastUsed {
                guard daysBetween(used, now) >= days else { continue }
                out.append(UnusedAccessFinding(kind: .role, account: r.account, principal: r.arn, lastUsed: used,
                    detail: "role last used \(ago(used, now))\(r.lastUsedRegion.map { " in \($0)" } ?? "")"))
            } else {
                let age = r.createDate.map { "; created \(ago($0, now))" } ?? ""
                out.append(UnusedAccessFinding(kind: .role, account: r.account, principal: r.arn, lastUsed: nil,
                    detail: "role never used in the tracking period (RoleLastUsed is empty)\(age)"))
            }
        }

        let keyIds = AccessKeyIds(snapshot)
        for row in snapshot.credentialReport where !row.isRoot {
            if let p = row.passwordActivity, let idle = p.idleDays(now: now), idle >= days {
                out.append(UnusedAccessFinding(kind: .password, account: row.account, principal: row.arn,
                    credential: "console password", lastUsed: p.neverUsed ? nil : p.date,
                    detail: "console password \(p.describe(now: now))"))
            }
            for slot in [1, 2] {
                guard let k = row.keyActivity(slot), let idle = k.idleDays(now: now), idle >= days else { continue }
                let id = keyIds.label(row.arn, slot)
                out.append(UnusedAccessFinding(kind: .accessKey, account: row.account, principal: row.arn,
                    credential: "access key \(slot)\(id)", lastUsed: k.neverUsed ? nil : k.date,
                    detail: "access key \(slot)\(id) \(k.describe(now: now))"))
            }
        }

        let byEntity = Dictionary(grouping: snapshot.lastAccessed, by: \.entityArn)
        let principals: [(arn: String, account: String, created: Date?)] =
            snapshot.users.map { ($0.arn, $0.account, $0.createDate) }
            + snapshot.roles.filter { !$0.isServiceLinked }.map { ($0.arn, $0.account, $0.createDate) }
        // A role that is unused as a whole gets one finding, not one more per service it holds.
        let unusedRoles = Set(out.filter { $0.kind == .role }.map(\.principal))
        for p in principals where oldEnough(p.created) && !unusedRoles.contains(p.arn) {
            guard let entries = byEntity[p.arn] else { continue }
            let granted = GrantedServices(PrincipalPolicies.of(p.arn, in: snapshot))
            for usage in ServiceUsage.group(entries) where granted.isEmpty || granted.grants(usage.namespace) {
                out += permissionFindings(usage, principal: p.arn, account: p.account, now: now, days: days)
            }
        }
        return out.sorted { ($0.account, $0.principal, $0.kind.rawValue, $0.service ?? "", $0.action ?? "")
            < ($1.account, $1.principal, $1.kind.rawValue, $1.service ?? "", $1.action ?? "") }
    }

    static func permissionFindings(_ u: ServiceUsage, principal: String, account: String, now: Date, days: Int) -> [UnusedAccessFinding] {
        let name = u.serviceName.map { "\($0) (\(u.namespace))" } ?? u.namespace
        guard let last = u.lastAccessed, daysBetween(last, now) < days else {
            let when = u.lastAccessed.map { "last accessed \(ago($0, now))" } ?? "never accessed in the tracking period"
            return [UnusedAccessFinding(kind: .permission, account: account, principal: principal, service: u.namespace,
                                        lastUsed: u.lastAccessed, detail: "service \(name) \(when)")]
        }
        return u.actions.compactMap { a in
            if let t = a.lastAccessed, daysBetween(t, now) < days { return nil }
            let when = a.lastAccessed.map { "last accessed \(ago($0, now))" } ?? "never accessed in the tracking period"
            return UnusedAccessFinding(kind: .permission, account: account, principal: principal, service: u.namespace,
                                       action: a.action, lastUsed: a.lastAccessed, detail: "tracked action \(a.action) \(when)")
        }
    }
}

/// The last-accessed rows of one principal for one service: the service-level date and, where the
/// data tracks actions, each tracked action's date.
struct ServiceUsage {
    var namespace: String
    var serviceName: String?
    var lastAccessed: Date?
    var actions: [(action: String, lastAccessed: Date?)]

    static func group(_ entries: [LastAccessedEntry]) -> [ServiceUsage] {
        var byNs: [String: ServiceUsage] = [:]
        for e in entries {
            let ns = e.serviceNamespace.lowercased()
            var u = byNs[ns] ?? ServiceUsage(namespace: ns, serviceName: nil, lastAccessed: nil, actions: [])
            u.serviceName = u.serviceName ?? e.serviceName
            if let d = e.lastAccessed, d > (u.lastAccessed ?? .distantPast) { u.lastAccessed = d }
            if let a = e.actionName {
                let full = a.contains(":") ? a : "\(ns):\(a)"
                u.actions.append((full, e.lastAccessed))
            }
            byNs[ns] = u
        }
        return byNs.values.map { u in
            var u = u
            u.actions.sort { $0.action < $1.action }
            return u
        }.sorted { $0.namespace < $1.namespace }
    }
}

/// "2025-01-02 (120 days ago)".
func ago(_ d: Date, _ now: Date) -> String { "\(Timestamp.format(d).prefix(10)) (\(daysBetween(d, now)) days ago)" }
