import Foundation

/// Facts about the process's terminal.
enum Terminal {
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Columns of the terminal on `fd`, or nil when it is not a terminal.
    static func width(_ fd: Int32) -> Int? {
        guard isTTY(fd) else { return nil }
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

/// A progress line on stderr for large loads, redrawn at most ten times a second.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false
    /// Loads with fewer files finish before a progress line would help.
    static let minimumFiles = 200

    func update(done: Int, total: Int, file: String) {
        guard total >= Self.minimumFiles else { return }
        if done >= total { finish(); return }  // the summary line follows on a clean line
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        let name = (file as NSString).lastPathComponent
        let text = "\r\u{1B}[Kloading \(done)/\(total) files \(name.prefix(40))"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }
}
