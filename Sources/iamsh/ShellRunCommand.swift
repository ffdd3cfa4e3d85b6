import ArgumentParser
import Foundation
import IAMPolicy
import IAMShell
import IAMStore

/// `iamsh [PATH ...] [-c COMMAND]... [-f SCRIPT] [--format MODE] [--now DATE] [--bail] [--context K=V]...`
struct ShellRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Open the shell on a snapshot (the bundled demo organization when no PATH is given).",
        usage: "iamsh [PATH ...] [-c COMMAND]... [-f SCRIPT] [--format MODE] [--now DATE] [--bail] [--context KEY=VALUE]...",
        discussion: """
        With -c or -f the commands run and iamsh exits; with commands piped on stdin they are read \
        from there; otherwise an interactive prompt opens. Exit status: 0 ok, 1 a command failed or \
        the load had errors, 2 usage error.
        """)

    @Argument(help: ArgumentHelp("Snapshot folders or exported files to load.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customShort("c"), help: ArgumentHelp("Run a command (repeatable; SQL need not end with ';').", valueName: "command"))
    var commands: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("Run a script file (as .read), before any -c command.", valueName: "script"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("Output mode: table, box, csv, tsv, json, jsonl, markdown, line.", valueName: "mode"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("The date audits count from (ISO 8601, e.g. 2024-06-30).", valueName: "date"))
    var now: String?

    @Flag(name: .long, help: "Stop at the first error.")
    var bail = false

    @Option(name: .long, help: ArgumentHelp("Request-context key for can/who-can (repeatable).", valueName: "key=value"))
    var context: [String] = []

    func validate() throws {
        if let format, OutputMode(name: format) == nil {
            throw ValidationError("unknown format \"\(format)\"; formats: \(OutputMode.names.joined(separator: ", "))")
        }
        if let now, Timestamp.parse(now) == nil {
            throw ValidationError("--now expects an ISO 8601 date such as 2024-06-30, got \"\(now)\"")
        }
        for pair in context where !pair.contains("=") || pair.hasPrefix("=") {
            throw ValidationError("--context expects KEY=VALUE, got \"\(pair)\"")
        }
    }

    func run() throws {
        let status = try ShellSession(options: self).run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// One run of the shell: load, then -f/-c, piped stdin, or the interactive prompt.
struct ShellSession {
    let options: ShellRunCommand

    init(options: ShellRunCommand) { self.options = options }

    func run() throws -> Int32 {
        let stdout = FileDescriptorSink(fileDescriptor: STDOUT_FILENO)
        let stderr = FileDescriptorSink(fileDescriptor: STDERR_FILENO)
        let io = ShellIO(out: stdout, err: stderr, info: stderr)
        // A closed pipe (`iamsh … | head`) should end output quietly, not kill the process.
        signal(SIGPIPE, SIG_IGN)

        let nowDate = options.now.flatMap(Timestamp.parse) ?? Date()
        let store = try Store(now: nowDate)
        for w in store.catalogWarnings { stderr.write("warning: \(w)\n") }

        var settings = ShellSettings()
        settings.mode = options.format.flatMap(OutputMode.init(name:)) ?? .table
        settings.bail = options.bail
        settings.terminalWidth = Terminal.width(STDOUT_FILENO)
        let engine = ShellEngine(store: store, io: io, settings: settings)
        engine.session.contextPairs = options.context.compactMap { pair in
            guard let eq = pair.firstIndex(of: "=") else { return nil }
            return (String(pair[..<eq]), String(pair[pair.index(after: eq)...]))
        }

        // Load what was named, or the demo organization.
        var paths = options.paths
        if paths.isEmpty {
            guard let demo = DatasetLocator.datasetsDirectory()?.appendingPathComponent("demo") else {
                stderr.write("error: the bundled demo organization (Datasets/demo) was not found; pass a snapshot path or set IAMSH_DATASETS\n")
                stderr.flush()
                return 1
            }
            paths = [demo.path]
        }
        let progress = ProgressLine()
        if Terminal.isTTY(STDERR_FILENO) {
            engine.session.loadProgress = { p in progress.update(done: p.filesDone, total: p.filesTotal, file: p.currentFile) }
        }
        // The progress line stays installed for later `load` commands; it clears itself when a load ends.
        let loadFailed = engine.session.load(paths: paths).hasErrors
        // With --bail a load error is the first error: nothing runs on partial data.
        if loadFailed && options.bail { return 1 }

        let interactive: Bool
        if let file = options.file {
            engine.execute(".read " + Lexer.quoteIfNeeded(file))
            interactive = false
        } else {
            interactive = options.commands.isEmpty && Terminal.isTTY(STDIN_FILENO)
        }
        for command in options.commands where !engine.shouldStop {
            engine.execute(command)
        }
        if options.file == nil && options.commands.isEmpty {
            if interactive {
                runInteractive(engine)
            } else {
                runPiped(engine)
            }
        }
        stdout.flush()
        stderr.flush()
        if let code = engine.requestedExitCode { return code }
        // A person at the prompt saw each error as it happened; scripts and pipes report them in the status.
        if interactive { return 0 }
        return engine.failureCount > 0 || loadFailed ? 1 : 0
    }

    /// Commands piped on stdin, read line by line as they arrive.
    func runPiped(_ engine: ShellEngine) {
        var n = 0
        while !engine.shouldStop, let line = Swift.readLine(strippingNewline: true) {
            n += 1
            engine.feed(line, at: SourceLocation(source: "stdin", line: n))
        }
        if !engine.shouldStop { engine.finishInput() }
    }

    /// The prompt: libedit, history, completion, Ctrl-C and Ctrl-D.
    func runInteractive(_ engine: ShellEngine) {
        let environment = ProcessInfo.processInfo.environment
        let history = environment["IAMSH_HISTORY"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".iamsh_history")
        let editor = LineEditor(historyPath: history)
        LineEditor.completer = { line, cursor in engine.complete(line, cursor: cursor) }
        InterruptHandler.install { engine.interrupt() }
        engine.session.notice("Enter SQL ending with ';', a command, or .help. Ctrl-D or .quit leaves.")
        while !engine.quitRequested {
            engine.settings.terminalWidth = Terminal.width(STDOUT_FILENO)
            switch editor.readLine(prompt: engine.prompt) {
            case .line(let line):
                engine.resumeAfterBail()
                engine.feed(line)
            case .interrupted:
                engine.cancelInput()
                FileHandle.standardOutput.write(Data("^C\n".utf8))
            case .endOfInput:
                FileHandle.standardOutput.write(Data("\n".utf8))
                editor.saveHistory()
                engine.finishInput()
                return
            }
        }
        editor.saveHistory()
    }
}
