/// "Did you mean …?": the nearest known word by edit distance.
public enum Suggest {
    /// The closest candidate within a distance that still looks like a typo (a third of the word,
    /// at least 1, at most 3), or one that starts with the word; nil otherwise.
    public static func nearest(_ word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        guard !w.isEmpty else { return nil }
        let limit = min(3, max(1, w.count / 3))
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, c.lowercased())
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (c, d) }
        }
        if let best { return best.0 }
        return candidates.filter { $0.lowercased().hasPrefix(w) }.min { $0.count < $1.count }
    }

    /// Damerau-Levenshtein (optimal string alignment) distance: a swapped pair counts as one typo.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev2 = [Int](repeating: 0, count: y.count + 1)
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { cur[j] = min(cur[j], prev2[j - 2] + 1) }
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[y.count]
    }
}
