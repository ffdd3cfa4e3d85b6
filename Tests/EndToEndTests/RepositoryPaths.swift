import Foundation

/// Where the repository's files are, found from this source file (tests run from any directory).
enum RepositoryPaths {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let demo = root.appendingPathComponent("Datasets/demo")
    static let catalog = root.appendingPathComponent("Datasets/catalog")
    static let queries = root.appendingPathComponent("Queries")
    static let scripts = root.appendingPathComponent("Scripts")
    static let fixtures = root.appendingPathComponent("Tests/Fixtures/e2e/mock-gaps")

    /// The built `iamsh`: `IAMSH_BIN`, else `.build/debug/iamsh` (what `swift test` builds).
    static var iamshExecutable: URL? {
        if let path = ProcessInfo.processInfo.environment["IAMSH_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        for configuration in ["debug", "release"] {
            let url = root.appendingPathComponent(".build/\(configuration)/iamsh")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}
