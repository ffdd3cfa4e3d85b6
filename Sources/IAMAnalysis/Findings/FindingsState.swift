import Foundation
import IAMPolicy

/// What iamsh remembers about findings between loads: when each finding was first and last seen,
/// when it was resolved, and the reviewer's archive/unarchive decisions. It lives in a JSON file
/// beside the snapshot (`.iamsh-findings-state.json`); this type is the value, the store/shell
/// layer reads and writes the file.
///
/// File format (version 1):
/// ```json
/// {
///   "version": 1,
///   "findings": {
///     "<id>": {"resource": "arn:…", "resource_type": "AWS::S3::Bucket", "account": "111122223333",
///              "principal": "*", "principal_type": "anyone", "principal_key": "AWS",
///              "actions": ["s3:GetObject"], "access_levels": ["Read"],
///              "conditions": [{"operator": "IpAddress", "key": "aws:SourceIp", "values": ["203.0.113.0/24"]}],
///              "is_public": false, "zone": "organization", "first_seen": "2025-01-06T09:00:00Z", "last_seen": "2025-01-13T09:00:00Z",
///              "resolved_at": null}
///   },
///   "decisions": {
///     "<id>": {"status": "archived", "at": "2025-01-07T10:00:00Z", "note": "partner bucket"}
///   }
/// }
/// ```
/// Resolved findings are forgotten 90 days after they were resolved, as Access Analyzer deletes
/// them (access-analyzer-findings-view: "Resolved findings are deleted 90 days after the last update").
public struct FindingsState: Sendable, Hashable {
    public static let fileName = ".iamsh-findings-state.json"
    public static let resolvedRetention: TimeInterval = 90 * 24 * 3600

    public struct Record: Sendable, Hashable {
        public var finding: ExternalAccessFinding
        public var firstSeen: Date
        public var lastSeen: Date
        public var resolvedAt: Date?
        /// The zone of trust of the analysis that found it (`account` or `organization`): a finding
        /// is only resolved by a later analysis with the same zone.
        public var zone: String
        public init(finding: ExternalAccessFinding, firstSeen: Date, lastSeen: Date, resolvedAt: Date? = nil, zone: String = "") {
            self.finding = finding; self.firstSeen = firstSeen; self.lastSeen = lastSeen; self.resolvedAt = resolvedAt
            self.zone = zone
        }
    }

    public struct Decision: Sendable, Hashable {
        /// `archived`, or `active` for an explicit unarchive (which also overrides archive rules).
        public var status: ExternalAccessFinding.Status
        public var at: Date?
        public var note: String?
        public init(status: ExternalAccessFinding.Status, at: Date? = nil, note: String? = nil) {
            self.status = status; self.at = at; self.note = note
        }
    }

    public var records: [String: Record]
    public var decisions: [String: Decision]

    public init(records: [String: Record] = [:], decisions: [String: Decision] = [:]) {
        self.records = records; self.decisions = decisions
    }

    // MARK: Decisions

    /// Resolves a full ID or a unique prefix of at least 4 characters among `known` IDs.
    public static func resolveId(_ text: String, among known: [String]) throws -> String {
        let t = text.lowercased()
        if known.contains(t) { return t }
        let hits = t.count >= 4 ? known.filter { $0.hasPrefix(t) } : []
        if hits.count == 1 { return hits[0] }
        if hits.isEmpty { throw FindingsStateError(message: "no finding has the ID \(text)") }
        throw FindingsStateError(message: "the ID prefix \(text) is ambiguous: \(hits.sorted().prefix(5).joined(separator: ", "))")
    }

    public mutating func archive(_ id: String, at: Date, note: String? = nil) {
        decisions[id] = Decision(status: .archived, at: at, note: note)
    }

    public mutating func unarchive(_ id: String, at: Date) {
        decisions[id] = Decision(status: .active, at: at)
    }

    // MARK: JSON

    public static func parse(text: String, file: String) throws -> FindingsState {
        try parse(FindingsFileError.parseJSON(text, file: file), file: file)
    }

    public static func parse(_ json: JSONValue, file: String) throws -> FindingsState {
        let root = JSONPath.root
        func fail(_ p: JSONPath, _ m: String) -> FindingsFileError { FindingsFileError(file: file, path: p, message: m) }
        guard case .object = json else { throw fail(root, "expected the findings state object, found \(json.kindName)") }
        if let v = json["version"], v.intValue != 1 {
            throw fail(root.appending("version"), "unsupported state file version \(v.scalarText ?? v.kindName); expected 1")
        }
        var state = FindingsState()
        if let f = json["findings"] {
            guard case .object(let members) = f else { throw fail(root.appending("findings"), "expected an object of findings by ID, found \(f.kindName)") }
            for m in members {
                let p = root.appending("findings").appending(m.key)
                state.records[m.key] = try parseRecord(m.value, id: m.key, path: p, fail: fail)
            }
        }
        if let d = json["decisions"] {
            guard case .object(let members) = d else { throw fail(root.appending("decisions"), "expected an object of decisions by ID, found \(d.kindName)") }
            for m in members {
                let p = root.appending("decisions").appending(m.key)
                guard case .object = m.value else { throw fail(p, "expected a decision object, found \(m.value.kindName)") }
                guard let s = m.value["status"]?.stringValue, let status = ExternalAccessFinding.Status(rawValue: s), status != .resolved else {
                    throw fail(p.appending("status"), "expected \"archived\" or \"active\"")
                }
                let at = try optionalDate(m.value["at"], p.appending("at"), fail)
                state.decisions[m.key] = Decision(status: status, at: at, note: m.value["note"]?.stringValue)
            }
        }
        return state
    }

    private static func parseRecord(_ v: JSONValue, id: String, path p: JSONPath,
                                    fail: (JSONPath, String) -> FindingsFileError) throws -> Record {
        guard case .object = v else { throw fail(p, "expected a finding object, found \(v.kindName)") }
        func string(_ k: String) throws -> String {
            guard let s = v[k]?.stringValue else { throw fail(p.appending(k), "expected a string") }
            return s
        }
        func strings(_ k: String) throws -> [String] {
            guard let v = v[k] else { return [] }
            guard case .array(let items) = v else { throw fail(p.appending(k), "expected an array of strings, found \(v.kindName)") }
            return try items.enumerated().map { i, x in
                guard let s = x.stringValue else { throw fail(p.appending(k).appending(i), "expected a string, found \(x.kindName)") }
                return s
            }
        }
        var conditions: [ConditionClause] = []
        if let c = v["conditions"] {
            guard case .array(let items) = c else { throw fail(p.appending("conditions"), "expected an array of conditions, found \(c.kindName)") }
            for (i, item) in items.enumerated() {
                let cp = p.appending("conditions").appending(i)
                guard let op = item["operator"]?.stringValue, let key = item["key"]?.stringValue,
                      case .array(let vals)? = item["values"] else {
                    throw fail(cp, "expected {\"operator\": …, \"key\": …, \"values\": […]}")
                }
                conditions.append(ConditionClause(operatorName: op, key: key, values: vals.compactMap(\.scalarText)))
            }
        }
        guard let isPublic = v["is_public"]?.boolValue else { throw fail(p.appending("is_public"), "expected true or false") }
        guard let first = try optionalDate(v["first_seen"], p.appending("first_seen"), fail) else {
            throw fail(p.appending("first_seen"), "expected a timestamp")
        }
        let last = try optionalDate(v["last_seen"], p.appending("last_seen"), fail) ?? first
        let resolved = try optionalDate(v["resolved_at"], p.appending("resolved_at"), fail)
        let finding = ExternalAccessFinding(
            id: id, resource: try string("resource"), resourceType: try string("resource_type"), account: try string("account"),
            principal: try string("principal"), principalType: v["principal_type"]?.stringValue ?? "",
            principalKey: v["principal_key"]?.stringValue ?? "AWS", actions: try strings("actions"),
            accessLevels: try strings("access_levels"), conditions: conditions, isPublic: isPublic,
            status: resolved == nil ? .active : .resolved, firstSeen: first, grantedBy: try strings("granted_by"))
        return Record(finding: finding, firstSeen: first, lastSeen: last, resolvedAt: resolved, zone: v["zone"]?.stringValue ?? "")
    }

    private static func optionalDate(_ v: JSONValue?, _ p: JSONPath, _ fail: (JSONPath, String) -> FindingsFileError) throws -> Date? {
        guard let v, !v.isNull else { return nil }
        if let s = v.stringValue, let d = Timestamp.parse(s) { return d }
        if let n = v.doubleValue, v.numberText != nil { return Timestamp.epoch(n) }
        throw fail(p, "expected an ISO 8601 timestamp, found \(v.scalarText.map { "\"\($0)\"" } ?? v.kindName)")
    }

    /// The state as JSON, IDs sorted so that the file diffs cleanly.
    public var json: JSONValue {
        func date(_ d: Date?) -> JSONValue { d.map { .string(Timestamp.format($0)) } ?? .null }
        let findings: [JSONMember] = records.keys.sorted().map { id in
            let r = records[id]!
            let f = r.finding
            return JSONMember(id, .object([
                JSONMember("resource", .string(f.resource)),
                JSONMember("resource_type", .string(f.resourceType)),
                JSONMember("account", .string(f.account)),
                JSONMember("principal", .string(f.principal)),
                JSONMember("principal_type", .string(f.principalType)),
                JSONMember("principal_key", .string(f.principalKey)),
                JSONMember("actions", .array(f.actions.map { .string($0) })),
                JSONMember("access_levels", .array(f.accessLevels.map { .string($0) })),
                JSONMember("conditions", .array(f.conditions.map { c in
                    .object([JSONMember("operator", .string(c.operatorName)), JSONMember("key", .string(c.key)),
                             JSONMember("values", .array(c.values.map { .string($0) }))])
                })),
                JSONMember("is_public", .bool(f.isPublic)),
                JSONMember("granted_by", .array(f.grantedBy.map { .string($0) })),
                JSONMember("zone", .string(r.zone)),
                JSONMember("first_seen", date(r.firstSeen)),
                JSONMember("last_seen", date(r.lastSeen)),
                JSONMember("resolved_at", date(r.resolvedAt)),
            ]))
        }
        let decisions: [JSONMember] = self.decisions.keys.sorted().map { id in
            let d = self.decisions[id]!
            var m = [JSONMember("status", .string(d.status.rawValue)), JSONMember("at", date(d.at))]
            if let n = d.note { m.append(JSONMember("note", .string(n))) }
            return JSONMember(id, .object(m))
        }
        return .object([JSONMember("version", 1), JSONMember("findings", .object(findings)), JSONMember("decisions", .object(decisions))])
    }

    public var text: String { JSONWriter.pretty(json) + "\n" }
}

public struct FindingsStateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
