/// One word of a command line, after quote removal.
public struct Word: Sendable, Hashable {
    /// The text with quotes removed and escapes applied.
    public var text: String
    /// True when any part was quoted: a quoted `"--x"` is an argument, never an option.
    public var quoted: Bool
    /// UTF-8 offsets of the word in the line, quotes included.
    public var start: Int
    public var end: Int
    /// False when the line ended inside this word's quotes (an error for execution, normal while completing).
    public var terminated: Bool
}

public struct LexError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Splits a line into words, shell style: whitespace separates words; `'…'` quotes literally;
/// `"…"` quotes with the escapes `\"`, `\\`, `\n`, `\t`; outside quotes a backslash escapes the next
/// character; adjacent quoted and unquoted parts join into one word (`role/"my role"`).
public enum Lexer {
    /// Words for execution; throws on an unterminated quote.
    public static func words(_ line: String) throws(LexError) -> [Word] {
        let ws = scan(line)
        if let bad = ws.last, !bad.terminated {
            throw LexError(message: "unterminated quoted string starting at column \(bad.start + 1)")
        }
        return ws
    }

    /// Words for completion: never fails; the last word may be unterminated.
    public static func scan(_ line: String) -> [Word] {
        let b = Array(line.utf8)
        var words: [Word] = []
        var i = 0
        while i < b.count {
            while i < b.count, isSpace(b[i]) { i += 1 }
            if i >= b.count { break }
            let start = i
            var text: [UInt8] = []
            var quoted = false
            var terminated = true
            wordLoop: while i < b.count, !isSpace(b[i]) {
                let c = b[i]
                switch c {
                case UInt8(ascii: "'"):
                    quoted = true
                    i += 1
                    var closed = false
                    while i < b.count {
                        if b[i] == UInt8(ascii: "'") { closed = true; i += 1; break }
                        text.append(b[i]); i += 1
                    }
                    if !closed { terminated = false; break wordLoop }
                case UInt8(ascii: "\""):
                    quoted = true
                    i += 1
                    var closed = false
                    while i < b.count {
                        let d = b[i]
                        if d == UInt8(ascii: "\"") { closed = true; i += 1; break }
                        if d == UInt8(ascii: "\\"), i + 1 < b.count {
                            let e = b[i + 1]
                            switch e {
                            case UInt8(ascii: "n"): text.append(10)
                            case UInt8(ascii: "t"): text.append(9)
                            case UInt8(ascii: "\""), UInt8(ascii: "\\"): text.append(e)
                            default: text.append(d); text.append(e)
                            }
                            i += 2
                            continue
                        }
                        text.append(d); i += 1
                    }
                    if !closed { terminated = false; break wordLoop }
                case UInt8(ascii: "\\"):
                    if i + 1 < b.count { text.append(b[i + 1]); i += 2 } else { text.append(c); i += 1 }
                default:
                    text.append(c); i += 1
                }
            }
            words.append(Word(text: String(decoding: text, as: UTF8.self), quoted: quoted, start: start, end: i, terminated: terminated))
        }
        return words
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12 }

    /// Quotes a word so that `scan` gives it back unchanged (for completion and suggestions).
    public static func quoteIfNeeded(_ s: String) -> String {
        let special = s.isEmpty || s.utf8.contains { isSpace($0) || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard special else { return s }
        if !s.contains("'") { return "'" + s + "'" }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
