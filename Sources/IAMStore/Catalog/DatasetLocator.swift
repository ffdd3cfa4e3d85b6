import Foundation

/// Finds the repository's `Datasets/` folder from any working directory: `IAMSH_DATASETS`,
/// else next to this source file (a build from the repository), else next to the executable
/// or in one of its parent folders (`.build/release/iamsh` inside the repository, or an
/// installed copy with `Datasets` beside it).
public enum DatasetLocator {
    public static func datasetsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let fm = FileManager.default
        func isDir(_ u: URL) -> Bool {
            var d: ObjCBool = false
            return fm.fileExists(atPath: u.path, isDirectory: &d) && d.boolValue
        }
        if let env = environment["IAMSH_DATASETS"], !env.isEmpty {
            let u = URL(fileURLWithPath: env)
            if isDir(u) { return u }
        }
        // Sources/IAMStore/Catalog/DatasetLocator.swift -> repository root.
        let source = URL(fileURLWithPath: #filePath)
        let repo = source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fromSource = repo.appendingPathComponent("Datasets")
        if isDir(fromSource) { return fromSource }
        if let exe = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var dir = exe.deletingLastPathComponent()
            for _ in 0..<5 {
                let candidate = dir.appendingPathComponent("Datasets")
                if isDir(candidate) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }

    /// `Datasets/catalog` when it holds `actions.tsv`.
    public static func catalogDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        guard let d = datasetsDirectory(environment: environment)?.appendingPathComponent("catalog") else { return nil }
        return FileManager.default.fileExists(atPath: d.appendingPathComponent("actions.tsv").path) ? d : nil
    }
}
