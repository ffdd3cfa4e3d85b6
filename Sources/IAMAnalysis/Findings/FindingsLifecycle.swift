import Foundation

/// Statuses over time, as Access Analyzer keeps them (iam-semantics §2.4): a finding is active
/// while the access exists, archived when a reviewer archives it or an archive rule matches it,
/// and resolved once the access is gone. An explicit `unarchive` keeps a finding active even
/// when a rule matches it; a finding that comes back after being resolved is active again and
/// keeps its first-seen date. Records of an analysis with another zone of trust are kept as they
/// are: `findings --zone account` does not resolve what the organization-zone analysis found.
public enum FindingsLifecycle {
    public struct Outcome: Sendable {
        /// The current findings with status and first-seen filled in, then the resolved ones.
        public var findings: [ExternalAccessFinding]
        /// The state to save beside the snapshot.
        public var state: FindingsState
        /// Finding ID → the archive rule that archived it.
        public var archivedByRule: [String: String]
    }

    public static func apply(current: [ExternalAccessFinding], state: FindingsState, rules: [ArchiveRule], now: Date,
                             zone: String = "") -> Outcome {
        // Whole seconds: the state file keeps seconds, so a reload compares equal.
        let now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        var newState = FindingsState(records: [:], decisions: state.decisions)
        var out: [ExternalAccessFinding] = []
        var byRule: [String: String] = [:]
        var currentIds = Set<String>()
        for var f in current {
            currentIds.insert(f.id)
            let previous = state.records[f.id]
            let firstSeen = previous?.firstSeen ?? now
            f.firstSeen = firstSeen
            switch state.decisions[f.id]?.status {
            case .archived?: f.status = .archived
            case .active?: f.status = .active
            default:
                if let rule = ArchiveRules.firstMatch(rules, f) {
                    f.status = .archived
                    byRule[f.id] = rule.name
                } else {
                    f.status = .active
                }
            }
            var stored = f
            stored.status = .active
            newState.records[f.id] = FindingsState.Record(finding: stored, firstSeen: firstSeen, lastSeen: now, zone: zone)
            out.append(f)
        }
        for (id, record) in state.records where !currentIds.contains(id) {
            if record.zone != zone {
                newState.records[id] = record
                continue
            }
            let resolvedAt = record.resolvedAt ?? now
            if now.timeIntervalSince(resolvedAt) > FindingsState.resolvedRetention {
                newState.decisions[id] = nil
                continue
            }
            newState.records[id] = FindingsState.Record(finding: record.finding, firstSeen: record.firstSeen,
                                                        lastSeen: record.lastSeen, resolvedAt: resolvedAt, zone: zone)
            var f = record.finding
            f.status = .resolved
            f.firstSeen = record.firstSeen
            out.append(f)
        }
        out.sort { ($0.status == .resolved ? 1 : 0, $0.resource, $0.principal, $0.id) < ($1.status == .resolved ? 1 : 0, $1.resource, $1.principal, $1.id) }
        return Outcome(findings: out, state: newState, archivedByRule: byRule)
    }
}
