import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Targets that no caller can tell apart are asked about once and stored behind a set node; every
/// answer must still be the one the solver gives for each member.
@Suite("Paths: set nodes")
struct PathsSetTests {
    static func role(_ n: String) -> String { "arn:aws:iam::\(Acct.a):role/\(n)" }
    static func user(_ n: String) -> String { "arn:aws:iam::\(Acct.a):user/\(n)" }

    /// Five identical Lambda roles (one an administrator), a developer that may pass any role,
    /// one that is denied one of them, and an SCP protecting another.
    static let world: World = {
        var w = WorldBuilder(accounts: [Acct.a, Acct.mgmt])
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        for i in 0..<5 {
            w.role("fn-\(i)", trust: serviceTrust("lambda.amazonaws.com"), inline: [policy(allow("logs:*"))],
                   managed: i == 3 ? [admin] : [])
        }
        w.user("dev", inline: [policy(allow("iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"))])
        w.user("careful-dev", inline: [policy(allow("iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"),
                                              deny("iam:PassRole", on: role("fn-1")))])
        w.organization(denying: [deny("iam:PassRole", on: role("fn-4"))])
        return w.build()
    }()
    static let graph = world.graph

    @Test("one stored edge reaches the whole set; every member gets a hop naming it")
    func setEdge() throws {
        let g = Self.graph
        let stored = g.edges.filter { $0.source == Self.user("dev") && $0.kind == "lambda:CreateFunction" }
        #expect(stored.count == 1)
        let e = try #require(stored.first)
        #expect(e.target.hasPrefix("iamsh:set/"))
        #expect(e.resources.contains(Confirmation.memberToken))
        for i in [0, 1, 2, 3] {
            let h = try #require(g.edge(Self.user("dev"), Self.role("fn-\(i)"), kind: "lambda:CreateFunction"))
            #expect(h.resources.contains(Self.role("fn-\(i)")))
            #expect(!h.resources.contains(Confirmation.memberToken))
        }
        #expect(g.label(e.target).hasSuffix("roles trusting lambda.amazonaws.com"))
        #expect(g.edgeRows().contains { $0.source == e.target && $0.kind == "member" && $0.category == "member" })
    }

    @Test("an SCP on one member keeps it out of everyone's set (SCP deny applies to every caller)")
    func scpSplits() {
        let g = Self.graph
        #expect(g.edge(Self.user("dev"), Self.role("fn-4"), kind: "lambda:CreateFunction") == nil)
        #expect(g.edge(Self.user("careful-dev"), Self.role("fn-4"), kind: "lambda:CreateFunction") == nil)
    }

    @Test("a caller's own deny on one member is honoured for that caller only")
    func callerDenySplits() {
        let g = Self.graph
        #expect(g.edge(Self.user("careful-dev"), Self.role("fn-1"), kind: "lambda:CreateFunction") == nil)
        #expect(g.edge(Self.user("careful-dev"), Self.role("fn-0"), kind: "lambda:CreateFunction") != nil)
        #expect(g.edge(Self.user("dev"), Self.role("fn-1"), kind: "lambda:CreateFunction") != nil)
    }

    @Test("paths and privesc go through a set to the member that is an administrator")
    func pathsThroughSets() throws {
        let g = Self.graph
        let p = try #require(try g.paths(from: Self.user("dev"), to: Self.role("fn-3")).first)
        #expect(p.hops.count == 1)
        #expect(p.hops[0].to == Self.role("fn-3"))
        let esc = try #require(try g.privesc(principal: Self.user("dev")).first)
        #expect(esc.admin == Self.role("fn-3"))
        #expect(esc.hops.map(\.to) == [Self.role("fn-3")])
        let reach = try g.paths(from: Self.user("careful-dev")).map(\.target)
        #expect(Set(reach) == [Self.role("fn-0"), Self.role("fn-2"), Self.role("fn-3")])
    }

    @Test("no hop from a principal to itself through a set; self-service keys give no edge to others")
    func noSelfThroughSets() {
        var w = WorldBuilder()
        for i in 0..<4 { w.user("member-\(i)", inline: [policy(allow("iam:CreateAccessKey", on: "arn:aws:iam::\(Acct.a):user/${aws:username}"))]) }
        w.user("key-admin", inline: [policy(allow("iam:CreateAccessKey"))])
        let g = w.build().graph
        #expect(g.edge(Self.user("key-admin"), Self.user("member-2"), kind: "iam:CreateAccessKey") != nil)
        #expect(g.hops(from: Self.user("key-admin"), to: Self.user("key-admin")).isEmpty)
        #expect(g.hops(from: Self.user("member-0"), to: Self.user("member-1")).isEmpty)
        #expect(g.hops(from: Self.user("member-0"), to: Self.user("member-0")).isEmpty)
    }

    @Test("roles with the same trust policy form a set; the trust condition is still weighed per caller")
    func trustSets() throws {
        var w = WorldBuilder()
        for i in 0..<4 {
            w.role("team-\(i)", trust: awsTrust([Acct.a], condition: #"{"StringEquals":{"aws:PrincipalTag/team":"blue"}}"#))
        }
        w.user("blue-dev", inline: [policy(allow("sts:AssumeRole"))], tags: ["team": "blue"])
        w.user("red-dev", inline: [policy(allow("sts:AssumeRole"))], tags: ["team": "red"])
        let g = w.build().graph
        #expect(g.edges.filter { $0.source == Self.user("blue-dev") && $0.kind == "sts:AssumeRole" }.count == 1)
        for i in 0..<4 {
            #expect(g.edge(Self.user("blue-dev"), Self.role("team-\(i)"), kind: "sts:AssumeRole")?.decision == .allow)
            #expect(g.edge(Self.user("red-dev"), Self.role("team-\(i)"), kind: "sts:AssumeRole") == nil)
        }
        // Roles of the set assuming each other: never themselves.
        #expect(g.hops(from: Self.role("team-0"), to: Self.role("team-0")).isEmpty)
    }

    @Test("a role named in one caller's policy is asked about on its own for that caller")
    func namedMember() throws {
        var w = WorldBuilder()
        for i in 0..<4 { w.role("svc-\(i)", trust: serviceTrust("ec2.amazonaws.com")) }
        for i in 0..<4 { w.instanceProfile(for: Self.role("svc-\(i)")) }
        w.user("narrow", inline: [policy(allow("iam:PassRole", on: Self.role("svc-2")), allow("ec2:RunInstances"))])
        let g = w.build().graph
        #expect(g.edge(Self.user("narrow"), Self.role("svc-2"), kind: "ec2:RunInstances") != nil)
        #expect(g.edge(Self.user("narrow"), Self.role("svc-1"), kind: "ec2:RunInstances") == nil)
        let h = try #require(g.edge(Self.user("narrow"), Self.role("svc-2"), kind: "ec2:RunInstances"))
        #expect(h.resources.contains("arn:aws:iam::\(Acct.a):instance-profile/svc-2-profile"))
    }
}
