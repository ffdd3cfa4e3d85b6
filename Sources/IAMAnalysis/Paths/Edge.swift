import IAMPolicy

/// What an edge lets its source do with its target.
public enum EdgeCategory: String, Sendable, Hashable, CaseIterable {
    /// The source can act with the target's permissions (assume it, obtain its credentials,
    /// run code as it). Paths follow these edges.
    case actAs = "act-as"
    /// The source can give the target any permission (put or attach a policy, rewrite a policy
    /// attached to it). Escalation needs the source side and the target side to be reachable.
    case grant
    /// The source can put users into the target group (a group node) and so give them its permissions.
    case joinGroup = "join-group"
    /// The source can delete or replace the target's permissions boundary.
    case liftBoundary = "lift-boundary"
    /// From a set node to one of its members (see `NodeKind.set`).
    case member
}

/// A node of the graph: an IAM user or role of a loaded account, a group (target of
/// `AddUserToGroup`), an identity provider named in a trust policy (a source only), or a set of
/// principals that no caller's permissions tell apart (an edge into a set reaches each member, as
/// its `member` edges list; this keeps "every developer can pass every Lambda role" from being
/// stored as developers × roles edges).
public enum NodeKind: String, Sendable, Hashable {
    case user, role, group, provider, set
}

/// One edge A → B: the kind, the exact actions confirmed by the solver, the resources they
/// were checked on, and the conditions still to be met when `decision` is `conditional`.
public struct Edge: Sendable, Hashable {
    public var source: String
    public var target: String
    public var kind: String
    public var category: EdgeCategory
    public var actions: [String]
    public var resources: [String]
    public var conditions: [String]
    /// `allow` or `conditional` (edges that are denied are not stored).
    public var decision: Decision
    /// Short reasons from the solver for each confirmed action (granting policy and statement).
    public var reasons: [String]

    public init(source: String, target: String, kind: String, category: EdgeCategory, actions: [String],
                resources: [String], conditions: [String] = [], decision: Decision, reasons: [String] = []) {
        self.source = source; self.target = target; self.kind = kind; self.category = category
        self.actions = actions; self.resources = resources; self.conditions = conditions
        self.decision = decision; self.reasons = reasons
    }

    public var isConditional: Bool { decision == .conditional }
}

/// A row of the SQL `edges` table: lists as compact JSON arrays (SQLite's JSON functions work on them).
public struct EdgeRow: Sendable, Hashable {
    public static let columns = ["source", "target", "kind", "category", "actions", "resources", "conditions", "decision"]
    public var source: String
    public var target: String
    public var kind: String
    public var category: String
    public var actions: String
    public var resources: String
    public var conditions: String
    public var decision: String

    public init(_ e: Edge) {
        source = e.source; target = e.target; kind = e.kind; category = e.category.rawValue
        actions = EdgeRow.jsonArray(e.actions); resources = EdgeRow.jsonArray(e.resources)
        conditions = EdgeRow.jsonArray(e.conditions); decision = e.decision.rawValue
    }

    public init(source: String, target: String, kind: String, category: String, actions: String,
                resources: String, conditions: String, decision: String) {
        self.source = source; self.target = target; self.kind = kind; self.category = category
        self.actions = actions; self.resources = resources; self.conditions = conditions; self.decision = decision
    }

    static func jsonArray(_ items: [String]) -> String {
        JSONWriter.compact(.array(items.map { .string($0) }))
    }
}
