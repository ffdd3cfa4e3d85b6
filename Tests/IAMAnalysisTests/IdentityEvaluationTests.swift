import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Identity-based policies in one account: matching rules, variables, conditions, NotAction and
/// NotResource, managed policy versions, groups.
enum IdentityCases {
    static let world: World = {
        var w = WorldBuilder()
        let s3read = w.managed("S3Read", policy(allow("s3:GetObject", "s3:ListBucket", on: "arn:aws:s3:::data-bucket|arn:aws:s3:::data-bucket/*")))
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        let denyDelete = w.managed("DenyDelete", policy(deny("s3:Delete*")))
        let versioned = w.managedVersions("Versioned", defaultJSON: policy(allow("sqs:SendMessage")), otherJSON: policy(allow("*")))
        w.group("devs", inline: [policy(allow("ec2:DescribeInstances"))], managed: [s3read])
        w.group("admins", managed: [admin])
        w.user("alice", managed: [s3read])
        w.user("bob", groups: ["devs"])
        w.user("carol", inline: [policy(allow("*"))], managed: [denyDelete])
        w.user("dave")
        w.user("erin", managed: [versioned])
        w.user("frank", inline: [policy(allow("S3:getobject", on: "arn:aws:s3:::data-bucket/*"))])
        w.user("gina+ops=x,y.z@example-co", inline: [policy(allow("s3:GetObject", on: "arn:aws:s3:::bucket+name/*"))])
        w.user("hank", inline: [policy(allow("s3:GetObject", on: "arn:aws:s3:::Data-Bucket/*"))])
        w.user("ivy", inline: [policy(allow("s3:Get?bject", on: "arn:aws:s3:::data-bucket/*"))])
        w.user("jack", inline: [policy(#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#)])
        w.user("kate", inline: [policy(#"{"Effect":"Allow","NotAction":"s3:DeleteBucket","Resource":"arn:aws:s3:::*"}"#)])
        w.user("liam", inline: [policy(#"{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret-bucket/*"}"#)])
        w.user("mia", inline: [#"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#])
        w.user("noah", inline: [policy(allow("s3:GetObject", on: "arn:aws:s3:::home/${aws:username}/*"))])
        let teamPolicy = policy(allow("s3:GetObject", on: "arn:aws:s3:::teams/${aws:PrincipalTag/team}/*"))
        w.user("olga", inline: [teamPolicy], tags: ["team": "red"])
        w.user("pete", inline: [teamPolicy])
        w.user("quinn", inline: [policy(allow("s3:GetObject", on: "arn:aws:s3:::teams/${aws:PrincipalTag/team, 'none'}/*"))])
        w.user("rosa", inline: [policy(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}"#)])
        w.user("sam", inline: [policy(allow("s3:*"),
                                      #"{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}"#)])
        w.user("tina", inline: [policy(#"{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#)])
        w.user("uma", inline: [policy(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:username":"uma"}}}"#)])
        w.user("vic", inline: [policy(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/dept":"eng"}}}"#)], tags: ["dept": "eng"])
        w.user("wes", inline: [policy(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringFuzzyMatch":{"aws:username":"wes"}}}"#)])
        w.user("xena", inline: [policy(
            #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}"#,
            #"{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}}"#)])
        w.user("yuri", inline: [policy(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotLike":{"aws:PrincipalTag/project":"secret*"}}}"#)])
        w.user("zoe", inline: [policy(
            #"{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10}}}"#,
            #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":true}}}"#,
            #"{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"NumericLessThanIfExists":{"s3:max-keys":"10"}}}"#,
            #"{"Effect":"Allow","Action":"s3:DeleteObject","Resource":"*","Condition":{"StringLike":{"s3:prefix":"${aws:username}/*"}}}"#)])
        w.user("ike", inline: [policy(
            #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddressIfExists":{"aws:SourceIp":"203.0.113.0/24"}}}"#,
            #"{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"DateGreaterThanIfExists":{"aws:TokenIssueTime":"2026-01-01T00:00:00Z"}}}"#,
            #"{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"ForAnyValue:NumericEquals":{"s3:max-keys":[5,10]}}}"#,
            #"{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}}"#)])
        w.user("amir", inline: [policy(#"{"Effect":"Allow","Action":"ec2:TerminateInstances","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}"#)])
        w.user("bea", groups: ["admins"])
        w.user("cy", managed: ["arn:aws:iam::111122223333:policy/NotLoaded"])
        w.user("dina", inline: [policy(allow("s3:GetObject", on: "arn:aws:s3:::data-bucket/*"), allow("s3:GetObject", on: "arn:aws:s3:::other/*"))],
               managed: [s3read])
        return w.build()
    }()

    static func u(_ name: String) -> String { "arn:aws:iam::\(Acct.a):user/\(name)" }
    static let obj = "arn:aws:s3:::data-bucket/report.csv"

    static let cases: [EvalCase] = {
        let w = world
        return [
            w.c("identity policy Allow grants (EVAL23 identity-based policies)", u("alice"), "s3:GetObject", obj, .allow, reason: "S3Read"),
            w.c("no statement allows ⇒ implicit deny (EVALNOW)", u("dave"), "s3:GetObject", obj, .deny, reason: "implicit deny"),
            w.c("allow on another resource does not grant (resource match)", u("alice"), "s3:GetObject", "arn:aws:s3:::other/x", .deny),
            w.c("allow of one action does not grant another", u("alice"), "s3:PutObject", obj, .deny),
            w.c("group managed policies apply to members (EVAL23: user + group policies)", u("bob"), "s3:GetObject", obj, .allow),
            w.c("group inline policies apply to members", u("bob"), "ec2:DescribeInstances", "*", .allow, reason: "group devs"),
            w.c("group policies do not grant other actions", u("bob"), "ec2:RunInstances", "*", .deny),
            w.c("AWS managed policy through a group", u("bea"), "iam:CreateUser", "arn:aws:iam::111122223333:user/new", .allow, reason: "AdministratorAccess"),
            w.c("explicit deny overrides allow (EVALNOW)", u("carol"), "s3:DeleteObject", obj, .deny, reason: "explicitly denied by policy DenyDelete"),
            w.c("deny of other actions leaves the allow", u("carol"), "s3:GetObject", obj, .allow),
            w.c("action wildcard in Deny (s3:Delete*) covers DeleteBucket", u("carol"), "s3:DeleteBucket", "arn:aws:s3:::data-bucket", .deny),
            w.c("only the default policy version is in force (allowed action)", u("erin"), "sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:q", .allow),
            w.c("only the default policy version is in force (non-default grants nothing)", u("erin"), "ec2:RunInstances", "*", .deny),
            w.c("actions match case-insensitively (elements_action)", u("frank"), "s3:GetObject", obj, .allow),
            w.c("request action case does not matter", u("frank"), "S3:GETOBJECT", obj, .allow),
            w.c("+ = , . @ - in names match only themselves (peer-tools #4)", u("gina+ops=x,y.z@example-co"), "s3:GetObject", "arn:aws:s3:::bucket+name/k", .allow),
            w.c("+ is not a regex quantifier (peer-tools #4)", u("gina+ops=x,y.z@example-co"), "s3:GetObject", "arn:aws:s3:::buckettname/k", .deny),
            w.c("resource ARNs match case-sensitively (peer-tools #3)", u("hank"), "s3:GetObject", obj, .deny),
            w.c("resource ARNs match case-sensitively: exact case allowed", u("hank"), "s3:GetObject", "arn:aws:s3:::Data-Bucket/x", .allow),
            w.c("? in an action matches exactly one character", u("ivy"), "s3:GetObject", obj, .allow),
            w.c("? in an action does not match zero characters (peer-tools: Cartography ?→.?)", u("ivy"), "s3:Getbject", obj, .deny),
            w.c("NotAction with Allow grants every other action on the resources (elements_notaction)", u("jack"), "ec2:RunInstances", "*", .allow),
            w.c("NotAction with Allow does not grant the listed service", u("jack"), "iam:CreateUser", "arn:aws:iam::111122223333:user/x", .deny),
            w.c("NotAction + S3 Resource grants other S3 actions on S3 resources", u("kate"), "s3:GetObject", obj, .allow),
            w.c("NotAction + S3 Resource does not grant the listed action", u("kate"), "s3:DeleteBucket", "arn:aws:s3:::data-bucket", .deny),
            w.c("NotAction + S3 Resource does not grant s3:ListAllMyBuckets (elements_notaction example)", u("kate"), "s3:ListAllMyBuckets", "*", .deny),
            w.c("NotAction + S3 Resource does not grant other services (catalog scoping)", u("kate"), "ec2:RunInstances", "arn:aws:s3:::data-bucket", .deny, reason: "implicit deny"),
            w.c("NotResource with Allow grants outside the listed resources (elements_notresource)", u("liam"), "s3:GetObject", obj, .allow),
            w.c("NotResource with Allow excludes the listed resources", u("liam"), "s3:GetObject", "arn:aws:s3:::secret-bucket/k", .deny),
            w.c("policy variables are literal text in 2008-10-17 documents (VARS)", u("mia"), "s3:GetObject", "arn:aws:s3:::home/mia/x", .deny),
            w.c("policy variables are literal text in 2008-10-17 documents: literal matches", u("mia"), "s3:GetObject", "arn:aws:s3:::home/${aws:username}/x", .allow),
            w.c("${aws:username} is substituted in resources (VARS)", u("noah"), "s3:GetObject", "arn:aws:s3:::home/noah/x", .allow),
            w.c("${aws:username} does not match another user's prefix", u("noah"), "s3:GetObject", "arn:aws:s3:::home/olga/x", .deny),
            w.c("${aws:PrincipalTag/team} is substituted from the principal's tags", u("olga"), "s3:GetObject", "arn:aws:s3:::teams/red/x", .allow),
            w.c("${aws:PrincipalTag/team} does not match another team", u("olga"), "s3:GetObject", "arn:aws:s3:::teams/blue/x", .deny),
            w.c("a variable without a value matches no resource (VARS: no value)", u("pete"), "s3:GetObject", "arn:aws:s3:::teams/red/x", .deny),
            w.c("a variable default applies when the key has no value (VARS defaults)", u("quinn"), "s3:GetObject", "arn:aws:s3:::teams/none/x", .allow),
            w.c("condition on an unknown key ⇒ conditional, naming the condition", u("rosa"), "s3:GetObject", obj, .conditional, condition: "aws:SourceIp"),
            w.c("--context fills the unknown key: inside the CIDR ⇒ allow", u("rosa"), "s3:GetObject", obj, .allow, context: [("aws:SourceIp", "10.1.2.3")]),
            w.c("--context fills the unknown key: outside the CIDR ⇒ deny", u("rosa"), "s3:GetObject", obj, .deny, context: [("aws:SourceIp", "192.168.1.1")]),
            w.c("allow while a Deny with an unknown condition applies ⇒ conditional, never allow", u("sam"), "s3:GetObject", obj, .conditional, condition: "NOT"),
            w.c("the conditional deny resolved by --context ⇒ allow", u("sam"), "s3:GetObject", obj, .allow, context: [("aws:MultiFactorAuthPresent", "true")]),
            w.c("the conditional deny resolved by --context ⇒ explicit deny", u("sam"), "s3:GetObject", obj, .deny, context: [("aws:MultiFactorAuthPresent", "false")], reason: "explicitly denied"),
            w.c("a Deny with unknown conditions and no allow ⇒ deny", u("tina"), "s3:GetObject", obj, .deny),
            w.c("aws:username is filled for IAM users", u("uma"), "s3:GetObject", obj, .allow),
            w.c("aws:PrincipalTag/* is filled from the user's tags", u("vic"), "s3:GetObject", obj, .allow),
            w.c("an unknown condition operator makes the answer conditional (peer-tools #8: never fail open)", u("wes"), "s3:GetObject", obj, .conditional, warning: "unsupported condition operator"),
            w.c("aws:CurrentTime comes from now: expired date condition ⇒ deny", u("xena"), "s3:GetObject", obj, .deny),
            w.c("aws:CurrentTime comes from now: date condition met ⇒ allow", u("xena"), "s3:PutObject", obj, .allow),
            w.c("StringNotLike on an absent key is true (peer-tools #5)", u("yuri"), "s3:GetObject", obj, .allow),
            w.c("Numeric condition with a JSON number value (peer-tools #6)", u("zoe"), "s3:ListBucket", "arn:aws:s3:::data-bucket", .allow, context: [("s3:max-keys", "5")]),
            w.c("Bool condition with JSON true (peer-tools #6)", u("zoe"), "s3:GetObject", obj, .allow, context: [("aws:SecureTransport", "true")]),
            w.c("NumericLessThanIfExists with the key present (peer-tools #7)", u("zoe"), "s3:PutObject", obj, .allow, context: [("s3:max-keys", "3")]),
            w.c("NumericLessThanIfExists with the key present and too large", u("zoe"), "s3:PutObject", obj, .deny, context: [("s3:max-keys", "30")]),
            w.c("policy variables inside condition values are substituted (peer-tools #16)", u("zoe"), "s3:DeleteObject", obj, .allow, context: [("s3:prefix", "zoe/reports")]),
            w.c("policy variables inside condition values: other prefix ⇒ deny", u("zoe"), "s3:DeleteObject", obj, .deny, context: [("s3:prefix", "amir/reports")]),
            w.c("IpAddressIfExists with the key present inside the range (peer-tools #18)", u("ike"), "s3:GetObject", obj, .allow, context: [("aws:SourceIp", "203.0.113.7")]),
            w.c("IpAddressIfExists with the key present outside the range is not NotIpAddress (peer-tools #18)", u("ike"), "s3:GetObject", obj, .deny, context: [("aws:SourceIp", "198.51.100.7")]),
            w.c("IpAddressIfExists with the key unknown ⇒ conditional", u("ike"), "s3:GetObject", obj, .conditional, condition: "aws:SourceIp"),
            w.c("DateGreaterThanIfExists with the key present and later (peer-tools #18)", u("ike"), "s3:PutObject", obj, .allow, context: [("aws:TokenIssueTime", "2026-03-01T00:00:00Z")]),
            w.c("DateGreaterThanIfExists with the key present and earlier ⇒ deny", u("ike"), "s3:PutObject", obj, .deny, context: [("aws:TokenIssueTime", "2025-03-01T00:00:00Z")]),
            w.c("ForAnyValue:NumericEquals with a matching value (peer-tools #7)", u("ike"), "s3:ListBucket", "arn:aws:s3:::data-bucket", .allow, context: [("s3:max-keys", "10")]),
            w.c("ForAllValues:StringEquals: every request value listed (MULTI)", u("ike"), "sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:q", .allow, context: [("aws:TagKeys", "env"), ("aws:TagKeys", "team")]),
            w.c("ForAllValues:StringEquals: a request value not listed ⇒ deny (MULTI)", u("ike"), "sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:q", .deny, context: [("aws:TagKeys", "env"), ("aws:TagKeys", "owner")]),
            w.c("aws:RequestedRegion comes from the resource ARN's region (peer-tools #9)", u("amir"), "ec2:TerminateInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc", .allow),
            w.c("aws:RequestedRegion from the ARN: other region ⇒ deny", u("amir"), "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc", .deny),
            w.c("aws:RequestedRegion unknown for a global resource ⇒ conditional", u("amir"), "ec2:TerminateInstances", "*", .conditional, condition: "aws:RequestedRegion"),
            w.c("Action * grants an unknown service, and the unknown prefix is reported loudly", u("carol"), "madeup:DoThing", "*", .allow, warning: "unknown service prefix"),
            w.c("an attached policy that is not loaded grants nothing and is reported", u("cy"), "s3:GetObject", obj, .deny, warning: "not loaded"),
            w.c("several policies allowing: the first in order is named", u("dina"), "s3:GetObject", obj, .allow, reason: "inline policy"),
        ]
    }()
}

@Suite("Identity-based policy evaluation")
struct IdentityEvaluationTests {
    @Test(arguments: IdentityCases.cases)
    func evaluates(_ c: EvalCase) { c.check() }
}
