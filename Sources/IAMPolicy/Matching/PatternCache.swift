import Foundation

/// A small bounded cache of compiled patterns for the one-shot entry points
/// (`Wildcard.matches`, `ResourceMatcher.matches`), which SQL functions call once per row with
/// the same pattern. Hot paths should hold compiled patterns themselves.
final class PatternCache<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]
    private let limit: Int

    init(limit: Int = 512) { self.limit = limit }

    func value(for key: Key, make: () -> Value) -> Value {
        lock.lock()
        if let v = entries[key] { lock.unlock(); return v }
        lock.unlock()
        let v = make()
        lock.lock()
        // Dropping everything when full keeps the cache simple; refills are cheap.
        if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
        entries[key] = v
        lock.unlock()
        return v
    }
}
