/// A condition operator split into its parts: `ForAnyValue:StringLikeIfExists` →
/// set qualifier `ForAnyValue`, base `StringLike`, `IfExists`. Operator names are as AWS spells
/// them (COND, iam-semantics §1.11).
struct ConditionOperator: Sendable, Hashable {
    enum SetQualifier: String, Sendable, Hashable { case forAnyValue = "ForAnyValue", forAllValues = "ForAllValues" }

    var setQualifier: SetQualifier?
    var base: String
    var ifExists: Bool

    init(_ name: String) {
        var rest = Substring(name)
        setQualifier = nil
        for q in [SetQualifier.forAnyValue, .forAllValues] where rest.lowercased().hasPrefix(q.rawValue.lowercased() + ":") {
            setQualifier = q
            rest = rest.dropFirst(q.rawValue.count + 1)
        }
        ifExists = rest.hasSuffix("IfExists")
        if ifExists { rest = rest.dropLast("IfExists".count) }
        base = String(rest)
    }

    init(setQualifier: SetQualifier? = nil, base: String, ifExists: Bool = false) {
        self.setQualifier = setQualifier; self.base = base; self.ifExists = ifExists
    }

    var name: String { (setQualifier.map { $0.rawValue + ":" } ?? "") + base + (ifExists ? "IfExists" : "") }

    static let positiveMatches: Set<String> = ["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike"]

    /// A match that holds only for the listed values, for every request: a positive string/ARN
    /// operator, optionally `ForAnyValue:` (true only when some value matches), never `IfExists`
    /// (true when the key is absent) nor `ForAllValues:` (true for an absent key or empty set, MULTI).
    var restrictsToValues: Bool {
        !ifExists && setQualifier != .forAllValues && ConditionOperator.positiveMatches.contains(base)
    }

    /// `*`/`?` are wildcards for Like and ARN operators; literal for the Equals string operators.
    var valuesMayBeWildcards: Bool { base == "StringLike" || base == "ArnLike" || base == "ArnEquals" }

    static let negations: [String: String] = [
        "StringEquals": "StringNotEquals", "StringNotEquals": "StringEquals",
        "StringEqualsIgnoreCase": "StringNotEqualsIgnoreCase", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
        "StringLike": "StringNotLike", "StringNotLike": "StringLike",
        "ArnEquals": "ArnNotEquals", "ArnNotEquals": "ArnEquals",
        "ArnLike": "ArnNotLike", "ArnNotLike": "ArnLike",
        "IpAddress": "NotIpAddress", "NotIpAddress": "IpAddress",
        "NumericEquals": "NumericNotEquals", "NumericNotEquals": "NumericEquals",
        "NumericLessThan": "NumericGreaterThanEquals", "NumericGreaterThanEquals": "NumericLessThan",
        "NumericGreaterThan": "NumericLessThanEquals", "NumericLessThanEquals": "NumericGreaterThan",
        "DateEquals": "DateNotEquals", "DateNotEquals": "DateEquals",
        "DateLessThan": "DateGreaterThanEquals", "DateGreaterThanEquals": "DateLessThan",
        "DateGreaterThan": "DateLessThanEquals", "DateLessThanEquals": "DateGreaterThan",
    ]

    static let negatedOperators: Set<String> = [
        "StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "ArnNotEquals", "ArnNotLike",
        "NotIpAddress", "NumericNotEquals", "DateNotEquals",
    ]

    /// The condition under which a request is NOT denied by a Deny statement whose only condition
    /// is `self key values`: what survives the Deny, as a clause of an Allow. Nil when that cannot
    /// be written as one clause (set operators, unknown operators).
    /// - A negated operator is true when the key is absent (COND "Important"), with or without
    ///   IfExists, so `Deny StringNotEquals k v` spares exactly the requests where k is present and
    ///   equals v: `StringEquals k v`.
    /// - A positive operator without IfExists denies only requests where k is present and matches,
    ///   so the survivors are `StringNotEquals k v` (true when absent).
    /// - `Bool k b` denies k == b; absent keys survive: `BoolIfExists k !b`.
    /// - `Null k true` denies absent keys: survivors `Null k false`, and the reverse.
    func survivorsOfDeny(values: [String]) -> (ConditionOperator, [String])? {
        guard setQualifier == nil else { return nil }
        switch base {
        case "Bool":
            guard !ifExists, values.count == 1 else { return nil }
            let v = values[0].lowercased()
            guard v == "true" || v == "false" else { return nil }
            return (ConditionOperator(base: "Bool", ifExists: true), [v == "true" ? "false" : "true"])
        case "Null":
            guard values.count == 1 else { return nil }
            let v = values[0].lowercased()
            guard v == "true" || v == "false" else { return nil }
            return (ConditionOperator(base: "Null"), [v == "true" ? "false" : "true"])
        default:
            guard let neg = ConditionOperator.negations[base] else { return nil }
            if ConditionOperator.negatedOperators.contains(base) {
                return (ConditionOperator(base: neg), values)
            }
            // Positive operator: survivors are the negation, which also holds for absent keys.
            // With IfExists the absent keys are denied too; the negation over-approximates the
            // survivors, which keeps the finding (never hides access).
            return (ConditionOperator(base: neg), values)
        }
    }
}
