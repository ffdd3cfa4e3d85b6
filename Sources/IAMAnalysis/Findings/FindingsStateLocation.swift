import Foundation

/// Where the findings state file of a loaded snapshot lives: `.iamsh-findings-state.json` in the
/// snapshot folder — the folder that holds `accounts/` (or `manifest.json`) above the loaded
/// files, else their common folder. Shared by the load-time analysis and the findings commands.
public enum FindingsStateLocation {
    /// The default state file path for a snapshot, or nil when no loaded file tells where it is.
    public static func defaultPath(for snapshot: Snapshot) -> String? {
        var files = snapshot.resourcePolicies.map(\.source).filter { !$0.isEmpty }
        files += snapshot.collectionSteps.compactMap(\.file).filter { $0.hasPrefix("/") }
        guard let folder = snapshotFolder(of: files) else { return nil }
        return (folder as NSString).appendingPathComponent(FindingsState.fileName)
    }

    /// The common folder of `files`, cut above an `accounts/` component (the snapshot layout keeps
    /// each account under `<snapshot>/accounts/<id>/`).
    public static func snapshotFolder(of files: [String]) -> String? {
        let dirs = files.map { URL(fileURLWithPath: $0).standardizedFileURL.deletingLastPathComponent().pathComponents }
        guard var common = dirs.first else { return nil }
        for d in dirs.dropFirst() {
            var n = 0
            while n < common.count && n < d.count && common[n] == d[n] { n += 1 }
            common = Array(common.prefix(n))
        }
        if let i = common.lastIndex(of: "accounts"), i > 0 { common = Array(common.prefix(i)) }
        guard !common.isEmpty else { return nil }
        let path = NSString.path(withComponents: common)
        return path.isEmpty ? nil : path
    }
}
