import Foundation

/// Where the engine writes text. The executable passes sinks for stdout and stderr; tests collect
/// strings. The engine itself never touches a terminal.
public protocol OutputSink: AnyObject, Sendable {
    func write(_ text: String)
    func flush()
}

/// Collects everything written, for tests and for capturing output.
public final class StringSink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""
    public init() {}
    public func write(_ text: String) { lock.lock(); buffer += text; lock.unlock() }
    public func flush() {}
    public var text: String { lock.lock(); defer { lock.unlock() }; return buffer }
    public func clear() { lock.lock(); buffer = ""; lock.unlock() }
}

/// Writes to a file descriptor, buffered until `flush()` (the engine flushes after every command).
public final class FileDescriptorSink: OutputSink, @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()
    private var pending = Data()
    private let closeOnDeinit: Bool

    public init(fileDescriptor: Int32) {
        handle = FileHandle(fileDescriptor: fileDescriptor, closeOnDealloc: false)
        closeOnDeinit = false
    }

    /// Opens (creating or truncating) a file for `.output` and `.once`.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let h = FileHandle(forWritingAtPath: path) else {
            throw ShellError.failed("cannot open \(path) for writing")
        }
        handle = h
        closeOnDeinit = true
    }

    deinit {
        flush()
        if closeOnDeinit { try? handle.close() }
    }

    public func write(_ text: String) {
        lock.lock()
        pending.append(contentsOf: Array(text.utf8))
        let big = pending.count > 1 << 16
        lock.unlock()
        if big { flush() }
    }

    public func flush() {
        lock.lock()
        let data = pending
        pending.removeAll(keepingCapacity: true)
        lock.unlock()
        guard !data.isEmpty else { return }
        // A closed pipe (`iamsh … | head`) must not crash the shell: drop the output instead.
        try? handle.write(contentsOf: data)
    }
}

/// The three streams of a shell: results, errors, and notices to people (load summaries, timings).
public struct ShellIO: Sendable {
    public var out: OutputSink
    public var err: OutputSink
    public var info: OutputSink
    public init(out: OutputSink, err: OutputSink, info: OutputSink) {
        self.out = out; self.err = err; self.info = info
    }
}
