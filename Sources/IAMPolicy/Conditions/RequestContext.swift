/// The request context a condition is evaluated against. Keys are case-insensitive (stored
/// lowercased). A key is in one of three states:
///  - present: `values[key]` holds its values (one for single-valued keys, any number for multi-valued);
///  - known absent: in `absent` (e.g. `aws:username` for a role session) — conditions see "no key";
///  - unknown: neither — the answer then depends on it and becomes `conditional`.
public struct RequestContext: Sendable, Hashable {
    public private(set) var values: [String: [String]] = [:]
    public private(set) var absent: Set<String> = []
    /// Keys whose values form a set (aws:TagKeys, aws:PrincipalOrgPaths…); single-valued otherwise.
    public private(set) var multiValued: Set<String> = []

    public init() {}

    public init(_ pairs: [String: String]) {
        for (k, v) in pairs { set(k, v) }
    }

    public mutating func set(_ key: String, _ value: String) { set(key, [value], multiValued: false) }

    public mutating func set(_ key: String, _ values: [String], multiValued: Bool) {
        let k = key.lowercased()
        self.values[k] = values
        absent.remove(k)
        if multiValued { self.multiValued.insert(k) } else { self.multiValued.remove(k) }
    }

    /// Adds a value to a key, making it multi-valued when it has more than one value
    /// (`--context k=a --context k=b`).
    public mutating func add(_ key: String, _ value: String) {
        let k = key.lowercased()
        var list = values[k] ?? []
        list.append(value)
        values[k] = list
        absent.remove(k)
        if list.count > 1 { multiValued.insert(k) }
    }

    public mutating func markAbsent(_ key: String) {
        let k = key.lowercased()
        values[k] = nil
        absent.insert(k)
    }

    public mutating func remove(_ key: String) {
        let k = key.lowercased()
        values[k] = nil
        absent.remove(k)
        multiValued.remove(k)
    }

    public enum Lookup: Sendable, Hashable {
        case present([String])
        case absent
        case unknown
    }

    public func lookup(_ key: String) -> Lookup {
        let k = key.lowercased()
        if let v = values[k] { return .present(v) }
        if absent.contains(k) { return .absent }
        return .unknown
    }

    /// Overlays `other` on this context: its present and absent keys win.
    public func merging(_ other: RequestContext) -> RequestContext {
        var r = self
        for (k, v) in other.values { r.values[k] = v; r.absent.remove(k) }
        for k in other.absent { r.values[k] = nil; r.absent.insert(k) }
        r.multiValued.formUnion(other.multiValued)
        return r
    }

    public var isEmpty: Bool { values.isEmpty && absent.isEmpty }
    public var keys: [String] { values.keys.sorted() }
}

/// Three-valued logic for answers that may depend on unknown request context.
public enum Tri: Sendable, Hashable {
    case yes
    case no
    case unknown

    public static func and(_ a: Tri, _ b: Tri) -> Tri {
        if a == .no || b == .no { return .no }
        if a == .unknown || b == .unknown { return .unknown }
        return .yes
    }

    public static func or(_ a: Tri, _ b: Tri) -> Tri {
        if a == .yes || b == .yes { return .yes }
        if a == .unknown || b == .unknown { return .unknown }
        return .no
    }

    public var negated: Tri {
        switch self {
        case .yes: return .no
        case .no: return .yes
        case .unknown: return .unknown
        }
    }
}
