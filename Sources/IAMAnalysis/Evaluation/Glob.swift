/// Byte-level IAM globs for the solver's hot paths: `*` any run (also empty), `?` exactly one
/// character, everything else literal. Callers lowercase both sides when matching actions.
enum Glob {
    static let star = UInt8(ascii: "*")
    static let question = UInt8(ascii: "?")

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

    static func lowerBytes(_ s: String) -> [UInt8] {
        var out = Array(s.utf8)
        for i in out.indices where out[i] >= 65 && out[i] <= 90 { out[i] += 32 }
        return out
    }
}
