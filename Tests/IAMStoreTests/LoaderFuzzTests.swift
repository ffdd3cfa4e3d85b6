import Foundation
import Testing
@testable import IAMStore

/// Mutated fixtures (truncations, swapped value kinds, absurd numbers, random bytes) never crash
/// the loader: every file either loads or yields diagnostics.
@Suite struct LoaderFuzzTests {
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let replacements = ["null", "[]", "{}", "\"\"", "1e308", "-1e308", "\"nan\"", "\"9999999999999999999\"", "true",
                               "\"arn:\"", "[[[[]]]]", "\"%7B%\"", "\"N/A\"", "12345678901234567890"]

    @Test(arguments: [42, 7, 2024] as [UInt64])
    func mutatedInputsNeverCrash(seed: UInt64) throws {
        let files = SnapshotLoader.filesBelow(Fixtures.path("snapshot")) + SnapshotLoader.filesBelow(Fixtures.path("loose"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-fuzz-\(getpid())-\(seed)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = RNG(state: seed)
        var written = 0
        for f in files {
            guard let data = FileManager.default.contents(atPath: f) else { continue }
            let bytes = [UInt8](data)
            // Keep the layout (the path says account, service, region) so path-based identity is exercised too.
            let rel = String(f.dropFirst(Fixtures.root.path.count))
            for k in 0..<4 {
                var m = bytes
                switch k {
                case 0: m = Array(m.prefix(rng.int(m.count)))
                case 1:
                    // Replace one scalar value after a colon by another kind of value.
                    let colons = m.indices.filter { m[$0] == UInt8(ascii: ":") }
                    if let c = colons.isEmpty ? nil : colons[rng.int(colons.count)] {
                        var end = c + 1
                        while end < m.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "\n")].contains(m[end]) { end += 1 }
                        m.replaceSubrange((c + 1)..<end, with: Array((" " + Self.replacements[rng.int(Self.replacements.count)]).utf8))
                    }
                case 2: for _ in 0..<8 where !m.isEmpty { m[rng.int(m.count)] = UInt8(truncatingIfNeeded: rng.next()) }
                default: m = Array(m.shuffled().prefix(64))
                }
                let target = dir.appendingPathComponent("m\(k)").appendingPathComponent(rel)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(m).write(to: target)
                written += 1
            }
        }
        let store = try Fixtures.store()
        let report = store.load(paths: [dir.path])
        #expect(written > 100)
        #expect(report.counts.files + report.counts.skippedFiles == written)
        // The database still answers.
        _ = try store.run(sql: "SELECT count(*) FROM statements; SELECT days_since(create_date) FROM users;")
    }
}
