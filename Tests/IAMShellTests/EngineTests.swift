import Foundation
import Testing
@testable import IAMShell

@Suite struct SQLInputTests {
    @Test func jsonContract() throws {
        let h = try Harness()
        h.engine.settings.mode = .json
        #expect(h.command("SELECT count(*) AS n FROM users;") == "[{\"n\": 3}]\n")
    }

    @Test("COMMAND --help (or -h) prints help COMMAND instead of an unknown-option error")
    func commandHelpFlag() throws {
        let h = try Harness()
        h.command("help who-can")
        let expected = h.out.text
        for line in ["who-can --help", "who-can s3:GetObject -h", "WHO-CAN --help"] {
            h.reset()
            h.command(line)
            #expect(!expected.isEmpty && h.out.text == expected, "\(line)")
            #expect(h.err.text.isEmpty, "\(line)")
        }
    }

    @Test func continuesOverLinesUntilComplete() throws {
        let h = try Harness()
        h.engine.settings.mode = .csv
        h.engine.feed("SELECT name")
        #expect(h.engine.isContinuing)
        #expect(h.engine.prompt == "   ...> ")
        h.engine.feed("  FROM users -- a comment; not the end")
        #expect(h.engine.isContinuing)
        h.engine.feed("  WHERE name = 'a;b' OR name = 'bob'")
        #expect(h.out.text == "")
        h.engine.feed("  ;")
        #expect(!h.engine.isContinuing)
        #expect(h.engine.prompt == "iamsh> ")
        #expect(h.out.text == "name\r\nbob\r\n")
    }

    @Test func cancelDropsHalfTypedStatement() throws {
        let h = try Harness()
        h.engine.feed("SELECT")
        h.engine.cancelInput()
        #expect(!h.engine.isContinuing)
        h.engine.feed(".mode csv")
        h.engine.feed("SELECT 1 AS x;")
        #expect(h.out.text == "x\r\n1\r\n")
        #expect(h.err.text == "")
    }

    @Test func commandSQLNeedsNoSemicolon() throws {
        let h = try Harness()
        h.engine.settings.mode = .csv
        #expect(h.command("SELECT 2 AS two") == "two\r\n2\r\n")
    }

    @Test func severalStatementsOnALine() throws {
        let h = try Harness()
        h.engine.settings.mode = .jsonl
        #expect(h.command("SELECT 1 AS a; SELECT 2 AS b;") == "{\"a\": 1}\n{\"b\": 2}\n")
    }

    @Test func statementsWithoutRowsPrintNothing() throws {
        let h = try Harness()
        #expect(h.run("CREATE TABLE notes (x);\nINSERT INTO notes VALUES (1);") == "")
        #expect(h.engine.failureCount == 0)
    }

    @Test func scriptEndRunsAnUnfinishedStatement() throws {
        let h = try Harness()
        h.engine.settings.mode = .csv
        #expect(h.run("SELECT 'last' AS x") == "x\r\nlast\r\n")
    }

    @Test func sqlErrorNamesScriptLine() throws {
        let h = try Harness()
        h.run("SELECT 1;\n\nSELECT nope\n  FROM users;\nSELECT 2;", name: "audit.iamsh")
        #expect(h.err.text == "audit.iamsh:3: error: no such column: nope\n")
        #expect(h.engine.failureCount == 1)
        #expect(h.out.text.contains("2"))  // continued after the error
    }
}

@Suite struct CommandTests {
    @Test func unknownCommandSuggests() throws {
        let h = try Harness()
        h.run("sumary", name: "s.iamsh")
        #expect(h.err.text == "s.iamsh:1: error: unknown command \"sumary\"; did you mean summary?\n")
        h.reset()
        h.command("selct * from users")
        #expect(h.err.text == "error: unknown command \"selct\"; did you mean SELECT?\n")
    }

    @Test func trailingSemicolonIsForgiven() throws {
        let h = try Harness()
        h.command("summary;")
        #expect(h.err.text == "")
    }

    @Test func formatOverridesModeForOneCommand() throws {
        let h = try Harness()
        h.command("summary --format json")  // the snapshot is empty: only SQL rows were inserted
        #expect(h.out.text == "[]\n")
        h.reset()
        h.command("summary --format=csv")
        #expect(h.out.text.hasPrefix("account,name,"))
        h.reset()
        h.command("SELECT 1 AS x;")
        #expect(h.out.text.hasPrefix("+---+"))  // back to the session mode
    }

    @Test func unknownFormat() throws {
        let h = try Harness()
        h.command("summary --format jsn")
        #expect(h.err.text.contains("unknown format \"jsn\""))
        #expect(h.err.text.contains("did you mean json?"))
    }

    @Test func usageErrorsFailTheCommand() throws {
        let h = try Harness()
        h.command("show")
        #expect(h.err.text == "error: usage: show PRINCIPAL|POLICY|RESOURCE\n")
        #expect(h.engine.failureCount == 1)
    }

    @Test func registryTakesNewCommands() throws {
        struct Echo: ShellCommand {
            let spec = CommandSpec(name: "echo", summary: "echo words", usage: "echo WORD...", arguments: [.text], maxArguments: nil,
                                   options: [.flag("upper", "upper case")], extraFormats: ["dot"])
            func run(_ args: Arguments, in session: Session) throws -> CommandResult {
                if session.requestedFormat == "dot" { return .text("digraph { }") }
                let words = args.positional.map { args.has("upper") ? $0.uppercased() : $0 }
                return .table(ResultTable(columns: ["word"], rows: words.map { [.text($0)] }))
            }
        }
        var registry = CommandRegistry.standard
        registry.register(Echo())
        let out = StringSink(), err = StringSink()
        let engine = ShellEngine(store: try .init(), io: ShellIO(out: out, err: err, info: StringSink()), commands: registry)
        engine.execute("echo a 'b c' --upper --format csv")
        #expect(out.text == "word\r\nA\r\nB C\r\n")
        out.clear()
        engine.execute("echo x --format dot")
        #expect(out.text == "digraph { }\n")
        #expect(err.text == "")
        engine.execute(".help echo")
        #expect(out.text.contains("usage: echo WORD..."))
    }
}

@Suite struct DotCommandTests {
    @Test func modeAndHeaders() throws {
        let h = try Harness()
        #expect(h.run(".mode\n") == "table\n")
        h.reset()
        h.run(".mode csv\n.headers off\nSELECT name FROM users ORDER BY name;")
        #expect(h.out.text == "alice\r\nbob\r\nci-deployer\r\n")
        h.reset()
        h.run(".mode nope")
        #expect(h.err.text.hasPrefix("test.iamsh:1: error: unknown mode \"nope\""))
        h.reset()
        h.run(".mode jsn")
        #expect(h.err.text.contains("did you mean json?"))
        h.reset()
        h.run(".headers maybe")
        #expect(h.err.text == "test.iamsh:1: error: expected on or off, got \"maybe\"; usage: .headers on|off\n")
    }

    @Test func everyModeByName() throws {
        for mode in OutputMode.allCases {
            let h = try Harness()
            h.run(".mode \(mode.rawValue)\nSELECT 1 AS n;")
            #expect(h.out.text == Renderer(mode: mode).render(ResultTable(columns: ["n"], rows: [[.integer(1)]])))
            #expect(h.err.text == "")
        }
    }

    @Test func outputAndOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.csv").path, b = dir.appendingPathComponent("b.csv").path
        let h = try Harness()
        h.run("""
        .mode csv
        .output \(a)
        SELECT 1 AS x;
        SELECT 2 AS y;
        .output
        .once \(b)
        SELECT 3 AS z;
        SELECT 4 AS w;
        """)
        #expect(h.err.text == "")
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "x\r\n1\r\ny\r\n2\r\n")
        #expect(try String(contentsOfFile: b, encoding: .utf8) == "z\r\n3\r\n")
        #expect(h.out.text == "w\r\n4\r\n")
    }

    @Test func outputToUnwritablePathFails() throws {
        let h = try Harness()
        h.run(".output /nonexistent-dir/x.csv")
        #expect(h.err.text == "test.iamsh:1: error: cannot open /nonexistent-dir/x.csv for writing\n")
    }

    @Test func readNamesNestedScriptLines() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inner = dir.appendingPathComponent("inner.iamsh").path
        try "-- inner\n.mode csv\nSELECT 'in' AS w;\nSELECT bad;\n".write(toFile: inner, atomically: true, encoding: .utf8)
        let h = try Harness()
        h.run("SELECT 1;\n.read \(inner)\nSELECT oops;", name: "outer.iamsh")
        #expect(h.err.text == "\(inner):4: error: no such column: bad\nouter.iamsh:3: error: no such column: oops\n")
        #expect(h.out.text.hasSuffix("w\r\nin\r\n"))
        #expect(h.engine.failureCount == 2)
    }

    @Test func readRefusesItself() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-self-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let me = dir.appendingPathComponent("me.iamsh").path
        try ".read \(me)\n".write(toFile: me, atomically: true, encoding: .utf8)
        let h = try Harness()
        h.run(".read \(me)")
        #expect(h.err.text.contains("reads itself"))
        h.reset()
        h.run(".read /no/such/script.iamsh")
        #expect(h.err.text == "test.iamsh:1: error: cannot read /no/such/script.iamsh: no such file or not readable\n")
    }

    @Test func bailStopsAtFirstError() throws {
        let h = try Harness()
        h.engine.settings.mode = .csv
        h.run(".bail on\nSELECT 1 AS a;\nSELECT bad;\nSELECT 2 AS b;")
        #expect(h.out.text == "a\r\n1\r\n")
        #expect(h.engine.shouldStop)
        #expect(h.engine.failureCount == 1)
    }

    @Test func withoutBailScriptContinues() throws {
        let h = try Harness()
        h.engine.settings.mode = .csv
        h.run("SELECT bad;\nSELECT 2 AS b;")
        #expect(h.out.text == "b\r\n2\r\n")
        #expect(!h.engine.shouldStop)
        #expect(h.engine.failureCount == 1)
    }

    @Test func quitStopsInput() throws {
        let h = try Harness()
        h.engine.settings.mode = .csv
        h.run("SELECT 1 AS a;\n.quit\nSELECT 2 AS b;")
        #expect(h.out.text == "a\r\n1\r\n")
        #expect(h.engine.quitRequested)
        let h2 = try Harness()
        h2.run(".exit 3")
        #expect(h2.engine.requestedExitCode == 3)
    }

    @Test func timerWritesToInfo() throws {
        let h = try Harness()
        h.run(".timer on\nSELECT 1;")
        #expect(h.info.text.hasPrefix("Run Time: real 0."))
        #expect(!h.out.text.contains("Run Time"))
    }

    @Test func nowShowsAndSets() throws {
        let h = try Harness()
        #expect(h.run(".now") == "2024-07-01T00:00:00Z\n")
        h.reset()
        h.engine.settings.mode = .csv
        h.run(".now 2025-01-01\n.now\n.now 2025-01-02T12:30:00+02:00\n.now")
        #expect(h.out.text == "2025-01-01T00:00:00Z\n2025-01-02T10:30:00Z\n")
        h.reset()
        h.run(".now yesterday")
        #expect(h.err.text.contains(".now expects an ISO 8601 date"))
    }

    @Test func contextSetShowClear() throws {
        let h = try Harness()
        h.engine.settings.mode = .csv
        h.run(".context aws:SourceIp 10.1.2.3\n.context aws:TagKeys=a\n.context aws:TagKeys b\n.context")
        #expect(h.out.text == "key,value\r\naws:SourceIp,10.1.2.3\r\naws:TagKeys,a\r\naws:TagKeys,b\r\n")
        let ctx = h.engine.session.requestContext()
        #expect(ctx.lookup("aws:sourceip") == .present(["10.1.2.3"]))
        #expect(ctx.lookup("aws:TagKeys") == .present(["a", "b"]))
        // A command's --context replaces the session value of the same key.
        let merged = h.engine.session.requestContext(adding: [("aws:SourceIp", "192.0.2.1")])
        #expect(merged.lookup("aws:SourceIp") == .present(["192.0.2.1"]))
        h.reset()
        h.run(".context clear aws:TagKeys\n.context")
        #expect(h.out.text == "key,value\r\naws:SourceIp,10.1.2.3\r\n")
        h.reset()
        h.run(".context clear\n.context")
        #expect(h.out.text == "key,value\r\n")
    }

    @Test func tablesAndSchema() throws {
        let h = try Harness()
        h.engine.settings.mode = .csv
        h.run(".tables user")
        #expect(h.out.text == "name,type,rows\r\nusers,table,3\r\n")
        h.reset()
        h.run(".schema users")
        #expect(h.out.text.hasPrefix("CREATE TABLE users ("))
        #expect(h.out.text.contains("-- JSON array of group names"))
        h.reset()
        h.run(".schema usres")
        #expect(h.err.text == "test.iamsh:1: error: no table or view named \"usres\"; did you mean users?\n")
    }

    @Test func unknownDotCommand() throws {
        let h = try Harness()
        h.run(".tabels")
        #expect(h.err.text == "test.iamsh:1: error: unknown dot-command \".tabels\"; did you mean .tables?\n")
        h.reset()
        h.run(".mode a b")
        #expect(h.err.text.hasPrefix("test.iamsh:1: error: usage: .mode ["))
    }
}

@Suite struct HelpTests {
    @Test func overviewListsCommandsDotCommandsAndTopics() throws {
        let h = try Harness()
        let text = h.run(".help")
        for word in ["summary", "show PRINCIPAL", "load PATH", ".mode", ".context", ".now", "credential-report", "access-analyzer",
                     "unused-access", "access-report", "evaluation-logic", "schema", "cis"] {
            #expect(text.contains(word), "\(word)")
        }
        h.reset()
        #expect(h.run("help") == text)
    }

    @Test func topicsExplainAndShowQueries() throws {
        let h = try Harness()
        for topic in HelpTopics.all {
            h.reset()
            let text = h.run(".help \(topic.name)")
            #expect(text.hasPrefix("\(topic.name): "))
            #expect(text.contains("Answer it on the loaded data:"))
            #expect(h.err.text == "")
        }
    }

    @Test func answersNeedingMissingCommandsAreHidden() throws {
        // A registry without `audit`: the topic keeps its SQL answers and drops the command's.
        let without = CommandRegistry(CommandRegistry.standard.commands.filter { $0.spec.name != "audit" })
        let hidden = try Help.text(for: "cis", commands: without)
        #expect(!hidden.contains("audit --benchmark cis"))
        #expect(hidden.contains("2.4 root access keys"))
        let shown = try Help.text(for: "cis", commands: .standard)
        #expect(shown.contains("audit --benchmark cis"))
    }

    @Test func commandHelpAndUnknownTopic() throws {
        let h = try Harness()
        #expect(h.run(".help show").hasPrefix("usage: show PRINCIPAL|POLICY|RESOURCE"))
        h.reset()
        h.run(".help credentail-report")
        #expect(h.err.text.contains("did you mean credential-report?"))
    }
}
