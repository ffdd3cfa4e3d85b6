import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

@Suite("Least privilege")
struct LeastPrivilegeTests {
    typealias F = AuditFixtures

    static let catalog: ActionCatalog = {
        let names: [(String, [String])] = [
            ("s3", ["GetObject", "PutObject", "DeleteBucket", "ListBucket"]),
            ("ec2", ["DescribeInstances", "DescribeVpcs", "RunInstances"]),
            ("iam", ["PassRole", "CreateUser"]),
            ("sts", ["AssumeRole"]),
        ]
        // S3 actions act on buckets or objects (so the solver can scope them to a statement's Resource).
        let s3Types = ["GetObject": "object", "PutObject": "object", "DeleteBucket": "bucket", "ListBucket": "bucket"]
        return ActionCatalog(version: "test", actions: names.flatMap { s, acts in
            acts.map { ActionCatalog.Action(service: s, name: $0, accessLevel: .read,
                                            resourceTypes: s3Types[$0].map { [($0, true)] } ?? []) }
        }, resourceTypes: ["s3": [
            ActionCatalog.ResourceType(service: "s3", name: "bucket", arnPattern: "arn:${Partition}:s3:::${BucketName}"),
            ActionCatalog.ResourceType(service: "s3", name: "object", arnPattern: "arn:${Partition}:s3:::${BucketName}/${ObjectName}"),
        ]])
    }()

    func generate(_ p: String, days: Int = 90, snapshot: Snapshot = F.snapshot()) throws -> LeastPrivilegePolicy {
        try LeastPrivilege.generate(principal: p, snapshot: snapshot, now: F.now, days: days, catalog: Self.catalog)
    }

    @Test func keepsUsedTrackedActionsAndDropsTheRest() throws {
        let lp = try generate("role/deploy")
        // s3:* becomes the s3 actions minus the tracked-but-unused DeleteBucket (folded back into
        // wildcards that match nothing else in the catalog); Resource is kept.
        #expect(lp.kept == ["s3:Get*", "s3:List*", "s3:Put*"])
        let stmts = lp.document["Statement"]?.arrayValue ?? []
        #expect(stmts.count == 2)
        #expect(stmts.first?["Resource"] == .array(["arn:aws:s3:::deploy-artifacts", "arn:aws:s3:::deploy-artifacts/*"]))
        #expect(stmts.last?["Effect"] == "Deny")                         // the Deny on a kept service stays
        #expect(Set(lp.removed.map(\.action)) == ["s3:DeleteBucket", "ec2:Describe*", "iam:PassRole", "iam:CreateUser"])
        #expect(lp.removed.first { $0.action == "iam:PassRole" }?.lastAccessed == F.date("2025-01-02T10:00:00Z"))
    }

    @Test func outputIsAValidIdentityPolicyForCreatePolicy() throws {
        let lp = try generate("role/deploy")
        #expect(lp.document["Version"] == "2012-10-17")
        let reparsed = try PolicyParser.parse(text: lp.json, kind: .identity)
        #expect(reparsed.statements.count == 2)
    }

    @Test func administratorWildcardShrinksToUsedServices() throws {
        // alice holds "*" through her group and support:* of her own; only s3 was used within 90 days.
        let lp = try generate("alice")
        #expect(lp.kept == ["s3:*"])
        #expect(lp.removed.contains { $0.action == "ec2:*" && $0.reason.contains("never used") })
        #expect(lp.removed.contains { $0.action == "sts:*" })
        #expect(lp.removed.contains { $0.action == "support:*" && $0.reason.contains("no last-accessed record") })
        let wider = try generate("alice", days: 365)
        #expect(wider.kept == ["s3:*", "sts:*"])
    }

    @Test func notActionAllowKeepsUsedServicesOutsideTheExclusions() throws {
        var s = F.snapshot()
        let role = "arn:aws:iam::\(F.good):role/PowerUser"
        s.lastAccessed += [
            LastAccessedEntry(entityArn: role, serviceNamespace: "s3", lastAccessed: F.date("2026-02-20T00:00:00Z"), granularity: .service),
            LastAccessedEntry(entityArn: role, serviceNamespace: "iam", lastAccessed: F.date("2026-02-20T00:00:00Z"), granularity: .service),
        ]
        s.reindex()
        let lp = try generate(role, snapshot: s)
        #expect(lp.kept == ["s3:*"])                                     // iam is excluded by NotAction iam:*
    }

    @Test func noLastAccessedDataIsAnError() {
        #expect(throws: LeastPrivilegeError.self) { try generate("carol") }
    }

    @Test func nothingUsedSaysSo() throws {
        let lp = try generate("role/deploy", days: 5)
        #expect(lp.kept.isEmpty)
        #expect(lp.notes.contains { $0.contains("nothing the policies allow was used") })
    }
}

@Suite("Least privilege: action compression")
struct LeastPrivilegeCompressionTests {
    static let catalog = ActionCatalog(version: "test", actions: [
        "DescribeInstances", "DescribeVpcs", "RunInstances", "CreateVpc", "CreateVpcEndpoint", "CreateTags", "GetObject",
    ].map { ActionCatalog.Action(service: "ec2", name: $0, accessLevel: .read) })

    func compress(_ actions: [String]) -> [String] {
        ActionCompression(catalog: Self.catalog).compress(actions, service: "ec2")
    }

    @Test func wholeServiceBecomesServiceWildcard() {
        #expect(compress(Self.catalog.actions.map(\.fullName)) == ["ec2:*"])
    }

    @Test func wordPrefixesCoverOnlyKeptActions() {
        // Every Describe action is kept; of the Create actions CreateVpcEndpoint is not.
        let c = compress(["ec2:DescribeInstances", "ec2:DescribeVpcs", "ec2:CreateVpc", "ec2:CreateTags"])
        #expect(Set(c) == ["ec2:Describe*", "ec2:CreateTags", "ec2:CreateVpc"])
        let patterns = c
        for a in Self.catalog.actions.map(\.fullName) {
            let kept = ["ec2:DescribeInstances", "ec2:DescribeVpcs", "ec2:CreateVpc", "ec2:CreateTags"].contains(a)
            #expect(patterns.contains { Wildcard.matchesAction($0, a) } == kept, "\(a)")
        }
    }

    @Test func unknownActionsStayAsWritten() {
        #expect(compress(["ec2:RunInstances", "ec2:BrandNewAction"]).contains("ec2:BrandNewAction"))
    }
}
