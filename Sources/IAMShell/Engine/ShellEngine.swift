import Foundation
import IAMAnalysis
import IAMStore

/// The REPL engine: takes lines of input, runs SQL, dot-commands and domain commands, and writes
/// rendered results and errors to its sinks. No terminal I/O: the executable feeds it lines from
/// libedit, `-c`, `-f` or a pipe; tests feed it strings.
public final class ShellEngine: @unchecked Sendable {
    public let session: Session
    public var commands: CommandRegistry { session.commands }
    /// Failed commands so far (the executable exits 1 when there were any).
    public private(set) var failureCount = 0
    /// `.quit` / `.exit` was given.
    public private(set) var quitRequested = false
    /// `.exit CODE`.
    public private(set) var requestedExitCode: Int32?

    private var pending: (text: String, location: SourceLocation?)?
    /// `.output FILE`: results go there until `.output` alone.
    var redirect: OutputSink?
    /// `.once FILE`: the next command's results go there.
    var onceSink: OutputSink?
    /// Scripts being read, innermost last (to refuse a script that reads itself).
    private var scriptStack: [String] = []

    public init(store: Store, io: ShellIO, settings: ShellSettings = ShellSettings(), commands: CommandRegistry = .standard) {
        session = Session(store: store, commands: commands, io: io, settings: settings)
    }

    public var settings: ShellSettings {
        get { session.settings }
        set { session.settings = newValue }
    }

    // MARK: Input

    /// True while an SQL statement continues over lines.
    public var isContinuing: Bool { pending != nil }

    /// The SQL typed so far on earlier lines, while continuing.
    public var pendingSQLText: String? { pending?.text }

    public static let primaryPrompt = "iamsh> "
    public static let continuationPrompt = "   ...> "
    public var prompt: String { isContinuing ? Self.continuationPrompt : Self.primaryPrompt }

    /// An error happened while bail was on: scripts and non-interactive input stop.
    public private(set) var bailed = false

    /// Whether input should stop: after `.quit`, or after an error with bail on.
    public var shouldStop: Bool { quitRequested || bailed }

    /// The prompt goes on after a bail stop: each line typed is a new start.
    public func resumeAfterBail() { bailed = false }

    /// Feeds one line (interactive, piped or from a script). SQL runs once complete; everything
    /// else runs at once.
    public func feed(_ line: String, at location: SourceLocation? = nil) {
        if let p = pending {
            let text = p.text + "\n" + line
            if Database.isComplete(text) {
                pending = nil
                runSQL(text, at: p.location)
            } else {
                pending = (text, p.location)
            }
            return
        }
        switch InputClassifier.classify(line) {
        case .blank, .comment:
            return
        case .dotCommand:
            runDotCommand(line, at: location)
        case .sql:
            if Database.isComplete(line) { runSQL(line, at: location) } else { pending = (line, location) }
        case .command:
            runCommand(line, at: location)
        }
    }

    /// Drops a half-typed SQL statement (Ctrl-C at the continuation prompt).
    public func cancelInput() { pending = nil }

    /// End of input: a statement still waiting for its `;` runs as it is (as sqlite3 does).
    public func finishInput() {
        guard let p = pending else { return }
        pending = nil
        runSQL(p.text, at: p.location)
    }

    /// Runs one `-c` command; SQL need not end with `;`, and several lines are allowed.
    public func execute(_ text: String) {
        runLines(text, source: nil)
    }

    /// Runs a script given as text; errors name `name` and the line.
    public func runScript(_ text: String, name: String) {
        runLines(text, source: name)
    }

    /// Runs a script file (`-f`, `.read`).
    public func runScript(path: String) throws {
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
        if scriptStack.contains(resolved) { throw ShellError.failed("\(path) reads itself (through .read); stopped") }
        guard scriptStack.count < 32 else { throw ShellError.failed(".read nested too deeply at \(path)") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError.failed("cannot read \(path): no such file or not readable")
        }
        let text = String(decoding: data, as: UTF8.self)
        scriptStack.append(resolved)
        defer { scriptStack.removeLast() }
        runLines(text, source: path)
    }

    private func runLines(_ text: String, source: String?) {
        let saved = pending
        pending = nil
        var n = 0
        // "\r\n" is one Character in Swift: split on both so Windows line ends work.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            n += 1
            if shouldStop { break }
            feed(String(raw), at: source.map { SourceLocation(source: $0, line: n) })
        }
        if !shouldStop { finishInput() }
        pending = saved
    }

    /// Ctrl-C while a command runs: stops the SQL statement and flags long commands. Safe from any thread.
    public func interrupt() {
        session.interruptFlag.raise()
        session.store.interrupt()
    }

    // MARK: Running

    func runSQL(_ sql: String, at location: SourceLocation?) {
        perform(at: location) {
            try PathGraph.fillEdgesIfNeeded(for: sql, in: session)
            let results = try session.store.run(sql: sql)
            return CommandResult(results.map { .table(ResultTable($0)) })
        }
    }

    func runCommand(_ line: String, at location: SourceLocation?) {
        perform(at: location) {
            let words = try Self.words(of: line)
            guard let first = words.first else { return .empty }
            guard let command = commands.command(named: first.text) else {
                throw ShellError.failed(unknownCommandMessage(first.text))
            }
            let spec = command.spec
            // `COMMAND --help` is `help COMMAND`, as people type it out of habit.
            if words.dropFirst().contains(where: { $0.text == "--help" || $0.text == "-h" }) {
                return .text(try Help.text(for: spec.name, commands: commands))
            }
            let args = try ArgumentParser.parse(Array(words.dropFirst()), spec: spec)
            if let format = args.value("format") {
                if let mode = OutputMode(name: format) {
                    session.formatOverride = mode
                } else if spec.extraFormats.contains(format.lowercased()) {
                    session.requestedFormat = format.lowercased()
                } else {
                    var msg = "\(spec.name): unknown format \"\(format)\" (formats: \((OutputMode.names + spec.extraFormats).joined(separator: ", ")))"
                    if let near = Suggest.nearest(format, in: OutputMode.names + spec.extraFormats) { msg += "; did you mean \(near)?" }
                    throw ShellError.usage(msg)
                }
            }
            return try command.run(args, in: session)
        }
    }

    func runDotCommand(_ line: String, at location: SourceLocation?) {
        perform(at: location) {
            let words = try Self.words(of: line)
            guard let first = words.first else { return .empty }
            let name = String(first.text.dropFirst())
            guard let dot = DotCommands.find(name) else {
                var msg = "unknown dot-command \".\(name)\""
                if let near = Suggest.nearest("." + name, in: DotCommands.names) { msg += "; did you mean \(near)?" }
                else { msg += "; .help lists them" }
                throw ShellError.failed(msg)
            }
            let args = words.dropFirst().map(\.text)
            if args.count < dot.minArguments || args.count > dot.maxArguments {
                throw ShellError.usage("usage: \(dot.usage)")
            }
            return try dot.run(DotInvocation(arguments: args, engine: self))
        }
    }

    /// Words of a one-line command; a trailing `;` (SQL habit) is dropped.
    static func words(of line: String) throws -> [Word] {
        var words = try Lexer.words(line)
        if var last = words.last, !last.quoted, last.text.hasSuffix(";") {
            last.text.removeLast()
            words.removeLast()
            if !last.text.isEmpty { words.append(last) }
        }
        return words
    }

    func unknownCommandMessage(_ name: String) -> String {
        var msg = "unknown command \"\(name)\""
        let candidates = commands.names + InputClassifier.sqlKeywords
        if let near = Suggest.nearest(name, in: candidates) {
            msg += "; did you mean \(near)?"
        } else {
            msg += "; .help lists the commands, and SQL statements start with SELECT, WITH, PRAGMA…"
        }
        return msg
    }

    /// Runs one unit of input: renders its result, reports its error, times it, flushes.
    private func perform(at location: SourceLocation?, _ body: () throws -> CommandResult) {
        session.interruptFlag.clear()
        session.formatOverride = nil
        session.requestedFormat = nil
        let sink = onceSink ?? redirect ?? session.io.out
        onceSink = nil
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let result = try body()
            emit(result, to: sink)
            if result.failed { failure() }
        } catch {
            report(error, at: location)
        }
        if session.settings.timer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            session.notice(String(format: "Run Time: real %.3f", seconds))
        }
        sink.flush()
        session.io.out.flush()
        session.io.err.flush()
        session.io.info.flush()
    }

    private func emit(_ result: CommandResult, to sink: OutputSink) {
        let s = session.settings
        let renderer = Renderer(mode: session.outputMode, headers: s.headers,
                                terminalWidth: sink === session.io.out ? s.terminalWidth : nil,
                                maxColumnWidth: s.maxColumnWidth)
        for output in result.outputs {
            switch output {
            case .table(let t): sink.write(renderer.render(t))
            case .text(let text):
                if text.isEmpty { continue }
                sink.write(text.hasSuffix("\n") ? text : text + "\n")
            }
        }
    }

    /// Writes `[script:line: ]error: message` to the error stream and counts the failure.
    func report(_ error: any Error, at location: SourceLocation?) {
        failure()
        let message: String
        switch error {
        case let e as ShellError: message = e.description
        case let e as SQLError: message = e.message == "interrupted" ? "interrupted" : e.message
        case let e as ResolveError: message = e.description
        case let e as LexError: message = e.description
        default: message = String(describing: error)
        }
        let prefix = location.map { "\($0): " } ?? ""
        session.io.err.write("\(prefix)error: \(message)\n")
    }

    private func failure() {
        failureCount += 1
        if session.settings.bail { bailed = true }
    }

    // MARK: For dot-commands

    func requestQuit(code: Int32?) {
        quitRequested = true
        requestedExitCode = code
    }
}

extension ShellEngine {
    /// TAB completion of `line` at UTF-8 offset `cursor` (an SQL statement in progress counts as context).
    public func complete(_ line: String, cursor: Int) -> Completion {
        Completer.complete(line: line, cursor: cursor, pendingSQL: pendingSQLText, vocabulary: vocabulary, commands: commands)
    }

    /// The completion vocabulary of the loaded data, built at the first TAB after a load.
    public var vocabulary: CompletionVocabulary {
        session.cached("completion") {
            var keys = Set<String>()
            for a in session.catalog.actions { keys.formUnion(a.conditionKeys) }
            // Action names from the `actions` table: what SQL sees is what TAB offers.
            let actions = (try? session.store.database.query("SELECT action FROM actions"))?.rows.compactMap { $0.first?.text } ?? []
            return CompletionVocabulary(store: session.store, catalogActions: actions, conditionKeys: Array(keys))
        }
    }
}
