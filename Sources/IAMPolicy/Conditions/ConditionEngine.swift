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

/// Evaluates Condition blocks with AWS's documented semantics (IAM User Guide, "Condition
/// operators" and "Conditions with multiple context keys or values"):
///  - clauses (operators, and keys under one operator) are ANDed; values for one key are ORed,
///    and NORed for a negated operator (`StringNotEquals`, `NotIpAddress`, `ArnNotLike`…);
///  - a key absent from the request fails the clause, except: negated operators and `…IfExists`
///    hold, `ForAllValues:` holds (empty set), `ForAnyValue:` fails, `Null` tests existence;
///  - a key neither known nor absent (unknown) leaves the clause undecided unless the answer is the
///    same for every value; an unknown operator is reported and leaves its clause undecided;
///  - policy variables are substituted in String and ARN operator values only (2012-10-17 documents);
///  - a plain operator over a multi-valued request key matches when any request value matches (its
///    negated form when none does); ForAllValues/ForAnyValue negate per request value.
public enum ConditionEngine {
    /// - Parameters:
    ///   - clauses: the statement's clauses (ANDed).
    ///   - context: the request context.
    ///   - variablesEnabled: whether `${…}` in values is substituted (policy Version 2012-10-17).
    public static func evaluate(_ clauses: [ConditionClause], context: RequestContext, variablesEnabled: Bool = true) -> ConditionOutcome {
        if clauses.isEmpty { return .satisfied }
        return CompiledConditions(clauses, variablesEnabled: variablesEnabled).evaluate(context)
    }

    /// Evaluates a single clause.
    public static func evaluate(_ clause: ConditionClause, context: RequestContext, variablesEnabled: Bool = true) -> Tri {
        CompiledClause(clause, variablesEnabled: variablesEnabled).evaluate(context)
    }

    /// A short human account of how a clause resolves, for `--explain` traces, e.g.
    /// `StringEquals aws:username "alice": aws:username is "bob" — fails`.
    public static func explain(_ clause: ConditionClause, context: RequestContext, variablesEnabled: Bool = true) -> String {
        let c = CompiledClause(clause, variablesEnabled: variablesEnabled)
        return "\(clause.description): \(reason(c, context: context))"
    }

    static func reason(_ c: CompiledClause, context: RequestContext) -> String {
        guard let op = c.op else {
            let name = c.clause.operatorName
            if let v = ConditionOperator.caseVariant(of: name) {
                return "unsupported condition operator \"\(name)\" (operator names are case-sensitive; did you mean \"\(v)\"?) — undecided"
            }
            return "unsupported condition operator \"\(name)\" — undecided"
        }
        let result = c.evaluate(context)
        let verdict: String
        switch result {
        case .yes: verdict = "holds"
        case .no: verdict = "fails"
        case .unknown: verdict = "undecided"
        }
        let key = c.clause.key
        var notes: [String] = c.values.compactMap(\.invalidReason)
        let state = context.lookup(lowercasedKey: c.key)
        var why: String
        switch state {
        case .unknown:
            why = "\(key) is not known in the request context"
            if result != .unknown { why += ", but every value gives the same answer" }
        case .absent, .present([]):
            why = "\(key) is absent from the request"
            if op.family == .null { break }
            if op.ifExists { why += " (\(op.name) holds when the key is absent)" }
            else if op.qualifier == .forAllValues { why += " (ForAllValues holds for an empty set)" }
            else if op.qualifier == .forAnyValue { why += " (ForAnyValue fails for an empty set)" }
            else if op.negated { why += " (a negated operator holds when the key is absent)" }
        case .present(let request):
            let shown = request.prefix(5).map { JSONWriter.quote($0) }.joined(separator: ", ")
            why = "\(key) is " + (request.count == 1 ? shown : "[\(shown)\(request.count > 5 ? ", …" : "")]")
            if op.family == .null { why += " (present)" }
            for piece in variablePieces(c) {
                switch PolicyVariables.value(of: piece.key, defaultValue: piece.defaultValue, in: context) {
                case .missing: notes.append("${\(piece.key)} has no value")
                case .unknown: notes.append("${\(piece.key)} is not known")
                case .value: break
                }
            }
        }
        if op.negated, c.clause.values.count > 1, case .present = state {
            why += " (must match none of the values)"
        }
        let extra = notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")
        return "\(why)\(extra) — \(verdict)"
    }

    static func variablePieces(_ c: CompiledClause) -> [(key: String, defaultValue: String?)] {
        var out: [(key: String, defaultValue: String?)] = []
        for v in c.values {
            switch v {
            case .textTemplate(let pieces):
                for case .variable(let k, let d, _) in pieces { out.append((k, d)) }
            case .template(let t):
                for case .variable(let k, _, let d) in t.chunks { out.append((k, d)) }
            default: break
            }
        }
        return out
    }
}
