import Foundation

/// Runs independent work on a few threads (the machine has two cores; the builder's indexes are
/// computed this way).
enum Parallel {
    /// `body(i)` for every i in 0..<count, on `workers` threads (one thread below `minimum` items);
    /// the results in order.
    static func map<T: Sendable>(_ count: Int, workers: Int, minimum: Int = 256, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        if workers <= 1 || count < max(2, minimum) { return (0..<count).map(body) }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < count { slots.set(i, body(i)); i += workers }
        }
        return slots.values
    }

    /// One result per index, each written by exactly one thread.
    private final class Slots<T>: @unchecked Sendable {
        private let buffer: UnsafeMutablePointer<T?>
        private let count: Int
        init(_ count: Int) {
            self.count = count
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil, count: count)
        }
        deinit {
            buffer.deinitialize(count: count)
            buffer.deallocate()
        }
        func set(_ i: Int, _ v: T) { buffer[i] = v }
        var values: [T] { (0..<count).compactMap { buffer[$0] } }
    }
}
