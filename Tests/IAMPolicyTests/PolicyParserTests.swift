import Foundation
import Testing
@testable import IAMPolicy

@Suite("Policy grammar")
struct PolicyParserTests {
    func parse(_ text: String, _ kind: PolicyKind = .identity) throws -> PolicyDocument {
        try PolicyParser.parse(text: text, kind: kind)
    }

    func error(_ text: String, _ kind: PolicyKind = .identity) -> PolicyError? {
        do { _ = try parse(text, kind); return nil } catch let e as PolicyError { return e } catch { return nil }
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        let text: String, kind: PolicyKind, path: String, mentions: String, rule: String
        init(_ text: String, _ kind: PolicyKind = .identity, path: String, mentions: String, _ rule: String) {
            self.text = text; self.kind = kind; self.path = path; self.mentions = mentions; self.rule = rule
        }
        var testDescription: String { rule }
    }

    static let bad: [Bad] = [
        Bad(#"{"Version":"2012-10-17","Statement":[{"Action":"s3:*","Resource":"*"}]}"#, path: "$.Statement[0]", mentions: "Effect",
            "a statement needs an Effect"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}"#, path: "$.Statement[0].Effect",
            mentions: "case-sensitive", "Effect is case-sensitive (Allow/Deny)"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}"#, path: "$.Statement[0]", mentions: "Action",
            "a statement needs Action or NotAction"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}]}"#,
            path: "$.Statement[0].NotAction", mentions: "not both", "Action and NotAction are exclusive"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject",7],"Resource":"*"}]}"#,
            path: "$.Statement[0].Action[1]", mentions: "string", "action list entries are strings"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#, path: "$.Statement[0]", mentions: "Resource",
            "identity policy statements need Resource or NotResource"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}"#,
            path: "$.Statement[0]", mentions: "Principal", "identity policies may not name a Principal"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#, .resource,
            path: "$.Statement[0]", mentions: "Principal", "resource policies need a Principal"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#, .trust,
            path: "$.Statement[0]", mentions: "Principal", "trust policies need a Principal"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Actions":"s3:*","Resource":"*"}]}"#, path: "$.Statement[0].Actions",
            mentions: "unknown statement element", "unknown statement elements are rejected"),
        Bad(#"{"Version":"2012-10-17","Version":"2012-10-17","Statement":[]}"#, path: "$.Version", mentions: "duplicate",
            "duplicate keys are not allowed"),
        Bad(#"{"Version":"2012-10-18","Statement":[]}"#, path: "$.Version", mentions: "2012-10-17", "only the two documented versions"),
        Bad(#"{"Version":"2012-10-17"}"#, path: "$", mentions: "Statement", "a policy needs a Statement"),
        Bad(#"{"Version":"2012-10-17","Statement":"Allow everything"}"#, path: "$.Statement", mentions: "statement object",
            "Statement is an object or an array of objects"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":[null]}}}]}"#,
            path: #"$.Statement[0].Condition.StringEquals["aws:username"][0]"#, mentions: "string, number or boolean",
            "condition values are strings, numbers or booleans"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":"alice"}}]}"#,
            path: "$.Statement[0].Condition.StringEquals", mentions: "condition keys", "an operator maps keys to values"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"IAM":"*"},"Action":"s3:*","Resource":"*"}]}"#, .resource,
            path: "$.Statement[0].Principal.IAM", mentions: "AWS, Service, Federated or CanonicalUser", "principal types are AWS, Service, Federated, CanonicalUser"),
        Bad(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::111122223333:root","Action":"s3:*","Resource":"*"}]}"#, .resource,
            path: "$.Statement[0].Principal", mentions: "\"*\"", "a principal given as a bare string must be \"*\""),
    ]

    @Test(arguments: bad)
    func grammarErrorsNameThePath(_ b: Bad) {
        let e = error(b.text, b.kind)
        #expect(e?.path.description == b.path)
        #expect(e?.message.contains(b.mentions) == true, "\(String(describing: e))")
    }

    @Test("invalid JSON reports line and column")
    func invalidJSON() {
        let e = error("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n}")
        #expect(e?.message.contains("line 4") == true)
    }

    @Test("URL-encoded documents (raw IAM API) are decoded")
    func urlEncoded() throws {
        let raw = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/a+b c"}]}"#
        let encoded = try #require(raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let doc = try parse(encoded)
        #expect(doc.statements[0].resources == ["arn:aws:s3:::b/a+b c"])
        // Lower-case hex escapes decode the same.
        #expect(try parse(encoded.replacingOccurrences(of: "%7B", with: "%7b").replacingOccurrences(of: "%3A", with: "%3a")).statements == doc.statements)
    }

    @Test("a document held in a JSON string (bucket policies, SCP Content) is parsed")
    func documentInString() throws {
        let inner = #"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}"#
        let doc = try PolicyParser.parse(json: .string(inner), kind: .resource)
        #expect(doc.statements[0].effect == .deny)
    }

    @Test("a single string may replace a one-element array wherever the grammar allows")
    func stringOrArray() throws {
        let a = try parse(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:username":"alice"}}}}"#)
        let b = try parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"],"Condition":{"StringEquals":{"aws:username":["alice"]}}}]}"#)
        #expect(a.statements == b.statements)
    }

    @Test("\"Principal\": \"*\" is the same as {\"AWS\": \"*\"} (PMapper #10 treated them differently)")
    func everyone() throws {
        let star = try parse(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"#, .resource)
        let aws = try parse(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}}"#, .resource)
        #expect(star.statements[0].principal == .everyone)
        #expect(aws.statements[0].principal == star.statements[0].principal)
    }

    @Test("principal forms: account IDs (also as JSON numbers), ARNs, services, federated, canonical users")
    func principalForms() throws {
        let doc = try parse(#"""
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:role/app"],"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"},
          {"Effect":"Allow","Principal":{"AWS":111122223333},"Action":"sts:AssumeRole"},
          {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/corp","CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"sts:AssumeRoleWithSAML"},
          {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}
        ]}
        """#, .trust)
        let s = doc.statements
        #expect(s[0].principal?.aws == ["111122223333", "arn:aws:iam::444455556666:role/app"])
        #expect(s[0].principal?.service == ["lambda.amazonaws.com"])
        #expect(s[1].principal?.aws == ["111122223333"])
        #expect(s[2].principal?.federated == ["arn:aws:iam::111122223333:saml-provider/corp"])
        #expect(s[2].principal?.canonicalUser.count == 1)
        #expect(s[3].principalNegated)
        #expect(s[3].index == 3)
        #expect(s[0].resources == nil)
    }

    @Test("policy variables only with Version 2012-10-17; no Version means 2008-10-17 (literal ${…})")
    func versions() throws {
        #expect(try parse(#"{"Version":"2012-10-17","Statement":[]}"#).supportsVariables)
        #expect(try !parse(#"{"Version":"2008-10-17","Statement":[]}"#).supportsVariables)
        #expect(try !parse(#"{"Statement":[]}"#).supportsVariables)
    }

    @Test("condition values keep JSON numbers as written and booleans as true/false")
    func conditionScalars() throws {
        let doc = try parse(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10.50},"Bool":{"aws:SecureTransport":[true,false]}}}}"#)
        let c = doc.statements[0].conditions
        #expect(c[0] == ConditionClause(operatorName: "NumericLessThan", key: "s3:max-keys", values: ["10.50"]))
        #expect(c[1].values == ["true", "false"])
    }

    @Test("statement labels: Sid when present, else the position")
    func labels() throws {
        let doc = try parse(#"{"Version":"2012-10-17","Statement":[{"Sid":"ReadLogs","Effect":"Allow","Action":"logs:Get*","Resource":"*"},{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#)
        #expect(doc.statements.map(\.label) == ["ReadLogs", "#1"])
    }

    @Test("a byte-order mark before the document is ignored")
    func byteOrderMark() throws {
        #expect(try parse("\u{FEFF}" + #"{"Version":"2012-10-17","Statement":[]}"#).version == "2012-10-17")
    }

    @Test("numbers inside a principal list are account IDs too")
    func numericPrincipalInArray() throws {
        let doc = try parse(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":[111122223333,"444455556666"]},"Action":"sts:AssumeRole"}}"#, .trust)
        #expect(doc.statements[0].principal?.aws == ["111122223333", "444455556666"])
    }
}
