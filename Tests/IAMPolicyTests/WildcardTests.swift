import Testing
import Foundation
@testable import IAMPolicy

/// Action matching (IAM User Guide, "Action"): prefix and name case-insensitive, `*` and `?` anywhere.
@Suite("Action wildcards")
struct ActionWildcardTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let pattern: String, action: String, expected: Bool, rule: String
        var testDescription: String { "\(pattern) ~ \(action) → \(expected) (\(rule))" }
    }

    static let cases: [Case] = [
        Case(pattern: "*", action: "s3:GetObject", expected: true, rule: "\"Action\": \"*\" matches every action"),
        Case(pattern: "s3:GetObject", action: "s3:getobject", expected: true, rule: "action names are case-insensitive"),
        Case(pattern: "IAM:ListAccessKeys", action: "iam:listaccesskeys", expected: true, rule: "service prefix is case-insensitive"),
        Case(pattern: "s3:Get*", action: "s3:GetObjectAcl", expected: true, rule: "trailing * matches any run"),
        Case(pattern: "s3:Get*", action: "s3:PutObject", expected: false, rule: "literal prefix must match"),
        Case(pattern: "s3:Get*", action: "s3-outposts:GetObject", expected: false, rule: "prefix is the whole service prefix"),
        Case(pattern: "iam:*AccessKey*", action: "iam:CreateAccessKey", expected: true, rule: "* anywhere in the name"),
        Case(pattern: "iam:*AccessKey*", action: "iam:ListAccessKeys", expected: true, rule: "* anywhere in the name"),
        Case(pattern: "iam:*AccessKey*", action: "iam:ListUsers", expected: false, rule: "* anywhere in the name"),
        Case(pattern: "ec2:?escribeInstances", action: "ec2:DescribeInstances", expected: true, rule: "? matches exactly one character"),
        Case(pattern: "ec2:??escribeInstances", action: "ec2:DescribeInstances", expected: false, rule: "? matches exactly one character, not zero"),
        Case(pattern: "s3:*", action: "s3:ListAllMyBuckets", expected: true, rule: "service:* matches every action of the service"),
        Case(pattern: "s3:*", action: "sqs:SendMessage", expected: false, rule: "service:* stays within the service"),
        Case(pattern: "s3:GetObject", action: "s3:GetObjectAcl", expected: false, rule: "no implicit trailing wildcard"),
        Case(pattern: "*:Get*", action: "kms:GetKeyPolicy", expected: true, rule: "* may stand for the service prefix"),
    ]

    @Test(arguments: cases)
    func matchesActions(_ c: Case) {
        #expect(Wildcard.matchesAction(c.pattern, c.action) == c.expected)
    }
}

/// Wildcard core: every character other than `*` and `?` is literal.
@Suite("Glob core")
struct GlobCoreTests {
    @Test("characters legal in IAM names (+ = , . @ -) match only themselves (PMapper #4: + did not match itself)",
          arguments: ["a+b", "a=b", "a,b", "a.b", "a@b", "a-b", "a_b", "a$b", "a^b", "a(b)", "a[b]", "a\\b", "a|b"])
    func specialCharactersAreLiteral(_ name: String) {
        #expect(Wildcard.matches(name, name))
        #expect(!Wildcard.matches(name, name.replacingOccurrences(of: "a", with: "x")))
        #expect(Wildcard.matches(name + "*", name + "-suffix"))
    }

    @Test("a . in a pattern is not a regex any-character")
    func dotIsLiteral() {
        #expect(!Wildcard.matches("user.name", "userXname"))
    }

    @Test("? consumes one whole character, also a multi-byte one")
    func questionMarkIsOneCharacter() {
        #expect(Wildcard.matches("caf?", "café"))
        #expect(!Wildcard.matches("caf??", "café"))
        #expect(Wildcard.matches("*?", "é"))
        #expect(!Wildcard.matches("*??", "é"))
    }

    @Test("* matches the empty run; consecutive stars are one")
    func starEdges() {
        #expect(Wildcard.matches("a*b", "ab"))
        #expect(Wildcard.matches("a**b", "axyb"))
        #expect(Wildcard.matches("*a*b*c*", "xxaxxbxxcxx"))
        #expect(!Wildcard.matches("*a*b*c*", "xxaxxcxxbxx"))
        #expect(Wildcard.matches("", ""))
        #expect(!Wildcard.matches("", "a"))
    }

    @Test("pathological patterns stay fast (no exponential backtracking)")
    func noBlowUp() {
        let value = String(repeating: "a", count: 5000)
        let pattern = String(repeating: "a*", count: 40) + "b"
        #expect(!Wildcard.matches(pattern, value))
    }

    @Test("compiled pattern shapes: any, exact, prefix, general")
    func shapes() {
        #expect(GlobPattern("*").matchesEverything)
        #expect(!GlobPattern("s3:GetObject").hasWildcard)
        #expect(GlobPattern("s3:get*", caseInsensitive: true).matches("S3:GETOBJECT"))
        #expect(!GlobPattern("s3:get*", caseInsensitive: true).matches("s3:ge"))
        #expect(GlobPattern("s3:*Object", caseInsensitive: true).matches("s3:PutOBJECT"))
    }

    @Test("glob intersection decides whether two patterns share a string")
    func intersection() {
        func x(_ a: String, _ b: String) -> Bool { GlobOps.intersect(GlobOps.compile(a, foldCase: false), GlobOps.compile(b, foldCase: false)) }
        #expect(x("bucket/*", "*"))
        #expect(x("bucket/*", "bucket/logs/*"))
        #expect(x("a*c", "ab?"))
        #expect(!x("bucket/*", "other/*"))
        #expect(!x("abc", "abd"))
        #expect(x("?", "x"))
        #expect(!x("??", "x"))
    }
}
