import Foundation
import IAMPolicy

/// One external access finding computed by iamsh: a principal outside the zone of trust that a
/// resource's policy lets in, with the actions, their access levels and the conditions that still
/// apply. One finding per resource, principal and set of conditions, like Access Analyzer's "one
/// finding per instance of sharing" (iam-semantics §2.4).
public struct ExternalAccessFinding: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case active, archived, resolved
    }

    public var id: String
    public var resource: String
    /// `AWS::S3::Bucket` style.
    public var resourceType: String
    /// The resource owner's account.
    public var account: String
    /// `*`, an account ID, a principal ARN, a federated provider or a canonical user ID.
    public var principal: String
    /// anyone, account, user, role, session, federated-user, federated, canonical-user.
    public var principalType: String
    /// The principal map key Access Analyzer would use: AWS, Federated or CanonicalUser.
    public var principalKey: String
    public var actions: [String]
    /// Distinct access levels of the actions, in the console's order (List, Read, Write,
    /// Permissions management, Tagging), `Unknown` for actions the catalog lacks.
    public var accessLevels: [String]
    public var conditions: [ConditionClause]
    public var isPublic: Bool
    public var status: Status
    public var firstSeen: Date?
    /// The statements that grant the access: `<policy source or resource>#<Sid or index>`.
    public var grantedBy: [String]

    public init(id: String, resource: String, resourceType: String, account: String, principal: String,
                principalType: String, principalKey: String = "AWS", actions: [String], accessLevels: [String],
                conditions: [ConditionClause], isPublic: Bool, status: Status = .active, firstSeen: Date? = nil,
                grantedBy: [String] = []) {
        self.id = id; self.resource = resource; self.resourceType = resourceType; self.account = account
        self.principal = principal; self.principalType = principalType; self.principalKey = principalKey
        self.actions = actions; self.accessLevels = accessLevels; self.conditions = conditions
        self.isPublic = isPublic; self.status = status; self.firstSeen = firstSeen; self.grantedBy = grantedBy
    }

    /// `public` or `cross-account`.
    public var kind: String { isPublic ? "public" : "cross-account" }

    /// The conditions as people read them: `StringEquals aws:SourceVpce "vpce-1"; …`.
    public var conditionsText: String { conditions.map(\.description).joined(separator: "; ") }

    /// The conditions in policy form, `{"StringEquals": {"aws:SourceVpce": ["vpce-1"]}}`, operators
    /// and keys in sorted order.
    public var conditionsJSON: JSONValue {
        var byOp: [String: [(String, [String])]] = [:]
        for c in conditions { byOp[c.operatorName, default: []].append((c.key, c.values)) }
        return .object(byOp.keys.sorted().map { op in
            JSONMember(op, .object(byOp[op]!.sorted { $0.0 < $1.0 }.map { JSONMember($0.0, .array($0.1.map { .string($0) })) }))
        })
    }

    /// Access Analyzer's condition map (`condition.aws:SourceIp` → value), values comma-joined.
    public var conditionMap: [String: String] {
        var m: [String: [String]] = [:]
        for c in conditions { m[c.key, default: []] += c.values }
        return m.mapValues { $0.joined(separator: ",") }
    }

    /// The stable ID: a SHA-256 of the resource, the principal, the sorted actions and the sorted
    /// conditions, written like a UUID (Access Analyzer IDs are UUIDs). The same access in a later
    /// snapshot has the same ID; a change of actions or conditions makes a new finding (as in
    /// Access Analyzer, iam-semantics §2.4).
    public static func makeId(resource: String, principalKey: String, principal: String, actions: [String],
                              conditions: [ConditionClause]) -> String {
        let canonical = ["iamsh-finding-v1", resource, principalKey + ":" + principal,
                         actions.map { $0.lowercased() }.sorted().joined(separator: ","),
                         conditions.map(\.description).sorted().joined(separator: "\n")].joined(separator: "\u{1F}")
        let h = Array(SHA256.hex(canonical).prefix(32))
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    /// The principal map as Access Analyzer writes it: `{"AWS":"444455556666"}`.
    public var principalMap: JSONValue { .object([JSONMember(principalKey, .string(principal))]) }

    /// The row as a model `Finding` for the `findings` table (`source = "iamsh"`). `principal` and
    /// `conditions` take Access Analyzer's shapes (the principal map, the condition map) so that
    /// one query reads both sources; the exact condition clauses are in `details.conditionClauses`.
    public func asFinding(analyzedAt: Date? = nil) -> Finding {
        let map = conditionMap
        let conditionObject: JSONValue = .object(map.keys.sorted().map { JSONMember($0, .string(map[$0]!)) })
        let details: JSONValue = .object([
            JSONMember("principal", principalMap),
            JSONMember("principalType", .string(principalType)),
            JSONMember("accessLevels", .array(accessLevels.map { .string($0) })),
            JSONMember("kind", .string(kind)),
            JSONMember("grantedBy", .array(grantedBy.map { .string($0) })),
            JSONMember("condition", conditionObject),
            JSONMember("conditionClauses", conditionsJSON),
        ])
        return Finding(id: id, source: "iamsh", findingType: "ExternalAccess", resource: resource, resourceType: resourceType,
                       account: account, principal: JSONWriter.compact(principalMap), actions: actions,
                       conditions: conditions.isEmpty ? nil : JSONWriter.compact(conditionObject), isPublic: isPublic,
                       status: status.rawValue.uppercased(), createdAt: firstSeen, updatedAt: analyzedAt, analyzedAt: analyzedAt,
                       details: details)
    }

    /// Orders access levels as the console does.
    static func sortLevels(_ levels: Set<String>) -> [String] {
        let order = ActionCatalog.AccessLevel.allCases.map(\.rawValue) + ["Unknown"]
        return levels.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
    }
}
