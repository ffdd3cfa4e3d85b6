import Foundation
import IAMPolicy

/// `findings diff OLD NEW`: what changed between two finding sets — the weekly review, and the
/// alert on a new public finding. The same ID in both is unchanged. Otherwise findings are paired
/// by resource, principal and conditions, then by resource and principal when they share an
/// action (the same grant, edited; an unrelated grant to the same principal is new): a pair is `changed`
/// (other actions, conditions or publicity give a new ID, as Access Analyzer opens a new finding
/// when permissions or conditions change, iam-semantics §2.4); what is left is `new` or `resolved`.
public enum FindingsDiff {
    public enum Change: String, Sendable, Hashable { case new, resolved, changed, unchanged }

    public struct Row: Sendable, Hashable {
        public var change: Change
        /// The finding in NEW (for resolved: in OLD).
        public var finding: ExternalAccessFinding
        /// For changed rows: the finding in OLD.
        public var previous: ExternalAccessFinding?
        /// What changed, in a few words: `+s3:PutObject -s3:GetObject; now public; conditions: …`.
        public var details: String
    }

    public static func compare(old: [ExternalAccessFinding], new: [ExternalAccessFinding], includeUnchanged: Bool = false) -> [Row] {
        let oldList = old.filter { $0.status != .resolved }
        let newList = new.filter { $0.status != .resolved }
        let oldIds = Set(oldList.map(\.id))
        var rows: [Row] = []
        var unmatchedNew: [ExternalAccessFinding] = []
        for f in newList {
            if oldIds.contains(f.id) {
                if includeUnchanged { rows.append(Row(change: .unchanged, finding: f, previous: nil, details: "")) }
            } else {
                unmatchedNew.append(f)
            }
        }
        let newIds = Set(newList.map(\.id))
        var unmatchedOld = oldList.filter { !newIds.contains($0.id) }

        func pair(requireSharedAction: Bool, _ key: (ExternalAccessFinding) -> String) {
            var pool: [String: [Int]] = [:]
            for (i, o) in unmatchedOld.enumerated() { pool[key(o), default: []].append(i) }
            var used = Set<Int>()
            var stillNew: [ExternalAccessFinding] = []
            for f in unmatchedNew {
                let candidates = pool[key(f)] ?? []
                let pick = candidates.firstIndex { i in
                    !requireSharedAction || !Set(unmatchedOld[i].actions).isDisjoint(with: f.actions)
                }
                if let p = pick {
                    let i = candidates[p]
                    pool[key(f)]!.remove(at: p)
                    used.insert(i)
                    let o = unmatchedOld[i]
                    rows.append(Row(change: .changed, finding: f, previous: o, details: describe(from: o, to: f)))
                } else {
                    stillNew.append(f)
                }
            }
            unmatchedNew = stillNew
            unmatchedOld = unmatchedOld.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        }
        pair(requireSharedAction: false) { "\($0.resource)\u{1F}\($0.principalKey):\($0.principal)\u{1F}\($0.conditionsText)" }
        pair(requireSharedAction: true) { "\($0.resource)\u{1F}\($0.principalKey):\($0.principal)" }
        for f in unmatchedNew {
            rows.append(Row(change: .new, finding: f, previous: nil, details: f.isPublic ? "new public access" : "new cross-account access"))
        }
        for o in unmatchedOld {
            rows.append(Row(change: .resolved, finding: o, previous: nil, details: "access removed"))
        }
        let rank: [Change: Int] = [.new: 0, .changed: 1, .resolved: 2, .unchanged: 3]
        rows.sort { (rank[$0.change]!, $0.finding.isPublic ? 0 : 1, $0.finding.resource, $0.finding.principal) <
                    (rank[$1.change]!, $1.finding.isPublic ? 0 : 1, $1.finding.resource, $1.finding.principal) }
        return rows
    }

    static func describe(from o: ExternalAccessFinding, to f: ExternalAccessFinding) -> String {
        var parts: [String] = []
        let added = Set(f.actions).subtracting(o.actions).sorted()
        let removed = Set(o.actions).subtracting(f.actions).sorted()
        if !added.isEmpty || !removed.isEmpty {
            parts.append((added.map { "+" + $0 } + removed.map { "-" + $0 }).joined(separator: " "))
        }
        if o.isPublic != f.isPublic { parts.append(f.isPublic ? "now public" : "no longer public") }
        if o.conditionsText != f.conditionsText {
            parts.append("conditions: " + (o.conditionsText.isEmpty ? "none" : o.conditionsText) + " → " + (f.conditionsText.isEmpty ? "none" : f.conditionsText))
        }
        return parts.isEmpty ? "changed" : parts.joined(separator: "; ")
    }
}
