import Foundation
import IAMStore

/// Paths of the loader fixtures (Tests/Fixtures/loader), found from this source file.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/loader")
    static func path(_ rel: String) -> String { root.appendingPathComponent(rel).path }

    /// A store with a fixed now (2024-06-15T00:00:00Z) and no catalog lookup surprises.
    static func store() throws -> Store {
        try Store(now: Date(timeIntervalSince1970: 1_718_409_600))
    }
}

extension Store {
    /// The first column of the first row, as text (tests).
    func scalar(_ sql: String) throws -> String? {
        try run(sql: sql).first?.rows.first?.first?.text
    }

    func int(_ sql: String) throws -> Int? { try scalar(sql).flatMap { Int($0) } }
}
