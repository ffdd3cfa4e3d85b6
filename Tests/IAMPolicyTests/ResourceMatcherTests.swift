import Testing
@testable import IAMPolicy

/// Resource matching (IAM User Guide, "Resource"): case-sensitive; `*`/`?` within each of the six
/// colon-separated ARN parts; `*` also matches `/`; a `*` ending a short pattern runs past colons.
@Suite("Resource matching")
struct ResourceMatcherTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let pattern: String, resource: String, expected: Tri, rule: String
        var testDescription: String { "\(pattern) ~ \(resource) (\(rule))" }
    }

    static let cases: [Case] = [
        Case(pattern: "*", resource: "arn:aws:s3:::bucket", expected: .yes, rule: "* matches every resource"),
        Case(pattern: "*", resource: "*", expected: .yes, rule: "* matches the * resource of actions without resource types"),
        Case(pattern: "arn:aws:s3:::*", resource: "*", expected: .no, rule: "an ARN pattern does not match the * resource"),
        Case(pattern: "arn:aws:s3:::*", resource: "arn:aws:s3:::bucket/key", expected: .yes, rule: "* in the resource part"),
        Case(pattern: "arn:aws:s3:::*", resource: "arn:aws:iam::111122223333:user/alice", expected: .no, rule: "service part is literal"),
        Case(pattern: "arn:aws:*", resource: "arn:aws:iam::111122223333:user/alice", expected: .yes,
             rule: "a * ending a short pattern runs past colons (current Resource docs)"),
        Case(pattern: "arn:aws:iam::*", resource: "arn:aws:iam::111122223333:role/admin", expected: .yes,
             rule: "a * ending the fifth part runs on into the resource part"),
        Case(pattern: "arn:aws:iam::*:role/x*", resource: "arn:aws:iam::111122223333:role/x-ray", expected: .yes, rule: "* within the account part"),
        Case(pattern: "arn:aws:iam::*:role/x*", resource: "arn:aws:iam::111122223333:user/x-ray", expected: .no, rule: "literal resource type"),
        Case(pattern: "arn:aws:iam::*:role/x", resource: "arn:aws:iam::111:222:role/x", expected: .no,
             rule: "* inside a non-final part does not cross a colon"),
        Case(pattern: "arn:aws:iam::111122223333:user/Alice", resource: "arn:aws:iam::111122223333:user/alice", expected: .no,
             rule: "resource matching is case-sensitive (PMapper #3 matched case-insensitively)"),
        Case(pattern: "arn:aws:S3:::bucket", resource: "arn:aws:s3:::bucket", expected: .no, rule: "every ARN part is case-sensitive"),
        Case(pattern: "arn:aws:s3:::bucket/*/test/*", resource: "arn:aws:s3:::bucket//test/object.jpg", expected: .yes,
             rule: "* matches / and the empty run"),
        Case(pattern: "arn:aws:s3:::bucket/*/test/*", resource: "arn:aws:s3:::bucket/1/2/test/3/x", expected: .yes, rule: "* spans several / levels"),
        Case(pattern: "arn:aws:s3:::bucket/*", resource: "arn:aws:s3:::bucket", expected: .no, rule: "bucket/* does not name the bucket itself"),
        Case(pattern: "arn:aws:s3:::bucket", resource: "arn:aws:s3:::bucket/key", expected: .no, rule: "no implicit trailing wildcard"),
        Case(pattern: "arn:aws:s3:::bucket?", resource: "arn:aws:s3:::bucket1", expected: .yes, rule: "? matches one character"),
        Case(pattern: "arn:aws:s3:::bucket?", resource: "arn:aws:s3:::bucket", expected: .no, rule: "? does not match zero characters"),
        Case(pattern: "arn:aws:iam::111122223333:user/a+b", resource: "arn:aws:iam::111122223333:user/a+b", expected: .yes,
             rule: "+ in a name matches itself (PMapper #4)"),
        Case(pattern: "arn:aws:iam::111122223333:user/a.b", resource: "arn:aws:iam::111122223333:user/aXb", expected: .no, rule: ". is literal"),
        Case(pattern: "arn:aws:iam::111122223333:user/a=b,c@d-e", resource: "arn:aws:iam::111122223333:user/a=b,c@d-e", expected: .yes,
             rule: "= , @ - are literal name characters"),
        Case(pattern: "arn:aws:logs:*:*:log-group:/aws/*:*", resource: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f:log-stream:s",
             expected: .yes, rule: "the resource part keeps its colons"),
        Case(pattern: "arn:aws:sqs:us-east-1:111122223333:queue", resource: "arn:aws:sqs:us-east-1:111122223333:queue", expected: .yes,
             rule: "exact ARN"),
        Case(pattern: "arn:aws:sqs:us-?ast-1:111122223333:queue", resource: "arn:aws:sqs:us-east-1:111122223333:queue", expected: .yes,
             rule: "? within the region part"),
        Case(pattern: "arn:aws:sqs:*:111122223333:*", resource: "arn:aws:sqs:eu-west-1:111122223333:q", expected: .yes, rule: "* per part"),
        Case(pattern: "arn:aws:sqs:*:111122223333:*", resource: "arn:aws:sqs:eu-west-1:444455556666:q", expected: .no, rule: "literal account"),
        Case(pattern: "arn:aws:s3:::*", resource: "arn:aws:s3:::", expected: .yes, rule: "* matches an empty resource part"),
    ]

    @Test(arguments: cases)
    func matches(_ c: Case) {
        #expect(ResourceMatcher.matches(c.pattern, c.resource) == c.expected)
    }

    @Test("compiled patterns agree with the one-shot matcher")
    func compiledAgrees() {
        for c in Self.cases {
            #expect(ResourcePattern(c.pattern).matches(c.resource) == c.expected, "\(c.pattern)")
        }
    }

    @Test("overlap: does a statement's resource pattern name resources of a type")
    func overlaps() {
        let objectType = ResourcePattern("arn:*:s3:::*/*")
        #expect(ResourcePattern("arn:aws:s3:::bucket/*").overlaps(objectType))
        #expect(ResourcePattern("*").overlaps(objectType))
        #expect(!ResourcePattern("arn:aws:s3:::bucket").overlaps(objectType))
        #expect(!ResourcePattern("arn:aws:iam::111122223333:role/*").overlaps(objectType))
        #expect(ResourcePattern("arn:aws:*").overlaps(objectType))
    }
}

/// Policy variables in Resource (IAM User Guide, "Policy variables").
@Suite("Resource policy variables")
struct ResourceVariableTests {
    static let alice: RequestContext = {
        var c = RequestContext()
        c.set("aws:username", "alice")
        c.set("aws:PrincipalTag/team", "blue")
        c.markAbsent("aws:PrincipalTag/project")
        return c
    }()

    @Test("${aws:username} substitutes in the resource part")
    func substitutes() {
        #expect(ResourceMatcher.matches("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/notes", context: Self.alice) == .yes)
        #expect(ResourceMatcher.matches("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/bob/notes", context: Self.alice) == .no)
    }

    @Test("variable key names are case-insensitive")
    func keyCase() {
        #expect(ResourceMatcher.matches("arn:aws:s3:::home/${AWS:UserName}/*", "arn:aws:s3:::home/alice/x", context: Self.alice) == .yes)
    }

    @Test("variables are literal text in 2008-10-17 documents")
    func versionGate() {
        #expect(ResourceMatcher.matches("arn:aws:s3:::home/${aws:username}", "arn:aws:s3:::home/alice", context: Self.alice, variablesEnabled: false) == .no)
        #expect(ResourceMatcher.matches("arn:aws:s3:::home/${aws:username}", "arn:aws:s3:::home/${aws:username}", context: Self.alice, variablesEnabled: false) == .yes)
    }

    @Test("a variable without value and default matches no resource")
    func missingMatchesNothing() {
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${aws:PrincipalTag/project}/*", "arn:aws:s3:::b//x", context: Self.alice) == .no)
        #expect(ResourceMatcher.matches("*${aws:PrincipalTag/project}", "anything", context: Self.alice) == .no)
    }

    @Test("a default applies when the key has no value")
    func defaults() {
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${aws:PrincipalTag/project, 'shared'}/*", "arn:aws:s3:::b/shared/x", context: Self.alice) == .yes)
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*", "arn:aws:s3:::b/blue/x", context: Self.alice) == .yes)
    }

    @Test("an unknown key leaves the match undecided, unless the fixed text already fails")
    func unknownKey() {
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${aws:PrincipalTag/cost}/*", "arn:aws:s3:::b/x/y", context: Self.alice) == .unknown)
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${aws:PrincipalTag/cost}/*", "arn:aws:s3:::other/x/y", context: Self.alice) == .no)
    }

    @Test("${*}, ${?} and ${$} are literal characters, not wildcards")
    func specialCharacters() {
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/*") == .yes)
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/anything") == .no)
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${?}", "arn:aws:s3:::b/?") == .yes)
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${?}", "arn:aws:s3:::b/x") == .no)
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${$}x", "arn:aws:s3:::b/$x") == .yes)
    }

    @Test("variables before the fifth colon are not substituted")
    func onlyResourcePart() {
        var c = RequestContext()
        c.set("aws:PrincipalAccount", "111122223333")
        #expect(ResourceMatcher.matches("arn:aws:iam::${aws:PrincipalAccount}:role/x", "arn:aws:iam::111122223333:role/x", context: c) == .no)
    }

    @Test("a substituted value is literal: a tag value of * is not a wildcard")
    func substitutedValueIsLiteral() {
        var c = RequestContext()
        c.set("aws:PrincipalTag/team", "*")
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${aws:PrincipalTag/team}", "arn:aws:s3:::b/red", context: c) == .no)
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${aws:PrincipalTag/team}", "arn:aws:s3:::b/*", context: c) == .yes)
    }

    @Test("a multi-valued key is not usable as a variable (no value)")
    func multiValued() {
        var c = RequestContext()
        c.set("aws:PrincipalOrgPaths", ["o-1/r-1/", "o-1/r-2/"], multiValued: true)
        #expect(ResourceMatcher.matches("arn:aws:s3:::b/${aws:PrincipalOrgPaths}", "arn:aws:s3:::b/o-1/r-1/", context: c) == .no)
    }
}
