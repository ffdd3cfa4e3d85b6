import IAMPolicy

/// Whether two IAM wildcard patterns (`*` any run, `?` one character) can match a common string:
/// does a statement's `Resource` pattern reach any part of a resource (`arn:aws:s3:::b/*` against
/// `arn:aws:s3:::b/public/*`)? Dynamic programming over both patterns, O(n·m).
/// Besides `*` and `?`, `segmentStar` (from catalog ARN patterns only) matches a run without `/` or `:`.
enum GlobOverlap {
    static let segmentStar: Unicode.Scalar = "\u{E000}"

    static func overlaps(_ a: String, _ b: String) -> Bool {
        if a == "*" || b == "*" || a == b { return true }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        let n = x.count, m = y.count
        // reach[i][j]: the suffixes x[i...] and y[j...] can match a common string. Filled backwards.
        var next = [Bool](repeating: false, count: m + 1)   // row i+1
        var cur = [Bool](repeating: false, count: m + 1)    // row i
        // Row n: x exhausted; y's suffix must be all stars.
        next[m] = true
        if m > 0 { for j in stride(from: m - 1, through: 0, by: -1) { next[j] = (y[j] == "*" || y[j] == segmentStar) && next[j + 1] } }
        if n == 0 { return next[0] }
        for i in stride(from: n - 1, through: 0, by: -1) {
            cur[m] = (x[i] == "*" || x[i] == segmentStar) && next[m]
            if m > 0 {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    if x[i] == "*" {
                        // The star matches nothing, or swallows one character/step of y.
                        cur[j] = next[j] || cur[j + 1]
                    } else if x[i] == segmentStar {
                        cur[j] = next[j] || (y[j] != "/" && y[j] != ":" && cur[j + 1])
                    } else if y[j] == "*" {
                        cur[j] = cur[j + 1] || next[j]
                    } else if y[j] == segmentStar {
                        cur[j] = cur[j + 1] || (x[i] != "/" && x[i] != ":" && next[j])
                    } else if x[i] == "?" || y[j] == "?" || x[i] == y[j] {
                        cur[j] = next[j + 1]
                    } else {
                        cur[j] = false
                    }
                }
            }
            swap(&cur, &next)
        }
        return next[0]
    }

    /// Whether every string `inner` can match is matched by `outer`. Sufficient test: `outer`
    /// matches `inner` read literally (a `*` in `inner` is matched by a `*` run in `outer`), with
    /// `?` in `inner` only accepted by `?`/`*` in `outer`.
    static func covers(_ outer: String, _ inner: String) -> Bool {
        if outer == "*" || outer == inner { return true }
        return Wildcard.matches(outer, inner) && !(inner.contains("*") && !outer.contains("*"))
    }
}
