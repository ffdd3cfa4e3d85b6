/// Serialises JSON values: compact (for SQLite columns) or indented (for people).
/// Output is built as UTF-8 bytes and decoded once: appending to a `String` piece by piece is
/// the slowest part of writing hundreds of thousands of documents.
public enum JSONWriter {
    public static func compact(_ v: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(v, into: &out, indent: nil, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    public static func pretty(_ v: JSONValue, indent: Int = 2) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(v, into: &out, indent: indent, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        writeString(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 of `v` to `out` (compact when `indent` is nil): for callers that bind
    /// the bytes directly (SQLite) or write many documents into one buffer.
    public static func write(_ v: JSONValue, into out: inout [UInt8], indent: Int? = nil) {
        write(v, into: &out, indent: indent, level: 0)
    }

    /// Appends `s` as a JSON string literal to `out`.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                // Everything but `"`, `\` and control characters is written as it is (UTF-8 included).
                if b >= 0x20 && b != 0x22 && b != 0x5C { i += 1; continue }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                out.append(0x5C)
                switch b {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    // Other control characters as \u00XX, lowercase hex.
                    out.append(UInt8(ascii: "u")); out.append(0x30); out.append(0x30)
                    out.append(hexDigit(b >> 4)); out.append(hexDigit(b & 0x0F))
                }
                i += 1
                runStart = i
            }
            if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
        }
        out.append(0x22)
    }

    static func hexDigit(_ d: UInt8) -> UInt8 { d < 10 ? 0x30 + d : 0x61 + d - 10 }

    static func write(_ v: JSONValue, into out: inout [UInt8], indent: Int?, level: Int) {
        switch v {
        case .null: append("null", to: &out)
        case .bool(let b): append(b ? "true" : "false", to: &out)
        case .number(let n): append(n, to: &out)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append(0x5B); out.append(0x5D); return }
            out.append(0x5B)
            var first = true
            for item in items {
                if !first { out.append(0x2C) }
                first = false
                newline(&out, indent, level + 1)
                write(item, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out.append(0x5D)
        case .object(let members):
            if members.isEmpty { out.append(0x7B); out.append(0x7D); return }
            out.append(0x7B)
            var first = true
            for m in members {
                if !first { out.append(0x2C) }
                first = false
                newline(&out, indent, level + 1)
                writeString(m.key, into: &out)
                out.append(0x3A)
                if indent != nil { out.append(0x20) }
                write(m.value, into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out.append(0x7D)
        }
    }

    static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    static func newline(_ out: inout [UInt8], _ indent: Int?, _ level: Int) {
        guard let indent else { return }
        out.append(0x0A)
        let spaces = indent * level
        if spaces > 0 { out.append(contentsOf: repeatElement(0x20, count: spaces)) }
    }
}
