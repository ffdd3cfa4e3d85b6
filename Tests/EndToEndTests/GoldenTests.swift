import Foundation
import Testing

/// Golden end-to-end tests: each `Tests/Golden/NAME.iamsh` script is run by the built `iamsh`
/// (from the repository root) and its stdout, stderr and exit status are compared with
/// `NAME.out`, `NAME.err` and `NAME.status`. The script's leading `-- args:` lines give the
/// command-line arguments (before `-f SCRIPT`); `-- stdin` runs the script through standard input
/// instead of `-f`. `GOLDEN_UPDATE=1 swift test --filter GoldenTests` rewrites the expectations
/// (review the diff before committing).
@Suite("Golden end-to-end scripts")
struct GoldenTests {
    static let directory = RepositoryPaths.root.appendingPathComponent("Tests/Golden")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".iamsh") }.map { String($0.dropLast(6)) }.sorted()
    }

    @Test("golden script", arguments: GoldenTests.cases)
    func golden(_ name: String) throws {
        let binary = try #require(RepositoryPaths.iamshExecutable, "build iamsh first (swift build)")
        let script = Self.directory.appendingPathComponent("\(name).iamsh")
        let text = try String(contentsOf: script, encoding: .utf8)
        var args: [String] = []
        var viaStdin = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- args:") {
                args += Self.words(String(line.dropFirst("-- args:".count)))
            } else if line.hasPrefix("-- stdin") {
                viaStdin = true
            } else if !line.hasPrefix("--") {
                break
            }
        }
        let relative = "Tests/Golden/\(name).iamsh"
        if !viaStdin { args += ["-f", relative] }
        let run = try Self.run(binary, args, stdin: viaStdin ? text : nil)

        let expected = (
            out: Self.directory.appendingPathComponent("\(name).out"),
            err: Self.directory.appendingPathComponent("\(name).err"),
            status: Self.directory.appendingPathComponent("\(name).status"))
        if ProcessInfo.processInfo.environment["GOLDEN_UPDATE"] == "1" {
            try run.out.write(to: expected.out, atomically: true, encoding: .utf8)
            try run.err.write(to: expected.err, atomically: true, encoding: .utf8)
            try "\(run.status)\n".write(to: expected.status, atomically: true, encoding: .utf8)
            return
        }
        let wantOut = try String(contentsOf: expected.out, encoding: .utf8)
        let wantErr = (try? String(contentsOf: expected.err, encoding: .utf8)) ?? ""
        let wantStatus = Int32((try String(contentsOf: expected.status, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(run.status == wantStatus, "exit status of \(name)")
        #expect(run.out == wantOut, "stdout of \(name)")
        #expect(run.err == wantErr, "stderr of \(name)")
    }

    /// Splits `-- args:` text into words; single or double quotes group words.
    static func words(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var quote: Character?
        var inWord = false
        for c in s {
            if let q = quote {
                if c == q { quote = nil } else { cur.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c; inWord = true
            } else if c == " " || c == "\t" {
                if inWord { out.append(cur); cur = ""; inWord = false }
            } else {
                cur.append(c); inWord = true
            }
        }
        if inWord { out.append(cur) }
        return out
    }

    static func run(_ binary: URL, _ args: [String], stdin: String?) throws -> (out: String, err: String, status: Int32) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = RepositoryPaths.root
        var env = ProcessInfo.processInfo.environment
        env["IAMSH_HISTORY"] = "/dev/null"
        env["COLUMNS"] = "200"
        p.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(stdin.data(using: .utf8) ?? Data()) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting so a large output cannot block the child.
        let outBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return (String(decoding: outBox.data, as: UTF8.self), String(decoding: errData, as: UTF8.self), p.terminationStatus)
    }
}

/// Carries the bytes read on another thread back to the caller (read once, after `wait`).
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
