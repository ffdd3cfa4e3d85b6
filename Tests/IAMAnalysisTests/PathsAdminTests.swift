import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Administrator detection: `*` on `*` through the solver, granting oneself anything, joining an
/// administrators' group, removing one's own boundary — each with its limits honoured.
@Suite("Paths: administrators")
struct PathsAdminTests {
    static func arn(_ kind: String, _ name: String, _ account: String = Acct.a) -> String { "arn:aws:iam::\(account):\(kind)/\(name)" }

    @Test("AdministratorAccess makes a full administrator; a read-only user is none")
    func full() {
        var w = WorldBuilder()
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        let u = w.user("alice", managed: [admin])
        w.user("reader", inline: [policy(allow("s3:Get*", "s3:List*"))])
        let g = w.build().graph
        #expect(g.admin(u)?.basis == .full)
        #expect(g.admin(u)?.decision == .allow)
        #expect(g.admin(Self.arn("user", "reader")) == nil)
        #expect(g.admins().map(\.principal) == [u])
    }

    @Test("iam:* alone is an administrator by granting itself anything")
    func iamStar() {
        var w = WorldBuilder()
        let u = w.user("iam-operator", inline: [policy(allow("iam:*"))])
        let g = w.build().graph
        #expect(g.admin(u)?.basis == .selfGrant)
    }

    @Test("PutRolePolicy on itself makes a role an administrator; on another role it does not")
    func selfPut() {
        var w = WorldBuilder()
        let me = w.role("self-editor", trust: serviceTrust("ec2.amazonaws.com"),
                        inline: [policy(allow("iam:PutRolePolicy", on: Self.arn("role", "self-editor")))])
        let other = w.role("other-editor", trust: serviceTrust("ec2.amazonaws.com"),
                           inline: [policy(allow("iam:PutRolePolicy", on: Self.arn("role", "self-editor")))])
        let g = w.build().graph
        #expect(g.admin(me)?.basis == .selfGrant)
        #expect(g.admin(other) == nil)
    }

    @Test("a permissions boundary on a role caps AdministratorAccess (PMapper wrong answer 1)")
    func boundedRole() throws {
        var w = WorldBuilder()
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        let b = w.managed("S3Only", policy(allow("s3:*")))
        let r = w.role("bounded", trust: serviceTrust("ec2.amazonaws.com"), managed: [admin], boundary: b)
        let g = w.build().graph
        #expect(g.admin(r) == nil)
        #expect(try g.privesc(principal: r).isEmpty)
    }

    @Test("a bounded self-editor is an administrator only when it can also remove its boundary")
    func boundedSelfGrant() {
        var w = WorldBuilder()
        let b = w.managed("IamBoundary", policy(allow("iam:PutUserPolicy", "iam:DeleteUserPermissionsBoundary")))
        let stuck = w.user("stuck", inline: [policy(allow("iam:PutUserPolicy", on: Self.arn("user", "stuck")))], boundary: b)
        let free = w.user("free", inline: [policy(allow("iam:PutUserPolicy", "iam:DeleteUserPermissionsBoundary", on: Self.arn("user", "free")))],
                          boundary: b)
        let g = w.build().graph
        #expect(g.admin(stuck) == nil)
        #expect(g.admin(free)?.basis == .selfGrant)
        #expect(g.admin(free)?.actions.contains("iam:DeleteUserPermissionsBoundary") == true)
    }

    @Test("an SCP that denies IAM and everything but S3 leaves no administrator in a member account; the management account is exempt")
    func scpLimitsAdmins() {
        var w = WorldBuilder(accounts: [Acct.a, Acct.mgmt])
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        let member = w.user("member-admin", managed: [admin])
        let mgmt = w.user("mgmt-admin", account: Acct.mgmt, managed: [admin])
        w.organization(denying: [#"{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}"#])
        let g = w.build().graph
        #expect(g.admin(member) == nil)
        #expect(g.admin(mgmt)?.basis == .full)
    }

    @Test("an administrator whose Allow needs MFA is a conditional administrator")
    func conditionalAdmin() {
        var w = WorldBuilder()
        let u = w.user("mfa-admin", inline: [policy(allowIf("*", #"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#))])
        let g = w.build().graph
        let a = g.admin(u)
        #expect(a != nil)
        #expect(a?.decision == .conditional)
        #expect(a?.conditions.contains { $0.contains("MultiFactorAuthPresent") } == true)
    }

    @Test("a user that can add itself to an administrators' group is an administrator (join-group)")
    func joinGroup() {
        var w = WorldBuilder()
        let admins = w.group("admins", inline: [policy(allow("*"))])
        w.group("readers", inline: [policy(allow("s3:Get*"))])
        let u = w.user("joiner", inline: [policy(allow("iam:AddUserToGroup", on: admins))])
        let v = w.user("reader-joiner", inline: [policy(allow("iam:AddUserToGroup", on: Self.arn("group", "readers")))])
        let g = w.build().graph
        #expect(g.admin(u)?.basis == .joinGroup)
        #expect(g.admin(v) == nil)
    }

    @Test("a role with AdministratorAccess under a boundary it may delete is an administrator (lift-boundary)")
    func liftOwnBoundary() {
        var w = WorldBuilder()
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        let b = w.managed("S3AndLift", policy(allow("s3:*", "iam:DeleteRolePermissionsBoundary")))
        let r = w.role("lifter", trust: serviceTrust("ec2.amazonaws.com"), managed: [admin], boundary: b)
        let g = w.build().graph
        #expect(g.admin(r)?.basis == .liftBoundary)
    }

    @Test("an explicit deny of IAM changes on itself keeps iam:* from being an administrator")
    func denySelfGrant() {
        var w = WorldBuilder()
        let u = w.user("guarded", inline: [policy(allow("iam:*")),
                                           policy(deny("iam:Put*", "iam:Attach*", "iam:CreatePolicyVersion", "iam:AddUserToGroup"))])
        let g = w.build().graph
        #expect(g.admin(u) == nil)
    }
}
