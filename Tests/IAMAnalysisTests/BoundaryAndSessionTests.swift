import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Permissions boundaries on users and roles, session policies, principal context keys and how
/// principals are named (session ARNs, unique IDs).
enum BoundaryCases {
    static let roleId = "AROACIROLEEXAMPLE001"
    static let userId = "AIDAUSERIDEXAMPLE001"

    static let world: World = {
        var w = WorldBuilder()
        let dev = w.managed("DevBoundary", policy(allow("s3:*", "sqs:*"), deny("s3:DeleteBucket")))
        let regional = w.managed("RegionalBoundary", policy(
            #"{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}"#))
        w.user("bu1", inline: [policy(allow("*"))], boundary: dev)
        w.user("bu2", inline: [policy(allow("s3:GetObject"))], boundary: dev)
        w.user("bu3", managed: [dev], boundary: dev)
        w.user("bu4", inline: [policy(allow("*"))], boundary: regional)
        w.role("br1", inline: [policy(allow("*"))], boundary: dev)
        w.role("br2", inline: [policy(allow("*"))], boundary: "arn:aws:iam::\(Acct.a):policy/NotCollectedBoundary")
        w.role("sr1", inline: [policy(allow("s3:*", "sqs:*"))])
        w.role("ci", id: roleId, inline: [policy(
            #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":"*:ci-*"}}}"#,
            #"{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":"AssumedRole"}}}"#,
            #"{"Effect":"Allow","Action":"sqs:ReceiveMessage","Resource":"*","Condition":{"StringEquals":{"aws:username":"ci"}}}"#,
            #"{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*","Condition":{"StringNotEquals":{"aws:username":"ci"}}}"#,
            #"{"Effect":"Allow","Action":"kms:ListKeys","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::\#(Acct.a):role/ci"}}}"#)])
        w.user("plain", id: userId, inline: [policy(
            #"{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":"AssumedRole"}}}"#,
            #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"red"}}}"#,
            #"{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"\#(userId)"}}}"#,
            #"{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"\#(Acct.a)"}}}"#)],
               tags: ["team": "blue"])
        return w.build()
    }()

    static func u(_ n: String) -> String { "arn:aws:iam::\(Acct.a):user/\(n)" }
    static func r(_ n: String) -> String { "arn:aws:iam::\(Acct.a):role/\(n)" }
    static func session(_ role: String, _ name: String) -> String { "arn:aws:sts::\(Acct.a):assumed-role/\(role)/\(name)" }
    static let obj = "arn:aws:s3:::bucket/k"
    static let queue = "arn:aws:sqs:eu-west-1:\(Acct.a):q"

    static let cases: [EvalCase] = {
        let w = world
        return [
            w.c("user boundary ∩ identity: both allow ⇒ allow (EVAL23 boundaries)", u("bu1"), "s3:GetObject", obj, .allow),
            w.c("user boundary ∩ identity: boundary lacks the action ⇒ deny (access_policies_boundaries)", u("bu1"), "ec2:RunInstances", "*", .deny, reason: "not allowed by boundary DevBoundary"),
            w.c("a Deny in the boundary is an explicit deny", u("bu1"), "s3:DeleteBucket", "arn:aws:s3:::bucket", .deny, reason: "explicitly denied by boundary DevBoundary"),
            w.c("boundary grants nothing by itself: identity must allow too", u("bu2"), "sqs:SendMessage", queue, .deny, reason: "implicit deny"),
            w.c("boundary also attached as identity policy: each layer counted once", u("bu3"), "sqs:SendMessage", queue, .allow),
            w.c("boundary also attached as identity policy: boundary still limits", u("bu3"), "ec2:RunInstances", "*", .deny),
            w.c("boundary with a condition on the region: regional resource ⇒ allow", u("bu4"), "sqs:SendMessage", queue, .allow),
            w.c("boundary with a condition on the region: region unknown ⇒ conditional", u("bu4"), "ec2:DescribeInstances", "*", .conditional, condition: "aws:RequestedRegion"),
            w.c("role boundary ∩ identity: allowed (peer-tools #1: role boundaries are not dropped)", r("br1"), "s3:GetObject", obj, .allow),
            w.c("role boundary ∩ identity: denied outside the boundary (peer-tools #1)", r("br1"), "iam:CreateUser", "arn:aws:iam::\(Acct.a):user/x", .deny, reason: "boundary"),
            w.c("role session inherits the role's boundary", session("br1", "s"), "ec2:RunInstances", "*", .deny, reason: "boundary"),
            w.c("boundary not loaded ⇒ conditional, naming it", r("br2"), "s3:GetObject", obj, .conditional, condition: "NotCollectedBoundary"),
            w.c("session policy ∩ identity: both allow ⇒ allow (EVAL23 session policies)", r("sr1"), "s3:GetObject", obj, .allow, session: policy(allow("s3:GetObject"))),
            w.c("session policy ∩ identity: session lacks the action ⇒ deny", r("sr1"), "sqs:SendMessage", queue, .deny, session: policy(allow("s3:GetObject")), reason: "session policy"),
            w.c("session policy cannot grant beyond identity", r("sr1"), "ec2:RunInstances", "*", .deny, session: policy(allow("*")), reason: "implicit deny"),
            w.c("a Deny in the session policy is an explicit deny", r("sr1"), "s3:GetObject", obj, .deny, session: policy(allow("*"), deny("s3:GetObject")), reason: "session policy"),
            w.c("no session policy: a role session is limited by nothing more (EVAL23)", session("sr1", "x"), "sqs:SendMessage", queue, .allow),
            w.c("aws:userid of a role session is role-id:session-name: matching session", session("ci", "ci-42"), "s3:GetObject", obj, .allow),
            w.c("aws:userid of a role session: other session name ⇒ deny", session("ci", "dev-1"), "s3:GetObject", obj, .deny),
            w.c("aws:userid of a role without a known session name ⇒ conditional", r("ci"), "s3:GetObject", obj, .conditional, condition: "aws:userid"),
            w.c("aws:PrincipalType is AssumedRole for role sessions", r("ci"), "sqs:SendMessage", queue, .allow),
            w.c("aws:PrincipalType is User for users", u("plain"), "sqs:SendMessage", queue, .deny),
            w.c("aws:username is absent for roles: StringEquals fails", r("ci"), "sqs:ReceiveMessage", queue, .deny),
            w.c("aws:username is absent for roles: StringNotEquals holds (negated operator on a missing key)", r("ci"), "ec2:DescribeInstances", "*", .allow),
            w.c("aws:PrincipalArn of a role session is the role ARN", session("ci", "any"), "kms:ListKeys", "*", .allow),
            w.c("aws:userid of a user is its unique ID", u("plain"), "s3:PutObject", obj, .allow),
            w.c("aws:PrincipalAccount is filled", u("plain"), "s3:ListBucket", "arn:aws:s3:::bucket", .allow),
            w.c("principal tag mismatch ⇒ deny", u("plain"), "s3:GetObject", obj, .deny),
            w.c("--context overrides a key filled from the data", u("plain"), "s3:GetObject", obj, .allow, context: [("aws:PrincipalTag/team", "red")]),
            w.c("a principal may be named by its unique ID", userId, "s3:PutObject", obj, .allow),
            w.c("an unknown principal is reported, never allowed", u("nobody"), "s3:GetObject", obj, .deny, warning: "unknown principal"),
        ]
    }()
}

@Suite("Boundaries, session policies and principal context")
struct BoundaryAndSessionTests {
    @Test(arguments: BoundaryCases.cases)
    func evaluates(_ c: EvalCase) { c.check() }
}
