/// Matches a Resource/NotResource pattern against a resource ARN with AWS's rules:
/// case-sensitive; `*`/`?` within each of the six colon-separated ARN parts; a `*` that ends
/// the pattern's last part may run past colons; policy variables (only after the fifth colon,
/// only in 2012-10-17 documents) substituted from the context; a variable without a value
/// makes the pattern match nothing. Hot paths should compile a `ResourcePattern` once instead.
public enum ResourceMatcher {
    public static func matches(_ pattern: String, _ resource: String, context: RequestContext = RequestContext(), variablesEnabled: Bool = true) -> Tri {
        let compiled = cache.value(for: CacheKey(pattern: pattern, variablesEnabled: variablesEnabled)) {
            ResourcePattern(pattern, variablesEnabled: variablesEnabled)
        }
        return compiled.matches(resource, context: context)
    }

    private struct CacheKey: Hashable { let pattern: String; let variablesEnabled: Bool }
    private static let cache = PatternCache<CacheKey, ResourcePattern>()
}
