import Testing
@testable import IAMShell

@Suite struct LexerTests {
    func texts(_ line: String) throws -> [String] { try Lexer.words(line).map(\.text) }

    @Test func wordsAndQuotes() throws {
        #expect(try texts("show  user/alice") == ["show", "user/alice"])
        #expect(try texts("show 'role/my role'") == ["show", "role/my role"])
        #expect(try texts(#"say "a \"quoted\" word\n""#) == ["say", "a \"quoted\" word\n"])
        #expect(try texts("x 'single \\n stays'") == ["x", "single \\n stays"])
        #expect(try texts(#"role/"my role"x"#) == ["role/my rolex"])
        #expect(try texts(#"a\ b"#) == ["a b"])
        #expect(try texts("   ") == [])
        #expect(try texts("''") == [""])
    }

    @Test func quotedWordsAreMarked() throws {
        let w = try Lexer.words(#"--x "--y""#)
        #expect(w.map(\.quoted) == [false, true])
        #expect(w[1].start == 4 && w[1].end == 9)
    }

    @Test func unterminatedQuoteIsAnError() {
        #expect(throws: LexError.self) { try Lexer.words("show 'alice") }
        let scanned = Lexer.scan("show 'ali")
        #expect(scanned.last?.terminated == false)
        #expect(scanned.last?.text == "ali")
    }

    @Test func quoteIfNeededRoundTrips() throws {
        for s in ["plain", "two words", "it's", #"say "hi""#, "", "back\\slash"] {
            #expect(try texts(Lexer.quoteIfNeeded(s)) == [s])
        }
    }
}

@Suite struct ArgumentTests {
    let spec = CommandSpec(name: "can", summary: "", usage: "can PRINCIPAL ACTION RESOURCE", arguments: [.principal, .action, .resource],
                           minArguments: 3, maxArguments: 3,
                           options: [.flag("explain", "trace"), .value("context", "K=V", "context", kind: .contextPair, repeatable: true),
                                     .value("max-depth", "N", "depth")])

    func parse(_ line: String) throws -> Arguments {
        try ArgumentParser.parse(Lexer.words(line), spec: spec)
    }

    @Test func optionForms() throws {
        let a = try parse("user/x s3:GetObject arn:aws:s3:::b/k --explain --context aws:SourceIp=10.0.0.1 --context=aws:TagKeys=a --max-depth 3")
        #expect(a.positional == ["user/x", "s3:GetObject", "arn:aws:s3:::b/k"])
        #expect(a.has("explain"))
        #expect(a.values("context") == ["aws:SourceIp=10.0.0.1", "aws:TagKeys=a"])
        #expect(try a.int("max-depth") == 3)
        let pairs = try a.pairs("context")
        #expect(pairs.map(\.key) == ["aws:SourceIp", "aws:TagKeys"])
        #expect(pairs.map(\.value) == ["10.0.0.1", "a"])
    }

    @Test func repeatedSingleValueOptionLastWins() throws {
        let a = try parse("a b c --max-depth 2 --max-depth 5")
        #expect(a.values("max-depth") == ["5"])
    }

    @Test func doubleDashEndsOptionsAndQuotedDashesArePositional() throws {
        let a = try parse("a b -- --explain")
        #expect(a.positional == ["a", "b", "--explain"])
        #expect(!a.has("explain"))
        let b = try parse(#"a b "--explain""#)
        #expect(b.positional.last == "--explain")
    }

    @Test func formatIsAcceptedByEveryCommand() throws {
        #expect(try parse("a b c --format json").value("format") == "json")
    }

    @Test func errors() {
        #expect(throws: ShellError.usage("can: unknown option --explian; did you mean --explain?")) { try parse("a b c --explian") }
        #expect(throws: ShellError.usage("can: --max-depth needs a value (N)")) { try parse("a b c --max-depth") }
        #expect(throws: ShellError.usage("can: --explain takes no value (got \"yes\")")) { try parse("a b c --explain=yes") }
        #expect(throws: ShellError.usage("usage: can PRINCIPAL ACTION RESOURCE")) { try parse("a b") }
        #expect(throws: ShellError.usage("usage: can PRINCIPAL ACTION RESOURCE")) { try parse("a b c d") }
        #expect(throws: ShellError.usage("--max-depth expects a whole number, got \"x\"")) { try parse("a b c --max-depth x").int("max-depth") }
        #expect(throws: ShellError.usage("--context expects KEY=VALUE, got \"novalue\"")) { try parse("a b c --context novalue").pairs("context") }
    }
}

@Suite struct ClassifierTests {
    @Test func sqlKeywordsStartSQL() {
        for word in ["SELECT 1;", "select 1", "  With x AS (SELECT 1) SELECT * FROM x;", "pragma table_info(users);", "EXPLAIN QUERY PLAN SELECT 1",
                     "values (1)", "create table t(x)", "insert into t values (1)", "update t set x=1", "delete from t", "drop table t",
                     "attach ':memory:' as x", "alter table t add y", "replace into t values (1)", "analyze", "vacuum", "begin", "commit",
                     "rollback", "savepoint a", "release a", "reindex", "detach x", "(SELECT 1)"] {
            #expect(InputClassifier.classify(word) == .sql, "\(word)")
        }
    }

    @Test func otherLines() {
        #expect(InputClassifier.classify("") == .blank)
        #expect(InputClassifier.classify("   ") == .blank)
        #expect(InputClassifier.classify("-- a comment") == .comment)
        #expect(InputClassifier.classify("#!/usr/bin/env iamsh") == .comment)
        #expect(InputClassifier.classify(".mode csv") == .dotCommand)
        #expect(InputClassifier.classify("show user/alice") == .command)
        #expect(InputClassifier.classify("selection") == .command)
        #expect(InputClassifier.classify("who-can s3:GetObject *") == .command)
    }
}

@Suite struct SuggestTests {
    @Test func nearest() {
        #expect(Suggest.nearest("sumary", in: ["summary", "show", "load"]) == "summary")
        #expect(Suggest.nearest("shwo", in: ["summary", "show", "load"]) == "show")
        #expect(Suggest.nearest("SELCT", in: InputClassifier.sqlKeywords) == "SELECT")
        #expect(Suggest.nearest("zzzzzz", in: ["summary", "show"]) == nil)
        #expect(Suggest.nearest("who", in: ["who-can", "what-can"]) == "who-can")
        #expect(Suggest.distance("abc", "acb") == 1)
    }
}
