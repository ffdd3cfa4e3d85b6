import Foundation

/// Splitting work across the cores for the few load steps that are long and independent.
enum Parallel {
    /// Index ranges covering `count` items: one per core when there are at least `minimum` items per slice.
    static func slices(count: Int, minimum: Int) -> [Range<Int>] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let n = max(1, min(cores, count / max(1, minimum)))
        let size = (count + n - 1) / n
        return (0..<n).map { i in (i * size)..<min(count, (i + 1) * size) }.filter { !$0.isEmpty }
    }

    /// `body` applied to each element, concurrently; results in the input's order.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @escaping @Sendable (T) -> R) -> [R] {
        if items.count <= 1 { return items.map(body) }
        let results = Results<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            results.set(i, body(items[i]))
        }
        return results.values()
    }

    private final class Results<R>: @unchecked Sendable {
        private var slots: [R?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: R) { lock.lock(); slots[i] = r; lock.unlock() }
        func values() -> [R] { slots.compactMap { $0 } }
    }
}
