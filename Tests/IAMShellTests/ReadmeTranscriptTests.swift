import Foundation
import Testing
@testable import IAMShell

/// The README's "A session" transcript is real output: each `iamsh>` command in it is run on the
/// demo organization (with --now 2026-11-01, as the README says) and must print exactly what the
/// README shows, so the README cannot drift from the product.
@Suite("README transcript")
struct ReadmeTranscriptTests {
    /// (command, expected output) pairs from the first ```text block after "## A session".
    static func transcript() throws -> [(String, String)] {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: repo.appendingPathComponent("README.md"), encoding: .utf8)
        guard let section = readme.range(of: "## A session"),
              let open = readme.range(of: "```text\n", range: section.upperBound..<readme.endIndex),
              let close = readme.range(of: "```", range: open.upperBound..<readme.endIndex) else { return [] }
        var pairs: [(String, String)] = []
        for line in readme[open.upperBound..<close.lowerBound].dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("iamsh> ") {
                pairs.append((String(line.dropFirst("iamsh> ".count)), ""))
            } else if !pairs.isEmpty {
                pairs[pairs.count - 1].1 += line + "\n"
            }
        }
        return pairs
    }

    @Test("every command of the README session prints what the README shows")
    func transcriptMatches() throws {
        let pairs = try Self.transcript()
        #expect(pairs.count >= 5, "the README session lost its commands")
        guard let dir = DatasetsFolder.demo else { Issue.record("Datasets/demo not found"); return }
        let h = try Harness(setup: "", catalog: true)
        h.run(".now 2026-11-01\nload \(dir)")
        for (command, expected) in pairs {
            h.reset()
            h.command(command)
            #expect(h.out.text == expected, "README: \(command)")
        }
    }
}
