/// IAM wildcard matching: `*` matches any run of characters (also empty), `?` exactly one;
/// every other character matches only itself (so `+`, `=`, `,`, `.`, `@`, `-` are literal).
public enum Wildcard {
    /// Glob match. Case-sensitive unless `caseInsensitive` (actions are matched ignoring case).
    public static func matches(_ pattern: String, _ value: String, caseInsensitive: Bool = false) -> Bool {
        if pattern == "*" { return true }
        let p = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
        let v = Array((caseInsensitive ? value.lowercased() : value).unicodeScalars)
        return globMatch(p, v)
    }

    /// Action match: `service:Action` patterns, case-insensitive, with `*` and `?`.
    public static func matchesAction(_ pattern: String, _ action: String) -> Bool {
        matches(pattern, action, caseInsensitive: true)
    }

    /// Iterative glob with single backtrack point: linear in practice, no recursion blow-up.
    static func globMatch(_ p: [Unicode.Scalar], _ v: [Unicode.Scalar]) -> Bool {
        var pi = 0, vi = 0
        var star = -1, mark = 0
        while vi < v.count {
            if pi < p.count, p[pi] == "?" || p[pi] == v[vi], p[pi] != "*" {
                pi += 1; vi += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = vi; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; vi = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    public static func hasWildcard(_ s: String) -> Bool { s.contains("*") || s.contains("?") }
}
