import Foundation

/// One policy value of a condition clause, parsed once for its operator family.
enum ConditionValue: Sendable, Hashable {
    /// StringEquals / StringEqualsIgnoreCase (lowercased for the latter).
    case text(String)
    /// StringEquals / StringEqualsIgnoreCase with policy variables.
    case textTemplate([PolicyVariables.Piece])
    /// StringLike and ARN values with policy variables.
    case template(GlobTemplate)
    /// ARN operator values (Equals and Like alike), matched part by part.
    case arn(ARNGlob)
    /// StringLike values.
    case glob(GlobPattern)
    case number(Double)
    /// Seconds since 1970.
    case date(Double)
    case bool(Bool)
    case bytes([UInt8])
    case cidr(CIDRBlock)
    /// The policy value cannot be read as the operator's type; comparisons against it are undecided.
    case invalid(String)

    static func compile(_ raw: String, op: ConditionOperator, variablesEnabled: Bool) -> ConditionValue {
        let variables = variablesEnabled && op.supportsVariables && PolicyVariables.containsVariable(raw)
        switch op.family {
        case .string:
            switch op.comparison {
            case .like:
                let t = GlobTemplate(raw, segmented: false, variablesEnabled: variables)
                return t.isStatic ? .glob(GlobPattern(ops: t.staticOps, caseInsensitive: false, text: raw)) : .template(t)
            case .equalsIgnoreCase:
                return variables ? .textTemplate(PolicyVariables.parse(raw)) : .text(raw.lowercased())
            default:
                return variables ? .textTemplate(PolicyVariables.parse(raw)) : .text(raw)
            }
        case .arn:
            let t = GlobTemplate(raw, segmented: true, variablesEnabled: variables)
            return t.isStatic ? .arn(ARNGlob(ops: t.staticOps)) : .template(t)
        case .numeric:
            return parseNumber(raw).map(ConditionValue.number) ?? .invalid("\"\(raw)\" is not a number")
        case .date:
            return parseDate(raw).map(ConditionValue.date) ?? .invalid("\"\(raw)\" is not an ISO 8601 date or epoch time")
        case .bool:
            return parseBool(raw).map(ConditionValue.bool) ?? .invalid("\"\(raw)\" is not true or false")
        case .binary:
            return parseBase64(raw).map(ConditionValue.bytes) ?? .invalid("\"\(raw)\" is not base-64")
        case .ip:
            return CIDRBlock(raw).map(ConditionValue.cidr) ?? .invalid("\"\(raw)\" is not an IP address or CIDR block")
        case .null:
            return parseBool(raw).map(ConditionValue.bool) ?? .invalid("\"\(raw)\" is not true or false")
        }
    }

    /// Whether this value matches every present request value (`StringLike "*"`, `ArnLike "*"`),
    /// so that an unknown key cannot change the answer.
    var matchesEverything: Bool {
        switch self {
        case .glob(let g): return g.matchesEverything
        case .arn(let a): return a.shape == .any
        default: return false
        }
    }

    /// Compares one request value against this policy value with the positive form of `op`.
    func compare(_ r: String, op: ConditionOperator, context: RequestContext) -> Tri {
        switch self {
        case .text(let p):
            if op.comparison == .equalsIgnoreCase { return ConditionValue.equalIgnoringCase(r, p) ? .yes : .no }
            return r.utf8.elementsEqual(p.utf8) ? .yes : .no
        case .glob(let g):
            return g.matches(r) ? .yes : .no
        case .arn(let a):
            return a.matches(r) ? .yes : .no
        case .textTemplate(let pieces):
            switch PolicyVariables.substitute(pieces, context: context) {
            case .missing: return .no
            case .unknown: return .unknown
            case .resolved(let p):
                if op.comparison == .equalsIgnoreCase { return ConditionValue.equalIgnoringCase(r, p.lowercased()) ? .yes : .no }
                return r.utf8.elementsEqual(p.utf8) ? .yes : .no
            }
        case .template(let t):
            switch t.resolve(context) {
            case .missing: return .no
            case .ops(let ops): return ConditionValue.match(ops, segmented: t.segmented, r) ? .yes : .no
            case .unknown(_, let widened): return ConditionValue.match(widened, segmented: t.segmented, r) ? .unknown : .no
            }
        case .number(let p):
            guard let v = ConditionValue.parseNumber(r) else { return .unknown }
            return ConditionValue.order(v, p, op.comparison) ? .yes : .no
        case .date(let p):
            guard let v = ConditionValue.parseDate(r) else { return .unknown }
            return ConditionValue.order(v, p, op.comparison) ? .yes : .no
        case .bool(let p):
            guard let v = ConditionValue.parseBool(r) else { return .unknown }
            return v == p ? .yes : .no
        case .bytes(let p):
            guard let v = ConditionValue.parseBase64(r) else { return .unknown }
            return v == p ? .yes : .no
        case .cidr(let block):
            guard let ip = IPAddress(r) else { return .unknown }
            return block.contains(ip) ? .yes : .no
        case .invalid:
            return .unknown
        }
    }

    static func match(_ ops: [UInt16], segmented: Bool, _ r: String) -> Bool {
        if segmented { return ARNGlob.matches(ops, r) }
        return ops.withUnsafeBufferPointer { o in withUTF8Bytes(r) { GlobOps.match(o, $0, from: 0, to: $0.count, foldCase: false) } }
    }

    static func equalIgnoringCase(_ r: String, _ lowered: String) -> Bool {
        if r.utf8.allSatisfy({ $0 < 0x80 }) {
            return r.utf8.count == lowered.utf8.count && zip(r.utf8, lowered.utf8).allSatisfy { GlobOps.lower($0) == $1 }
        }
        return r.lowercased() == lowered
    }

    static func order(_ v: Double, _ p: Double, _ c: ConditionOperator.Comparison) -> Bool {
        switch c {
        case .equals, .equalsIgnoreCase, .like: return v == p
        case .lessThan: return v < p
        case .lessThanEquals: return v <= p
        case .greaterThan: return v > p
        case .greaterThanEquals: return v >= p
        }
    }

    /// Integers and decimals (`10`, `-2.5`, `1e3`); no `nan`, `inf` or hex.
    static func parseNumber(_ s: String) -> Double? {
        var digits = false
        for b in s.utf8 {
            switch b {
            case 0x30...0x39: digits = true
            case 0x2E, 0x2B, 0x2D, 0x65, 0x45: continue  // . + - e E
            default: return nil
            }
        }
        guard digits, let d = Double(s), d.isFinite else { return nil }
        return d
    }

    /// ISO 8601 (W3C profile) or epoch seconds, as seconds since 1970. Request values are parsed
    /// at every evaluation, so the common shapes skip the general parser's trimming.
    static func parseDate(_ s: String) -> Double? {
        let epochLike = s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }
        if epochLike, let d = Double(s) { return Timestamp.epoch(d).timeIntervalSince1970 }
        if let first = s.utf8.first, first >= 0x30, first <= 0x39, let d = Timestamp.parseISO(s) { return d.timeIntervalSince1970 }
        return Timestamp.parse(s)?.timeIntervalSince1970
    }

    static func parseBool(_ s: String) -> Bool? {
        let u = s.utf8
        if u.count == 4, zip(u, "true".utf8).allSatisfy({ GlobOps.lower($0) == $1 }) { return true }
        if u.count == 5, zip(u, "false".utf8).allSatisfy({ GlobOps.lower($0) == $1 }) { return false }
        return nil
    }

    static func parseBase64(_ s: String) -> [UInt8]? {
        Data(base64Encoded: s).map { [UInt8]($0) }
    }

    var invalidReason: String? {
        if case .invalid(let why) = self { return why }
        return nil
    }
}
