/// A strict RFC 8259 parser that reports where it failed (line, column and the JSON path of the
/// value being read), so that a truncated export says *where* it is truncated.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public var path: JSONPath
    public var description: String { "line \(line), column \(column) (at \(path)): \(message)" }
}

public enum JSONParser {
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        // String.withUTF8 rethrows untyped errors: carry the result out instead.
        var text = text
        let result = text.withUTF8 { buf -> Result<JSONValue, JSONParseError> in
            do throws(JSONParseError) { return .success(try parse(buffer: buf)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    public static func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        return try bytes.withUnsafeBufferPointer { (buf) throws(JSONParseError) -> JSONValue in try parse(buffer: buf) }
    }

    static func parse(buffer buf: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var p = Parser(buf: buf)
        // Skip a UTF-8 byte-order mark: some Windows tools write one.
        if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { p.pos = 3 }
        p.skipWhitespace()
        if p.pos >= buf.count { throw p.error("the file is empty; expected a JSON value") }
        let v = try p.parseValue()
        p.skipWhitespace()
        if p.pos < buf.count { throw p.error("unexpected text after the end of the JSON value") }
        return v
    }
}

private struct Parser {
    let buf: UnsafeBufferPointer<UInt8>
    var pos = 0
    /// The path of the value being read, kept as numbers so that nothing is built for documents
    /// without errors: an array index (≥ 0), or `-1 - offset` of a member name's opening quote
    /// (the name is decoded again only when an error reports the path).
    var path: [Int] = []
    var depth = 0
    /// The members of the objects and the items of the arrays being read, gathered here and
    /// copied once into a value of the final size (instead of growing each array step by step).
    var memberStack: [JSONMember] = []
    var itemStack: [JSONValue] = []
    var names = NameTable()

    init(buf: UnsafeBufferPointer<UInt8>) { self.buf = buf }

    func error(_ message: String) -> JSONParseError {
        var line = 1, col = 1
        var i = 0
        let end = min(pos, buf.count)
        while i < end {
            if buf[i] == 0x0A { line += 1; col = 1 } else if buf[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return JSONParseError(message: message, line: line, column: col, path: JSONPath(path.map(component)))
    }

    /// A path entry as a component: member names are read again from the input.
    func component(_ code: Int) -> JSONPath.Component {
        if code >= 0 { return .index(code) }
        var p = Parser(buf: buf)
        p.pos = -1 - code
        return .key((try? p.parseString()) ?? "")
    }

    mutating func skipWhitespace() {
        while pos < buf.count {
            let c = buf[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { break }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard pos < buf.count else { throw error("unexpected end of input (truncated file?); expected a value") }
        switch buf[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default:
            throw error("unexpected character '\(printable(buf[pos]))'; expected a value")
        }
    }

    func printable(_ c: UInt8) -> String {
        if c >= 0x20 && c < 0x7F { return String(UnicodeScalar(c)) }
        let h = String(c, radix: 16, uppercase: true)
        return "\\x" + (h.count == 1 ? "0" + h : h)
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        let p = word.utf8Start
        for i in 0..<n {
            if pos + i >= buf.count || buf[pos + i] != p[i] {
                throw error("invalid literal; expected '\(word)'")
            }
        }
        pos += n
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        depth += 1
        if depth > 512 { throw error("nesting deeper than 512 levels") }
        pos += 1
        skipWhitespace()
        if pos < buf.count, buf[pos] == UInt8(ascii: "}") { pos += 1; depth -= 1; return .object([]) }
        let base = memberStack.count
        while true {
            skipWhitespace()
            guard pos < buf.count else { throw error("unexpected end of input inside an object (truncated file?)") }
            guard buf[pos] == UInt8(ascii: "\"") else { throw error("expected a member name in double quotes") }
            let keyStart = pos
            let key = try parseName()
            skipWhitespace()
            guard pos < buf.count, buf[pos] == UInt8(ascii: ":") else {
                throw error(pos < buf.count ? "expected ':' after member name \"\(key)\"" : "unexpected end of input (truncated file?)")
            }
            pos += 1
            skipWhitespace()
            path.append(-1 - keyStart)
            let v = try parseValue()
            path.removeLast()
            memberStack.append(JSONMember(key, v))
            skipWhitespace()
            guard pos < buf.count else { throw error("unexpected end of input inside an object (truncated file?)") }
            if buf[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if buf[pos] == UInt8(ascii: "}") { pos += 1; break }
            throw error("expected ',' or '}' after an object member")
        }
        let members = Array(memberStack[base...])
        memberStack.removeSubrange(base...)
        depth -= 1
        return .object(members)
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        depth += 1
        if depth > 512 { throw error("nesting deeper than 512 levels") }
        pos += 1
        skipWhitespace()
        if pos < buf.count, buf[pos] == UInt8(ascii: "]") { pos += 1; depth -= 1; return .array([]) }
        let base = itemStack.count
        while true {
            skipWhitespace()
            path.append(itemStack.count - base)
            let v = try parseValue()
            path.removeLast()
            itemStack.append(v)
            skipWhitespace()
            guard pos < buf.count else { throw error("unexpected end of input inside an array (truncated file?)") }
            if buf[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if buf[pos] == UInt8(ascii: "]") { pos += 1; break }
            throw error("expected ',' or ']' after an array element")
        }
        let items = Array(itemStack[base...])
        itemStack.removeSubrange(base...)
        depth -= 1
        return .array(items)
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = pos
        if buf[pos] == UInt8(ascii: "-") { pos += 1 }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        guard pos < buf.count, isDigit(buf[pos]) else { throw error("invalid number") }
        if buf[pos] == UInt8(ascii: "0") { pos += 1 } else { while pos < buf.count, isDigit(buf[pos]) { pos += 1 } }
        if pos < buf.count, buf[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < buf.count, isDigit(buf[pos]) else { throw error("invalid number: digits expected after '.'") }
            while pos < buf.count, isDigit(buf[pos]) { pos += 1 }
        }
        if pos < buf.count, buf[pos] == UInt8(ascii: "e") || buf[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < buf.count, buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < buf.count, isDigit(buf[pos]) else { throw error("invalid number: digits expected in exponent") }
            while pos < buf.count, isDigit(buf[pos]) { pos += 1 }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self))
    }

    /// A member name: the same few names repeat through a file, so names without escapes are
    /// looked up in `names` (one string shared by every occurrence) instead of decoded each time.
    mutating func parseName() throws(JSONParseError) -> String {
        let start = pos + 1
        var i = start
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        while i < buf.count {
            let c = buf[i]
            if c == UInt8(ascii: "\"") {
                pos = i + 1
                return names.intern(UnsafeBufferPointer(rebasing: buf[start..<i]), hash: hash)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { break }
            hash = (hash ^ UInt32(c)) &* 16_777_619
            i += 1
        }
        // Escapes, a control character or the end of the input: the general path (and its errors).
        return try parseString()
    }

    mutating func parseString() throws(JSONParseError) -> String {
        pos += 1  // opening quote
        let start = pos
        // Fast path: no escapes.
        while pos < buf.count {
            let c = buf[pos]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character inside a string; strings must escape it") }
            pos += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: buf[start..<pos]))
        while pos < buf.count {
            let c = buf[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character inside a string; strings must escape it") }
            if c == UInt8(ascii: "\\") {
                pos += 1
                guard pos < buf.count else { break }
                let e = buf[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // Surrogate pair.
                        if pos + 1 < buf.count, buf[pos] == UInt8(ascii: "\\"), buf[pos + 1] == UInt8(ascii: "u") {
                            pos += 2
                            let low = try hex4()
                            guard low >= 0xDC00 && low < 0xE000 else { throw error("invalid surrogate pair in \\u escape") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            throw error("lone surrogate in \\u escape")
                        }
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                    UTF8.encode(u) { out.append($0) }
                default:
                    pos -= 1
                    throw error("invalid escape '\\\(printable(e))' in a string")
                }
            } else {
                out.append(c)
                pos += 1
            }
        }
        throw error("unexpected end of input inside a string (truncated file?)")
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard pos + 4 <= buf.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = buf[pos]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }
}

/// Member names seen in one parse, by a hash of their bytes: a small direct-mapped table (a
/// collision replaces the entry), enough for the few dozen names of a CLI output. Names of up
/// to 15 bytes are Swift small strings, which cost no allocation: those are simply decoded.
private struct NameTable {
    static let size = 256
    var slots: [String?] = []

    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> String {
        if bytes.count <= 15 { return String(decoding: bytes, as: UTF8.self) }
        if slots.isEmpty { slots = [String?](repeating: nil, count: Self.size) }
        let i = Int(hash) & (Self.size - 1)
        if var known = slots[i], known.withUTF8({ $0.elementsEqual(bytes) }) { return known }
        let s = String(decoding: bytes, as: UTF8.self)
        slots[i] = s
        return s
    }
}
