/// The request context a condition is evaluated against. Keys are case-insensitive (stored
/// lowercased). A key is in one of three states:
///  - present: its values (one for single-valued keys, any number for multi-valued);
///  - known absent: e.g. `aws:username` for a role session — conditions see "no key";
///  - unknown: neither — the answer then depends on it and becomes `conditional`.
/// A context may lie over another (`overlaying`): lookups fall through to the one below for keys
/// this one does not decide. who-can evaluates thousands of principals, each with its own keys
/// under the same request keys; layering spares a dictionary copy per principal.
public struct RequestContext: Sendable, Hashable {
    private var ownValues: [String: [String]] = [:]
    private var ownAbsent: Set<String> = []
    private var ownMultiValued: Set<String> = []
    /// The context underneath, consulted for keys this one neither sets nor marks absent.
    private var below: Below?

    /// Boxed so that the struct can hold a context of its own type.
    private final class Below: Sendable {
        let context: RequestContext
        init(_ c: RequestContext) { context = c }
    }

    public init() {}

    public init(_ pairs: [String: String]) {
        for (k, v) in pairs { set(k, v) }
    }

    /// Present keys and their values (the layers flattened).
    public var values: [String: [String]] { flattened.ownValues }
    /// Keys known to be absent (the layers flattened).
    public var absent: Set<String> { flattened.ownAbsent }
    /// Keys whose values form a set (aws:TagKeys, aws:PrincipalOrgPaths…); single-valued otherwise.
    public var multiValued: Set<String> { flattened.ownMultiValued }

    /// This context with the layers below copied in: what `merging` would have built.
    private var flattened: RequestContext {
        guard let b = below?.context else { return self }
        var r = b.flattened
        for (k, v) in ownValues { r.ownValues[k] = v; r.ownAbsent.remove(k) }
        for k in ownAbsent { r.ownValues[k] = nil; r.ownAbsent.insert(k) }
        r.ownMultiValued.formUnion(ownMultiValued)
        return r
    }

    /// Mutations apply to the whole context: a layered one is flattened first.
    private mutating func flattenForMutation() {
        if below != nil { self = flattened }
    }

    public mutating func set(_ key: String, _ value: String) { set(key, [value], multiValued: false) }

    public mutating func set(_ key: String, _ values: [String], multiValued: Bool) {
        set(lowercasedKey: key.lowercased(), values, multiValued: multiValued)
    }

    /// `set` for a key already lowercased: contexts built for every principal use literal keys, so
    /// that they share the key text instead of allocating it once per principal.
    public mutating func set(lowercasedKey k: String, _ values: [String], multiValued: Bool = false) {
        flattenForMutation()
        ownValues[k] = values
        ownAbsent.remove(k)
        if multiValued { ownMultiValued.insert(k) } else { ownMultiValued.remove(k) }
    }

    /// Adds a value to a key, making it multi-valued when it has more than one value
    /// (`--context k=a --context k=b`).
    public mutating func add(_ key: String, _ value: String) {
        flattenForMutation()
        let k = key.lowercased()
        var list = ownValues[k] ?? []
        list.append(value)
        ownValues[k] = list
        ownAbsent.remove(k)
        if list.count > 1 { ownMultiValued.insert(k) }
    }

    public mutating func markAbsent(_ key: String) { markAbsent(lowercasedKey: key.lowercased()) }

    public mutating func markAbsent(lowercasedKey k: String) {
        flattenForMutation()
        ownValues[k] = nil
        ownAbsent.insert(k)
    }

    public mutating func remove(_ key: String) {
        flattenForMutation()
        let k = key.lowercased()
        ownValues[k] = nil
        ownAbsent.remove(k)
        ownMultiValued.remove(k)
    }

    public enum Lookup: Sendable, Hashable {
        case present([String])
        case absent
        case unknown
    }

    public func lookup(_ key: String) -> Lookup { lookup(lowercasedKey: key.lowercased()) }

    /// `lookup` for a key already lowercased (compiled conditions keep their keys lowercased, so the
    /// hot path does not lowercase again).
    public func lookup(lowercasedKey k: String) -> Lookup {
        if let v = ownValues[k] { return .present(v) }
        if ownAbsent.contains(k) { return .absent }
        return below?.context.lookup(lowercasedKey: k) ?? .unknown
    }

    /// Whether `key` holds a set of values (`aws:TagKeys`, or a key given several times).
    public func isMultiValued(_ key: String) -> Bool { isMultiValued(lowercasedKey: key.lowercased()) }

    public func isMultiValued(lowercasedKey k: String) -> Bool {
        ownMultiValued.contains(k) || below?.context.isMultiValued(lowercasedKey: k) == true
    }

    /// Overlays `other` on this context: its present and absent keys win.
    public func merging(_ other: RequestContext) -> RequestContext {
        if other.isEmpty && other.ownMultiValued.isEmpty { return self }
        return other.overlaying(self)
    }

    /// This context laid over `base` without copying either: this one's present and absent keys
    /// win, the others are looked up in `base` (the same answers as `base.merging(self)`).
    public func overlaying(_ base: RequestContext) -> RequestContext {
        if base.isEmpty && base.ownMultiValued.isEmpty { return self }
        if isEmpty && ownMultiValued.isEmpty { return base }
        var top = self
        top.below = Below(below.map { $0.context.overlaying(base) } ?? base)
        return top
    }

    public var isEmpty: Bool { ownValues.isEmpty && ownAbsent.isEmpty && (below?.context.isEmpty ?? true) }
    public var keys: [String] { values.keys.sorted() }

    public static func == (a: RequestContext, b: RequestContext) -> Bool {
        let x = a.flattened, y = b.flattened
        return x.ownValues == y.ownValues && x.ownAbsent == y.ownAbsent && x.ownMultiValued == y.ownMultiValued
    }

    public func hash(into h: inout Hasher) {
        let x = flattened
        h.combine(x.ownValues); h.combine(x.ownAbsent); h.combine(x.ownMultiValued)
    }
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
