/// Words searchable by case-insensitive prefix in O(log n): the vocabulary of completion
/// (thousands of actions, tens of thousands of principal names).
public struct SortedWords: Sendable {
    private var keys: [String] = []      // lowercased, sorted
    private var words: [String] = []     // original spelling, same order

    public init(_ items: [String]) {
        var seen = Set<String>()
        let pairs = items.compactMap { w -> (String, String)? in seen.insert(w).inserted ? (w.lowercased(), w) : nil }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        keys = pairs.map(\.0)
        words = pairs.map(\.1)
    }

    public var count: Int { words.count }

    /// Words starting with `prefix` (ignoring case), in order, at most `limit`.
    public func withPrefix(_ prefix: String, limit: Int = 1000) -> [String] {
        let p = prefix.lowercased()
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < p { lo = mid + 1 } else { hi = mid }
        }
        var out: [String] = []
        var i = lo
        while i < keys.count, keys[i].hasPrefix(p), out.count < limit {
            out.append(words[i])
            i += 1
        }
        return out
    }
}
