import Testing
@testable import IAMPolicy

/// Wrong answers PMapper gives (peer-tools.md, "Known wrong answers"), replayed from policy text
/// through the parser, the matchers and the condition engine.
@Suite("Peer-tool regressions")
struct PeerToolRegressionTests {
    /// Whether one statement of `policy` covers the request: action, resource and conditions.
    func covers(_ policy: String, action: String, resource: String, context: RequestContext = RequestContext()) throws -> Tri {
        let doc = try PolicyParser.parse(text: policy, kind: .identity)
        let s = doc.statements[0]
        let actionHit = s.actions.contains { GlobPattern($0, caseInsensitive: true).matches(action) } != s.actionsNegated
        guard actionHit else { return .no }
        let resourceHit = (s.resources ?? []).reduce(Tri.no) { Tri.or($0, ResourcePattern($1, variablesEnabled: doc.supportsVariables).matches(resource, context: context)) }
        guard (s.resourcesNegated ? resourceHit.negated : resourceHit) != .no else { return .no }
        return Tri.and(s.resourcesNegated ? resourceHit.negated : resourceHit,
                       CompiledConditions(s.conditions, variablesEnabled: doc.supportsVariables).evaluate(context).result)
    }

    func policy(_ statement: String) -> String { #"{"Version":"2012-10-17","Statement":[\#(statement)]}"# }

    @Test("#3: resource ARNs are matched case-sensitively")
    func resourceCase() throws {
        let p = policy(#"{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::111122223333:user/Alice"}"#)
        #expect(try covers(p, action: "iam:CreateAccessKey", resource: "arn:aws:iam::111122223333:user/Alice") == .yes)
        #expect(try covers(p, action: "iam:CreateAccessKey", resource: "arn:aws:iam::111122223333:user/alice") == .no)
        #expect(try covers(p, action: "IAM:createaccesskey", resource: "arn:aws:iam::111122223333:user/Alice") == .yes)
    }

    @Test("#4: a name containing + matches itself (only * and ? are special)")
    func plusInName() throws {
        let p = policy(#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/ci+deploy"}"#)
        #expect(try covers(p, action: "iam:PassRole", resource: "arn:aws:iam::111122223333:role/ci+deploy") == .yes)
        #expect(try covers(p, action: "iam:PassRole", resource: "arn:aws:iam::111122223333:role/cideploy") == .no)
    }

    @Test("#5: StringNotLike on an absent key is true")
    func stringNotLikeAbsent() throws {
        let p = policy(#"{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotLike":{"aws:PrincipalTag/clearance":"secret*"}}}"#)
        var c = RequestContext(); c.markAbsent("aws:PrincipalTag/clearance")
        #expect(try covers(p, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: c) == .yes)
    }

    @Test("#6: Numeric conditions with JSON numbers and Bool with JSON true work")
    func jsonScalars() throws {
        let p = policy(#"{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThanEquals":{"s3:max-keys":100},"Bool":{"aws:SecureTransport":true}}}"#)
        #expect(try covers(p, action: "s3:ListBucket", resource: "arn:aws:s3:::b", context: RequestContext(["s3:max-keys": "50", "aws:SecureTransport": "true"])) == .yes)
        #expect(try covers(p, action: "s3:ListBucket", resource: "arn:aws:s3:::b", context: RequestContext(["s3:max-keys": "500", "aws:SecureTransport": "true"])) == .no)
    }

    @Test("#7: Numeric …IfExists and ForAllValues/ForAnyValue numeric blocks are evaluated")
    func numericForms() throws {
        let p = policy(#"{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"NumericLessThanIfExists":{"ec2:VolumeSize":"100"},"ForAllValues:NumericLessThan":{"custom:ports":"1024"}}}"#)
        var ok = RequestContext(["ec2:VolumeSize": "20"]); ok.set("custom:ports", ["22", "443"], multiValued: true)
        #expect(try covers(p, action: "ec2:RunInstances", resource: "*", context: ok) == .yes)
        var bad = RequestContext(["ec2:VolumeSize": "20"]); bad.set("custom:ports", ["22", "8080"], multiValued: true)
        #expect(try covers(p, action: "ec2:RunInstances", resource: "*", context: bad) == .no)
    }

    @Test("#16: policy variables inside condition values are substituted")
    func variablesInConditions() throws {
        let p = policy(#"{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::home","Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}}"#)
        let c = RequestContext(["aws:username": "alice", "s3:prefix": "home/alice/docs"])
        #expect(try covers(p, action: "s3:ListBucket", resource: "arn:aws:s3:::home", context: c) == .yes)
        let other = RequestContext(["aws:username": "alice", "s3:prefix": "home/bob/docs"])
        #expect(try covers(p, action: "s3:ListBucket", resource: "arn:aws:s3:::home", context: other) == .no)
    }

    @Test("#18: IfExists and set forms of Numeric, Date and IpAddress hold when the key is present and matching; IpAddressIfExists is not NotIpAddress")
    func ifExistsAndSetForms() throws {
        let p = policy(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"},"DateLessThanIfExists":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},"ForAnyValue:IpAddress":{"custom:hops":"192.0.2.0/24"}}}"#)
        var c = RequestContext(["aws:SourceIp": "10.9.8.7", "aws:CurrentTime": "2026-11-29T08:00:00Z"])
        c.set("custom:hops", ["198.51.100.1", "192.0.2.9"], multiValued: true)
        #expect(try covers(p, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: c) == .yes)
        c.set("aws:SourceIp", "203.0.113.1")
        #expect(try covers(p, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: c) == .no)
    }

    @Test("#8: an unknown operator makes the statement undecided, not silently true")
    func unknownOperator() throws {
        let p = policy(#"{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEqualsAnyCase":{"aws:username":"alice"}}}"#)
        #expect(try covers(p, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: RequestContext(["aws:username": "alice"])) == .unknown)
    }
}
