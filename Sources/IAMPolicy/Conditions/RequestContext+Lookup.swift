extension RequestContext {
    /// `lookup` for a key already lowercased (compiled conditions keep their keys lowercased, so the
    /// hot path does not lowercase again).
    public func lookup(lowercasedKey k: String) -> Lookup {
        if let v = values[k] { return .present(v) }
        if absent.contains(k) { return .absent }
        return .unknown
    }

    /// Whether `key` holds a set of values (`aws:TagKeys`, or a key given several times).
    public func isMultiValued(_ key: String) -> Bool { multiValued.contains(key.lowercased()) }
}
