import Testing
@testable import IAMPolicy

/// How text with `${…}` splits into plain text, variables and literal characters (IAM User Guide,
/// "Policy variables": `${key}`, `${key, 'default'}`, `${*}`, `${?}`, `${$}`; malformed ones stay text).
@Suite("Policy variable parsing")
struct PolicyVariableParsingTests {
    typealias P = PolicyVariables.Piece

    @Test("text without a variable is one piece")
    func plain() {
        #expect(PolicyVariables.parse("arn:aws:s3:::bucket/*") == [.text("arn:aws:s3:::bucket/*")])
        #expect(PolicyVariables.parse("") == [.text("")])
        #expect(PolicyVariables.parse("$ {x} and $") == [.text("$ {x} and $")])
    }

    @Test("variables, defaults and the special characters between text")
    func mixed() {
        let pieces = PolicyVariables.parse("home/${aws:username}/${aws:PrincipalTag/team, 'none'}-${*}x")
        #expect(pieces == [
            .text("home/"), .variable(key: "aws:username", defaultValue: nil, raw: "${aws:username}"), .text("/"),
            .variable(key: "aws:PrincipalTag/team", defaultValue: "none", raw: "${aws:PrincipalTag/team, 'none'}"),
            .text("-"), .literal("*", raw: "${*}"), .text("x"),
        ])
    }

    @Test("a malformed variable stays plain text and the scan goes on after it")
    func malformed() {
        #expect(PolicyVariables.parse("a${}b${aws:userid}") == [.text("a${}b"), .variable(key: "aws:userid", defaultValue: nil, raw: "${aws:userid}")])
        #expect(PolicyVariables.parse("x${aws:username, none}y") == [.text("x${aws:username, none}y")])
        #expect(PolicyVariables.parse("open ${aws:username") == [.text("open ${aws:username")])
        #expect(PolicyVariables.parse("$${?}") == [.text("$"), .literal("?", raw: "${?}")])
    }

    @Test("non-ASCII text around a variable is kept whole")
    func unicode() {
        #expect(PolicyVariables.parse("dossier-é/${aws:username}/ü") == [
            .text("dossier-é/"), .variable(key: "aws:username", defaultValue: nil, raw: "${aws:username}"), .text("/ü"),
        ])
    }
}
