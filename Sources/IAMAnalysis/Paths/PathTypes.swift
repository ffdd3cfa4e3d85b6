/// One hop of a path: who, to whom, how, with which confirmed actions on which resources.
public struct Hop: Sendable, Hashable {
    public var from: String
    public var to: String
    public var kind: String
    public var category: EdgeCategory
    public var actions: [String]
    public var resources: [String]
    public var conditions: [String]
    public var decision: Decision

    public init(_ e: Edge) {
        from = e.source; to = e.target; kind = e.kind; category = e.category; actions = e.actions
        resources = e.resources; conditions = e.conditions; decision = e.decision
    }

    public init(from: String, to: String, kind: String, category: EdgeCategory, actions: [String], resources: [String],
                conditions: [String], decision: Decision) {
        self.from = from; self.to = to; self.kind = kind; self.category = category; self.actions = actions
        self.resources = resources; self.conditions = conditions; self.decision = decision
    }
}

/// A path of hops from one principal to another; `conditional` when any hop is.
public struct PrincipalPath: Sendable, Hashable {
    public var source: String
    public var target: String
    public var hops: [Hop]
    /// Set when the target is an administrator (it then reaches every principal of its account).
    public var targetAdmin: AdminInfo?

    public init(source: String, target: String, hops: [Hop], targetAdmin: AdminInfo? = nil) {
        self.source = source; self.target = target; self.hops = hops; self.targetAdmin = targetAdmin
    }

    public var decision: Decision { hops.contains { $0.decision == .conditional } ? .conditional : .allow }
    public var length: Int { hops.count }
}

/// How a principal becomes an administrator: the principal that ends up with administrator power
/// (`admin`), why that one is an administrator, and the hops in the order they are taken. Hops that
/// change permissions (`grant`, `join-group`, `lift-boundary`) are followed by the hops that reach
/// the changed principal; every segment starts from the escalating principal or a principal it reached.
public struct Escalation: Sendable, Hashable {
    public var principal: String
    public var admin: String
    public var basis: String
    public var hops: [Hop]
    /// For a principal that is an administrator (no hops when it can already do anything; the change
    /// it makes to itself when it is one by granting itself permissions).
    public var adminInfo: AdminInfo?
    /// Conditions that come from the administrator itself (e.g. a conditional `Allow *`).
    public var adminConditions: [String]

    public var decision: Decision {
        (hops.contains { $0.decision == .conditional } || !adminConditions.isEmpty) ? .conditional : .allow
    }
    public var length: Int { hops.count }
}

/// A row of transitive `who-can` / `can`: a principal that can do the action itself (`hops` empty)
/// or reaches one that can.
public struct TransitiveRow: Sendable, Hashable {
    public var principal: String
    /// The concrete action (a wildcard in the question is expanded through the catalog).
    public var action: String
    public var decision: Decision
    /// The principal that finally makes the request (itself when direct).
    public var via: String
    public var hops: [Hop]
    public var reason: String
    public var conditions: [String]
}
