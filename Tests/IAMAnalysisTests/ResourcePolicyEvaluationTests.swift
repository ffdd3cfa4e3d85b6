import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Resource-based policies: the same-account table keyed on which ARN the policy names,
/// cross-account rules, "*" principals, NotPrincipal, explicit denies in resource policies.
enum ResourceCases {
    static func bucketPolicy(_ statements: String...) -> String {
        #"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"#
    }

    static func grant(_ principal: String, _ action: String, _ bucket: String) -> String {
        #"{"Effect":"Allow","Principal":\#(principal),"Action":"\#(action)","Resource":["arn:aws:s3:::\#(bucket)","arn:aws:s3:::\#(bucket)/*"]}"#
    }

    static let world: World = {
        var w = WorldBuilder(accounts: [Acct.a, Acct.b])
        let sqsOnly = w.managed("SqsOnlyBoundary", policy(allow("sqs:*")))
        let s3Boundary = w.managed("S3Boundary", policy(allow("s3:*")))
        w.user("alice")
        w.user("ubound", boundary: sqsOnly)
        w.user("deployer", inline: [policy(allow("s3:*", "kms:*", "sts:AssumeRole"))])
        w.user("carl", inline: [policy(allow("s3:*"))])
        w.user("nbound", inline: [policy(allow("s3:*"))], boundary: s3Boundary)
        w.role("app")
        w.role("bounded", boundary: sqsOnly)
        w.role("admin", inline: [policy(allow("*"))])
        w.role("admin-bounded", inline: [policy(allow("*"))], boundary: s3Boundary)
        w.user("bob", account: Acct.b, inline: [policy(allow("s3:GetObject"))])
        w.user("bnone", account: Acct.b)
        w.role("b-reader", account: Acct.b, inline: [policy(allow("s3:*"))])

        let a = Acct.a
        w.resource("arn:aws:s3:::a-userarn", type: "s3:bucket", account: a, policy: bucketPolicy(
            grant(#"{"AWS":["arn:aws:iam::\#(a):user/alice","arn:aws:iam::\#(a):user/ubound"]}"#, "s3:GetObject", "a-userarn")))
        w.resource("arn:aws:s3:::a-rolearn", type: "s3:bucket", account: a, policy: bucketPolicy(
            grant(#"{"AWS":["arn:aws:iam::\#(a):role/app","arn:aws:iam::\#(a):role/bounded"]}"#, "s3:GetObject", "a-rolearn")))
        w.resource("arn:aws:s3:::a-session", type: "s3:bucket", account: a, policy: bucketPolicy(
            grant(#"{"AWS":"arn:aws:sts::\#(a):assumed-role/bounded/s1"}"#, "s3:GetObject", "a-session")))
        w.resource("arn:aws:s3:::a-account", type: "s3:bucket", account: a, policy: bucketPolicy(
            grant(#"{"AWS":"\#(a)"}"#, "s3:GetObject", "a-account")))
        w.resource("arn:aws:s3:::a-root", type: "s3:bucket", account: a, policy: bucketPolicy(
            grant(#"{"AWS":"arn:aws:iam::\#(a):root"}"#, "s3:GetObject", "a-root")))
        w.resource("arn:aws:s3:::a-star", type: "s3:bucket", account: a, policy: bucketPolicy(grant(#""*""#, "s3:GetObject", "a-star")))
        w.resource("arn:aws:s3:::a-awsstar", type: "s3:bucket", account: a, policy: bucketPolicy(grant(#"{"AWS":"*"}"#, "s3:GetObject", "a-awsstar")))
        w.resource("arn:aws:s3:::a-cross", type: "s3:bucket", account: a, policy: bucketPolicy(
            grant(#"{"AWS":"arn:aws:iam::\#(Acct.b):root"}"#, "s3:*", "a-cross")))
        w.resource("arn:aws:s3:::a-cross-user", type: "s3:bucket", account: a, policy: bucketPolicy(
            grant(#"{"AWS":["arn:aws:iam::\#(Acct.b):user/bob","arn:aws:iam::\#(Acct.b):user/bnone"]}"#, "s3:GetObject", "a-cross-user")))
        w.resource("arn:aws:s3:::a-deny", type: "s3:bucket", account: a, policy: bucketPolicy(
            grant(#""*""#, "s3:GetObject", "a-deny"),
            #"{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::a-deny/*"}"#))
        w.resource("arn:aws:s3:::a-notprincipal", type: "s3:bucket", account: a, policy: bucketPolicy(
            #"{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::\#(a):root","arn:aws:iam::\#(a):user/deployer","arn:aws:iam::\#(a):user/nbound"]},"Action":"s3:*","Resource":"arn:aws:s3:::a-notprincipal/*"}"#))
        w.resource("arn:aws:s3:::a-tls", type: "s3:bucket", account: a, policy: bucketPolicy(
            #"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::a-tls/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#))
        w.resource("arn:aws:s3:::b-bucket", type: "s3:bucket", account: Acct.b, policy: bucketPolicy(
            grant(#"{"AWS":"\#(a)"}"#, "s3:GetObject", "b-bucket")))
        w.resource("arn:aws:s3:::a-orgonly", type: "s3:bucket", account: a, policy: bucketPolicy(
            grant(#""*""#, "s3:GetObject", "a-orgonly"),
            #"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::a-orgonly/*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"\#(a)"}}}"#))
        w.resource("arn:aws:sqs:eu-west-1:\(a):jobs", type: "sqs:queue", account: a, policy: bucketPolicy(
            #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(Acct.b):role/b-reader"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:\#(a):jobs"}"#))
        return w.build()
    }()

    static func a(_ kind: String, _ name: String) -> String { "arn:aws:iam::\(Acct.a):\(kind)/\(name)" }
    static func b(_ kind: String, _ name: String) -> String { "arn:aws:iam::\(Acct.b):\(kind)/\(name)" }
    static func obj(_ bucket: String) -> String { "arn:aws:s3:::\(bucket)/k" }
    static let sqsOnlySession = policy(allow("sqs:*"))

    static let cases: [EvalCase] = {
        let w = world
        return [
            // Same account: user ARN named.
            w.c("same account, RBP names the user ARN: no identity policy needed (EVAL23 RBP table)", a("user", "alice"), "s3:GetObject", obj("a-userarn"), .allow, reason: "resource policy of a-userarn"),
            w.c("same account, RBP names the user ARN: not limited by the user's boundary (EVAL23 RBP table)", a("user", "ubound"), "s3:GetObject", obj("a-userarn"), .allow),
            w.c("RBP grants only the actions it lists", a("user", "alice"), "s3:PutObject", obj("a-userarn"), .deny),
            w.c("RBP names one user: other same-account principals fall back to their identity policies", a("user", "deployer"), "s3:GetObject", obj("a-userarn"), .allow, reason: "policy"),
            w.c("RBP names one user: identity allow of another user still grants (union)", a("user", "carl"), "s3:GetObject", obj("a-userarn"), .allow),
            w.c("RBP names one user: a same-account principal with no allow anywhere is denied", a("role", "app"), "s3:GetObject", obj("a-userarn"), .deny, reason: "implicit deny"),
            // Same account: role ARN named.
            w.c("same account, RBP names the role ARN: no identity policy needed (EVAL23 RBP table)", a("role", "app"), "s3:GetObject", obj("a-rolearn"), .allow),
            w.c("same account, RBP names the role ARN: still limited by the boundary (EVAL23; peer-tools #14)", a("role", "bounded"), "s3:GetObject", obj("a-rolearn"), .deny, reason: "boundary SqsOnlyBoundary"),
            w.c("same account, RBP names the role ARN: still limited by the session policy (EVAL23 RBP table)", a("role", "app"), "s3:GetObject", obj("a-rolearn"), .deny, session: sqsOnlySession, reason: "session policy"),
            w.c("same account, RBP names the role ARN: a session of the role is granted", "arn:aws:sts::\(Acct.a):assumed-role/app/build-42", "s3:GetObject", obj("a-rolearn"), .allow),
            // Same account: role-session ARN named.
            w.c("same account, RBP names the role-session ARN: boundary does not limit (EVAL23 RBP table)", "arn:aws:sts::\(Acct.a):assumed-role/bounded/s1", "s3:GetObject", obj("a-session"), .allow),
            w.c("same account, RBP names the role-session ARN: session policy does not limit (EVAL23 RBP table)", "arn:aws:sts::\(Acct.a):assumed-role/bounded/s1", "s3:GetObject", obj("a-session"), .allow, session: sqsOnlySession),
            w.c("role-session ARN in an RBP matches (peer-tools #11)", "arn:aws:sts::\(Acct.a):assumed-role/bounded/s1", "s3:GetObject", obj("a-session"), .allow),
            w.c("role-session ARN names one session: another session is denied", "arn:aws:sts::\(Acct.a):assumed-role/bounded/s2", "s3:GetObject", obj("a-session"), .deny),
            w.c("role-session ARN: the role with an unknown session name is conditional on it", a("role", "bounded"), "s3:GetObject", obj("a-session"), .conditional, condition: "session is named \"s1\""),
            // Same account: account named.
            w.c("same account, RBP names the account: an identity allow is needed (PRIN account principal)", a("user", "alice"), "s3:GetObject", obj("a-account"), .deny),
            w.c("same account, RBP names the account: identity allow grants", a("user", "deployer"), "s3:GetObject", obj("a-account"), .allow),
            w.c("account ID and :root ARN are the same principal (PRIN)", a("user", "alice"), "s3:GetObject", obj("a-root"), .deny),
            w.c("account :root ARN with identity allow grants", a("user", "carl"), "s3:GetObject", obj("a-root"), .allow),
            w.c("the account root user is granted by an RBP naming its account", "arn:aws:iam::\(Acct.a):root", "s3:GetObject", obj("a-root"), .allow),
            w.c("same account, account named: the boundary still applies", a("role", "admin-bounded"), "s3:GetObject", obj("a-account"), .allow),
            // "*"
            w.c("Principal * grants same-account principals without identity policy (PRIN all principals)", a("user", "alice"), "s3:GetObject", obj("a-star"), .allow),
            w.c("{\"AWS\":\"*\"} is the same as \"*\" (peer-tools #10)", a("user", "alice"), "s3:GetObject", obj("a-awsstar"), .allow),
            w.c("Principal * cross-account: identity allow in the other account also needed (PRIN)", b("user", "bob"), "s3:GetObject", obj("a-star"), .allow),
            w.c("Principal * cross-account without identity allow ⇒ deny (XACCT both sides)", b("user", "bnone"), "s3:GetObject", obj("a-star"), .deny, reason: "cross-account"),
            w.c("{\"AWS\":\"*\"} cross-account behaves like \"*\" (peer-tools #10)", b("user", "bnone"), "s3:GetObject", obj("a-awsstar"), .deny),
            // Cross-account.
            w.c("cross-account: RBP names the account and identity allows ⇒ allow (XACCT)", b("user", "bob"), "s3:GetObject", obj("a-cross"), .allow),
            w.c("cross-account: RBP allows the account but identity does not ⇒ deny (XACCT)", b("user", "bnone"), "s3:GetObject", obj("a-cross"), .deny, reason: "no identity policy"),
            w.c("cross-account: identity allows but RBP does not grant the action ⇒ deny", b("user", "bob"), "s3:GetObject", obj("a-userarn"), .deny, reason: "does not allow"),
            w.c("cross-account: role with identity allow through account grant", b("role", "b-reader"), "s3:PutObject", obj("a-cross"), .allow),
            w.c("cross-account: RBP names the user ARN, identity allows ⇒ allow", b("user", "bob"), "s3:GetObject", obj("a-cross-user"), .allow),
            w.c("cross-account: RBP names the user ARN but identity side is empty ⇒ deny (XACCT)", b("user", "bnone"), "s3:GetObject", obj("a-cross-user"), .deny),
            w.c("cross-account: bucket of B granting account A, A-side identity allows", a("user", "deployer"), "s3:GetObject", obj("b-bucket"), .allow),
            w.c("cross-account: bucket of B granting account A, A-side identity empty ⇒ deny", a("user", "alice"), "s3:GetObject", obj("b-bucket"), .deny),
            w.c("cross-account: queue policy names the role ARN but its identity side does not allow ⇒ deny", b("role", "b-reader"), "sqs:SendMessage", "arn:aws:sqs:eu-west-1:\(Acct.a):jobs", .deny, reason: "no identity policy"),
            w.c("cross-account without any resource policy ⇒ deny (peer-tools #17)", b("user", "bob"), "dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:\(Acct.a):table/orders", .deny, reason: "cross-account"),
            w.c("cross-account IAM user resource has no resource policy ⇒ deny (peer-tools #17)", b("role", "b-reader"), "iam:CreateAccessKey", a("user", "alice"), .deny),
            w.c("same account, no resource policy: identity decides", a("role", "admin"), "dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:\(Acct.a):table/orders", .allow),
            w.c("same account, no resource policy: no identity allow ⇒ deny", a("role", "app"), "dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:\(Acct.a):table/orders", .deny),
            // Denies in resource policies.
            w.c("explicit Deny in an RBP overrides an identity allow (EVALNOW)", a("user", "deployer"), "s3:DeleteObject", obj("a-deny"), .deny, reason: "resource policy of a-deny"),
            w.c("admins do not bypass explicit resource-policy denies (peer-tools #13)", a("role", "admin"), "s3:DeleteObject", obj("a-deny"), .deny),
            w.c("RBP deny of one action leaves its allow for another", a("user", "alice"), "s3:GetObject", obj("a-deny"), .allow),
            w.c("RBP deny conditional on an unknown key + identity allow ⇒ conditional", a("user", "deployer"), "s3:GetObject", obj("a-tls"), .conditional, condition: "aws:SecureTransport"),
            w.c("RBP deny conditional resolved by --context ⇒ allow", a("user", "deployer"), "s3:GetObject", obj("a-tls"), .allow, context: [("aws:SecureTransport", "true")]),
            w.c("RBP deny on aws:PrincipalAccount (auto-filled): own account passes", a("user", "alice"), "s3:GetObject", obj("a-orgonly"), .allow),
            w.c("RBP deny on aws:PrincipalAccount (auto-filled): other account denied", b("user", "bob"), "s3:GetObject", obj("a-orgonly"), .deny, reason: "explicitly denied"),
            // NotPrincipal.
            w.c("NotPrincipal+Deny exempts a principal named with its account (elements_notprincipal)", a("user", "deployer"), "s3:GetObject", obj("a-notprincipal"), .allow),
            w.c("NotPrincipal+Deny denies everyone else", a("user", "carl"), "s3:GetObject", obj("a-notprincipal"), .deny, reason: "explicitly denied"),
            w.c("NotPrincipal+Deny always denies a principal with a boundary (access_policies_boundaries)", a("user", "nbound"), "s3:GetObject", obj("a-notprincipal"), .deny),
            w.c("NotPrincipal+Deny denies other accounts", b("role", "b-reader"), "s3:GetObject", obj("a-notprincipal"), .deny),
        ]
    }()
}

@Suite("Resource-based policy evaluation")
struct ResourcePolicyEvaluationTests {
    @Test(arguments: ResourceCases.cases)
    func evaluates(_ c: EvalCase) { c.check() }
}
