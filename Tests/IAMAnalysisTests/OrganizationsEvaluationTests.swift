import Testing
import IAMPolicy
@testable import IAMAnalysis

/// SCPs (per-level allow, management account and service-linked role exemptions) and RCPs
/// (resource account, not the management account), and organization context keys.
enum OrgCases {
    static let orgId = "o-exampleorg1"
    static let root = "r-ex01"
    static let prodOU = "ou-ex01-prod1"
    static let sandboxOU = "ou-ex01-sand1"
    static let lockedOU = "ou-ex01-lock1"
    static let c2 = "222233334444"          // member account under Sandbox/Locked
    static let outsider = "333344445555"    // loaded account outside the organization

    static func scp(_ id: String, _ name: String, _ json: String, _ targets: [String]) -> OrgPolicy {
        OrgPolicy(id: id, name: name, kind: .scp, document: parsePolicy(json, .scp), targets: targets)
    }
    static func rcp(_ id: String, _ name: String, _ json: String, _ targets: [String]) -> OrgPolicy {
        OrgPolicy(id: id, name: name, kind: .rcp, document: parsePolicy(json, .rcp), targets: targets)
    }

    static let organization: Organization = {
        let nodes = [
            OrgNode(id: root, kind: .root, name: "Root"),
            OrgNode(id: prodOU, kind: .organizationalUnit, name: "Prod", parentId: root),
            OrgNode(id: sandboxOU, kind: .organizationalUnit, name: "Sandbox", parentId: root),
            OrgNode(id: lockedOU, kind: .organizationalUnit, name: "Locked", parentId: sandboxOU),
            OrgNode(id: Acct.a, kind: .account, parentId: prodOU),
            OrgNode(id: Acct.b, kind: .account, parentId: sandboxOU),
            OrgNode(id: c2, kind: .account, parentId: lockedOU),
            OrgNode(id: Acct.mgmt, kind: .account, parentId: root),
        ]
        let full = policy(allow("*"))
        let policies = [
            scp("p-full", "FullAWSAccess", full, [root, prodOU, Acct.a, Acct.b, c2, Acct.mgmt]),
            scp("p-sandbox", "SandboxAllowList", policy(allow("s3:*", "sqs:*", "sts:*", "iam:*")), [sandboxOU]),
            scp("p-locked", "LockedS3Only", policy(allow("s3:*")), [lockedOU]),
            scp("p-leave", "DenyLeaveOrg", policy(deny("organizations:LeaveOrganization")), [prodOU]),
            scp("p-region", "RegionLock", policy(
                #"{"Effect":"Deny","NotAction":["iam:*","sts:*","organizations:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}}"#),
                [prodOU]),
            scp("p-protect", "ProtectAdminRole", policy(
                #"{"Effect":"Deny","Action":"iam:PutRolePolicy","Resource":"arn:aws:iam::*:role/Admin","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin-*"}}}"#),
                [root]),
            rcp("p-rcpfull", "RCPFullAWSAccess", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#,
                [root, prodOU, sandboxOU, lockedOU, Acct.a, Acct.b, c2, Acct.mgmt]),
            rcp("p-orgonly", "OrgOnlyS3", #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"\#(orgId)"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}"#,
                [root]),
        ]
        return Organization(id: orgId, managementAccountId: Acct.mgmt, nodes: nodes, policies: policies)
    }()

    static let world: World = {
        var w = WorldBuilder(accounts: [Acct.a, Acct.b, c2, Acct.mgmt, outsider])
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        w.user("a-admin", managed: [admin])
        w.user("a-plain")
        w.role("Admin-breakglass", managed: [admin])
        w.role("AWSServiceRoleForSupport", path: "/aws-service-role/support.amazonaws.com/", managed: [admin])
        w.user("m-admin", account: Acct.mgmt, managed: [admin])
        w.user("b-admin", account: Acct.b, managed: [admin])
        w.user("c-admin", account: c2, managed: [admin])
        w.user("x-admin", account: outsider, managed: [admin])
        let anyone = #"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}"#
        w.resource("arn:aws:s3:::org-bucket", type: "s3:bucket", account: Acct.a,
                   policy: policy(anyone.replacingOccurrences(of: "BUCKET", with: "org-bucket")))
        w.resource("arn:aws:s3:::mgmt-bucket", type: "s3:bucket", account: Acct.mgmt,
                   policy: policy(anyone.replacingOccurrences(of: "BUCKET", with: "mgmt-bucket")))
        w.resource("arn:aws:s3:::prod-paths", type: "s3:bucket", account: Acct.a, policy: policy(
            #"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::prod-paths/*","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"\#(orgId)/\#(root)/\#(prodOU)/*"}}}"#))
        w.resource("arn:aws:s3:::org-id", type: "s3:bucket", account: Acct.a, policy: policy(
            #"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::org-id/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"\#(orgId)"}}}"#))
        w.resource("arn:aws:sqs:eu-west-1:\(Acct.a):orders", type: "sqs:queue", account: Acct.a, policy: policy(
            #"{"Effect":"Allow","Principal":{"AWS":"\#(outsider)"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:\#(Acct.a):orders"}"#))
        w.organization(organization)
        return w.build()
    }()

    /// The same principals without Organizations data: no SCP or RCP layer.
    static let noOrgWorld: World = {
        var w = WorldBuilder(accounts: [Acct.a])
        w.user("a-admin", inline: [policy(allow("*"))])
        return w.build()
    }()

    /// Organizations tree loaded but no SCP documents: no SCP layer either.
    static let noScpWorld: World = {
        var w = WorldBuilder(accounts: [Acct.a])
        w.user("a-admin", inline: [policy(allow("*"))])
        var org = organization
        org.policies = []
        w.organization(org)
        return w.build()
    }()

    static func u(_ acct: String, _ name: String) -> String { "arn:aws:iam::\(acct):user/\(name)" }
    static func ec2(_ region: String) -> String { "arn:aws:ec2:\(region):\(Acct.a):instance/i-0example" }

    static let cases: [EvalCase] = {
        let w = world
        let aAdmin = u(Acct.a, "a-admin")
        return [
            w.c("SCP allows at every level + identity allow ⇒ allow (EVALNOW SCP step)", aAdmin, "ec2:RunInstances", ec2("eu-west-1"), .allow),
            w.c("SCP explicit deny overrides identity allow (EVALNOW deny step)", aAdmin, "organizations:LeaveOrganization", "*", .deny, reason: "SCP DenyLeaveOrg"),
            w.c("SCP region lock with region from the ARN: other region ⇒ explicit deny", aAdmin, "ec2:RunInstances", ec2("us-east-1"), .deny, reason: "SCP RegionLock"),
            w.c("SCP region lock on a region-less request ⇒ conditional, naming aws:RequestedRegion", aAdmin, "ec2:DescribeInstances", "*", .conditional, condition: "aws:RequestedRegion"),
            w.c("--context aws:RequestedRegion resolves the SCP condition ⇒ allow", aAdmin, "ec2:DescribeInstances", "*", .allow, context: [("aws:RequestedRegion", "eu-west-1")]),
            w.c("--context aws:RequestedRegion outside the allowed list ⇒ deny", aAdmin, "ec2:DescribeInstances", "*", .deny, context: [("aws:RequestedRegion", "ap-south-1")]),
            w.c("SCP NotAction in a Deny leaves the listed services alone", aAdmin, "iam:CreateUser", u(Acct.a, "new"), .allow),
            w.c("SCPs do not restrict the management account (orgs_delegate_policies)", u(Acct.mgmt, "m-admin"), "ec2:RunInstances", "arn:aws:ec2:us-east-1:\(Acct.mgmt):instance/i-1", .allow),
            w.c("SCPs do not restrict service-linked roles (PMapper _check_if_service_linked_role)", "arn:aws:iam::\(Acct.a):role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", "ec2:RunInstances", ec2("us-east-1"), .allow),
            w.c("SCP must allow at every level: OU without a matching allow ⇒ deny (PMapper per-level)", u(Acct.b, "b-admin"), "ec2:DescribeInstances", "*", .deny, reason: "OU Sandbox"),
            w.c("SCP per level: allowed at every level ⇒ allow", u(Acct.b, "b-admin"), "sqs:SendMessage", "arn:aws:sqs:eu-west-1:\(Acct.b):q", .allow),
            w.c("SCP per level in nested OUs: inner OU allows only S3", u(c2, "c-admin"), "s3:GetObject", "arn:aws:s3:::c2-bucket/k", .allow),
            w.c("SCP per level in nested OUs: inner OU lacks the allow ⇒ deny", u(c2, "c-admin"), "sqs:SendMessage", "arn:aws:sqs:eu-west-1:\(c2):q", .deny, reason: "OU Locked"),
            w.c("SCP per level in nested OUs: outer OU lacks the allow ⇒ deny", u(c2, "c-admin"), "ec2:DescribeInstances", "*", .deny, reason: "OU Sandbox"),
            w.c("SCP condition on aws:PrincipalArn is evaluated per principal: denied principal", aAdmin, "iam:PutRolePolicy", "arn:aws:iam::\(Acct.a):role/Admin", .deny, reason: "ProtectAdminRole"),
            w.c("SCP condition on aws:PrincipalArn is evaluated per principal: exempt role", "arn:aws:iam::\(Acct.a):role/Admin-breakglass", "iam:PutRolePolicy", "arn:aws:iam::\(Acct.a):role/Admin", .allow),
            w.c("SCPs do not grant: identity policy still needed", u(Acct.a, "a-plain"), "s3:GetObject", "arn:aws:s3:::x/k", .deny, reason: "implicit deny"),
            w.c("accounts outside the organization have no SCP layer", u(outsider, "x-admin"), "ec2:RunInstances", "arn:aws:ec2:us-east-1:\(outsider):instance/i-1", .allow),
            w.c("RCP deny applies to the resource account's resources for outside principals (RCP evaluation)", u(outsider, "x-admin"), "s3:GetObject", "arn:aws:s3:::org-bucket/k", .deny, reason: "RCP OrgOnlyS3"),
            w.c("RCP deny does not apply to organization members (aws:PrincipalOrgID filled)", u(Acct.b, "b-admin"), "s3:GetObject", "arn:aws:s3:::org-bucket/k", .allow),
            w.c("RCPs do not affect resources of the management account (orgs_manage_policies_rcps)", u(outsider, "x-admin"), "s3:GetObject", "arn:aws:s3:::mgmt-bucket/k", .allow),
            w.c("RCPs apply only to supported services (SQS queue is, but the RCP names only s3)", u(outsider, "x-admin"), "sqs:SendMessage", "arn:aws:sqs:eu-west-1:\(Acct.a):orders", .allow),
            w.c("aws:PrincipalOrgPaths filled from the organization tree: matching OU path", u(Acct.a, "a-plain"), "s3:GetObject", "arn:aws:s3:::prod-paths/k", .allow, context: [("aws:RequestedRegion", "eu-west-1")]),
            w.c("S3 ARNs carry no region: the Prod region lock stays undecided", u(Acct.a, "a-plain"), "s3:GetObject", "arn:aws:s3:::prod-paths/k", .conditional, condition: "aws:RequestedRegion"),
            w.c("aws:PrincipalOrgPaths: another OU does not match (cross-account also needs identity)", u(Acct.b, "b-admin"), "s3:GetObject", "arn:aws:s3:::prod-paths/k", .deny),
            w.c("aws:PrincipalOrgID filled: member account allowed", u(Acct.b, "b-admin"), "s3:GetObject", "arn:aws:s3:::org-id/k", .allow),
            w.c("aws:PrincipalOrgID filled: outside account denied", u(outsider, "x-admin"), "s3:GetObject", "arn:aws:s3:::org-id/k", .deny),
            noOrgWorld.c("no Organizations data ⇒ no SCP layer", u(Acct.a, "a-admin"), "ec2:RunInstances", ec2("us-east-1"), .allow),
            noScpWorld.c("Organizations tree without SCP documents ⇒ no SCP layer", u(Acct.a, "a-admin"), "ec2:RunInstances", ec2("us-east-1"), .allow),
            noScpWorld.c("aws:PrincipalOrgID known from the tree even without policies", u(Acct.a, "a-admin"), "s3:GetObject", "arn:aws:s3:::x/k", .allow),
        ]
    }()
}

@Suite("Organizations policy evaluation")
struct OrganizationsEvaluationTests {
    @Test(arguments: OrgCases.cases)
    func evaluates(_ c: EvalCase) { c.check() }
}
