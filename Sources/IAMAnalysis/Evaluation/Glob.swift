/// Byte-level IAM globs for the solver's hot paths: `*` any run (also empty), `?` exactly one
/// character, everything else literal. Callers lowercase both sides when matching actions.
enum Glob {
    static let star = UInt8(ascii: "*")
    static let question = UInt8(ascii: "?")
    /// Catalog-side token: any run of characters other than `/` and `:` (a bucket name, a region).
    static let segmentStar: UInt8 = 0x01

    /// Glob match with a single backtrack point (linear in practice).
    static func match(_ p: [UInt8], _ v: [UInt8]) -> Bool {
        var pi = 0, vi = 0
        var starAt = -1, mark = 0
        let pc = p.count, vc = v.count
        while vi < vc {
            if pi < pc, p[pi] != star, p[pi] == question || p[pi] == v[vi] {
                pi += 1; vi += 1
            } else if pi < pc, p[pi] == star {
                starAt = pi; mark = vi; pi += 1
            } else if starAt >= 0 {
                pi = starAt + 1; mark += 1; vi = mark
            } else {
                return false
            }
        }
        while pi < pc, p[pi] == star { pi += 1 }
        return pi == pc
    }

    /// Whether two globs can match a common string (reachability in the product of their automata).
    /// `a` may also hold `segmentStar` tokens.
    static func overlaps(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let n = a.count, m = b.count
        var seen = [Bool](repeating: false, count: (n + 1) * (m + 1))
        var stack: [(Int, Int)] = [(0, 0)]
        while let (i, j) = stack.popLast() {
            let k = i * (m + 1) + j
            if seen[k] { continue }
            seen[k] = true
            if i == n && j == m { return true }
            // A star may match nothing.
            if i < n, a[i] == star || a[i] == segmentStar { stack.append((i + 1, j)) }
            if j < m, b[j] == star { stack.append((i, j + 1)) }
            // Both consume one character.
            guard i < n, j < m else { continue }
            let ca = a[i], cb = b[j]
            let aAny = ca == star || ca == question
            let bAny = cb == star || cb == question
            let compatible: Bool
            if ca == segmentStar {
                compatible = bAny || (cb != UInt8(ascii: "/") && cb != UInt8(ascii: ":"))
            } else {
                compatible = aAny || bAny || ca == cb
            }
            guard compatible else { continue }
            let ni = (ca == star || ca == segmentStar) ? i : i + 1
            let nj = cb == star ? j : j + 1
            stack.append((ni, nj))
        }
        return false
    }

    static func lowerBytes(_ s: String) -> [UInt8] {
        var out = Array(s.utf8)
        for i in out.indices where out[i] >= 65 && out[i] <= 90 { out[i] += 32 }
        return out
    }
}
