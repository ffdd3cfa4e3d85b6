/// IAM wildcard matching: `*` matches any run of characters (also empty), `?` exactly one;
/// every other character matches only itself (so `+`, `=`, `,`, `.`, `@`, `-` are literal).
///
/// Matching works on UTF-8 bytes with the wildcards encoded out of band (`GlobOps`), so a literal
/// `*` or `?` produced by the policy variables `${*}` / `${?}` can never act as a wildcard.
public enum Wildcard {
    /// Glob match. Case-sensitive unless `caseInsensitive` (actions are matched ignoring case).
    public static func matches(_ pattern: String, _ value: String, caseInsensitive: Bool = false) -> Bool {
        compiled(pattern, caseInsensitive: caseInsensitive).matches(value)
    }

    /// Action match: `service:Action` patterns, case-insensitive, with `*` and `?` (IAM action names
    /// and service prefixes are case-insensitive).
    public static func matchesAction(_ pattern: String, _ action: String) -> Bool {
        compiled(pattern, caseInsensitive: true).matches(action)
    }

    private struct CacheKey: Hashable { let pattern: String; let caseInsensitive: Bool }
    private static let cache = PatternCache<CacheKey, GlobPattern>()

    static func compiled(_ pattern: String, caseInsensitive: Bool) -> GlobPattern {
        if pattern == "*" { return GlobPattern.everything }
        return cache.value(for: CacheKey(pattern: pattern, caseInsensitive: caseInsensitive)) {
            GlobPattern(pattern, caseInsensitive: caseInsensitive)
        }
    }

    public static func hasWildcard(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
    }
}

/// Glob programs: UTF-8 bytes (0...255) plus the out-of-band wildcard codes.
enum GlobOps {
    static let star: UInt16 = 0x100
    static let one: UInt16 = 0x101
    /// A run of characters without `/` (catalog placeholders such as `${BucketName}`; never in policies).
    static let segmentStar: UInt16 = 0x103

    @inline(__always) static func isStar(_ op: UInt16) -> Bool { op == star || op == segmentStar }

    /// Compiles text where `*` and `?` are wildcards.
    static func compile(_ text: String, foldCase: Bool) -> [UInt16] {
        var ops: [UInt16] = []
        ops.reserveCapacity(text.utf8.count)
        appendPattern(text, foldCase: foldCase, to: &ops)
        return ops
    }

    static func appendPattern(_ text: String, foldCase: Bool, to ops: inout [UInt16]) {
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "*"):
                // Consecutive stars are one star: keeps backtracking linear.
                if ops.last != star { ops.append(star) }
            case UInt8(ascii: "?"): ops.append(one)
            default: ops.append(UInt16(foldCase ? lower(b) : b))
            }
        }
    }

    /// Appends text whose every character is literal (substituted values, `${*}`).
    static func appendLiteral(_ text: String, foldCase: Bool, to ops: inout [UInt16]) {
        for b in text.utf8 { ops.append(UInt16(foldCase ? lower(b) : b)) }
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }

    @inline(__always) static func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }

    /// Iterative glob with a single backtrack point: O(n·m) worst case, no recursion.
    /// `?` consumes one whole UTF-8 scalar; the star's restart point also moves by scalars.
    static func match(_ ops: UnsafeBufferPointer<UInt16>, _ v: UnsafeBufferPointer<UInt8>,
                      from start: Int, to end: Int, foldCase: Bool) -> Bool {
        let n = ops.count
        var pi = 0, vi = start
        var starAt = -1, mark = start
        while vi < end {
            if pi < n {
                let op = ops[pi]
                if op == star {
                    starAt = pi; pi += 1; mark = vi
                    continue
                }
                if op == one {
                    pi += 1; vi += 1
                    while vi < end, isContinuation(v[vi]) { vi += 1 }
                    continue
                }
                let b = foldCase ? lower(v[vi]) : v[vi]
                if op == UInt16(b) { pi += 1; vi += 1; continue }
            }
            guard starAt >= 0 else { return false }
            pi = starAt + 1
            mark += 1
            while mark < end, isContinuation(v[mark]) { mark += 1 }
            vi = mark
        }
        while pi < n, ops[pi] == star { pi += 1 }
        return pi == n
    }

    /// Whether two glob programs can match a common string (used to decide whether a statement's
    /// resource pattern can name an action's resource type). Reachability over position pairs:
    /// every step moves forward, so one pass in increasing order suffices.
    static func intersect(_ a: [UInt16], _ b: [UInt16]) -> Bool {
        let n = a.count, m = b.count
        var reach = [Bool](repeating: false, count: (n + 1) * (m + 1))
        @inline(__always) func idx(_ i: Int, _ j: Int) -> Int { i * (m + 1) + j }
        reach[0] = true
        for i in 0...n {
            for j in 0...m where reach[idx(i, j)] {
                // A star may produce nothing.
                if i < n, isStar(a[i]) { reach[idx(i + 1, j)] = true }
                if j < m, isStar(b[j]) { reach[idx(i, j + 1)] = true }
                guard i < n, j < m, shareCharacter(a[i], b[j]) else { continue }
                // Both produce one common character; a star stays to produce more. (Two stars
                // staying is a self-loop, already covered by skipping.)
                let ni = isStar(a[i]) ? i : i + 1, nj = isStar(b[j]) ? j : j + 1
                if ni != i || nj != j { reach[idx(ni, nj)] = true }
            }
        }
        return reach[idx(n, m)]
    }

    /// Whether two single-character producers (a literal byte, `?`, a star) share a character.
    private static func shareCharacter(_ x: UInt16, _ y: UInt16) -> Bool {
        let slash = UInt16(UInt8(ascii: "/"))
        func accepts(_ op: UInt16, _ lit: UInt16) -> Bool {
            op == star || op == one || (op == segmentStar && lit != slash) || op == lit
        }
        if x < star { return accepts(y, x) }
        if y < star { return accepts(x, y) }
        return true
    }

    /// NFA matching for programs holding `segmentStar` (catalog ARN patterns, at most 63 ops):
    /// the set of live pattern positions is a bit mask. `?` consumes one byte here.
    static func matchNFA(_ ops: UnsafeBufferPointer<UInt16>, _ v: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        let n = ops.count
        guard n < 64 else {
            // Too long for the mask: read slash-free stars as plain stars (may over-match).
            let plain = ops.map { $0 == segmentStar ? star : $0 }
            return plain.withUnsafeBufferPointer { match($0, v, from: start, to: end, foldCase: false) }
        }
        func closure(_ s: UInt64) -> UInt64 {
            var s = s
            for p in 0..<n where s & (1 << UInt64(p)) != 0 && isStar(ops[p]) { s |= 1 << UInt64(p + 1) }
            return s
        }
        var live = closure(1)
        var vi = start
        while vi < end, live != 0 {
            let b = v[vi]
            var next: UInt64 = 0
            for p in 0..<n where live & (1 << UInt64(p)) != 0 {
                let op = ops[p]
                if op == star || (op == segmentStar && b != UInt8(ascii: "/")) { next |= 1 << UInt64(p) }
                else if op == one || op == UInt16(b) { next |= 1 << UInt64(p + 1) }
            }
            live = closure(next)
            vi += 1
        }
        return live & (1 << UInt64(n)) != 0
    }
}

/// Runs `body` over the UTF-8 bytes of `s` without copying when the string is native.
@inline(__always)
func withUTF8Bytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = s
    return copy.withUTF8(body)
}

/// A compiled glob for one pattern, with fast paths for the shapes that dominate real
/// policies: `*`, no wildcard at all, and a literal prefix followed by one trailing `*`.
public struct GlobPattern: Sendable, Hashable {
    enum Shape: Sendable, Hashable {
        case any
        case exact([UInt8])
        case prefix([UInt8])
        case general([UInt16])
    }

    let shape: Shape
    public let caseInsensitive: Bool
    public let text: String

    public init(_ pattern: String, caseInsensitive: Bool = false) {
        self.init(ops: GlobOps.compile(pattern, foldCase: caseInsensitive), caseInsensitive: caseInsensitive, text: pattern)
    }

    init(ops: [UInt16], caseInsensitive: Bool, text: String) {
        self.caseInsensitive = caseInsensitive
        self.text = text
        self.shape = GlobPattern.shape(of: ops)
    }

    static func shape(of ops: [UInt16]) -> Shape {
        if ops == [GlobOps.star] { return .any }
        let wild = ops.firstIndex { $0 >= GlobOps.star }
        guard let wild else { return .exact(ops.map { UInt8($0) }) }
        if wild == ops.count - 1, ops[wild] == GlobOps.star {
            return .prefix(ops.dropLast().map { UInt8($0) })
        }
        return .general(ops)
    }

    static let everything = GlobPattern("*")

    /// True for the pattern `*`.
    public var matchesEverything: Bool { shape == .any }
    public var hasWildcard: Bool {
        switch shape {
        case .exact: return false
        default: return true
        }
    }

    public func matches(_ value: String) -> Bool {
        switch shape {
        case .any: return true
        case .exact(let lit):
            return withUTF8Bytes(value) { v in
                v.count == lit.count && GlobPattern.equalBytes(lit, v, 0, fold: caseInsensitive)
            }
        case .prefix(let lit):
            return withUTF8Bytes(value) { v in
                v.count >= lit.count && GlobPattern.equalBytes(lit, v, 0, fold: caseInsensitive)
            }
        case .general(let ops):
            return withUTF8Bytes(value) { v in
                ops.withUnsafeBufferPointer { GlobOps.match($0, v, from: 0, to: v.count, foldCase: caseInsensitive) }
            }
        }
    }

    @inline(__always)
    static func equalBytes(_ lit: [UInt8], _ v: UnsafeBufferPointer<UInt8>, _ offset: Int, fold: Bool) -> Bool {
        lit.withUnsafeBufferPointer { l in
            var i = 0
            let n = l.count
            if fold {
                while i < n { if l[i] != GlobOps.lower(v[offset + i]) { return false }; i += 1 }
            } else {
                while i < n { if l[i] != v[offset + i] { return false }; i += 1 }
            }
            return true
        }
    }
}
