import IAMPolicy

/// The three answers of the solver. `conditional`: allowed only if the named conditions hold.
public enum Decision: String, Sendable, Hashable {
    case allow
    case deny
    case conditional
}

/// One line of an explanation trace: a layer of the evaluation, a policy or statement in it, and what it did.
public struct TraceStep: Sendable, Hashable {
    public var layer: String            // "SCP", "RCP", "resource policy", "identity", "boundary", "session", "trust"
    public var policy: String           // policy name or ARN
    public var statement: String?       // Sid or #index
    public var outcome: String          // "allows", "denies", "no match: action", "condition unmet: …", "undecided: …"
    public init(layer: String, policy: String, statement: String? = nil, outcome: String) {
        self.layer = layer; self.policy = policy; self.statement = statement; self.outcome = outcome
    }
}

/// The answer to `can PRINCIPAL ACTION RESOURCE`.
public struct CanResult: Sendable, Hashable {
    public var principal: String        // full ARN
    public var action: String
    public var resource: String
    public var decision: Decision
    public var reason: String           // the deciding statement or the missing allow, in a few words
    public var conditions: [String]     // for conditional answers: the conditions still to be met
    public var trace: [TraceStep]       // filled when explain was asked
    /// Problems with the question or the data that the answer depends on: an unknown service prefix,
    /// an action not in the catalog, a policy that is not loaded, an unsupported condition operator.
    public var warnings: [String]
    public init(principal: String, action: String, resource: String, decision: Decision, reason: String,
                conditions: [String] = [], trace: [TraceStep] = [], warnings: [String] = []) {
        self.principal = principal; self.action = action; self.resource = resource; self.decision = decision
        self.reason = reason; self.conditions = conditions; self.trace = trace; self.warnings = warnings
    }
}

/// One row of `who-can ACTION RESOURCE`.
public struct WhoCanRow: Sendable, Hashable {
    public var principal: String        // ARN, "*", account root ARN, service or federated principal
    public var principalType: String    // user, role, account, service, federated, anyone
    public var account: String?
    public var action: String
    public var decision: Decision
    public var reason: String           // granting policy and statement, or why not (with --denied)
    public var conditions: [String]
    public init(principal: String, principalType: String, account: String?, action: String, decision: Decision,
                reason: String, conditions: [String] = []) {
        self.principal = principal; self.principalType = principalType; self.account = account; self.action = action
        self.decision = decision; self.reason = reason; self.conditions = conditions
    }
}

/// One row of `what-can PRINCIPAL`.
public struct WhatCanRow: Sendable, Hashable {
    public var action: String           // service:Action
    public var resource: String         // the resource scope (pattern) it is allowed on
    public var accessLevel: String
    public var decision: Decision
    public var policy: String           // granting policy and statement
    public var conditions: [String]
    public init(action: String, resource: String, accessLevel: String, decision: Decision, policy: String, conditions: [String] = []) {
        self.action = action; self.resource = resource; self.accessLevel = accessLevel; self.decision = decision
        self.policy = policy; self.conditions = conditions
    }
}
