import Foundation
import IAMPolicy

/// `findings --compare`: our findings lined up against the Access Analyzer findings that were
/// collected. Both sides are grouped per resource and principal (Access Analyzer reports a role
/// once per Region, and may split one principal's access by condition); the action sets are then
/// compared. Resolved findings are left out on both sides.
public enum FindingsComparison {
    public enum Match: String, Sendable, Hashable {
        case both
        case iamshOnly = "iamsh-only"
        case analyzerOnly = "access-analyzer-only"
    }

    public struct Row: Sendable, Hashable {
        public var match: Match
        public var resource: String
        public var principal: String
        public var iamshIds: [String]
        public var analyzerIds: [String]
        public var iamshPublic: Bool?
        public var analyzerPublic: Bool?
        /// Actions only we report / only Access Analyzer reports (for `both` rows).
        public var onlyIamsh: [String]
        public var onlyAnalyzer: [String]
        public var details: String
    }

    public static func compare(ours: [ExternalAccessFinding], collected: [Finding]) -> [Row] {
        struct Side { var ids: [String] = []; var actions: [String: String] = [:]; var isPublic: Bool? }
        var mine: [String: Side] = [:]
        var theirs: [String: Side] = [:]
        var labels: [String: (String, String)] = [:]
        for f in ours where f.status != .resolved {
            let key = f.resource + "\u{1F}" + f.principal
            labels[key] = (f.resource, f.principal)
            mine[key, default: Side()].ids.append(f.id)
            for a in f.actions { mine[key]!.actions[a.lowercased()] = a }
            mine[key]!.isPublic = (mine[key]!.isPublic ?? false) || f.isPublic
        }
        for f in collected where f.source == "access-analyzer" {
            guard f.status.uppercased() != "RESOLVED", let resource = f.resource,
                  f.findingType.isEmpty || f.findingType == "ExternalAccess" else { continue }
            let principal = normalizedPrincipal(f)
            let key = resource + "\u{1F}" + principal
            labels[key] = labels[key] ?? (resource, principal)
            theirs[key, default: Side()].ids.append(f.id)
            for a in f.actions { theirs[key]!.actions[a.lowercased()] = a }
            if let p = f.isPublic { theirs[key]!.isPublic = (theirs[key]!.isPublic ?? false) || p }
        }
        var rows: [Row] = []
        for key in Set(mine.keys).union(theirs.keys) {
            let (resource, principal) = labels[key]!
            switch (mine[key], theirs[key]) {
            case (let m?, let t?):
                let onlyM = Set(m.actions.keys).subtracting(t.actions.keys).map { m.actions[$0]! }.sorted()
                let onlyT = Set(t.actions.keys).subtracting(m.actions.keys).map { t.actions[$0]! }.sorted()
                var notes: [String] = []
                if onlyM.isEmpty && onlyT.isEmpty { notes.append("same actions") }
                if !onlyM.isEmpty { notes.append("only iamsh: " + onlyM.joined(separator: ", ")) }
                if !onlyT.isEmpty { notes.append("only Access Analyzer: " + onlyT.joined(separator: ", ")) }
                if let tp = t.isPublic, tp != m.isPublic { notes.append(m.isPublic == true ? "public only for iamsh" : "public only for Access Analyzer") }
                rows.append(Row(match: .both, resource: resource, principal: principal, iamshIds: m.ids.sorted(), analyzerIds: t.ids.sorted(),
                                iamshPublic: m.isPublic, analyzerPublic: t.isPublic, onlyIamsh: onlyM, onlyAnalyzer: onlyT,
                                details: notes.joined(separator: "; ")))
            case (let m?, nil):
                rows.append(Row(match: .iamshOnly, resource: resource, principal: principal, iamshIds: m.ids.sorted(), analyzerIds: [],
                                iamshPublic: m.isPublic, analyzerPublic: nil, onlyIamsh: m.actions.values.sorted(), onlyAnalyzer: [],
                                details: "reported by iamsh, not by Access Analyzer"))
            case (nil, let t?):
                rows.append(Row(match: .analyzerOnly, resource: resource, principal: principal, iamshIds: [], analyzerIds: t.ids.sorted(),
                                iamshPublic: nil, analyzerPublic: t.isPublic, onlyIamsh: [], onlyAnalyzer: t.actions.values.sorted(),
                                details: "reported by Access Analyzer, not by iamsh"))
            case (nil, nil):
                continue
            }
        }
        let rank: [Match: Int] = [.analyzerOnly: 0, .iamshOnly: 1, .both: 2]
        rows.sort { (rank[$0.match]!, $0.resource, $0.principal) < (rank[$1.match]!, $1.resource, $1.principal) }
        return rows
    }

    /// Access Analyzer's principal map (`{"AWS": "arn:aws:iam::444455556666:root"}`), as JSON text
    /// or a plain value, in the form our findings use: `*`, an account ID, an ARN or a provider.
    static func normalizedPrincipal(_ f: Finding) -> String {
        var raw = f.principal ?? ""
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        var map: JSONValue? = nil
        if trimmed.hasPrefix("{") { map = try? JSONParser.parse(trimmed) }
        if map == nil, case .object = f.details["principal"] ?? .null { map = f.details["principal"] }
        if let m = map, case .object(let members) = m {
            let preferred = ["AWS", "Federated", "CanonicalUser"]
            let hit = preferred.compactMap { k in members.first { $0.key == k } }.first ?? members.first
            if let v = hit?.value { raw = v.stringValue ?? v.arrayValue?.first?.stringValue ?? raw }
        }
        if let arn = ARN(raw), arn.service == "iam", arn.resource == "root" { return arn.account }
        return raw
    }
}
