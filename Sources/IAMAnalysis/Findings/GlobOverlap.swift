import IAMPolicy

/// Whether two IAM wildcard patterns (`*` any run, `?` one character) can match a common string:
/// does a statement's `Resource` pattern reach any part of a resource (`arn:aws:s3:::b/*` against
/// `arn:aws:s3:::b/public/*`)? Dynamic programming over both patterns, O(n·m), on UTF-8 bytes
/// (on Unicode scalars when either side is not ASCII, so that `?` is one character).
/// Besides `*` and `?`, `segmentStar` (from catalog ARN patterns only) matches a run without `/` or `:`.
enum GlobOverlap {
    /// A control character that never appears in an ARN.
    static let segmentStar: Character = "\u{01}"
    private static let star: UInt32 = 0x2A, question: UInt32 = 0x3F, seg: UInt32 = 0x01, slash: UInt32 = 0x2F, colon: UInt32 = 0x3A

    static func overlaps(_ a: String, _ b: String) -> Bool {
        if a == "*" || b == "*" || a == b { return true }
        if a.utf8.allSatisfy({ $0 < 0x80 }) && b.utf8.allSatisfy({ $0 < 0x80 }) {
            return run(a.utf8.map { UInt32($0) }, b.utf8.map { UInt32($0) })
        }
        return run(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value))
    }

    private static func isStar(_ c: UInt32) -> Bool { c == star || c == seg }

    private static func run(_ x: [UInt32], _ y: [UInt32]) -> Bool {
        let n = x.count, m = y.count
        // next[j] / cur[j]: the suffixes x[i+1...] / x[i...] and y[j...] can match a common string.
        var next = [Bool](repeating: false, count: m + 1)
        var cur = [Bool](repeating: false, count: m + 1)
        next[m] = true
        var j = m - 1
        while j >= 0 { next[j] = isStar(y[j]) && next[j + 1]; j -= 1 }
        var i = n - 1
        while i >= 0 {
            let xi = x[i]
            cur[m] = isStar(xi) && next[m]
            j = m - 1
            while j >= 0 {
                let yj = y[j]
                if xi == star {
                    // The star matches nothing, or swallows one step of y.
                    cur[j] = next[j] || cur[j + 1]
                } else if xi == seg {
                    cur[j] = next[j] || (yj != slash && yj != colon && cur[j + 1])
                } else if yj == star {
                    cur[j] = cur[j + 1] || next[j]
                } else if yj == seg {
                    cur[j] = cur[j + 1] || (xi != slash && xi != colon && next[j])
                } else {
                    cur[j] = (xi == question || yj == question || xi == yj) && next[j + 1]
                }
                j -= 1
            }
            swap(&cur, &next)
            i -= 1
        }
        return next[0]
    }

    /// Whether every string `inner` can match is matched by `outer`. Sufficient test: `outer`
    /// matches `inner` read literally (a `*` in `inner` is matched by a `*` run in `outer`), with
    /// a `*` in `inner` only accepted when `outer` has one too.
    static func covers(_ outer: String, _ inner: String) -> Bool {
        if outer == "*" || outer == inner { return true }
        let innerHasStar = inner.utf8.contains(0x2A)
        if innerHasStar && !outer.utf8.contains(0x2A) { return false }
        return Wildcard.matches(outer, inner)
    }
}
