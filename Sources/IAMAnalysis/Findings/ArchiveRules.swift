import Foundation
import IAMPolicy

/// Archive rules in Access Analyzer's filter form: a finding that matches any rule is archived.
/// Source: `Criterion {eq, neq, contains, exists}` and the filter keys of
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html
/// (iam-semantics §2.5).
///
/// File format — a JSON object with a `rules` array:
/// ```json
/// {"rules": [
///   {"name": "partner-reads-reports",
///    "filter": {"resource": {"contains": ["reports"]},
///               "principal.AWS": {"eq": ["444455556666"]},
///               "isPublic": {"eq": ["false"]}}},
///   {"name": "office-ip-only", "filter": {"condition.aws:SourceIp": {"exists": true}}}
/// ]}
/// ```
/// Also accepted: one rule object (`{"filter": …}`), an array of rules, and the AWS CLI's
/// `accessanalyzer list-archive-rules` / `get-archive-rule` output (`archiveRules[].ruleName/filter`).
///
/// Semantics: the keys of a filter must all match (AND); inside a criterion every operator given
/// must hold (AND); a rule matches when its filter matches; a finding is archived when any rule
/// matches (OR). Values are strings compared exactly (`isPublic`: `true`/`false`, any case).
/// For a field with several values (actions, access levels, a condition key's values):
/// - `eq`: some field value equals some listed value;
/// - `neq`: no field value equals any listed value (true when the field is absent);
/// - `contains`: some field value contains some listed value as a substring;
/// - `exists`: `true` when the field has a value, `false` when it has none.
///
/// Keys (Access Analyzer's external-access filter keys): `resource`, `resourceType`,
/// `resourceOwnerAccount`, `isPublic`, `principal.AWS`, `principal.Federated`,
/// `principal.CanonicalUser`, `condition.<key>` (any condition key, matched case-insensitively:
/// `condition.aws:SourceIp`, `condition.aws:PrincipalOrgID`, `condition.sts:ExternalId`, …).
/// iamsh adds `action`, `accessLevel` and `principalType`. `id` and `status` cannot be used, as
/// in Access Analyzer.
public struct ArchiveRule: Sendable, Hashable {
    public struct Criterion: Sendable, Hashable {
        public var eq: [String]?
        public var neq: [String]?
        public var contains: [String]?
        public var exists: Bool?
        public init(eq: [String]? = nil, neq: [String]? = nil, contains: [String]? = nil, exists: Bool? = nil) {
            self.eq = eq; self.neq = neq; self.contains = contains; self.exists = exists
        }

        func matches(_ values: [String], caseInsensitive: Bool) -> Bool {
            let vs = caseInsensitive ? values.map { $0.lowercased() } : values
            func norm(_ l: [String]) -> [String] { caseInsensitive ? l.map { $0.lowercased() } : l }
            if let eq, !vs.contains(where: { norm(eq).contains($0) }) { return false }
            if let neq, vs.contains(where: { norm(neq).contains($0) }) { return false }
            if let contains, !vs.contains(where: { v in norm(contains).contains { v.contains($0) } }) { return false }
            if let exists, exists == vs.isEmpty { return false }
            return true
        }
    }

    public var name: String
    /// Filter key → criterion, in file order.
    public var filter: [(key: String, criterion: Criterion)]

    public init(name: String, filter: [(key: String, criterion: Criterion)]) {
        self.name = name; self.filter = filter
    }

    public static func == (a: ArchiveRule, b: ArchiveRule) -> Bool {
        a.name == b.name && a.filter.map(\.key) == b.filter.map(\.key) && a.filter.map(\.criterion) == b.filter.map(\.criterion)
    }
    public func hash(into h: inout Hasher) { h.combine(name); for f in filter { h.combine(f.key); h.combine(f.criterion) } }

    static let fieldKeys: Set<String> = [
        "resource", "resourcetype", "resourceowneraccount", "ispublic", "principal.aws", "principal.federated",
        "principal.canonicaluser", "action", "accesslevel", "principaltype",
    ]

    /// The values of a filter key in a finding (empty: the field is absent).
    static func values(of key: String, in f: ExternalAccessFinding) -> [String] {
        let k = key.lowercased()
        if k.hasPrefix("condition.") {
            let ck = String(k.dropFirst("condition.".count))
            return f.conditions.filter { $0.key.lowercased() == ck }.flatMap(\.values)
        }
        switch k {
        case "resource": return [f.resource]
        case "resourcetype": return [f.resourceType]
        case "resourceowneraccount": return [f.account]
        case "ispublic": return [f.isPublic ? "true" : "false"]
        case "principal.aws", "principal.federated", "principal.canonicaluser":
            return "principal." + f.principalKey.lowercased() == k ? [f.principal] : []
        case "action": return f.actions
        case "accesslevel": return f.accessLevels
        case "principaltype": return [f.principalType]
        default: return []
        }
    }

    public func matches(_ f: ExternalAccessFinding) -> Bool {
        filter.allSatisfy { entry in
            entry.criterion.matches(ArchiveRule.values(of: entry.key, in: f), caseInsensitive: entry.key.lowercased() == "ispublic")
        }
    }
}

public enum ArchiveRules {
    /// Parses a rules file's text. Errors name the file, the JSON path and what was expected.
    public static func parse(text: String, file: String) throws -> [ArchiveRule] {
        try parse(FindingsFileError.parseJSON(text, file: file), file: file)
    }

    public static func parse(_ json: JSONValue, file: String) throws -> [ArchiveRule] {
        func fail(_ p: JSONPath, _ m: String) -> FindingsFileError { FindingsFileError(file: file, path: p, message: m) }
        let root = JSONPath.root
        var items: [(JSONValue, JSONPath)] = []
        switch json {
        case .array(let a):
            items = a.enumerated().map { ($1, root.appending($0)) }
        case .object:
            if let rules = json["rules"] ?? json["archiveRules"] {
                let key = json["rules"] != nil ? "rules" : "archiveRules"
                guard case .array(let a) = rules else { throw fail(root.appending(key), "expected an array of rules, found \(rules.kindName)") }
                items = a.enumerated().map { ($1, root.appending(key).appending($0)) }
            } else if let one = json["archiveRule"] {
                items = [(one, root.appending("archiveRule"))]
            } else if json["filter"] != nil {
                items = [(json, root)]
            } else {
                throw fail(root, "expected {\"rules\": [{\"name\": …, \"filter\": {…}}]}, a rule object with \"filter\", or an array of rules")
            }
        default:
            throw fail(root, "expected an object or an array of archive rules, found \(json.kindName)")
        }
        return try items.enumerated().map { i, item in try parseRule(item.0, index: i, path: item.1, fail: fail) }
    }

    private static func parseRule(_ v: JSONValue, index: Int, path p: JSONPath,
                                  fail: (JSONPath, String) -> FindingsFileError) throws -> ArchiveRule {
        guard case .object = v else { throw fail(p, "expected a rule object, found \(v.kindName)") }
        let name = (v["name"] ?? v["ruleName"])?.stringValue ?? "rule-\(index + 1)"
        guard let filter = v["filter"] else { throw fail(p, "the rule has no \"filter\"") }
        guard case .object(let keys) = filter else { throw fail(p.appending("filter"), "expected an object of filter keys, found \(filter.kindName)") }
        if keys.isEmpty { throw fail(p.appending("filter"), "the filter is empty; it would archive every finding") }
        var out: [(key: String, criterion: ArchiveRule.Criterion)] = []
        for k in keys {
            let kp = p.appending("filter").appending(k.key)
            let lower = k.key.lowercased()
            if lower == "id" || lower == "status" {
                throw fail(kp, "\"\(k.key)\" cannot be used in an archive rule (as in Access Analyzer)")
            }
            guard ArchiveRule.fieldKeys.contains(lower) || (lower.hasPrefix("condition.") && lower.count > "condition.".count) else {
                throw fail(kp, "unknown filter key \"\(k.key)\"; expected resource, resourceType, resourceOwnerAccount, isPublic, principal.AWS, principal.Federated, principal.CanonicalUser, condition.<key>, action, accessLevel or principalType")
            }
            out.append((k.key, try parseCriterion(k.value, path: kp, fail: fail)))
        }
        return ArchiveRule(name: name, filter: out)
    }

    private static func parseCriterion(_ v: JSONValue, path p: JSONPath, fail: (JSONPath, String) -> FindingsFileError) throws -> ArchiveRule.Criterion {
        guard case .object(let ops) = v else { throw fail(p, "expected a criterion object {\"eq\"|\"neq\"|\"contains\": [...], \"exists\": true|false}, found \(v.kindName)") }
        var c = ArchiveRule.Criterion()
        for op in ops {
            let op_p = p.appending(op.key)
            switch op.key {
            case "eq", "neq", "contains":
                let list: [String]
                switch op.value {
                case .array(let items):
                    list = try items.enumerated().map { i, x in
                        guard let s = x.scalarText else { throw fail(op_p.appending(i), "expected a string, found \(x.kindName)") }
                        return s
                    }
                default:
                    guard let s = op.value.scalarText else { throw fail(op_p, "expected an array of strings, found \(op.value.kindName)") }
                    list = [s]
                }
                if list.isEmpty { throw fail(op_p, "expected at least one value") }
                if op.key == "eq" { c.eq = list } else if op.key == "neq" { c.neq = list } else { c.contains = list }
            case "exists":
                if let b = op.value.boolValue { c.exists = b }
                else if let s = op.value.stringValue?.lowercased(), s == "true" || s == "false" { c.exists = s == "true" }
                else { throw fail(op_p, "expected true or false, found \(op.value.kindName)") }
            default:
                throw fail(op_p, "unknown criterion operator \"\(op.key)\"; expected eq, neq, contains or exists")
            }
        }
        if c.eq == nil && c.neq == nil && c.contains == nil && c.exists == nil {
            throw fail(p, "the criterion has no operator; expected eq, neq, contains or exists")
        }
        return c
    }

    /// The first rule that archives the finding, if any.
    public static func firstMatch(_ rules: [ArchiveRule], _ f: ExternalAccessFinding) -> ArchiveRule? {
        rules.first { $0.matches(f) }
    }
}
