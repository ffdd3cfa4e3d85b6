import Foundation
import IAMPolicy

/// Every resource pattern that any policy of the snapshot applies to some actions with: identity
/// policies (the version in force), groups', boundaries, SCPs and RCPs — Allow and Deny alike —
/// and the condition keys those statements read.
struct PatternCollector: Sendable {
    struct Found: Sendable {
        /// Literal patterns (no wildcard, no variable).
        var literal: Set<String> = []
        /// Patterns with wildcards (but not `*` alone, which tells no target apart); variables
        /// widened to `*` and flagged.
        var wildcard: [(text: String, pattern: GlobPattern, variable: Bool)] = []
        /// Lowercased condition keys read by the matching statements.
        var conditionKeys: Set<String> = []
    }

    /// A statement as far as patterns go (its Sid and position do not matter): large snapshots
    /// repeat the same statements across thousands of inline policies, so each is looked at once.
    private struct Entry: Sendable {
        let actions: [GlobPattern]          // case-insensitive, compiled once per distinct text
        let actionsNegated: Bool
        let resources: [String]?
        let conditionKeys: [String]         // lowercased
    }

    private struct EntryKey: Hashable {
        let actions: [String]
        let actionsNegated: Bool
        let resources: [String]?
        let conditionKeys: [String]
    }

    private let entries: [Entry]
    /// SCPs and RCPs: they apply to every caller of an account (or every request on its resources).
    private let orgEntries: [Entry]

    init(snapshot: Snapshot) {
        var docs: [PolicyDocument] = []
        for p in snapshot.policies { if let d = p.document { docs.append(d) } }
        for u in snapshot.users { docs += u.inlinePolicies.map(\.document) }
        for g in snapshot.groups { docs += g.inlinePolicies.map(\.document) }
        for r in snapshot.roles { docs += r.inlinePolicies.map(\.document) }
        let orgDocuments = (snapshot.organization?.policies ?? []).compactMap(\.document)
        var patterns: [String: GlobPattern] = [:]
        func entries(_ docs: [PolicyDocument]) -> [Entry] {
            var seen = Set<EntryKey>()
            var out: [Entry] = []
            for doc in docs {
                for st in doc.statements {
                    let keys = st.conditions.map { $0.key.lowercased() }
                    guard seen.insert(EntryKey(actions: st.actions, actionsNegated: st.actionsNegated, resources: st.resources,
                                               conditionKeys: keys)).inserted else { continue }
                    let actions = st.actions.map { a in
                        if let g = patterns[a] { return g }
                        let g = GlobPattern(a, caseInsensitive: true)
                        patterns[a] = g
                        return g
                    }
                    out.append(Entry(actions: actions, actionsNegated: st.actionsNegated, resources: st.resources, conditionKeys: keys))
                }
            }
            return out
        }
        orgEntries = entries(orgDocuments)
        self.entries = entries(docs + orgDocuments)
    }

    /// The patterns of statements that apply to one of `actions` (of SCPs and RCPs only, if asked).
    func patterns(for actions: [String], organizationOnly: Bool = false) -> Found {
        var out = Found()
        var seenWildcard = Set<String>()
        let lower = actions.map { $0.lowercased() }
        for st in organizationOnly ? orgEntries : entries {
            let applies = lower.contains { a in
                let listed = st.actions.contains { $0.matches(a) }
                return st.actionsNegated ? !listed : listed
            }
            if !applies { continue }
            out.conditionKeys.formUnion(st.conditionKeys)
            for p in st.resources ?? ["*"] where p != "*" {
                if PrincipalVariables.hasVariable(p) {
                    let widened = PrincipalVariables.widen(p)
                    if seenWildcard.insert("v" + widened).inserted { out.wildcard.append((widened, GlobPattern(widened), true)) }
                } else if Wildcard.hasWildcard(p) {
                    if seenWildcard.insert("w" + p).inserted { out.wildcard.append((p, GlobPattern(p), false)) }
                } else {
                    out.literal.insert(p)
                }
            }
        }
        return out
    }
}

/// Condition keys whose value depends on the resource of the request.
enum ResourceKeys {
    static func dependsOnResource(_ key: String) -> Bool {
        key.hasPrefix("aws:resourcetag/") || key.hasPrefix("iam:resourcetag/") || key == "aws:resourceaccount"
            || key == "aws:resourceorgid" || key == "aws:resourceorgpaths"
    }
}

/// A class of targets that no caller's request can tell apart: the same account, the same
/// resource patterns of every policy in the snapshot matching them, the same tags where a policy
/// reads resource tags, and the same rule facts (trust outcome, instance profile, key and password
/// facts, trust policy). The solver is asked about its representative (the first member).
struct FineClass: Sendable {
    var members: [RuleTarget]
    /// The member's ARN when it is alone, else the id of the set node standing for all of them.
    var node: String
    /// Classes with the same `fact` differ only in which resource patterns match them.
    var fact: Int
}

/// The classes of one rule key in one account.
struct KeyClasses: Sendable {
    var fine: [FineClass] = []
    /// Member ARN → fine class.
    var byArn: [String: Int] = [:]
    /// Pattern text (as written, without variables) → the fine classes it matches.
    var hits: [String: [Int]] = [:]
    /// The literal prefix every member ARN starts with, to reject foreign patterns quickly.
    var commonPrefix: String = ""
    /// How set nodes of this key are named and labelled.
    var slug: String = ""
    var noun: String = ""
}

/// The target classes of every rule key. The builder refines them per caller: classes the caller's
/// own patterns do not tell apart are asked about once and reached through one set node.
struct TargetClasses: Sendable {
    struct Key: Hashable, Sendable {
        var set: TargetSet
        var anchors: [String]
        var targetArnKeys: [String]
    }

    static let assumeKey = Key(set: .assumable, anchors: ["sts:assumerole"], targetArnKeys: [])

    private var byKey: [Key: [String: KeyClasses]] = [:]

    /// Target sets whose targets are principals (the others — groups, policies — stay one per target).
    static func groupable(_ set: TargetSet) -> Bool {
        switch set {
        case .groupMembers, .groups, .policyHolders: return false
        default: return true
        }
    }

    static func key(for rule: EdgeRule) -> Key {
        var anchors = Set<String>(), arnKeys = Set<String>()
        for group in rule.checks {
            for c in group {
                if c.resource == .target { anchors.insert(c.action.lowercased()) }
                for (k, v) in c.context where v == .targetArn { arnKeys.insert(k.lowercased()) }
            }
        }
        return Key(set: rule.targets, anchors: anchors.sorted(), targetArnKeys: arnKeys.sorted())
    }

    init(rules: [EdgeRule], targets: RuleTargets, collector: PatternCollector, accounts: [String], workers: Int = 1) {
        var keySet = Set<Key>([TargetClasses.assumeKey])
        for r in rules where TargetClasses.groupable(r.targets) { keySet.insert(TargetClasses.key(for: r)) }
        let keys = keySet.sorted(by: { "\($0)" < "\($1)" })
        let built = Parallel.map(keys.count, workers: workers, minimum: 2) { i -> [String: KeyClasses] in
            let key = keys[i]
            let found = collector.patterns(for: key.anchors)
            let org = collector.patterns(for: key.anchors, organizationOnly: true)
            let readsTags = found.conditionKeys.contains(where: ResourceKeys.dependsOnResource)
            var readsArn = false
            if !key.targetArnKeys.isEmpty {
                var actions = Set<String>()
                for r in rules where TargetClasses.key(for: r) == key { for g in r.checks { for c in g { actions.insert(c.action) } } }
                let keysRead = collector.patterns(for: actions.sorted()).conditionKeys
                readsArn = key.targetArnKeys.contains { keysRead.contains($0) }
            }
            var perAccount: [String: KeyClasses] = [:]
            for acct in accounts {
                let list = targets.targets(key.set, account: acct)
                if list.isEmpty { continue }
                perAccount[acct] = TargetClasses.classify(list, key: key, account: acct, found: found, org: org,
                                                          readsTags: readsTags, readsArn: readsArn, targets: targets)
            }
            return perAccount
        }
        for (i, key) in keys.enumerated() { byKey[key] = built[i] }
    }

    func classes(_ key: Key, account: String) -> KeyClasses? { byKey[key]?[account] }

    private static func classify(_ list: [RuleTarget], key: Key, account: String, found: PatternCollector.Found,
                                 org: PatternCollector.Found, readsTags: Bool, readsArn: Bool, targets: RuleTargets) -> KeyClasses {
        var kc = KeyClasses()
        kc.slug = slug(key)
        kc.noun = noun(key.set)
        var factIds: [String: Int] = [:]
        var bySig: [String: Int] = [:]
        for t in list {
            var fact = factSignature(t, readsTags: readsTags, readsArn: readsArn, targets: targets)
            // SCP and RCP patterns apply to every caller: classes they tell apart are never merged.
            if org.literal.contains(t.arn) { fact += "\u{1}=" + t.arn }
            for (i, w) in org.wildcard.enumerated() where w.pattern.matches(t.arn) {
                fact += w.variable ? "\u{1}=" + t.arn : "\u{1}o\(i)"
            }
            let factId: Int
            if let f = factIds[fact] { factId = f } else { factId = factIds.count; factIds[fact] = factId }
            var sig = "\(factId)"
            if found.literal.contains(t.arn) { sig += "|=" + t.arn }
            for (i, w) in found.wildcard.enumerated() where w.pattern.matches(t.arn) {
                // A pattern with a variable may match one caller's target and not another's: no sharing.
                if w.variable { sig += "|=" + t.arn; break }
                sig += "|w\(i)"
            }
            if let i = bySig[sig] {
                kc.fine[i].members.append(t)
            } else {
                bySig[sig] = kc.fine.count
                kc.fine.append(FineClass(members: [t], node: t.arn, fact: factId))
            }
        }
        for i in kc.fine.indices {
            if kc.fine[i].members.count > 1 { kc.fine[i].node = "iamsh:set/\(kc.slug)/\(account)/\(i)" }
            for m in kc.fine[i].members { kc.byArn[m.arn] = i }
        }
        for w in found.wildcard where !w.variable {
            let hit = kc.fine.indices.filter { w.pattern.matches(kc.fine[$0].members[0].arn) }
            if !hit.isEmpty { kc.hits[w.text] = hit }
        }
        kc.commonPrefix = commonPrefix(list.map(\.arn))
        return kc
    }

    /// Everything but resource patterns that can make the solver answer differently for two targets.
    private static func factSignature(_ t: RuleTarget, readsTags: Bool, readsArn: Bool, targets: RuleTargets) -> String {
        var parts: [String] = [t.account]
        if readsArn { parts.append(t.arn) }
        if readsTags { parts.append(t.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")) }
        if let o = t.serviceTrust { parts.append("trust:\(o.result):\(o.conditions.joined(separator: "|"))") }
        parts.append(t.instanceProfiles.isEmpty ? "noprofile" : "profile")
        if let u = t.user {
            let f = targets.userFacts[u.arn]
            parts.append("keys:\(f?.keyCount.map(String.init) ?? "?"):pw:\(f?.passwordEnabled.map { "\($0)" } ?? "?"):mfa:\(f?.mfaActive.map { "\($0)" } ?? "?")")
        }
        if let trust = t.trust {
            let text = trust.jsonText == "null" ? "\(trust.statements)" : trust.jsonText
            parts.append("trust:" + text)
            // A trust policy that reads the role's own tags tells roles apart by them.
            if trust.statements.contains(where: { $0.conditions.contains { ResourceKeys.dependsOnResource($0.key.lowercased()) } }) {
                parts.append(t.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
            }
        }
        return parts.joined(separator: "\u{1}")
    }

    private static func slug(_ key: Key) -> String {
        let set: String
        switch key.set {
        case .rolesTrusting(let s): set = "roles-trusting-\(s)"
        case .rolesWithInstanceProfile: set = "instance-roles"
        case .users: set = "users"
        case .roles: set = "roles"
        case .usersWithBoundary: set = "bounded-users"
        case .rolesWithBoundary: set = "bounded-roles"
        case .assumable: set = "assumable-roles"
        case .groupMembers, .groups, .policyHolders: set = "other"
        }
        return ([set] + key.anchors + key.targetArnKeys).joined(separator: "~")
    }

    private static func noun(_ set: TargetSet) -> String {
        switch set {
        case .rolesTrusting(let s): return "roles trusting \(s)"
        case .rolesWithInstanceProfile: return "roles with an instance profile"
        case .users, .usersWithBoundary: return "users"
        default: return "roles"
        }
    }

    private static func commonPrefix(_ arns: [String]) -> String {
        guard var p = arns.first else { return "" }
        for a in arns.dropFirst() {
            while !a.hasPrefix(p) { p.removeLast() }
            if p.isEmpty { break }
        }
        return p
    }
}

/// One caller's view of a key's classes: the fine classes its own patterns (identity policies and
/// boundary, variables resolved) do not tell apart are merged. Returns the merged groups and the
/// fine classes one of its patterns splits (asked member by member).
struct CallerView {
    var groups: [[Int]] = []
    var split: [Int] = []

    init(_ kc: KeyClasses, patterns: [String], caller: String) {
        var marks: [Int: [String]] = [:]
        var splitSet = Set<Int>()
        for p in patterns where p != "*" {
            if !Wildcard.hasWildcard(p) {
                guard p != caller, let f = kc.byArn[p] else { continue }
                if kc.fine[f].members.count == 1 { marks[f, default: []].append(p) } else { splitSet.insert(f) }
            } else if let hit = kc.hits[p] {
                for f in hit { marks[f, default: []].append(p) }
            } else {
                // A pattern made by resolving a variable for this caller: compare member by member.
                let literal = String(p.prefix { $0 != "*" && $0 != "?" })
                guard literal.hasPrefix(kc.commonPrefix) || kc.commonPrefix.hasPrefix(literal) else { continue }
                let g = GlobPattern(p)
                for (i, f) in kc.fine.enumerated() {
                    let n = f.members.reduce(0) { $0 + ($1.arn != caller && g.matches($1.arn) ? 1 : 0) }
                    let others = f.members.reduce(0) { $0 + ($1.arn != caller ? 1 : 0) }
                    if n == 0 { continue }
                    if n == others { marks[i, default: []].append(p) } else { splitSet.insert(i) }
                }
            }
        }
        var byKey: [String: Int] = [:]
        for i in kc.fine.indices where !splitSet.contains(i) {
            let k = "\(kc.fine[i].fact)|" + (marks[i] ?? []).sorted().joined(separator: "|")
            if let g = byKey[k] { groups[g].append(i) } else { byKey[k] = groups.count; groups.append([i]) }
        }
        split = splitSet.sorted()
    }
}

/// Names a set of fine classes that a caller reaches together.
enum SetNames {
    /// FNV-1a over the member fine-class indices: the same group gets the same id for every caller.
    static func coarseId(_ kc: KeyClasses, account: String, _ fines: [Int]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for f in fines {
            var v = UInt64(f)
            for _ in 0..<8 { h ^= v & 0xff; h = h &* 0x100_0000_01b3; v >>= 8 }
        }
        return "iamsh:set/\(kc.slug)/\(account)/c\(fines.count)-\(String(h, radix: 16))"
    }
}
