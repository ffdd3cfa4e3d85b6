import Testing
@testable import IAMShell

@Suite struct CompletionTests {
    static let vocabulary: CompletionVocabulary = {
        var v = CompletionVocabulary()
        v.tables = ["users", "roles", "user_tags", "access_keys"]
        v.columns = ["users": ["arn", "name", "account", "create_date"], "roles": ["arn", "name", "last_used"],
                     "access_keys": ["user_arn", "active"], "user_tags": []]
        v.actions = SortedWords(["s3:GetObject", "s3:GetBucketPolicy", "s3:PutObject", "iam:CreateAccessKey"])
        v.principals = SortedWords(["arn:aws:iam::111122223333:user/alice", "user/alice", "alice",
                                    "arn:aws:iam::111122223333:role/deploy", "role/deploy", "deploy", "role/my role"])
        v.entities = SortedWords(["user/alice", "alice", "role/deploy", "deploy", "group/admins", "admins", "policy/Deny"])
        v.resources = SortedWords(["arn:aws:s3:::example-bucket", "arn:aws:iam::111122223333:role/deploy"])
        v.conditionKeys = SortedWords(["aws:SourceIp", "aws:SourceVpc", "aws:PrincipalTag/"])
        return v
    }()

    static let commands: CommandRegistry = {
        struct Can: ShellCommand {
            let spec = CommandSpec(name: "can", summary: "", usage: "can P A R", arguments: [.principal, .action, .resource],
                                   minArguments: 3, maxArguments: 3,
                                   options: [.flag("explain", ""), .value("context", "K=V", "", kind: .contextPair, repeatable: true)])
            func run(_ args: Arguments, in session: Session) throws -> CommandResult { .empty }
        }
        var r = CommandRegistry.standard
        r.register(Can())
        return r
    }()

    func complete(_ line: String, pending: String? = nil) -> Completion {
        Completer.complete(line: line, cursor: line.utf8.count, pendingSQL: pending, vocabulary: Self.vocabulary, commands: Self.commands)
    }

    @Test func firstWord() {
        #expect(complete("su").candidates == ["summary"])
        #expect(complete("sh").candidates == ["show"])
        #expect(complete(".mo").candidates == [".mode"])
        #expect(complete(".").candidates.contains(".help"))
        #expect(complete("sel").candidates == ["select"])
        #expect(complete("SEL").candidates == ["SELECT"])
        #expect(complete("").candidates.contains("load"))
        #expect(complete("  sum") == Completion(start: 2, candidates: ["summary"]))
    }

    @Test func dotCommandArguments() {
        #expect(complete(".mode j").candidates == ["json", "jsonl"])
        #expect(complete(".headers o").candidates == ["off", "on"])
        #expect(complete(".schema us").candidates == ["user_tags", "users"])
        #expect(complete(".help cr").candidates == ["credential-report"])
        #expect(complete(".read scr").wantsFilenames)
        #expect(complete(".context aws:Sou").candidates == ["aws:SourceIp=", "aws:SourceVpc="])
    }

    @Test func commandArgumentsByKind() {
        #expect(complete("show ali").candidates == ["alice"])
        #expect(complete("show group/").candidates == ["group/admins"])
        #expect(complete("can user/").candidates == ["user/alice"])
        #expect(complete("can alice s3:get").candidates == ["s3:GetBucketPolicy", "s3:GetObject"])
        #expect(complete("can alice s3:GetObject arn:aws:s3").candidates == ["arn:aws:s3:::example-bucket"])
        #expect(complete("load ./da").wantsFilenames)
        #expect(complete("can role/my").candidates == ["'role/my role'"])
    }

    @Test func optionsAndOptionValues() {
        #expect(complete("can alice --ex").candidates == ["--explain"])
        #expect(complete("can alice --").candidates == ["--context", "--explain", "--format"])
        #expect(complete("can alice --context aws:SourceV").candidates == ["aws:SourceVpc="])
        #expect(complete("summary --format m").candidates == ["markdown"])
        let c = complete("summary --format=js")
        #expect(c.candidates == ["json", "jsonl"])
        #expect(c.start == "summary --format=".utf8.count)
        // An option's value does not count as a positional argument.
        #expect(complete("can --context aws:SourceIp=1 ali").candidates == ["alice"])
        #expect(complete("can alice --explain s3:Put").candidates == ["s3:PutObject"])
    }

    @Test func replacementStart() {
        let c = complete("can alice s3:Ge")
        #expect(c.start == "can alice ".utf8.count)
    }

    @Test func sqlTablesAfterFromAndJoin() {
        #expect(complete("SELECT * FROM us").candidates == ["user_tags", "users"])
        #expect(complete("select * from users u join ro").candidates == ["roles"])
        #expect(complete("SELECT * FROM users, ro").candidates == ["roles"])
    }

    @Test func sqlColumnsAfterTableDot() {
        #expect(complete("SELECT users.a").candidates == ["users.account", "users.arn"])
        #expect(complete("SELECT u.cr FROM users u WHERE u.cr").candidates == ["u.create_date"])
        #expect(complete("SELECT r.la FROM roles AS r WHERE r.la").candidates == ["r.last_used"])
    }

    @Test func sqlColumnsOfReferencedTablesAndKeywords() {
        // Columns of the tables in the statement first, then functions, keywords and tables (for subqueries).
        #expect(complete("SELECT name FROM users WHERE acc").candidates == ["account", "access_keys"])
        #expect(complete("SELECT * FROM users WHERE days").candidates == ["days_since("])
        #expect(complete("SELECT * FROM users ORD").candidates == ["ORDER"])
    }

    @Test func sqlStringLiteralsOfferActionsAndNames() {
        let line = "SELECT * FROM actions WHERE action = 's3:Get"
        let c = complete(line)
        #expect(c.candidates == ["s3:GetBucketPolicy'", "s3:GetObject'"])
        #expect(c.start == line.utf8.count - "s3:Get".utf8.count)
        #expect(complete("SELECT * FROM users WHERE arn = 'arn:aws:iam::111122223333:u").candidates == ["arn:aws:iam::111122223333:user/alice'"])
        // A closed literal is not completed inside.
        #expect(!complete("SELECT 'it''s' FROM us").candidates.isEmpty)
    }

    @Test func continuationLinesUseThePendingStatement() {
        let c = complete("  JOIN ro", pending: "SELECT *\nFROM users u")
        #expect(c.candidates == ["roles"])
        #expect(c.start == 7)
        #expect(complete("WHERE u.na", pending: "SELECT * FROM users u").candidates == ["u.name"])
    }

    @Test func sortedWordsPrefixSearch() {
        let w = SortedWords(["b", "Ab", "aa", "ac", "a"])
        #expect(w.withPrefix("a") == ["a", "aa", "Ab", "ac"])
        #expect(w.withPrefix("A", limit: 2) == ["a", "aa"])
        #expect(w.withPrefix("z").isEmpty)
        #expect(w.withPrefix("") .count == 5)
    }

    @Test func engineCompletesFromTheStore() throws {
        let h = try Harness()
        #expect(h.engine.complete("SELECT * FROM acc", cursor: 17).candidates == ["access_keys", "account_summary", "accounts"])
        #expect(h.engine.complete("SELECT us", cursor: 9).candidates.contains("users"))
        #expect(h.engine.complete("SELECT * FROM actions WHERE action = 'iam:Cr", cursor: 44).candidates == ["iam:CreateAccessKey'"])
        // Cursor in the middle: only the text before it counts; out-of-range cursors are clamped.
        #expect(h.engine.complete("sum xyz", cursor: 3).candidates == ["summary"])
        #expect(h.engine.complete("sum", cursor: 99).candidates == ["summary"])
        #expect(h.engine.complete("sum", cursor: -4).candidates.contains("summary"))
    }
}
