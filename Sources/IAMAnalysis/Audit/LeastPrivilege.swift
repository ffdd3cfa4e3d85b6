import Foundation
import IAMPolicy

/// A permission the least-privilege policy leaves out, and why.
public struct RemovedPermission: Sendable, Hashable {
    /// `service:*`, `service:Action`, or the pattern as written.
    public var action: String
    /// The policy it came from ("AdministratorAccess", "inline deploy (group dev)").
    public var policy: String
    public var reason: String
    public var lastAccessed: Date?
}

/// The policy `least-privilege` proposes for a principal.
public struct LeastPrivilegePolicy: Sendable, Hashable {
    public var principal: String
    /// `{"Version": "2012-10-17", "Statement": [...]}`.
    public var document: JSONValue
    /// The actions and patterns the policy keeps.
    public var kept: [String]
    public var removed: [RemovedPermission]
    /// Caveats: tracking period shorter than asked, documents missing, policy size, nothing used.
    public var notes: [String]

    /// The document as indented JSON, ready for `aws iam create-policy --policy-document`.
    public var json: String { JSONWriter.pretty(document) }
}

public struct LeastPrivilegeError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Builds a policy that keeps what a principal used in the last `days` days and drops the rest.
/// What was used comes from service last-accessed data: at action level where the data tracks
/// actions, otherwise the used services' actions that the principal holds now. Kept actions are
/// folded into the shortest wildcards matching the same catalog actions. Each kept
/// statement keeps its Resource and Condition, so the result never allows more than before;
/// Deny statements that touch a kept service are carried over as they are.
public enum LeastPrivilege {
    public static func generate(principal: String, snapshot: Snapshot, now: Date, days: Int,
                                catalog: ActionCatalog) throws -> LeastPrivilegePolicy {
        let arn: String, created: Date?
        switch try snapshot.resolvePrincipal(principal) {
        case .user(let u): arn = u.arn; created = u.createDate
        case .role(let r): arn = r.arn; created = r.createDate
        default: throw ResolveError(message: "\(principal) is not a user or role", candidates: [])
        }
        let entries = snapshot.lastAccessed.filter { $0.entityArn == arn }
        guard !entries.isEmpty else {
            throw LeastPrivilegeError(description: "no service last-accessed data is loaded for \(arn); collect it with "
                + "aws iam generate-service-last-accessed-details --arn \(arn) --granularity ACTION_LEVEL")
        }
        var b = Builder(usage: ServiceUsage.group(entries), now: now, days: days, catalog: catalog)
        if let created, daysBetween(created, now) < days {
            b.notes.append("\(arn) is \(daysBetween(created, now)) days old: the data covers less than \(days) days")
        }
        if b.catalog.isEmpty { b.notes.append("no action catalog is loaded: wildcards are kept at service level") }
        for p in PrincipalPolicies.of(arn, in: snapshot) {
            guard let doc = p.document else {
                b.notes.append("policy \(p.label) is not in the snapshot and was not considered")
                continue
            }
            for st in doc.statements { b.add(st, from: p.label) }
        }
        return b.finish(principal: arn)
    }
}

/// Accumulates kept statements and removed permissions.
private struct Builder {
    let usage: [String: ServiceUsage]
    let now: Date
    let days: Int
    let catalog: ActionCatalog
    var notes: [String] = []
    var allows: [(key: String, actions: [String], template: Statement)] = []
    var denies: [Statement] = []
    var removed: [RemovedPermission] = []

    init(usage: [ServiceUsage], now: Date, days: Int, catalog: ActionCatalog) {
        self.usage = Dictionary(uniqueKeysWithValues: usage.map { ($0.namespace, $0) })
        self.now = now; self.days = days; self.catalog = catalog
    }

    func recent(_ d: Date?) -> Bool { d.map { daysBetween($0, now) < days } ?? false }
    var usedServices: [String] { usage.values.filter { recent($0.lastAccessed) }.map(\.namespace).sorted() }

    /// Tracked actions of a used service not used within the period (lowercased full names).
    func staleTracked(_ ns: String) -> [String: Date?] {
        var out: [String: Date?] = [:]
        for a in usage[ns]?.actions ?? [] where !recent(a.lastAccessed) { out[a.action.lowercased()] = a.lastAccessed }
        return out
    }

    func unusedReason(_ ns: String) -> (String, Date?) {
        guard let u = usage[ns] else { return ("no last-accessed record for \(ns)", nil) }
        guard let d = u.lastAccessed else { return ("\(ns) never used in the tracking period", nil) }
        return ("\(ns) last used \(ago(d, now)), not within \(days) days", d)
    }

    mutating func add(_ st: Statement, from policy: String) {
        if st.effect == .deny { denies.append(st); return }
        var kept: [String] = []
        if st.actionsNegated {
            // Allow + NotAction: every action outside the list. Keep the used services minus the list.
            for ns in usedServices { kept += keep(service: ns, pattern: "\(ns):*", excluding: st.actions, policy: policy) }
            removed.append(RemovedPermission(action: "NotAction " + st.actions.joined(separator: ", "), policy: policy,
                reason: "every service not used within \(days) days", lastAccessed: nil))
        } else {
            for pattern in st.actions { kept += keep(pattern: pattern, policy: policy) }
        }
        guard !kept.isEmpty else { return }
        let key = JSONWriter.compact(.array((st.resources ?? []).map { .string($0) })) + "\(st.resourcesNegated)"
            + st.conditions.map(\.description).joined(separator: "&")
        if let i = allows.firstIndex(where: { $0.key == key }) { allows[i].actions += kept }
        else { allows.append((key, kept, st)) }
    }

    /// The kept part of one Allow pattern, recording what it drops.
    mutating func keep(pattern: String, policy: String) -> [String] {
        let parts = pattern.split(separator: ":", maxSplits: 1).map(String.init)
        let svc = parts.count == 2 ? parts[0].lowercased() : "*"
        guard Wildcard.hasWildcard(svc) else {
            if usage[svc].map({ recent($0.lastAccessed) }) == true { return keep(service: svc, pattern: pattern, excluding: [], policy: policy) }
            let (why, d) = unusedReason(svc)
            removed.append(RemovedPermission(action: pattern, policy: policy, reason: why, lastAccessed: d))
            return []
        }
        // A wildcard service part (`*`, `s3*:…`): split it per service.
        var kept: [String] = []
        let actionPart = parts.count == 2 ? parts[1] : "*"
        for ns in usedServices where Wildcard.matches(svc, ns) {
            kept += keep(service: ns, pattern: "\(ns):\(actionPart)", excluding: [], policy: policy)
        }
        for (ns, u) in usage.sorted(by: { $0.key < $1.key }) where !recent(u.lastAccessed) && Wildcard.matches(svc, ns) {
            let (why, d) = unusedReason(ns)
            removed.append(RemovedPermission(action: "\(ns):\(actionPart)", policy: policy, reason: why, lastAccessed: d))
        }
        removed.append(RemovedPermission(action: pattern, policy: policy,
            reason: "every other service matching \(svc): no use recorded within \(days) days", lastAccessed: nil))
        return kept
    }

    /// The kept part of `pattern` within a used service `ns`, minus `excluding` patterns (NotAction).
    mutating func keep(service ns: String, pattern: String, excluding: [String], policy: String) -> [String] {
        let stale = staleTracked(ns)
        let excluded = { (a: String) in excluding.contains { Wildcard.matchesAction($0, a) } }
        let hasWildcard = Wildcard.hasWildcard(pattern)
        if stale.isEmpty && !excluding.contains(where: { $0.lowercased().hasPrefix(ns + ":") || $0 == "*" }) {
            return [pattern]        // nothing to drop within the service: keep the pattern as written
        }
        guard hasWildcard else {
            if let d = stale[pattern.lowercased()] {
                removed.append(RemovedPermission(action: pattern, policy: policy, reason: trackedReason(d), lastAccessed: d))
                return []
            }
            return excluded(pattern) ? [] : [pattern]
        }
        if catalog.isEmpty { return [pattern] }
        guard catalog.isKnownService(ns) else {
            notes.append("\(pattern) could not be expanded (service \(ns) is not in the action catalog): kept whole")
            return [pattern]
        }
        let actions = catalog.expand(pattern).map(\.fullName)
        if actions.isEmpty { notes.append("\(pattern) matches no action in the catalog: dropped") }
        var kept: [String] = []
        for a in actions where !excluded(a) {
            if let d = stale[a.lowercased()] {
                removed.append(RemovedPermission(action: a, policy: policy, reason: trackedReason(d), lastAccessed: d))
            } else {
                kept.append(a)
            }
        }
        return kept
    }

    func trackedReason(_ d: Date?) -> String {
        d.map { "tracked action last used \(ago($0, now)), not within \(days) days" } ?? "tracked action never used in the tracking period"
    }

    mutating func finish(principal: String) -> LeastPrivilegePolicy {
        var statements: [JSONValue] = []
        var keptAll: [String] = []
        let compression = ActionCompression(catalog: catalog)
        for a in allows {
            var seen = Set<String>()
            let unique = a.actions.filter { seen.insert($0.lowercased()).inserted }
            // Concrete actions are folded back into the shortest wildcards that match the same catalog actions.
            var actions = unique.filter { Wildcard.hasWildcard($0) }
            let concrete = Dictionary(grouping: unique.filter { !Wildcard.hasWildcard($0) }) {
                String($0.split(separator: ":").first ?? "").lowercased()
            }
            for (svc, list) in concrete { actions += catalog.isEmpty ? list : compression.compress(list, service: svc) }
            actions.sort()
            keptAll += actions
            statements.append(Self.statementJSON(effect: "Allow", actions: actions, negated: false, a.template))
        }
        let used = Set(usedServices)
        for d in denies where d.actionsNegated || d.actions.contains(where: { pat in used.contains { Wildcard.matches(String(pat.split(separator: ":").first ?? "*").lowercased(), $0) } }) {
            statements.append(Self.statementJSON(effect: "Deny", actions: d.actions, negated: d.actionsNegated, d))
        }
        let doc: JSONValue = .object([JSONMember("Version", "2012-10-17"), JSONMember("Statement", .array(statements))])
        if allows.isEmpty {
            notes.append("nothing the policies allow was used within \(days) days: the principal needs no permission policy")
        }
        let size = JSONWriter.compact(doc).filter { !$0.isWhitespace }.count
        if size > 6144 {
            notes.append("the policy is \(size) characters, over the 6,144 managed-policy limit: split it or use service wildcards")
        }
        var seen = Set<String>()
        let removedUnique = removed.filter { seen.insert("\($0.action)#\($0.policy)").inserted }
        return LeastPrivilegePolicy(principal: principal, document: doc, kept: keptAll, removed: removedUnique, notes: notes)
    }

    static func statementJSON(effect: String, actions: [String], negated: Bool, _ t: Statement) -> JSONValue {
        var m: [JSONMember] = [JSONMember("Effect", .string(effect))]
        let acts: JSONValue = actions.count == 1 ? .string(actions[0]) : .array(actions.map { .string($0) })
        m.append(JSONMember(negated ? "NotAction" : "Action", acts))
        if let rs = t.resources {
            m.append(JSONMember(t.resourcesNegated ? "NotResource" : "Resource",
                                rs.count == 1 ? .string(rs[0]) : .array(rs.map { .string($0) })))
        }
        if !t.conditions.isEmpty {
            var ops: [JSONMember] = []
            for c in t.conditions {
                let v: JSONValue = c.values.count == 1 ? .string(c.values[0]) : .array(c.values.map { .string($0) })
                if let i = ops.firstIndex(where: { $0.key == c.operatorName }), case .object(var keys) = ops[i].value {
                    keys.append(JSONMember(c.key, v))
                    ops[i].value = .object(keys)
                } else {
                    ops.append(JSONMember(c.operatorName, .object([JSONMember(c.key, v)])))
                }
            }
            m.append(JSONMember("Condition", .object(ops)))
        }
        return .object(m)
    }
}
