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

    /// Parses without keeping the path of the value being read (nothing is built per member);
    /// on an error the input is parsed again keeping it, which fails at the same place with the
    /// same message and names the path.
    static func parse(buffer buf: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        do { return try run(buf, trackingPath: false) } catch {
            do { _ = try run(buf, trackingPath: true) } catch let tracked { throw tracked }
            throw error
        }
    }

    private static func run(_ buf: UnsafeBufferPointer<UInt8>, trackingPath: Bool) throws(JSONParseError) -> JSONValue {
        guard let base = buf.baseAddress, !buf.isEmpty else {
            throw JSONParseError(message: "the file is empty; expected a JSON value", line: 1, column: 1, path: .root)
        }
        var p = Parser(bytes: base, count: buf.count, trackingPath: trackingPath)
        defer { p.release() }
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
    /// The input: every read is guarded by `pos < count` (or `pos + 8 <= count` for a word).
    let bytes: UnsafePointer<UInt8>
    let count: Int
    var pos = 0
    var depth = 0
    let trackingPath: Bool
    /// The path of the value being read, kept only when `trackingPath` is set.
    var path: [JSONPath.Component] = []
    /// The members of the objects and the items of the arrays being read.
    var members = Stack<JSONMember>()
    var items = Stack<JSONValue>()
    var names = NameTable()

    init(bytes: UnsafePointer<UInt8>, count: Int, trackingPath: Bool) {
        self.bytes = bytes
        self.count = count
        self.trackingPath = trackingPath
    }

    func release() {
        members.release()
        items.release()
    }

    func error(_ message: String) -> JSONParseError {
        var line = 1, col = 1
        var i = 0
        let end = min(pos, count)
        while i < end {
            if bytes[i] == 0x0A { line += 1; col = 1 } else if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return JSONParseError(message: message, line: line, column: col, path: JSONPath(path))
    }

    /// Eight input bytes from `i`, the byte at `i` lowest (the caller checks `i + 8 <= count`).
    @inline(__always) func word(_ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(fromByteOffset: i, as: UInt64.self))
    }

    /// For eight string bytes, the high bit of each byte that ends the fast scan (`"`, `\` or a
    /// control character), by the zero-byte and less-than tests of "Bit Twiddling Hacks": a byte
    /// above a match may be marked too, but the lowest mark is always the first match.
    @inline(__always) static func stops(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let q = w ^ (ones &* 0x22)
        let b = w ^ (ones &* 0x5C)
        let quote = (q &- ones) & ~q & high
        let backslash = (b &- ones) & ~b & high
        let control = (w &- ones &* 0x20) & ~w & high
        return quote | backslash | control
    }

    /// The index of the first byte from `i` that ends a string's fast scan, or where eight-byte
    /// words run out (the byte loops go on from there).
    @inline(__always) func scanString(from i: Int) -> Int {
        var i = i
        while i &+ 8 <= count {
            let m = Self.stops(word(i))
            if m != 0 { return i &+ m.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        return i
    }

    mutating func skipWhitespace() {
        while pos < count {
            let c = bytes[pos]
            if c == 0x20 || c == 0x09 || c == 0x0D { pos &+= 1; continue }
            if c == 0x0A {
                pos &+= 1
                // The indentation of pretty-printed files (the CLI's default), eight bytes at a time.
                while pos &+ 8 <= count {
                    let notSpace = word(pos) ^ 0x2020_2020_2020_2020
                    if notSpace != 0 { pos &+= notSpace.trailingZeroBitCount &>> 3; break }
                    pos &+= 8
                }
                continue
            }
            break
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard pos < count else { throw error("unexpected end of input (truncated file?); expected a value") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default:
            throw error("unexpected character '\(printable(bytes[pos]))'; expected a value")
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
            if pos + i >= count || bytes[pos + i] != p[i] {
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
        if pos < count, bytes[pos] == UInt8(ascii: "}") { pos += 1; depth -= 1; return .object([]) }
        let first = members.count
        while true {
            skipWhitespace()
            guard pos < count else { throw error("unexpected end of input inside an object (truncated file?)") }
            guard bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a member name in double quotes") }
            let key = try parseName()
            skipWhitespace()
            guard pos < count, bytes[pos] == UInt8(ascii: ":") else {
                throw error(pos < count ? "expected ':' after member name \"\(key)\"" : "unexpected end of input (truncated file?)")
            }
            pos += 1
            skipWhitespace()
            if trackingPath { path.append(.key(key)) }
            let v = try parseValue()
            if trackingPath { path.removeLast() }
            members.push(JSONMember(key, v))
            skipWhitespace()
            guard pos < count else { throw error("unexpected end of input inside an object (truncated file?)") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; break }
            throw error("expected ',' or '}' after an object member")
        }
        depth -= 1
        return .object(members.popArray(from: first))
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        depth += 1
        if depth > 512 { throw error("nesting deeper than 512 levels") }
        pos += 1
        skipWhitespace()
        if pos < count, bytes[pos] == UInt8(ascii: "]") { pos += 1; depth -= 1; return .array([]) }
        let first = items.count
        while true {
            skipWhitespace()
            if trackingPath { path.append(.index(items.count - first)) }
            let v = try parseValue()
            if trackingPath { path.removeLast() }
            items.push(v)
            skipWhitespace()
            guard pos < count else { throw error("unexpected end of input inside an array (truncated file?)") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; break }
            throw error("expected ',' or ']' after an array element")
        }
        depth -= 1
        return .array(items.popArray(from: first))
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = pos
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        guard pos < count, isDigit(bytes[pos]) else { throw error("invalid number") }
        if bytes[pos] == UInt8(ascii: "0") { pos += 1 } else { while pos < count, isDigit(bytes[pos]) { pos += 1 } }
        if pos < count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < count, isDigit(bytes[pos]) else { throw error("invalid number: digits expected after '.'") }
            while pos < count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < count, isDigit(bytes[pos]) else { throw error("invalid number: digits expected in exponent") }
            while pos < count, isDigit(bytes[pos]) { pos += 1 }
        }
        return .number(String(decoding: UnsafeBufferPointer(start: bytes + start, count: pos - start), as: UTF8.self))
    }

    /// A member name: the same few names repeat through a file, so names without escapes are
    /// looked up in `names` (one string shared by every occurrence) instead of decoded each time.
    mutating func parseName() throws(JSONParseError) -> String {
        let start = pos + 1
        var i = scanString(from: start)
        while i < count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                pos = i + 1
                return names.intern(bytes + start, count: i - start)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { break }
            i += 1
        }
        // Escapes, a control character or the end of the input: the general path (and its errors).
        return try parseString()
    }

    mutating func parseString() throws(JSONParseError) -> String {
        pos += 1  // opening quote
        let start = pos
        // Fast path: no escapes; eight bytes at a time while none can end the string.
        pos = scanString(from: pos)
        while pos < count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(start: bytes + start, count: pos - start), as: UTF8.self)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character inside a string; strings must escape it") }
            pos += 1
        }
        var out = Array(UnsafeBufferPointer(start: bytes + start, count: pos - start))
        while pos < count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character inside a string; strings must escape it") }
            if c == UInt8(ascii: "\\") {
                pos += 1
                guard pos < count else { break }
                let e = bytes[pos]
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
                        if pos + 1 < count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
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
        guard pos + 4 <= count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[pos]
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

/// The values of the containers being read, in memory managed by hand: a finished container's
/// values are moved (not copied, retained and released) into an array of its exact size.
/// `release()` must be called once, when parsing ends (it destroys what an error left behind).
private struct Stack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    mutating func push(_ e: __owned Element) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: e)
        count += 1
    }

    /// Moves the values from index `first` to the top into a new array.
    mutating func popArray(from first: Int) -> [Element] {
        var array: [Element] = []
        array.reserveCapacity(count - first)
        for i in first..<count { array.append((base + i).move()) }
        count = first
        return array
    }

    func release() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

/// Member names longer than a small string, shared between occurrences: a direct-mapped table
/// keyed by the length and the first and last eight bytes (a collision replaces the entry),
/// enough for the few dozen names of a CLI output. Names of up to 15 bytes are Swift small
/// strings, which cost no allocation: those are simply decoded.
private struct NameTable {
    static let size = 256
    var slots: [String?] = []

    mutating func intern(_ start: UnsafePointer<UInt8>, count n: Int) -> String {
        let bytes = UnsafeBufferPointer(start: start, count: n)
        if n <= 15 { return String(decoding: bytes, as: UTF8.self) }
        let raw = UnsafeRawPointer(start)
        let head = raw.loadUnaligned(as: UInt64.self), tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        var h = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(n)
        h ^= h >> 29
        let i = Int(truncatingIfNeeded: h) & (Self.size - 1)
        if slots.isEmpty { slots = [String?](repeating: nil, count: Self.size) }
        if let known = slots[i], known.utf8.withContiguousStorageIfAvailable({ Self.equal($0, bytes) }) == true {
            return known
        }
        let s = String(decoding: bytes, as: UTF8.self)
        slots[i] = s
        return s
    }

    /// Byte equality of two buffers of at least eight bytes, a word at a time.
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = a.count
        guard n == b.count, n >= 8, let pa = a.baseAddress, let pb = b.baseAddress else { return a.elementsEqual(b) }
        let ra = UnsafeRawPointer(pa), rb = UnsafeRawPointer(pb)
        var i = 0
        while i + 8 <= n {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        return ra.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }
}
