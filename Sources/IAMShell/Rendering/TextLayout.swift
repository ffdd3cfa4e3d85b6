/// Measuring and wrapping cell text for the grid modes.
enum TextLayout {
    /// Columns a string occupies on a terminal: wide East Asian characters and most emoji take two,
    /// combining marks none.
    static func width(_ s: Substring) -> Int {
        var w = 0
        for scalar in s.unicodeScalars { w += width(scalar) }
        return w
    }

    static func width(_ s: String) -> Int { width(s[...]) }

    static func width(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x300 { return 1 }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Splits a cell into display lines, replacing control characters so that data can never move
    /// the cursor or inject terminal escapes (tabs become a space, others `?`).
    static func lines(_ s: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var lastWasCR = false
        for u in s.unicodeScalars {
            if u == "\n" {
                if !lastWasCR { out.append(String(current)); current = .init() }
                lastWasCR = false
                continue
            }
            lastWasCR = false
            if u == "\r" { out.append(String(current)); current = .init(); lastWasCR = true; continue }
            if u == "\t" { current.append(" "); continue }
            if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) { current.append("?"); continue }
            current.append(u)
        }
        out.append(String(current))
        return out
    }

    /// Wraps one line to `limit` columns, preferring to break after a space in the second half of
    /// the window, else after a comma, slash, colon, hyphen, underscore or dot (ARNs break at their separators).
    static func wrap(_ line: String, to limit: Int) -> [String] {
        let limit = max(1, limit)
        if width(line) <= limit { return [line] }
        var result: [String] = []
        var rest = Substring(line)
        while width(rest) > limit {
            // Find the largest prefix that fits.
            var end = rest.startIndex
            var w = 0
            var lastSpace: String.Index?
            var lastSeparator: String.Index?
            var idx = rest.startIndex
            while idx < rest.endIndex {
                let ch = rest[idx]
                let cw = ch.unicodeScalars.reduce(0) { $0 + width($1) }
                if w + cw > limit { break }
                w += cw
                idx = rest.index(after: idx)
                end = idx
                if w * 2 >= limit {
                    if ch == " " { lastSpace = idx } else if ",/:-;|_.".contains(ch) { lastSeparator = idx }
                }
            }
            if end == rest.startIndex { end = rest.index(after: rest.startIndex) }  // a character wider than the column
            let cut = lastSpace ?? lastSeparator ?? end
            var piece = rest[rest.startIndex..<cut]
            while piece.last == " " { piece = piece.dropLast() }
            result.append(String(piece))
            rest = rest[cut...]
            while rest.first == " " { rest = rest.dropFirst() }
        }
        if !rest.isEmpty || result.isEmpty { result.append(String(rest)) }
        return result
    }

    static func pad(_ s: String, to w: Int, right: Bool) -> String {
        let gap = max(0, w - width(s))
        if gap == 0 { return s }
        let spaces = String(repeating: " ", count: gap)
        return right ? spaces + s : s + spaces
    }
}
