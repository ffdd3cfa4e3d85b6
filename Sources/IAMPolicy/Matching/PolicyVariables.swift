import Foundation

/// Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, `${?}`, `${$}`,
/// and defaults such as `${aws:PrincipalTag/team, 'none'}`.
///
/// Rules (IAM User Guide, "Policy variables"): key names are case-insensitive; only single-valued
/// keys substitute (a multi-valued key counts as having no value); a key with no value takes the
/// default when one is given, else the variable has no value — a positive match against it fails,
/// a negated one succeeds, and a Resource containing it matches nothing. `${*}`, `${?}` and `${$}`
/// produce the literal characters, never wildcards. Substituted values are literal text too: a
/// tag value of `*` does not become a wildcard.
public enum PolicyVariables {
    public enum Substitution: Sendable, Hashable {
        /// All variables resolved. `${*}`/`${?}`/`${$}` appear as the literal characters.
        case resolved(String)
        /// A variable has no value and no default: the pattern matches nothing (negated operators: everything).
        case missing(key: String)
        /// A variable's key is unknown in this context: the answer depends on it.
        case unknown(key: String)
    }

    /// One piece of a text that may hold variables.
    public enum Piece: Sendable, Hashable {
        /// Plain text (in glob contexts its `*` and `?` are wildcards).
        case text(String)
        /// `${key}` or `${key, 'default'}`; `raw` is the text as written.
        case variable(key: String, defaultValue: String?, raw: String)
        /// `${*}`, `${?}` or `${$}`: the literal character.
        case literal(String, raw: String)

        /// The text as written in the policy.
        public var raw: String {
            switch self {
            case .text(let s): return s
            case .variable(_, _, let raw), .literal(_, let raw): return raw
            }
        }
    }

    /// The value of one variable in a context.
    public enum Value: Sendable, Hashable {
        case value(String)
        case missing
        case unknown
    }

    public static func containsVariable(_ text: String) -> Bool {
        var dollar = false
        for b in text.utf8 {
            if dollar, b == UInt8(ascii: "{") { return true }
            dollar = b == UInt8(ascii: "$")
        }
        return false
    }

    /// Splits `text` into plain text, variables and special characters. Text that looks like a
    /// variable but is malformed (no closing brace, empty key, bad default) stays plain text.
    public static func parse(_ text: String) -> [Piece] {
        guard containsVariable(text) else { return [.text(text)] }
        // Scanned as bytes: `$`, `{` and `}` are ASCII, so every cut is a character boundary.
        let b = Array(text.utf8)
        func string(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
        var pieces: [Piece] = []
        var plainStart = 0      // the plain text not yet emitted starts here
        var i = 0
        while i + 1 < b.count {
            guard b[i] == UInt8(ascii: "$"), b[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            guard let close = b[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) else { break }
            if let piece = variable(Substring(string(i + 2..<close)), raw: string(i..<close + 1)) {
                if plainStart < i { pieces.append(.text(string(plainStart..<i))) }
                pieces.append(piece)
                i = close + 1
                plainStart = i
            } else {
                i += 2          // malformed: stays plain text; look for the next `${` after this one
            }
        }
        if plainStart < b.count { pieces.append(.text(string(plainStart..<b.count))) }
        return pieces
    }

    static func variable(_ inner: Substring, raw: String) -> Piece? {
        let body = inner.trimmingSpaces
        switch body {
        case "*", "?", "$": return .literal(String(body), raw: raw)
        default: break
        }
        var key = body
        var defaultValue: String?
        if let comma = body.firstIndex(of: ",") {
            key = body[..<comma].trimmingSpaces
            let d = body[body.index(after: comma)...].trimmingSpaces
            guard d.count >= 2, d.first == "'", d.last == "'" else { return nil }
            defaultValue = String(d.dropFirst().dropLast())
        }
        guard !key.isEmpty, !key.contains(where: { $0 == " " || $0 == "{" || $0 == "$" || $0 == "'" }) else { return nil }
        return .variable(key: String(key), defaultValue: defaultValue, raw: raw)
    }

    /// The value of `${key}` (with an optional default) in `context`.
    public static func value(of key: String, defaultValue: String? = nil, in context: RequestContext) -> Value {
        value(lowercasedKey: key.lowercased(), defaultValue: defaultValue, in: context)
    }

    static func value(lowercasedKey key: String, defaultValue: String?, in context: RequestContext) -> Value {
        switch context.lookup(lowercasedKey: key) {
        case .present(let values):
            // Only single-valued keys can be used as variables; a multi-valued one has no value.
            if values.count == 1, !context.isMultiValued(lowercasedKey: key) { return .value(values[0]) }
            return defaultValue.map(Value.value) ?? .missing
        case .absent:
            return defaultValue.map(Value.value) ?? .missing
        case .unknown:
            return .unknown
        }
    }

    /// Substitutes the variables of `text`. Literal `*`/`?` produced by `${*}`/`${?}` are returned
    /// as-is in `resolved`; glob matchers use `parse` and keep them literal themselves.
    /// A variable without a value wins over an unknown one: the text matches nothing either way.
    public static func substitute(_ text: String, context: RequestContext) -> Substitution {
        substitute(parse(text), context: context)
    }

    public static func substitute(_ pieces: [Piece], context: RequestContext) -> Substitution {
        var out = ""
        var unknownKey: String?
        for piece in pieces {
            switch piece {
            case .text(let s): out += s
            case .literal(let c, _): out += c
            case .variable(let key, let d, _):
                switch value(of: key, defaultValue: d, in: context) {
                case .value(let v): out += v
                case .missing: return .missing(key: key)
                case .unknown: if unknownKey == nil { unknownKey = key }
                }
            }
        }
        if let unknownKey { return .unknown(key: unknownKey) }
        return .resolved(out)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
