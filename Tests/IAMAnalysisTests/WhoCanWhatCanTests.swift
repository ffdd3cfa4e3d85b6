import Testing
import IAMPolicy
@testable import IAMAnalysis

@Suite("who-can and what-can")
struct WhoCanWhatCanTests {
    func row(_ rows: [WhoCanRow], _ principal: String, _ action: String? = nil) -> WhoCanRow? {
        rows.first { $0.principal == principal && (action == nil || $0.action == action) }
    }

    @Test("who-can lists same-account, cross-account and \"*\" principals of a public bucket (PRIN all principals)")
    func publicBucket() {
        let rows = ResourceCases.world.authorizer.whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::a-star/k")
        #expect(row(rows, ResourceCases.a("user", "alice"))?.decision == .allow)
        #expect(row(rows, ResourceCases.b("user", "bob"))?.decision == .allow)
        #expect(row(rows, "*")?.principalType == "anyone")
        #expect(row(rows, "*")?.decision == .allow)
        #expect(row(rows, ResourceCases.b("user", "bnone")) == nil, "denied principals are listed only with includeDenied")
    }

    @Test("who-can --denied lists the others with the reason (XACCT both sides)")
    func includeDenied() {
        let rows = ResourceCases.world.authorizer.whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::a-star/k", includeDenied: true)
        let bnone = row(rows, ResourceCases.b("user", "bnone"))
        #expect(bnone?.decision == .deny)
        #expect(bnone?.reason.contains("cross-account") == true)
        #expect(rows.filter { $0.principalType == "user" || $0.principalType == "role" }.count == ResourceCases.world.authorizer.principalCount)
    }

    @Test("who-can rows name the granting policy and statement")
    func grantingStatement() {
        let rows = IdentityCases.world.authorizer.whoCan(action: "s3:GetObject", resource: IdentityCases.obj)
        #expect(row(rows, IdentityCases.u("alice"))?.reason.contains("policy S3Read statement #0") == true)
        let rosa = row(rows, IdentityCases.u("rosa"))
        #expect(rosa?.decision == .conditional)
        #expect(rosa?.conditions.contains { $0.contains("aws:SourceIp") } == true)
        #expect(row(rows, IdentityCases.u("dave")) == nil)
    }

    @Test("who-can expands wildcard actions through the catalog, keeping those that apply to the resource")
    func wildcardActions() {
        let report = IdentityCases.world.authorizer.whoCanReport(action: "s3:Delete*", resource: IdentityCases.obj)
        #expect(report.actions == ["s3:DeleteObject", "s3:DeleteObjectVersion"])
        #expect(row(report.rows, IdentityCases.u("carol"), "s3:DeleteObject") == nil, "DenyDelete applies")
        #expect(row(report.rows, IdentityCases.u("liam"), "s3:DeleteObjectVersion")?.decision == .allow)
    }

    @Test("who-can with an unknown service prefix says so instead of answering nothing silently")
    func unknownService() {
        let report = IdentityCases.world.authorizer.whoCanReport(action: "s4:Get*", resource: "*")
        #expect(report.rows.isEmpty)
        #expect(report.warnings.contains { $0.contains("unknown service prefix \"s4\"") })
    }

    @Test("who-can on a role lists the services and federated providers its trust policy admits")
    func trustPrincipals() {
        let w = TrustCases.world.authorizer
        let ec2 = w.whoCan(action: "sts:AssumeRole", resource: TrustCases.a("role", "ec2-role"))
        #expect(row(ec2, "ec2.amazonaws.com")?.principalType == "service")
        #expect(row(ec2, "ec2.amazonaws.com")?.decision == .allow)
        #expect(ec2.allSatisfy { $0.principalType == "service" }, "no IAM principal may assume a service-only role")
        let saml = w.whoCan(action: "sts:AssumeRoleWithSAML", resource: TrustCases.a("role", "web-trust"))
        #expect(row(saml, "arn:aws:iam::\(Acct.a):saml-provider/corp")?.principalType == "federated")
    }

    @Test("who-can lists accounts that are not loaded as account principals")
    func externalAccount() {
        let rows = TrustCases.world.authorizer.whoCan(action: "sts:AssumeRole", resource: TrustCases.a("role", "ext-trust"))
        let ext = row(rows, "arn:aws:iam::\(Acct.ext):root")
        #expect(ext?.principalType == "account")
        #expect(ext?.account == Acct.ext)
        #expect(ext?.decision == .allow)
    }

    @Test("who-can reports orphaned unique IDs of the resource policy")
    func orphanedIds() {
        let report = TrustCases.world.authorizer.whoCanReport(action: "sts:AssumeRole", resource: TrustCases.a("role", "orphan-trust"))
        #expect(report.rows.isEmpty)
        #expect(report.warnings.contains { $0.contains("AROAORPHANEDEXAMPLE99") })
    }

    @Test("who-can applies RCPs to principals outside the loaded users and roles")
    func rcpOnAnyone() {
        let rows = OrgCases.world.authorizer.whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::org-bucket/k",
                                                    context: RequestContext(["aws:RequestedRegion": "eu-west-1"]))
        let anyone = row(rows, "*")
        #expect(anyone?.decision == .conditional, "anyone's organization is unknown")
        #expect(anyone?.conditions.contains { $0.contains("aws:PrincipalOrgID") } == true)
        #expect(row(rows, OrgCases.u(OrgCases.outsider, "x-admin")) == nil, "denied by the RCP")
        #expect(row(rows, OrgCases.u(Acct.b, "b-admin"))?.decision == .allow)
    }

    @Test("who-can keeps a user ARN of an unloaded account conditional on its identity policies")
    func externalUser() {
        var w = WorldBuilder()
        w.resource("arn:aws:sqs:eu-west-1:\(Acct.a):q", type: "sqs:queue", account: Acct.a, policy: policy(
            #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(Acct.ext):user/partner"},"Action":"sqs:SendMessage","Resource":"*"}"#))
        let rows = w.build().authorizer.whoCan(action: "sqs:SendMessage", resource: "arn:aws:sqs:eu-west-1:\(Acct.a):q")
        let partner = row(rows, "arn:aws:iam::\(Acct.ext):user/partner")
        #expect(partner?.decision == .conditional)
        #expect(partner?.conditions.first?.contains("identity policies") == true)
    }

    @Test("who-can agrees with can for every principal (cached evaluation = direct evaluation)",
          arguments: [
            (IdentityCases.world, "s3:GetObject", IdentityCases.obj),
            (IdentityCases.world, "s3:DeleteObject", IdentityCases.obj),
            (IdentityCases.world, "ec2:TerminateInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1"),
            (ResourceCases.world, "s3:GetObject", "arn:aws:s3:::a-session/k"),
            (ResourceCases.world, "s3:GetObject", "arn:aws:s3:::a-account/k"),
            (TrustCases.world, "sts:AssumeRole", TrustCases.a("role", "team-role")),
            (TrustCases.world, "kms:Decrypt", TrustCases.key("k-enable-iam")),
            (OrgCases.world, "ec2:RunInstances", OrgCases.ec2("us-east-1")),
            (OrgCases.world, "iam:PutRolePolicy", "arn:aws:iam::\(Acct.a):role/Admin"),
            (BoundaryCases.world, "s3:GetObject", BoundaryCases.obj),
          ])
    func whoCanMatchesCan(_ world: World, _ action: String, _ resource: String) {
        let rows = world.authorizer.whoCan(action: action, resource: resource, includeDenied: true)
        for r in rows where r.principalType == "user" || r.principalType == "role" {
            let direct = world.authorizer.can(principalArn: r.principal, action: action, resource: resource)
            #expect(direct.decision == r.decision, "\(r.principal): who-can \(r.decision) vs can \(direct.decision)")
            #expect(direct.reason == r.reason)
        }
    }

    @Test("what-can lists concrete actions with scope, access level and granting policy")
    func whatCanBasic() {
        let rows = IdentityCases.world.authorizer.whatCan(principalArn: IdentityCases.u("alice"))
        let get = rows.first { $0.action == "s3:GetObject" }
        #expect(get?.resource == "arn:aws:s3:::data-bucket/*")
        #expect(get?.accessLevel == "Read")
        #expect(get?.policy.contains("S3Read") == true)
        let list = rows.first { $0.action == "s3:ListBucket" }
        #expect(list?.resource == "arn:aws:s3:::data-bucket", "ListBucket applies to the bucket, not its objects")
        #expect(Set(rows.map(\.action)) == ["s3:GetObject", "s3:ListBucket"])
    }

    @Test("what-can scopes NotAction to the actions that apply to its resources (elements_notaction)")
    func whatCanNotAction() {
        let rows = IdentityCases.world.authorizer.whatCan(principalArn: IdentityCases.u("kate"))
        let names = Set(rows.map(\.action))
        #expect(names.contains("s3:GetObject"))
        #expect(!names.contains("s3:DeleteBucket"))
        #expect(!names.contains("s3:ListAllMyBuckets"), "applies only to *")
        #expect(!names.contains("ec2:RunInstances"))
        let jack = IdentityCases.world.authorizer.whatCan(principalArn: IdentityCases.u("jack"), service: "iam")
        #expect(jack.isEmpty)
    }

    @Test("what-can substitutes policy variables in scopes")
    func whatCanVariables() {
        let rows = IdentityCases.world.authorizer.whatCan(principalArn: IdentityCases.u("noah"), actionPattern: "s3:Get*")
        #expect(rows.map(\.resource) == ["arn:aws:s3:::home/noah/*"])
    }

    @Test("what-can with --resource includes grants made by the resource's policy")
    func whatCanResource() {
        let rows = ResourceCases.world.authorizer.whatCan(principalArn: ResourceCases.a("user", "alice"), actionPattern: "s3:*",
                                                          resourcePattern: ResourceCases.obj("a-userarn"))
        #expect(rows.map(\.action) == ["s3:GetObject"])
        #expect(rows.first?.policy.contains("a-userarn") == true)
    }

    @Test("what-can honours boundaries and conditional grants")
    func whatCanLayers() {
        let rows = BoundaryCases.world.authorizer.whatCan(principalArn: BoundaryCases.u("bu1"))
        #expect(Set(rows.map { $0.action.split(separator: ":")[0] }) == ["s3", "sqs"])
        #expect(!rows.contains { $0.action == "s3:DeleteBucket" })
        let rosa = IdentityCases.world.authorizer.whatCan(principalArn: IdentityCases.u("rosa"))
        #expect(rosa.first?.decision == .conditional)
    }

    @Test("what-can reports an unknown service")
    func whatCanUnknownService() {
        let report = IdentityCases.world.authorizer.whatCanReport(principalArn: IdentityCases.u("carol"), service: "s4")
        #expect(report.rows.isEmpty)
        #expect(report.warnings.contains { $0.contains("unknown service prefix") })
    }
}

@Suite("prepared requests")
struct PreparedRequestTests {
    @Test("a prepared request answers like can, for every principal, and decision() agrees",
          arguments: [
            (IdentityCases.world, "s3:GetObject", IdentityCases.obj),
            (ResourceCases.world, "s3:GetObject", "arn:aws:s3:::a-tls/k"),
            (OrgCases.world, "ec2:DescribeInstances", "*"),
          ])
    func preparedMatchesCan(_ world: World, _ action: String, _ resource: String) {
        let a = world.authorizer
        let prepared = a.prepare(action: action, resource: resource)
        for p in a.principals {
            let direct = a.can(principalArn: p.arn, action: action, resource: resource)
            let viaPrepared = a.can(principalArn: p.arn, prepared)
            #expect(viaPrepared.decision == direct.decision, "\(p.arn)")
            #expect(viaPrepared.reason == direct.reason, "\(p.arn)")
            #expect(viaPrepared.conditions == direct.conditions, "\(p.arn)")
            #expect(a.decision(principalArn: p.arn, prepared) == direct.decision, "\(p.arn)")
            #expect(a.decision(principalArn: p.arn, action: action, resource: resource) == direct.decision, "\(p.arn)")
        }
    }

    @Test("an unknown principal is denied by decision()")
    func unknownPrincipal() {
        let a = IdentityCases.world.authorizer
        #expect(a.decision(principalArn: "arn:aws:iam::111122223333:user/nobody", a.prepare(action: "s3:GetObject", resource: "*")) == .deny)
    }
}

extension PreparedRequestTests {
    @Test("who-can over more principals than the verdict dictionary holds agrees with can (verdict table)")
    func manyPrincipals() {
        var w = WorldBuilder()
        let shared = w.managed("Shared", policy(allow("s3:GetObject", on: "arn:aws:s3:::bucket/*")))
        for i in 0..<150 {
            let own = i % 3 == 0 ? policy(deny("s3:GetObject", on: "arn:aws:s3:::bucket/private-\(i)/*")) : policy(allow("s3:PutObject"))
            w.user("u\(i)", inline: [own], managed: i % 2 == 0 ? [shared] : [])
        }
        let a = w.build().authorizer
        for resource in ["arn:aws:s3:::bucket/k", "arn:aws:s3:::bucket/private-3/k"] {
            let rows = a.whoCan(action: "s3:GetObject", resource: resource, includeDenied: true)
            #expect(rows.count == 150)
            for r in rows {
                #expect(a.can(principalArn: r.principal, action: "s3:GetObject", resource: resource).decision == r.decision, "\(r.principal)")
            }
        }
        #expect(a.whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::bucket/private-6/k").count == 74, "u6 denies itself its private prefix")
    }
}

extension PreparedRequestTests {
    @Test("who-can over a snapshot large enough to be split across cores keeps snapshot order and agrees with can")
    func parallelSlices() {
        var w = WorldBuilder()
        let shared = w.managed("Shared", policy(allow("s3:GetObject")))
        let denier = w.managed("DenyPrivate", policy(deny("s3:GetObject", on: "arn:aws:s3:::bucket/private/*")))
        for i in 0..<4_500 {
            w.user("u\(i)", managed: i % 3 == 0 ? [shared, denier] : i % 3 == 1 ? [shared] : [])
        }
        let a = w.build().authorizer
        let resource = "arn:aws:s3:::bucket/private/k"
        let rows = a.whoCan(action: "s3:GetObject", resource: resource, includeDenied: true)
        #expect(rows.map(\.principal) == a.principals.map(\.arn), "one row per principal, in snapshot order")
        for r in rows.prefix(300) {
            #expect(a.can(principalArn: r.principal, action: "s3:GetObject", resource: resource).decision == r.decision)
        }
        #expect(rows.filter { $0.decision == .allow }.count == 1_500)
    }
}
