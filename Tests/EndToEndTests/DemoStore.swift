import Foundation
import IAMStore

/// The demo organization loaded into a store whose "now" is 2026-11-01, the date the demo's
/// facts are written for (Datasets/README.md).
enum DemoStore {
    static let now = Date(timeIntervalSince1970: 1_793_491_200)   // 2026-11-01T00:00:00Z

    /// One load shared by the tests of a serialized suite (a load takes seconds on a busy machine).
    final class Shared: @unchecked Sendable {
        private let lock = NSLock()
        private var loaded: (Store, LoadReport)?

        func get() throws -> (Store, LoadReport) {
            lock.lock()
            defer { lock.unlock() }
            if let loaded { return loaded }
            let fresh = try DemoStore.load()
            loaded = fresh
            return fresh
        }
    }

    static func load() throws -> (Store, LoadReport) {
        let store = try Store(now: now, catalogDirectory: RepositoryPaths.catalog)
        let report = store.load(paths: [RepositoryPaths.demo.path])
        return (store, report)
    }

    /// The rows of the last result of `sql`, each cell as text ("NULL" for NULL).
    static func rows(_ store: Store, _ sql: String) throws -> [[String]] {
        (try store.run(sql: sql).last?.rows ?? []).map { $0.map { $0.text ?? "NULL" } }
    }

    /// One column of the last result of `sql`.
    static func column(_ store: Store, _ sql: String, _ index: Int = 0) throws -> [String] {
        try rows(store, sql).map { $0[index] }
    }

    static func savedQuery(_ name: String) throws -> String {
        try String(contentsOf: RepositoryPaths.queries.appendingPathComponent(name), encoding: .utf8)
    }
}
