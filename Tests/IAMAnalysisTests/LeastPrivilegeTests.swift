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
        return ActionCatalog(version: "test", actions: names.flatMap { s, acts in
            acts.map { ActionCatalog.Action(service: s, name: $0, accessLevel: .read) }
        })
    }()

    func generate(_ p: String, days: Int = 90, snapshot: Snapshot = F.snapshot()) throws -> LeastPrivilegePolicy {
        try LeastPrivilege.generate(principal: p, snapshot: snapshot, now: F.now, days: days, catalog: Self.catalog)
    }

    @Test func keepsUsedTrackedActionsAndDropsTheRest() throws {
        let lp = try generate("role/deploy")
        // s3:* becomes the s3 actions minus the tracked-but-unused DeleteBucket; Resource is kept.
        #expect(lp.kept == ["s3:GetObject", "s3:ListBucket", "s3:PutObject"])
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
