/// A parsed IAM policy document (identity, resource, trust, SCP, RCP, boundary or session policy).
/// The original JSON is kept, compact, in `jsonText` so that `show` and the SQL tables give it as
/// written: text takes a fraction of the memory of a JSON tree, and a large snapshot holds
/// hundreds of thousands of documents.
public struct PolicyDocument: Sendable, Hashable {
    public var version: String?
    public var id: String?
    public var statements: [Statement]
    /// The document as written, in compact JSON (`null` for documents built in code).
    public var jsonText: String

    public init(version: String? = "2012-10-17", id: String? = nil, statements: [Statement], json: JSONValue = .null) {
        self.version = version
        self.id = id
        self.statements = statements
        self.jsonText = JSONWriter.compact(json)
    }

    /// The document as written, parsed again from `jsonText` (for display; `.null` if none).
    public var json: JSONValue {
        (try? JSONParser.parse(jsonText)) ?? .null
    }

    /// Policy variables (`${aws:username}`) are only substituted in version 2012-10-17 documents;
    /// in any other version `${…}` is literal text.
    public var supportsVariables: Bool { version == "2012-10-17" }
}

public enum Effect: String, Sendable, Hashable {
    case allow = "Allow"
    case deny = "Deny"
}

/// One statement. Exactly one of Action/NotAction and (except in trust policies) one of
/// Resource/NotResource is present; `index` is the position in the document (0-based).
public struct Statement: Sendable, Hashable {
    public var sid: String?
    public var effect: Effect
    public var actions: [String]
    public var actionsNegated: Bool          // NotAction
    public var resources: [String]?          // nil: no Resource/NotResource (trust policies)
    public var resourcesNegated: Bool        // NotResource
    public var principal: PrincipalSpec?     // nil: identity policy statement
    public var principalNegated: Bool        // NotPrincipal
    public var conditions: [ConditionClause]
    public var index: Int

    public init(
        sid: String? = nil, effect: Effect, actions: [String], actionsNegated: Bool = false,
        resources: [String]? = ["*"], resourcesNegated: Bool = false,
        principal: PrincipalSpec? = nil, principalNegated: Bool = false,
        conditions: [ConditionClause] = [], index: Int = 0
    ) {
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.actionsNegated = actionsNegated
        self.resources = resources
        self.resourcesNegated = resourcesNegated
        self.principal = principal
        self.principalNegated = principalNegated
        self.conditions = conditions
        self.index = index
    }

    /// `Sid` when present, else `#<index>` — how explanations name a statement.
    public var label: String { sid.map { $0.isEmpty ? "#\(index)" : $0 } ?? "#\(index)" }
}

/// The Principal / NotPrincipal element. `"*"` and `{"AWS":"*"}` mean the same (everyone,
/// including anonymous callers) and both parse to `anyone == true`.
public struct PrincipalSpec: Sendable, Hashable {
    public var anyone: Bool
    public var aws: [String]
    public var service: [String]
    public var federated: [String]
    public var canonicalUser: [String]

    public init(anyone: Bool = false, aws: [String] = [], service: [String] = [], federated: [String] = [], canonicalUser: [String] = []) {
        self.anyone = anyone
        self.aws = aws
        self.service = service
        self.federated = federated
        self.canonicalUser = canonicalUser
    }

    public static let everyone = PrincipalSpec(anyone: true)
}

/// One `operator: { key: values }` entry of a Condition block. Several clauses in a
/// statement are ANDed; several values for one key are ORed (NOR for negated operators).
public struct ConditionClause: Sendable, Hashable {
    /// The operator as written (`StringLikeIfExists`, `ForAnyValue:StringEquals`).
    public var operatorName: String
    public var key: String
    /// Values as text: JSON strings as written, numbers as written, booleans as `true`/`false`.
    public var values: [String]

    public init(operatorName: String, key: String, values: [String]) {
        self.operatorName = operatorName
        self.key = key
        self.values = values
    }

    public var description: String {
        let v = values.count == 1 ? JSONWriter.quote(values[0]) : "[" + values.map(JSONWriter.quote).joined(separator: ", ") + "]"
        return "\(operatorName) \(key) \(v)"
    }
}
