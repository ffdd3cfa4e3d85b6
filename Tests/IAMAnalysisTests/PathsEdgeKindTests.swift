import Testing
import IAMPolicy
@testable import IAMAnalysis

/// One fixture account per edge kind: the attacker holds exactly the actions the kind needs; the
/// positive case finds the edge, and each negative case (the key action missing, explicitly denied,
/// outside a permissions boundary, denied by an SCP, a trust condition unmet) finds none.
struct EdgeKindCase: Sendable, CustomTestStringConvertible {
    let kind: String
    /// The attacker's grants: (action, resource).
    let grants: [(String, String)]
    /// The action whose absence or denial must remove the edge.
    let key: String
    /// Builds the target; returns the ARN the edge must reach.
    let target: @Sendable (inout WorldBuilder) -> String
    /// The decision of the positive case.
    let expect: Decision
    /// A variant of the target whose trust policy has a condition the request cannot meet.
    var unmetTrust: (@Sendable (inout WorldBuilder) -> String)? = nil

    var testDescription: String { kind }

    enum Variant: String, CaseIterable { case positive, missing, deny, boundary, scp, unmetTrust }

    /// Builds the fixture for a variant; returns the world, the source and the target.
    func world(_ v: Variant) -> (World, String, String)? {
        var w = WorldBuilder(accounts: [Acct.a, Acct.mgmt])
        let statements = grants.filter { v != .missing || $0.0 != key }.map { allow($0.0, on: $0.1) }
        var inline = [policyOf(statements.isEmpty ? [allow("s3:ListAllMyBuckets")] : statements)]
        if v == .deny { inline.append(policy(deny(key))) }
        var source = attackerArn
        if v == .boundary {
            // A role this time: boundaries on roles are honoured (PMapper wrong answer 1).
            let b = w.managed("AttackerBoundary", policyOf(grants.filter { $0.0 != key }.map { allow($0.0, on: $0.1) } + [allow("s3:ListAllMyBuckets")]))
            source = w.role("attacker-role", trust: awsTrust([Acct.mgmt]), inline: inline, boundary: b, tags: ["team": "platform"])
        } else {
            w.user("attacker", inline: inline, tags: ["team": "platform"])
        }
        if v == .scp { w.organization(denying: [deny(key)]) }
        let t: String
        if v == .unmetTrust {
            guard let u = unmetTrust else { return nil }
            t = u(&w)
        } else {
            t = target(&w)
        }
        return (w.build(), source, t)
    }

    static func s(_ strings: String...) -> [String] { strings }
}

/// Targets used by several kinds.
enum KindTargets {
    static let victim = "arn:aws:iam::\(Acct.a):user/victim"

    static func victimUser(password: Bool = false, keys: Int = 0, boundary: Bool = false) -> @Sendable (inout WorldBuilder) -> String {
        { w in
            let b = boundary ? w.managed("VictimBoundary", policy(allow("s3:*"))) : nil
            let u = w.user("victim", inline: [policy(allow("s3:GetObject"))], boundary: b)
            w.credentials(u, password: password, keys: keys)
            return u
        }
    }

    static func victimRole(boundary: Bool = false) -> @Sendable (inout WorldBuilder) -> String {
        { w in
            let b = boundary ? w.managed("VictimBoundary", policy(allow("s3:*"))) : nil
            return w.role("victim-role", trust: serviceTrust("ec2.amazonaws.com"), inline: [policy(allow("s3:*"))], boundary: b)
        }
    }

    /// A role trusting `service`, with an instance profile when asked.
    static func serviceRole(_ service: String, profile: Bool = false, condition: String? = nil) -> @Sendable (inout WorldBuilder) -> String {
        { w in
            let r = w.role("svc-role", trust: serviceTrust(service, condition: condition), inline: [policy(allow("s3:*"))])
            if profile { w.instanceProfile(for: r) }
            return r
        }
    }

    /// A service role whose trust only admits requests from a foreign source account.
    static func serviceRoleUnmet(_ service: String, profile: Bool = false) -> @Sendable (inout WorldBuilder) -> String {
        serviceRole(service, profile: profile, condition: #"{"StringEquals":{"aws:SourceAccount":"\#(Acct.ext)"}}"#)
    }

    static let groupWithVictim: @Sendable (inout WorldBuilder) -> String = { w in
        let g = w.group("victims")
        w.user("victim", groups: ["victims"])
        _ = g
        return victim
    }

    static let groupNode: @Sendable (inout WorldBuilder) -> String = { w in
        w.group("admins", inline: [policy(allow("*"))])
    }

    static let policyHolder: @Sendable (inout WorldBuilder) -> String = { w in
        let p = w.managed("VictimPolicy", policy(allow("s3:GetObject")))
        return w.user("victim", managed: [p])
    }

    static let versionedHolder: @Sendable (inout WorldBuilder) -> String = { w in
        let p = w.managedVersions("VictimPolicy", defaultJSON: policy(allow("s3:GetObject")), otherJSON: policy(allow("*")))
        return w.user("victim", managed: [p])
    }
}

enum EdgeKindCases {
    typealias T = KindTargets
    static let a = Acct.a
    static let victim = KindTargets.victim
    static let victimRole = "arn:aws:iam::\(Acct.a):role/victim-role"
    static let svcRole = "arn:aws:iam::\(Acct.a):role/svc-role"
    static let group = "arn:aws:iam::\(Acct.a):group/victims"
    static let adminsGroup = "arn:aws:iam::\(Acct.a):group/admins"
    static let policyArn = "arn:aws:iam::\(Acct.a):policy/VictimPolicy"

    static func passRole(_ service: String, _ actions: [String], profile: Bool = false, expect: Decision = .allow, kind: String) -> EdgeKindCase {
        EdgeKindCase(kind: kind, grants: [("iam:PassRole", svcRole)] + actions.map { ($0, "*") }, key: "iam:PassRole",
                     target: T.serviceRole(service, profile: profile), expect: expect,
                     unmetTrust: T.serviceRoleUnmet(service, profile: profile))
    }

    static func onInstance(_ kind: String, _ actions: [String]) -> EdgeKindCase {
        EdgeKindCase(kind: kind, grants: actions.map { ($0, "*") }, key: actions[0],
                     target: T.serviceRole("ec2.amazonaws.com", profile: true), expect: .conditional,
                     unmetTrust: T.serviceRoleUnmet("ec2.amazonaws.com", profile: true))
    }

    static let all: [EdgeKindCase] = [
        EdgeKindCase(kind: "sts:AssumeRole", grants: [("sts:AssumeRole", "arn:aws:iam::\(a):role/victim-role")], key: "sts:AssumeRole",
                     target: { w in w.role("victim-role", trust: awsTrust([a], condition: #"{"StringEquals":{"aws:PrincipalTag/team":"platform"}}"#)) },
                     expect: .allow,
                     unmetTrust: { w in w.role("victim-role", trust: awsTrust([a], condition: #"{"StringEquals":{"aws:PrincipalTag/team":"security"}}"#)) }),
        EdgeKindCase(kind: "iam:UpdateAssumeRolePolicy", grants: [("iam:UpdateAssumeRolePolicy", victimRole)], key: "iam:UpdateAssumeRolePolicy",
                     target: T.victimRole(), expect: .allow),
        EdgeKindCase(kind: "iam:CreateAccessKey", grants: [("iam:CreateAccessKey", victim)], key: "iam:CreateAccessKey",
                     target: T.victimUser(), expect: .allow),
        EdgeKindCase(kind: "iam:CreateLoginProfile", grants: [("iam:CreateLoginProfile", victim)], key: "iam:CreateLoginProfile",
                     target: T.victimUser(password: false), expect: .allow),
        EdgeKindCase(kind: "iam:UpdateLoginProfile", grants: [("iam:UpdateLoginProfile", victim)], key: "iam:UpdateLoginProfile",
                     target: T.victimUser(password: true), expect: .allow),
        EdgeKindCase(kind: "iam:PutUserPolicy", grants: [("iam:PutUserPolicy", victim)], key: "iam:PutUserPolicy",
                     target: T.victimUser(), expect: .allow),
        EdgeKindCase(kind: "iam:AttachUserPolicy", grants: [("iam:AttachUserPolicy", victim)], key: "iam:AttachUserPolicy",
                     target: T.victimUser(), expect: .allow),
        EdgeKindCase(kind: "iam:PutRolePolicy", grants: [("iam:PutRolePolicy", victimRole)], key: "iam:PutRolePolicy",
                     target: T.victimRole(), expect: .allow),
        EdgeKindCase(kind: "iam:AttachRolePolicy", grants: [("iam:AttachRolePolicy", victimRole)], key: "iam:AttachRolePolicy",
                     target: T.victimRole(), expect: .allow),
        EdgeKindCase(kind: "iam:PutGroupPolicy", grants: [("iam:PutGroupPolicy", group)], key: "iam:PutGroupPolicy",
                     target: T.groupWithVictim, expect: .allow),
        EdgeKindCase(kind: "iam:AttachGroupPolicy", grants: [("iam:AttachGroupPolicy", group)], key: "iam:AttachGroupPolicy",
                     target: T.groupWithVictim, expect: .allow),
        EdgeKindCase(kind: "iam:CreatePolicyVersion", grants: [("iam:CreatePolicyVersion", policyArn)], key: "iam:CreatePolicyVersion",
                     target: T.policyHolder, expect: .allow),
        EdgeKindCase(kind: "iam:SetDefaultPolicyVersion", grants: [("iam:SetDefaultPolicyVersion", policyArn)], key: "iam:SetDefaultPolicyVersion",
                     target: T.versionedHolder, expect: .allow),
        EdgeKindCase(kind: "iam:AddUserToGroup", grants: [("iam:AddUserToGroup", adminsGroup)], key: "iam:AddUserToGroup",
                     target: T.groupNode, expect: .allow),
        EdgeKindCase(kind: "iam:DeleteUserPermissionsBoundary", grants: [("iam:DeleteUserPermissionsBoundary", victim)],
                     key: "iam:DeleteUserPermissionsBoundary", target: T.victimUser(boundary: true), expect: .allow),
        EdgeKindCase(kind: "iam:PutUserPermissionsBoundary", grants: [("iam:PutUserPermissionsBoundary", victim)],
                     key: "iam:PutUserPermissionsBoundary", target: T.victimUser(boundary: true), expect: .allow),
        EdgeKindCase(kind: "iam:DeleteRolePermissionsBoundary", grants: [("iam:DeleteRolePermissionsBoundary", victimRole)],
                     key: "iam:DeleteRolePermissionsBoundary", target: T.victimRole(boundary: true), expect: .allow),
        EdgeKindCase(kind: "iam:PutRolePermissionsBoundary", grants: [("iam:PutRolePermissionsBoundary", victimRole)],
                     key: "iam:PutRolePermissionsBoundary", target: T.victimRole(boundary: true), expect: .allow),

        passRole("ec2.amazonaws.com", ["ec2:RunInstances"], profile: true, kind: "ec2:RunInstances"),
        passRole("ec2.amazonaws.com", ["ec2:RequestSpotInstances"], profile: true, kind: "ec2:RequestSpotInstances"),
        passRole("ec2.amazonaws.com", ["ec2:AssociateIamInstanceProfile"], profile: true, expect: .conditional,
                 kind: "ec2:AssociateIamInstanceProfile"),
        passRole("ec2.amazonaws.com", ["autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"], profile: true,
                 kind: "autoscaling:CreateLaunchConfiguration"),
        passRole("ec2.amazonaws.com", ["ec2:CreateLaunchTemplate", "autoscaling:CreateAutoScalingGroup"], profile: true,
                 kind: "ec2:CreateLaunchTemplate"),
        passRole("ec2.amazonaws.com", ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"], profile: true, expect: .conditional,
                 kind: "ec2:CreateLaunchTemplateVersion"),
        onInstance("ec2:ModifyInstanceAttribute", ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"]),
        onInstance("ssm:SendCommand", ["ssm:SendCommand"]),
        onInstance("ssm:StartSession", ["ssm:StartSession"]),
        onInstance("ec2-instance-connect:SendSSHPublicKey", ["ec2-instance-connect:SendSSHPublicKey"]),
        passRole("lambda.amazonaws.com", ["lambda:CreateFunction", "lambda:InvokeFunction"], kind: "lambda:CreateFunction"),
        passRole("lambda.amazonaws.com", ["lambda:CreateFunction", "lambda:CreateEventSourceMapping"], expect: .conditional,
                 kind: "lambda:CreateEventSourceMapping"),
        passRole("lambda.amazonaws.com", ["lambda:UpdateFunctionConfiguration", "lambda:UpdateFunctionCode", "lambda:InvokeFunction"],
                 expect: .conditional, kind: "lambda:UpdateFunctionConfiguration"),
        passRole("cloudformation.amazonaws.com", ["cloudformation:CreateStack"], kind: "cloudformation:CreateStack"),
        passRole("cloudformation.amazonaws.com", ["cloudformation:UpdateStack"], expect: .conditional, kind: "cloudformation:UpdateStack"),
        passRole("cloudformation.amazonaws.com", ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"],
                 kind: "cloudformation:CreateChangeSet"),
        passRole("cloudformation.amazonaws.com", ["cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"],
                 kind: "cloudformation:CreateStackSet"),
        passRole("cloudformation.amazonaws.com", ["cloudformation:UpdateStackSet"], expect: .conditional, kind: "cloudformation:UpdateStackSet"),
        passRole("codebuild.amazonaws.com", ["codebuild:CreateProject", "codebuild:StartBuild"], kind: "codebuild:CreateProject"),
        passRole("codebuild.amazonaws.com", ["codebuild:UpdateProject", "codebuild:StartBuild"], expect: .conditional,
                 kind: "codebuild:UpdateProject"),
        passRole("glue.amazonaws.com", ["glue:CreateDevEndpoint"], kind: "glue:CreateDevEndpoint"),
        passRole("glue.amazonaws.com", ["glue:CreateJob", "glue:StartJobRun"], kind: "glue:CreateJob"),
        passRole("glue.amazonaws.com", ["glue:UpdateJob", "glue:StartJobRun"], expect: .conditional, kind: "glue:UpdateJob"),
        passRole("sagemaker.amazonaws.com", ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"],
                 kind: "sagemaker:CreateNotebookInstance"),
        passRole("sagemaker.amazonaws.com", ["sagemaker:CreateTrainingJob"], kind: "sagemaker:CreateTrainingJob"),
        passRole("sagemaker.amazonaws.com", ["sagemaker:CreateProcessingJob"], kind: "sagemaker:CreateProcessingJob"),
        passRole("ecs-tasks.amazonaws.com", ["ecs:RegisterTaskDefinition", "ecs:RunTask"], kind: "ecs:RegisterTaskDefinition"),
        passRole("datapipeline.amazonaws.com", ["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition",
                                                "datapipeline:ActivatePipeline"], kind: "datapipeline:CreatePipeline"),
        passRole("tasks.apprunner.amazonaws.com", ["apprunner:CreateService"], kind: "apprunner:CreateService"),
    ]
}

@Suite("Paths: one fixture account per edge kind")
struct PathsEdgeKindTests {
    @Test("every kind of the rule table has a fixture case")
    func everyKindCovered() {
        let covered = Set(EdgeKindCases.all.map(\.kind))
        for r in EdgeRules.all { #expect(covered.contains(r.kind), "no fixture for \(r.kind)") }
        #expect(covered.contains("sts:AssumeRole"))
        #expect(covered.contains("iam:UpdateAssumeRolePolicy"))
    }

    @Test("positive: the edge is found with the solver's confirmed actions", arguments: EdgeKindCases.all)
    func positive(_ c: EdgeKindCase) throws {
        let (w, source, target) = try #require(c.world(.positive))
        let g = w.graph
        let e = g.edge(source, target, kind: c.kind)
        #expect(e != nil, "\(c.kind): no edge; edges: \(g.edges.map { "\($0.source) -[\($0.kind)]-> \($0.target)" })")
        guard let e else { return }
        #expect(e.decision == c.expect, "\(c.kind): \(e.decision) \(e.conditions)")
        #expect(e.actions.contains { $0.lowercased() == c.key.lowercased() })
        #expect(!e.resources.isEmpty)
        if e.decision == .conditional { #expect(!e.conditions.isEmpty) }
    }

    @Test("negative: the key action missing removes the edge", arguments: EdgeKindCases.all)
    func missing(_ c: EdgeKindCase) throws {
        let (w, source, target) = try #require(c.world(.missing))
        #expect(w.graph.edge(source, target, kind: c.kind) == nil)
    }

    @Test("negative: an explicit deny of the key action removes the edge (explicit deny overrides allow, EVALNOW)",
          arguments: EdgeKindCases.all)
    func explicitDeny(_ c: EdgeKindCase) throws {
        let (w, source, target) = try #require(c.world(.deny))
        #expect(w.graph.edge(source, target, kind: c.kind) == nil)
    }

    @Test("negative: a permissions boundary without the key action removes the edge (boundary ∩ identity)",
          arguments: EdgeKindCases.all)
    func boundary(_ c: EdgeKindCase) throws {
        let (w, source, target) = try #require(c.world(.boundary))
        let g = w.graph
        #expect(g.edge(source, target, kind: c.kind) == nil, "\(g.edges(from: source, to: target))")
    }

    @Test("negative: an SCP denying the key action removes the edge (SCPs apply to member accounts)",
          arguments: EdgeKindCases.all)
    func scp(_ c: EdgeKindCase) throws {
        let (w, source, target) = try #require(c.world(.scp))
        #expect(w.graph.edge(source, target, kind: c.kind) == nil)
    }

    @Test("negative: a trust condition the request cannot meet removes the edge (trust evaluated with the caller's context)",
          arguments: EdgeKindCases.all.filter { $0.unmetTrust != nil })
    func unmetTrust(_ c: EdgeKindCase) throws {
        let (w, source, target) = try #require(c.world(.unmetTrust))
        #expect(w.graph.edge(source, target, kind: c.kind) == nil)
    }
}
