import Testing
import IAMPolicy
@testable import IAMAnalysis

/// The wrong answers of older tools (peer-tools.md) and other edge-building rules, one test each.
@Suite("Paths: regressions against peer tools' wrong answers")
struct PathsRegressionTests {
    static func role(_ n: String, _ acct: String = Acct.a) -> String { "arn:aws:iam::\(acct):role/\(n)" }
    static func user(_ n: String, _ acct: String = Acct.a) -> String { "arn:aws:iam::\(acct):user/\(n)" }

    @Test("PMapper 1: a bounded role with AdministratorAccess gives no escalation to whoever assumes it")
    func boundedRoleNoFalsePath() throws {
        var w = WorldBuilder()
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        let b = w.managed("ReadOnlyBoundary", policy(allow("s3:Get*")))
        w.role("bounded-admin", trust: awsTrust([Acct.a]), managed: [admin], boundary: b)
        w.user("dev", inline: [policy(allow("sts:AssumeRole"))])
        let g = w.build().graph
        #expect(g.edge(Self.user("dev"), Self.role("bounded-admin"), kind: "sts:AssumeRole") != nil)
        #expect(try g.privesc(principal: Self.user("dev")).isEmpty)
    }

    @Test("PMapper 2: trust conditions on aws:PrincipalArn are evaluated with the caller's ARN when edges are built")
    func trustPrincipalArn() {
        var w = WorldBuilder()
        w.role("dev-deploy", trust: awsTrust([Acct.a], condition: #"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::\#(Acct.a):user/dev-*"}}"#))
        w.user("dev-alice", inline: [policy(allow("sts:AssumeRole"))])
        w.user("ops-bob", inline: [policy(allow("sts:AssumeRole"))])
        let g = w.build().graph
        #expect(g.edge(Self.user("dev-alice"), Self.role("dev-deploy"), kind: "sts:AssumeRole")?.decision == .allow)
        #expect(g.edge(Self.user("ops-bob"), Self.role("dev-deploy"), kind: "sts:AssumeRole") == nil)
    }

    @Test("PMapper 2: an MFA condition in a trust policy makes the edge conditional, not absent and not certain")
    func trustMfa() throws {
        var w = WorldBuilder()
        w.role("mfa-role", trust: awsTrust([Acct.a], condition: #"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#))
        w.user("dev", inline: [policy(allow("sts:AssumeRole"))])
        let e = try #require(w.build().graph.edge(Self.user("dev"), Self.role("mfa-role"), kind: "sts:AssumeRole"))
        #expect(e.decision == .conditional)
        #expect(e.conditions.contains { $0.contains("MultiFactorAuthPresent") })
    }

    @Test("PMapper 12: EC2 and SSM edges need an instance profile (or the right to create one)")
    func instanceProfileNeeded() throws {
        var w = WorldBuilder()
        w.role("no-profile", trust: serviceTrust("ec2.amazonaws.com"))
        w.user("launcher", inline: [policy(allow("iam:PassRole", "ec2:RunInstances", "ssm:SendCommand", "ssm:StartSession"))])
        w.user("builder", inline: [policy(allow("iam:PassRole", "ec2:RunInstances", "iam:CreateInstanceProfile",
                                                "iam:AddRoleToInstanceProfile", "ssm:SendCommand"))])
        let g = w.build().graph
        #expect(g.edges(from: Self.user("launcher"), to: Self.role("no-profile")).isEmpty)
        let e = try #require(g.edge(Self.user("builder"), Self.role("no-profile"), kind: "ec2:RunInstances"))
        #expect(e.actions.contains("iam:CreateInstanceProfile"))
        #expect(e.actions.contains("iam:AddRoleToInstanceProfile"))
        // No instance runs as a role without a profile, so there is nothing to send commands to.
        #expect(g.edge(Self.user("builder"), Self.role("no-profile"), kind: "ssm:SendCommand") == nil)
    }

    @Test("PMapper 13: an administrator's explicit deny keeps it from a principal; service-linked roles are never reached")
    func adminsDoNotBypassDenies() throws {
        var w = WorldBuilder()
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        w.user("admin", inline: [policy(deny("*", on: Self.user("protected") + "|" + Self.role("protected-role")),
                                        deny("iam:PassRole", on: Self.role("protected-role")))], managed: [admin])
        w.user("protected")
        w.role("protected-role", trust: awsTrust([Acct.a]))
        w.role("open-role", trust: awsTrust([Acct.a]))
        w.role("AWSServiceRoleForSupport", path: "/aws-service-role/support.amazonaws.com/",
               trust: serviceTrust("support.amazonaws.com"), managed: [admin])
        let g = w.build().graph
        let adminArn = Self.user("admin")
        #expect(g.admin(adminArn) != nil)
        #expect(try g.paths(from: adminArn, to: Self.user("protected")).isEmpty)
        #expect(try g.paths(from: adminArn, to: Self.role("protected-role")).isEmpty)
        #expect(try g.paths(from: adminArn, to: Self.role("open-role")).first?.length == 1)
        #expect(try g.paths(from: adminArn, to: "arn:aws:iam::\(Acct.a):role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport").isEmpty)
    }

    @Test("PMapper 13/94: transitive who-can through an administrator respects its explicit deny and the SCPs")
    func transitiveRespectsDenies() throws {
        var w = WorldBuilder(accounts: [Acct.a, Acct.mgmt])
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        let adminUser = w.user("admin", inline: [policy(deny("secretsmanager:GetSecretValue"))], managed: [admin])
        w.credentials(adminUser, password: false, keys: 1)
        w.user("dev", inline: [policy(allow("iam:CreateAccessKey", on: Self.user("admin")))])
        w.organization(denying: [deny("dynamodb:DeleteTable")])
        let g = w.build().graph
        #expect(try g.privesc(principal: Self.user("dev")).first?.admin == Self.user("admin"))
        let secret = "arn:aws:secretsmanager:us-east-1:\(Acct.a):secret:db-AbCdEf"
        #expect(try g.canTransitive(principalArn: Self.user("dev"), action: "secretsmanager:GetSecretValue", resource: secret).decision == .deny)
        #expect(!g.whoCanTransitive(action: "secretsmanager:GetSecretValue", resource: secret).contains { $0.principal == Self.user("dev") })
        let table = "arn:aws:dynamodb:us-east-1:\(Acct.a):table/orders"
        #expect(try g.canTransitive(principalArn: Self.user("dev"), action: "dynamodb:DeleteTable", resource: table).decision == .deny)
        #expect(try g.canTransitive(principalArn: Self.user("dev"), action: "dynamodb:GetItem", resource: table).decision == .allow)
    }

    @Test("PMapper 3/4: resource ARNs are matched case-sensitively and `+` in a name is literal")
    func caseAndPlus() {
        var w = WorldBuilder()
        w.role("Deploy", trust: serviceTrust("lambda.amazonaws.com"))
        w.role("deploy+ci", trust: serviceTrust("lambda.amazonaws.com"))
        w.user("dev", inline: [policy(allow("iam:PassRole", on: Self.role("deploy") + "|" + Self.role("deploy+ci")),
                                      allow("lambda:CreateFunction", "lambda:InvokeFunction"))])
        let g = w.build().graph
        #expect(g.edge(Self.user("dev"), Self.role("Deploy"), kind: "lambda:CreateFunction") == nil)
        #expect(g.edge(Self.user("dev"), Self.role("deploy+ci"), kind: "lambda:CreateFunction") != nil)
    }

    @Test("PassRole with iam:PassedToService: passing to Lambda only gives the Lambda edge")
    func passedToService() {
        var w = WorldBuilder()
        let r = w.role("multi", trust: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}]}"#)
        w.instanceProfile(for: r)
        w.user("dev", inline: [policy(allowIf("iam:PassRole", #"{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}"#),
                                      allow("lambda:CreateFunction", "lambda:InvokeFunction", "ec2:RunInstances"))])
        let g = w.build().graph
        #expect(g.edge(Self.user("dev"), r, kind: "lambda:CreateFunction")?.decision == .allow)
        #expect(g.edge(Self.user("dev"), r, kind: "ec2:RunInstances") == nil)
    }

    @Test("cross-account sts:AssumeRole needs the trust policy and the caller's identity policy (both sides)")
    func crossAccount() {
        var w = WorldBuilder(accounts: [Acct.a, Acct.b])
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        w.role("shared", account: Acct.b, trust: awsTrust([Acct.a]))
        w.user("caller", inline: [policy(allow("sts:AssumeRole", on: Self.role("shared", Acct.b)))])
        w.user("no-identity")
        w.user("boss", managed: [admin])
        let g = w.build().graph
        #expect(g.edge(Self.user("caller"), Self.role("shared", Acct.b), kind: "sts:AssumeRole") != nil)
        #expect(g.edge(Self.user("no-identity"), Self.role("shared", Acct.b), kind: "sts:AssumeRole") == nil)
        // Administrators keep their cross-account edges (only same-account ones are implicit).
        #expect(g.edge(Self.user("boss"), Self.role("shared", Acct.b), kind: "sts:AssumeRole") != nil)
    }

    @Test("a trust policy naming a user ARN in the same account needs no identity allow (same-account principal table)")
    func sameAccountNamedPrincipal() {
        var w = WorldBuilder()
        w.role("named", trust: awsTrust([Self.user("alice")]))
        w.user("alice")
        w.user("bob", inline: [policy(allow("sts:AssumeRole"))])
        let g = w.build().graph
        #expect(g.edge(Self.user("alice"), Self.role("named"), kind: "sts:AssumeRole") != nil)
        #expect(g.edge(Self.user("bob"), Self.role("named"), kind: "sts:AssumeRole") == nil)
    }

    @Test("self-service ${aws:username} key rotation gives no edge to other users")
    func selfServiceVariables() {
        var w = WorldBuilder()
        w.user("alice", inline: [policy(allow("iam:CreateAccessKey", "iam:DeleteAccessKey", on: "arn:aws:iam::\(Acct.a):user/${aws:username}"))])
        w.user("bob", inline: [policy(allow("iam:CreateAccessKey", on: "arn:aws:iam::\(Acct.a):user/${aws:username}"))])
        let g = w.build().graph
        #expect(g.edges.filter { $0.kind == "iam:CreateAccessKey" }.isEmpty)
    }

    @Test("CreateAccessKey on a user with two keys also needs DeleteAccessKey; without key data the edge is conditional")
    func accessKeySlots() throws {
        var w = WorldBuilder()
        let full = w.user("full-keys")
        w.credentials(full, password: false, keys: 2)
        w.user("unknown-keys")
        w.user("maker", inline: [policy(allow("iam:CreateAccessKey"))])
        w.user("rotator", inline: [policy(allow("iam:CreateAccessKey", "iam:DeleteAccessKey"))])
        let g = w.build().graph
        #expect(g.edge(Self.user("maker"), full, kind: "iam:CreateAccessKey") == nil)
        let rot = try #require(g.edge(Self.user("rotator"), full, kind: "iam:CreateAccessKey"))
        #expect(rot.actions == ["iam:CreateAccessKey", "iam:DeleteAccessKey"])
        let unknown = try #require(g.edge(Self.user("maker"), Self.user("unknown-keys"), kind: "iam:CreateAccessKey"))
        #expect(unknown.decision == .conditional)
        #expect(unknown.conditions.contains { $0.contains("fewer than two access keys") })
    }

    @Test("console password edges follow the credential report; MFA makes them conditional")
    func loginProfiles() throws {
        var w = WorldBuilder()
        let withPw = w.user("with-password")
        w.credentials(withPw, password: true, mfa: true)
        let noPw = w.user("no-password")
        w.credentials(noPw, password: false)
        w.user("helpdesk", inline: [policy(allow("iam:CreateLoginProfile", "iam:UpdateLoginProfile"))])
        let g = w.build().graph
        let h = Self.user("helpdesk")
        #expect(g.edge(h, withPw, kind: "iam:CreateLoginProfile") == nil)
        #expect(g.edge(h, noPw, kind: "iam:UpdateLoginProfile") == nil)
        #expect(g.edge(h, noPw, kind: "iam:CreateLoginProfile")?.decision == .allow)
        let upd = try #require(g.edge(h, withPw, kind: "iam:UpdateLoginProfile"))
        #expect(upd.decision == .conditional)
        #expect(upd.conditions.contains { $0.contains("MFA") })
    }

    @Test("a created resource may take a name the caller's own policy allows (function:dev-*)")
    func namedResources() {
        var w = WorldBuilder()
        w.role("fn-role", trust: serviceTrust("lambda.amazonaws.com"))
        w.user("dev", inline: [policy(allow("iam:PassRole", on: Self.role("fn-role")),
                                      allow("lambda:CreateFunction", "lambda:InvokeFunction",
                                            on: "arn:aws:lambda:*:\(Acct.a):function:dev-*"))])
        let g = w.build().graph
        let e = g.edge(Self.user("dev"), Self.role("fn-role"), kind: "lambda:CreateFunction")
        #expect(e?.decision == .allow)
        #expect(e?.resources.contains { $0.contains("function:dev-") } == true)
    }

    @Test("privesc through a grant: a role the user can assume may rewrite the user's own policy")
    func grantRoute() throws {
        var w = WorldBuilder()
        w.user("dev", inline: [policy(allow("sts:AssumeRole", on: Self.role("iam-helper")))])
        w.role("iam-helper", trust: awsTrust([Acct.a]), inline: [policy(allow("iam:PutUserPolicy", on: Self.user("dev")))])
        let g = w.build().graph
        let esc = try #require(try g.privesc(principal: Self.user("dev")).first)
        #expect(esc.admin == Self.user("dev"))
        #expect(esc.hops.map(\.kind) == ["sts:AssumeRole", "iam:PutUserPolicy"])
        #expect(esc.hops.last?.category == .grant)
        // The helper role itself cannot use the grant: it cannot act as dev.
        #expect(try g.privesc(principal: Self.role("iam-helper")).isEmpty)
    }

    @Test("privesc through a grant needs the target's boundary gone: a bounded target needs a reachable lifter")
    func grantNeedsLift() throws {
        var w = WorldBuilder()
        let b = w.managed("Tight", policy(allow("s3:Get*", "sts:AssumeRole")))
        w.user("dev", inline: [policy(allow("sts:AssumeRole"))], boundary: b)
        w.role("granter", trust: awsTrust([Acct.a]), inline: [policy(allow("iam:PutUserPolicy", on: Self.user("dev")))])
        w.role("lifter", trust: awsTrust([Acct.a]), inline: [policy(allow("iam:DeleteUserPermissionsBoundary", on: Self.user("dev")))])
        let g1 = w.build().graph
        let esc = try #require(try g1.privesc(principal: Self.user("dev")).first)
        #expect(esc.hops.contains { $0.category == .liftBoundary })
        #expect(esc.hops.contains { $0.category == .grant })

        var w2 = WorldBuilder()
        let b2 = w2.managed("Tight", policy(allow("s3:Get*", "sts:AssumeRole")))
        w2.user("dev", inline: [policy(allow("sts:AssumeRole"))], boundary: b2)
        w2.role("granter", trust: awsTrust([Acct.a]), inline: [policy(allow("iam:PutUserPolicy", on: Self.user("dev")))])
        #expect(try w2.build().graph.privesc(principal: Self.user("dev")).isEmpty)
    }

    @Test("an SCP guardrail on iam:PassRole removes every compute escalation of the account")
    func scpOnPassRole() throws {
        var w = WorldBuilder(accounts: [Acct.a, Acct.mgmt])
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        w.role("fn-admin", trust: serviceTrust("lambda.amazonaws.com"), managed: [admin])
        w.user("dev", inline: [policy(allow("iam:PassRole", "lambda:*"))])
        w.organization(denying: [deny("iam:PassRole")])
        let g = w.build().graph
        #expect(try g.privesc(principal: Self.user("dev")).isEmpty)
    }

    @Test("SAML and web-identity providers named in trust policies are source nodes; a Deny for the provider removes the edge")
    func providers() throws {
        var w = WorldBuilder()
        w.role("google-role", trust: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#)
        w.role("blocked", trust: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"},{"Effect":"Deny","Principal":"*","Action":"sts:*"}]}"#)
        let g = w.build().graph
        let e = try #require(g.edge("accounts.google.com", Self.role("google-role"), kind: "sts:AssumeRoleWithWebIdentity"))
        #expect(e.decision == .allow)
        #expect(g.edge("accounts.google.com", Self.role("blocked"), kind: "sts:AssumeRoleWithWebIdentity") == nil)
    }

    @Test("the graph is the same with one worker and with two")
    func deterministic() {
        let w = ChainWorld.world
        let one = PrincipalGraph(authorizer: w.authorizer, options: GraphOptions(workers: 1))
        let two = PrincipalGraph(authorizer: w.authorizer, options: GraphOptions(workers: 2))
        #expect(one.edges == two.edges)
        #expect(one.admins() == two.admins())
    }
}
