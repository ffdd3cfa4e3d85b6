/// The result of evaluating a statement's Condition block against a request context.
public struct ConditionOutcome: Sendable, Hashable {
    /// yes: every clause holds; no: some clause fails; unknown: none fails but some depend on unknown keys
    /// or on an operator the engine does not know.
    public var result: Tri
    /// The clauses that could not be decided (unknown keys or unsupported operators), for `conditional` answers.
    public var undecided: [ConditionClause]
    /// The first clause that failed, for explanations.
    public var failed: ConditionClause?
    /// Operators the engine does not know (reported; they make the answer unknown, never a silent allow/deny).
    public var unsupportedOperators: [String]

    public init(result: Tri, undecided: [ConditionClause] = [], failed: ConditionClause? = nil, unsupportedOperators: [String] = []) {
        self.result = result; self.undecided = undecided; self.failed = failed; self.unsupportedOperators = unsupportedOperators
    }

    public static let satisfied = ConditionOutcome(result: .yes)
}

/// Evaluates Condition blocks with AWS's documented semantics (all operator families,
/// `…IfExists`, `Null`, `ForAllValues:`/`ForAnyValue:`, NOR for negated operators,
/// policy variables in String and ARN values).
public enum ConditionEngine {
    /// - Parameters:
    ///   - clauses: the statement's clauses (ANDed).
    ///   - context: the request context.
    ///   - variablesEnabled: whether `${…}` in values is substituted (policy Version 2012-10-17).
    public static func evaluate(_ clauses: [ConditionClause], context: RequestContext, variablesEnabled: Bool = true) -> ConditionOutcome {
        if clauses.isEmpty { return .satisfied }
        // Placeholder until the full engine lands: undecided.
        return ConditionOutcome(result: .unknown, undecided: clauses)
    }
}
