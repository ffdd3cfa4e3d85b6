import Foundation
import Testing
@testable import IAMShell

@Suite struct RobustnessTests {
    /// Deterministic pseudo-random junk: no input may crash the engine or the completer.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        mutating func line() -> String {
            let pieces = ["SELECT", "select", "'", "\"", "\\", ".", ".mode", ".read", ".output", ".context", "--", "--format",
                          "--format=", "show", "load", "summary", "help", ";", "(", ")", " ", "  ", "\t", "user/", "role/", "*",
                          "FROM", "users", "WITH", "日本", "\u{1B}[2J", "\0", "\r", "=", "x", "arn:aws:iam::1:user/a", ".now",
                          ".bail", "on", "off", ".once", "/dev/null", ".tables", ".schema", "json", ".help", "cis", ".exit",
                          "PRAGMA", "EXPLAIN", "/*", "*/", "VALUES", "clear", ".quit"]
            let n = Int(next() % 8)
            return (0..<n).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined(separator: next() % 3 == 0 ? "" : " ")
        }
    }

    @Test func junkNeverCrashes() throws {
        var g = Generator(state: 0x9E37_79B9_7F4A_7C15)
        let h = try Harness()
        for i in 0..<3000 {
            let line = g.line()
            if line.contains(".quit") || line.contains(".exit") || line.contains(".read") || line.contains(".output") || line.contains(".once") {
                // Exercised elsewhere: these end the run or touch files.
                _ = h.engine.complete(line, cursor: Int(g.next() % 64))
                continue
            }
            h.engine.feed(line, at: SourceLocation(source: "fuzz", line: i + 1))
            _ = h.engine.complete(line, cursor: Int(g.next() % 64))
            if i % 50 == 0 { h.engine.cancelInput(); h.reset() }
        }
        h.engine.finishInput()
        // Still works afterwards.
        h.engine.cancelInput()
        h.reset()
        h.engine.settings.mode = .csv
        h.engine.settings.headers = true
        h.engine.feed("SELECT 1 AS ok;")
        #expect(h.out.text == "ok\r\n1\r\n")
    }

    @Test func randomBytesAsLines() throws {
        var g = Generator(state: 42)
        let h = try Harness()
        for _ in 0..<500 {
            let bytes = (0..<Int(g.next() % 40)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
            let line = String(decoding: bytes, as: UTF8.self)
            guard !line.contains(".quit"), !line.contains(".exit"), !line.hasPrefix(".o"), !line.hasPrefix(".r") else { continue }
            h.engine.feed(line)
            _ = h.engine.complete(line, cursor: Int(g.next() % 50))
        }
        h.engine.cancelInput()
    }

    @Test func interruptStopsARunningStatementAndTheShellGoesOn() async throws {
        let h = try Harness()
        h.engine.settings.mode = .csv
        let engine = h.engine
        let done = DoneFlag()
        let task = Task.detached {
            engine.feed("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000) SELECT count(*) FROM c;")
            done.set()
        }
        // Ctrl-C until the statement stops: on a loaded machine it may not have started after a
        // fixed wait, and an interrupt before a statement starts is (rightly) not kept for it.
        var tries = 0
        while !done.isSet && tries < 600 {
            try await Task.sleep(nanoseconds: 50_000_000)
            engine.interrupt()
            tries += 1
        }
        await task.value
        #expect(h.err.text == "error: interrupted\n")
        h.reset()
        engine.feed("SELECT 1 AS again;")
        #expect(h.out.text == "again\r\n1\r\n")
        #expect(h.err.text == "")
    }

    /// Set once by a background task, read by the test.
    final class DoneFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }

    @Test func interruptBetweenCommandsDoesNotLeak() throws {
        let h = try Harness()
        h.engine.settings.mode = .csv
        h.engine.interrupt()
        h.engine.feed("SELECT 5 AS n;")
        #expect(h.out.text == "n\r\n5\r\n")
        #expect(!h.engine.session.isInterrupted)
    }
}
