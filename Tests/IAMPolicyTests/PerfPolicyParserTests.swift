import Testing
@testable import IAMPolicy

/// Policy grammar errors after the parser stopped building a path per member: every error must
/// still name the same place (JSON path inside the document) with the same message.
@Suite("Policy grammar error paths")
struct PerfPolicyParserTests {
    func error(_ text: String, _ kind: PolicyKind = .identity) -> PolicyError? {
        do { _ = try PolicyParser.parse(text: text, kind: kind); return nil } catch let e as PolicyError { return e } catch { return nil }
    }

    static let cases: [(text: String, kind: PolicyKind, path: String, message: String)] = [
        // A single statement object (not an array) is reported at $.Statement.
        (#"{"Statement":{"Effect":"Allow","Action":"s3:*"}}"#, .identity, "$.Statement", "the statement has no Resource or NotResource"),
        (#"{"Statement":{"Effect":"Allow","Action":[1],"Resource":"*"}}"#, .identity, "$.Statement.Action[0]", "expected a string, found a number"),
        // Duplicates of grammar elements are found at their second occurrence; unknown elements at their first.
        (#"{"Statement":[{"Sid":"a","Sid":"b"}]}"#, .identity, "$.Statement[0].Sid", #"duplicate element "Sid""#),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Condition":{},"Condition":{}}]}"#, .identity, "$.Statement[1].Condition", #"duplicate element "Condition""#),
        (#"{"Statement":[{"Foo":1,"Foo":2}]}"#, .identity, "$.Statement[0].Foo",
         #"unknown statement element "Foo"; expected Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal or Condition"#),
        (#"{"Id":"x","Id":"y","Statement":[]}"#, .identity, "$.Id", #"duplicate element "Id""#),
        (#"{"Foo":1,"Foo":1}"#, .identity, "$.Foo", #"unknown policy element "Foo"; expected Version, Id or Statement"#),
        (#"{"Statement":[{"Effect":"Allow","NotResource":"*","Resource":"*"}]}"#, .identity, "$.Statement[0].Resource",
         "a statement may have Resource or NotResource, not both"),
        (#"{"Statement":[{"Principal":"*","NotPrincipal":"*"}]}"#, .resource, "$.Statement[0].NotPrincipal",
         "a statement may have Principal or NotPrincipal, not both"),
        (#"{"Statement":[{"Sid":7}]}"#, .identity, "$.Statement[0].Sid", "expected a string, found a number"),
        (#"{"Statement":[{"Effect":true}]}"#, .identity, "$.Statement[0].Effect", #"expected "Allow" or "Deny", found a boolean"#),
        (#"{"Statement":[{"Effect":"Allow","Action":{}}]}"#, .identity, "$.Statement[0].Action",
         "expected a string or an array of strings, found an object"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":["a",null]}]}"#, .identity, "$.Statement[0].NotResource[1]",
         "expected a string, found null"),
        // Principal paths: type, list index, numbers only as account IDs.
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Principal":{"AWS":["111122223333",12]}}]}"#, .resource,
         "$.Statement[0].Principal.AWS[1]", "expected a string, found a number"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Principal":{"Service":{}}}]}"#, .resource,
         "$.Statement[0].Principal.Service", "expected a string or an array of strings, found an object"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Principal":{"Service":"s","Team":"x"}}]}"#, .resource,
         "$.Statement[0].Principal.Team", #"unknown principal type "Team"; expected AWS, Service, Federated or CanonicalUser"#),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Principal":7}]}"#, .resource,
         "$.Statement[0].Principal", #"expected "*" or an object of principal types, found a number"#),
        // Condition paths: operator, key, value index.
        (#"{"Statement":[{"Condition":[]}]}"#, .identity, "$.Statement[0].Condition", "expected an object of condition operators, found an array"),
        (#"{"Statement":[{"Condition":{"Bool":{"aws:SecureTransport":"true"},"StringLike":{"s3:prefix":["a",{}]}}}]}"#, .identity,
         #"$.Statement[0].Condition.StringLike["s3:prefix"][1]"#, "expected a string, number or boolean, found an object"),
        (#"{"Statement":[{"Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":null}}}]}"#, .identity,
         #"$.Statement[0].Condition["ForAnyValue:StringEquals"]["aws:TagKeys"]"#,
         "expected a string, number, boolean or an array of them, found null"),
        (#"{"Statement":[{"Effect":"Allow"}]}"#, .scp, "$.Statement[0]", "the statement has no Action or NotAction"),
        (#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Principal":"*"}]}"#, .rcp, "$.Statement[0]",
         "the statement has no Resource or NotResource"),
        (#"[]"#, .identity, "$", "expected a policy document (a JSON object), found an array"),
    ]

    @Test(arguments: 0..<cases.count)
    func errorNamesPathAndMessage(_ i: Int) {
        let c = Self.cases[i]
        let e = error(c.text, c.kind)
        #expect(e?.path.description == c.path, "\(c.text)")
        #expect(e?.message == c.message, "\(c.text)")
    }

    /// Documents given as text are trimmed of whitespace, newlines and Unicode spaces around them.
    @Test func documentTextIsTrimmed() throws {
        let doc = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#
        for text in [doc, " \n" + doc + "\t\r\n", "\u{A0}" + doc + "\u{2028}", "\u{B}" + doc] {
            let parsed = try PolicyParser.parse(text: text, kind: .identity)
            #expect(parsed.statements.map(\.actions) == [["s3:GetObject"]])
        }
        #expect(error("")?.message.contains("empty") == true)
        #expect(error(doc + " x")?.message.contains("unexpected text after the end") == true)
    }

    @Test func validDocumentParsesEveryElement() throws {
        let text = #"""
        {"Version":"2008-10-17","Id":"P1","Statement":[
          {"Sid":"A","Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":"arn:aws:s3:::b",
           "NotPrincipal":{"AWS":["*","111122223333"],"Service":"s3.amazonaws.com","Federated":["f"],"CanonicalUser":"c"},
           "Condition":{"NumericLessThan":{"k":[1,"2",true]},"Bool":{"b":false}}}]}
        """#
        let doc = try PolicyParser.parse(text: text, kind: .resource)
        #expect(doc.version == "2008-10-17")
        #expect(doc.id == "P1")
        let s = try #require(doc.statements.first)
        #expect(s.sid == "A" && s.effect == .deny && s.actionsNegated && s.resourcesNegated && s.principalNegated)
        #expect(s.actions == ["iam:*", "sts:*"] && s.resources == ["arn:aws:s3:::b"])
        #expect(s.principal == PrincipalSpec(anyone: true, aws: ["111122223333"], service: ["s3.amazonaws.com"],
                                             federated: ["f"], canonicalUser: ["c"]))
        #expect(s.conditions == [ConditionClause(operatorName: "NumericLessThan", key: "k", values: ["1", "2", "true"]),
                                 ConditionClause(operatorName: "Bool", key: "b", values: ["false"])])
    }
}
