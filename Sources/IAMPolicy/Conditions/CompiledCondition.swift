/// One condition clause compiled for repeated evaluation: operator parsed, key lowercased,
/// policy values parsed for the operator's type.
public struct CompiledClause: Sendable, Hashable {
    public let clause: ConditionClause
    /// Nil when the operator is not supported (the clause is then always undecided).
    public let op: ConditionOperator?
    let key: String
    let values: [ConditionValue]

    public init(_ clause: ConditionClause, variablesEnabled: Bool = true) {
        self.clause = clause
        self.key = clause.key.lowercased()
        let op = ConditionOperator.parse(clause.operatorName)
        self.op = op
        self.values = op.map { op in clause.values.map { ConditionValue.compile($0, op: op, variablesEnabled: variablesEnabled) } } ?? []
    }

    /// How the clause resolves for a key absent from the request (IAM condition operator rules):
    /// IfExists ⇒ true; ForAllValues ⇒ true (empty set); ForAnyValue ⇒ false; a negated operator ⇒ true;
    /// any other operator ⇒ false.
    static func absentResult(_ op: ConditionOperator) -> Tri {
        if op.ifExists { return .yes }
        switch op.qualifier {
        case .forAllValues: return .yes
        case .forAnyValue: return .no
        case .none: return op.negated ? .yes : .no
        }
    }

    public func evaluate(_ context: RequestContext) -> Tri {
        guard let op else { return .unknown }
        let state = context.lookup(lowercasedKey: key)
        if op.family == .null { return nullResult(state) }
        switch state {
        case .absent:
            return Self.absentResult(op)
        case .present(let request):
            if request.isEmpty { return Self.absentResult(op) }
            if request.count == 1 { return combine(op, single: match(request[0], op, context)) }
            return combine(op, request.lazy.map { match($0, op, context) })
        case .unknown:
            return unknownKeyResult(op)
        }
    }

    /// An unknown key decides nothing unless every possible state gives the same answer:
    /// absent (or an empty set) and present with any value.
    func unknownKeyResult(_ op: ConditionOperator) -> Tri {
        let whenAbsent = Self.absentResult(op)
        let perValue: Tri
        if values.isEmpty { perValue = .no }
        else if values.contains(where: \.matchesEverything) { perValue = .yes }
        else { return .unknown }
        let whenPresent = combine(op, single: perValue)
        return whenAbsent == whenPresent ? whenAbsent : .unknown
    }

    /// OR over the policy values (the request value matches one of them), positive form.
    func match(_ r: String, _ op: ConditionOperator, _ context: RequestContext) -> Tri {
        var result = Tri.no
        for v in values {
            switch v.compare(r, op: op, context: context) {
            case .yes: return .yes
            case .unknown: result = .unknown
            case .no: break
            }
        }
        return result
    }

    /// Combines the per-request-value matches: plain operators OR them (NOR when negated);
    /// ForAllValues needs every request value to match; ForAnyValue needs one. With a set
    /// qualifier the negation applies to each request value ("matches none of the policy values").
    func combine<S: Sequence>(_ op: ConditionOperator, _ matches: S) -> Tri where S.Element == Tri {
        switch op.qualifier {
        case .none:
            let any = matches.reduce(Tri.no, Tri.or)
            return op.negated ? any.negated : any
        case .forAllValues:
            return matches.reduce(Tri.yes) { Tri.and($0, op.negated ? $1.negated : $1) }
        case .forAnyValue:
            return matches.reduce(Tri.no) { Tri.or($0, op.negated ? $1.negated : $1) }
        }
    }

    @inline(__always)
    func combine(_ op: ConditionOperator, single m: Tri) -> Tri { op.negated ? m.negated : m }

    /// `Null: true` holds when the key is absent; `Null: false` when it is present.
    func nullResult(_ state: RequestContext.Lookup) -> Tri {
        let isNull: Tri
        switch state {
        case .absent: isNull = .yes
        case .present(let v): isNull = v.isEmpty ? .yes : .no
        case .unknown: isNull = .unknown
        }
        var result = Tri.no
        var wantsTrue = false, wantsFalse = false
        for v in values {
            guard case .bool(let wantsNull) = v else { result = Tri.or(result, .unknown); continue }
            if wantsNull { wantsTrue = true } else { wantsFalse = true }
            result = Tri.or(result, wantsNull ? isNull : isNull.negated)
        }
        // `Null: [true, false]` holds whether or not the key exists.
        return wantsTrue && wantsFalse ? .yes : result
    }
}

/// A statement's Condition block compiled once (the solver caches these per statement).
public struct CompiledConditions: Sendable, Hashable {
    public let clauses: [CompiledClause]
    /// Operator names the engine does not know, in order of appearance.
    public let unsupportedOperators: [String]

    public init(_ clauses: [ConditionClause], variablesEnabled: Bool = true) {
        self.clauses = clauses.map { CompiledClause($0, variablesEnabled: variablesEnabled) }
        var seen = Set<String>()
        unsupportedOperators = self.clauses.compactMap { c in
            c.op == nil && seen.insert(c.clause.operatorName).inserted ? c.clause.operatorName : nil
        }
    }

    public var isEmpty: Bool { clauses.isEmpty }

    /// Clauses are ANDed: the first definitely false clause decides `.no`; otherwise any undecided
    /// clause makes the outcome `.unknown`.
    public func evaluate(_ context: RequestContext) -> ConditionOutcome {
        if clauses.isEmpty { return .satisfied }
        var undecided: [ConditionClause] = []
        for i in clauses.indices {
            switch clauses[i].evaluate(context) {
            case .yes: continue
            case .no:
                return ConditionOutcome(result: .no, failed: clauses[i].clause, unsupportedOperators: unsupportedOperators)
            case .unknown:
                undecided.append(clauses[i].clause)
            }
        }
        if undecided.isEmpty { return ConditionOutcome(result: .yes, unsupportedOperators: unsupportedOperators) }
        return ConditionOutcome(result: .unknown, undecided: undecided, unsupportedOperators: unsupportedOperators)
    }
}
