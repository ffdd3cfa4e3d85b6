import Foundation
import IAMAnalysis
import IAMPolicy
import IAMStore

/// What a command sees: the store and its snapshot, the settings, the request context set with
/// `.context`, the streams for notices, and caches rebuilt after each load (the solver, graphs).
public final class Session: @unchecked Sendable {
    public let store: Store
    /// The domain commands of this shell.
    public let commands: CommandRegistry
    public var settings: ShellSettings
    /// `.context KEY VALUE` pairs in the order given (a key given twice is multi-valued).
    public var contextPairs: [(key: String, value: String)] = []
    /// The `--format` of the running command when it is one of the command's extra formats (`dot`…).
    public internal(set) var requestedFormat: String?
    /// The `--format` of the running command when it is a table mode.
    public internal(set) var formatOverride: OutputMode?
    /// The mode the running command's tables will be rendered in.
    public var outputMode: OutputMode { formatOverride ?? settings.mode }
    /// Load progress for large loads (the executable draws it on a terminal).
    public var loadProgress: (@Sendable (LoadProgress) -> Void)?
    /// Bumped by every load and `.now` change: anything derived from the snapshot is stale after it.
    public private(set) var generation = 0

    let io: ShellIO
    let interruptFlag = InterruptFlag()
    private var caches: [String: Any] = [:]

    init(store: Store, commands: CommandRegistry, io: ShellIO, settings: ShellSettings) {
        self.store = store
        self.commands = commands
        self.io = io
        self.settings = settings
    }

    public var snapshot: Snapshot { store.snapshot }
    public var now: Date { store.now }

    /// Sets the shell's "now" (`--now`, `.now DATE`): days_since(), unused-access windows, aws:CurrentTime.
    public func setNow(_ date: Date) {
        store.now = date
        invalidate()
    }

    // MARK: Notices and interruption

    /// A line for people (load summaries, notices): the info stream, never the results.
    public func notice(_ text: String) {
        io.info.write(text.hasSuffix("\n") ? text : text + "\n")
        io.info.flush()
    }

    /// A warning line on the error stream (does not fail the command).
    public func warn(_ text: String) {
        io.err.write(text.hasSuffix("\n") ? text : text + "\n")
        io.err.flush()
    }

    /// True after Ctrl-C during the running command. Long commands check it between steps.
    public var isInterrupted: Bool { interruptFlag.isRaised }

    public func checkInterrupted() throws {
        if interruptFlag.isRaised { throw ShellError.interrupted }
    }

    // MARK: Request context

    /// The session's `.context` plus a command's `--context KEY=VALUE` pairs; a key given more than
    /// once becomes multi-valued. Command pairs replace session values of the same key.
    public func requestContext(adding pairs: [(key: String, value: String)] = []) -> RequestContext {
        var ctx = RequestContext()
        let overridden = Set(pairs.map { $0.key.lowercased() })
        for p in contextPairs where !overridden.contains(p.key.lowercased()) { ctx.add(p.key, p.value) }
        for p in pairs { ctx.add(p.key, p.value) }
        return ctx
    }

    // MARK: Derived data, rebuilt after a load

    /// A value computed once per snapshot (an index, a graph), dropped when the snapshot or "now" changes.
    public func cached<T>(_ key: String, _ build: () throws -> T) rethrows -> T {
        if let v = caches[key] as? T { return v }
        let v = try build()
        caches[key] = v
        return v
    }

    /// Replaces a cached value (e.g. marks derived SQL rows as filled for this load).
    public func setCached<T>(_ key: String, _ value: T) {
        caches[key] = value
    }

    func invalidate() {
        caches.removeAll()
        generation += 1
    }

    /// The action catalog (`Datasets/catalog`).
    public var catalog: ActionCatalog { store.catalog }

    /// The permission solver over the loaded snapshot (the store rebuilds it after a load or a new "now").
    public var authorizer: Authorizer { store.authorizer }

    // MARK: Loading

    /// Loads paths into the store, prints the summary line (info) and each diagnostic (errors).
    @discardableResult
    public func load(paths: [String]) -> LoadReport {
        let report = store.load(paths: paths, progress: loadProgress)
        invalidate()
        for d in report.diagnostics { warn(d.description) }
        notice(report.summaryLine)
        return report
    }
}
