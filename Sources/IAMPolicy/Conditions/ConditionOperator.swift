/// A condition operator name taken apart: `ForAnyValue:StringNotLikeIfExists` is the String family,
/// Like comparison, negated, IfExists, with the ForAnyValue set qualifier.
///
/// Operator names are matched exactly as the IAM reference spells them (`StringEquals`, not
/// `stringequals`): the grammar lists them as literal strings and AWS documents case-insensitivity
/// only for condition key names. A differently spelt operator is therefore reported as unsupported
/// (the clause is undecided) instead of being guessed — never a silent allow or deny.
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    public enum Qualifier: String, Sendable, Hashable {
        case none = ""
        case forAllValues = "ForAllValues:"
        case forAnyValue = "ForAnyValue:"
    }

    public enum Family: String, Sendable, Hashable {
        case string, numeric, date, bool, binary, ip, arn, null
    }

    public enum Comparison: Sendable, Hashable {
        case equals, equalsIgnoreCase, like
        case lessThan, lessThanEquals, greaterThan, greaterThanEquals
    }

    public let name: String
    public let qualifier: Qualifier
    public let family: Family
    public let comparison: Comparison
    /// A negated matching operator (`StringNotEquals`, `NotIpAddress`…): several values are NORed,
    /// and an absent key satisfies it.
    public let negated: Bool
    public let ifExists: Bool

    public var description: String { name }

    /// Policy variables are substituted only in String and ARN operator values.
    public var supportsVariables: Bool { family == .string || family == .arn }

    /// Nil for a name the engine does not know.
    public static func parse(_ name: String) -> ConditionOperator? {
        var base = Substring(name)
        var qualifier = Qualifier.none
        if base.hasPrefix(Qualifier.forAllValues.rawValue) {
            qualifier = .forAllValues; base = base.dropFirst(Qualifier.forAllValues.rawValue.count)
        } else if base.hasPrefix(Qualifier.forAnyValue.rawValue) {
            qualifier = .forAnyValue; base = base.dropFirst(Qualifier.forAnyValue.rawValue.count)
        }
        var ifExists = false
        if base.hasSuffix("IfExists") {
            ifExists = true; base = base.dropLast("IfExists".count)
        }
        guard let (family, comparison, negated) = baseOperators[String(base)] else { return nil }
        // Null tests existence itself: no IfExists form, and no set form is documented.
        if family == .null, ifExists || qualifier != .none { return nil }
        return ConditionOperator(name: name, qualifier: qualifier, family: family, comparison: comparison,
                                 negated: negated, ifExists: ifExists)
    }

    /// A known operator whose spelling differs from `name` only in letter case, for messages.
    public static func caseVariant(of name: String) -> String? {
        let lower = name.lowercased()
        for base in baseOperators.keys {
            for q in ["", "ForAllValues:", "ForAnyValue:"] {
                for suffix in ["", "IfExists"] {
                    let candidate = q + base + suffix
                    if candidate.lowercased() == lower, parse(candidate) != nil { return candidate }
                }
            }
        }
        return nil
    }

    static let baseOperators: [String: (Family, Comparison, Bool)] = [
        "StringEquals": (.string, .equals, false),
        "StringNotEquals": (.string, .equals, true),
        "StringEqualsIgnoreCase": (.string, .equalsIgnoreCase, false),
        "StringNotEqualsIgnoreCase": (.string, .equalsIgnoreCase, true),
        "StringLike": (.string, .like, false),
        "StringNotLike": (.string, .like, true),
        "NumericEquals": (.numeric, .equals, false),
        "NumericNotEquals": (.numeric, .equals, true),
        "NumericLessThan": (.numeric, .lessThan, false),
        "NumericLessThanEquals": (.numeric, .lessThanEquals, false),
        "NumericGreaterThan": (.numeric, .greaterThan, false),
        "NumericGreaterThanEquals": (.numeric, .greaterThanEquals, false),
        "DateEquals": (.date, .equals, false),
        "DateNotEquals": (.date, .equals, true),
        "DateLessThan": (.date, .lessThan, false),
        "DateLessThanEquals": (.date, .lessThanEquals, false),
        "DateGreaterThan": (.date, .greaterThan, false),
        "DateGreaterThanEquals": (.date, .greaterThanEquals, false),
        "Bool": (.bool, .equals, false),
        "BinaryEquals": (.binary, .equals, false),
        "IpAddress": (.ip, .equals, false),
        "NotIpAddress": (.ip, .equals, true),
        // ArnEquals and ArnLike behave identically (both take wildcards), as do the negated pair.
        "ArnEquals": (.arn, .like, false),
        "ArnLike": (.arn, .like, false),
        "ArnNotEquals": (.arn, .like, true),
        "ArnNotLike": (.arn, .like, true),
        "Null": (.null, .equals, false),
    ]
}
