import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

@Suite("Unused access")
struct UnusedAccessTests {
    typealias F = AuditFixtures
    let findings = UnusedAccess.analyze(snapshot: F.snapshot(), now: F.now, days: 90)

    func of(_ kind: UnusedAccessFinding.Kind) -> [UnusedAccessFinding] { findings.filter { $0.kind == kind } }

    @Test func unusedRolesOnlyAmongRolesOlderThanThePeriod() {
        // old-batch last used 273 days ago, never-used and ops never used; brand-new is 14 days old
        // (not judged), the service-linked role is left out, the others were used recently.
        #expect(Set(of(.role).map(\.principal)) == [
            "arn:aws:iam::\(F.bad):role/old-batch", "arn:aws:iam::\(F.bad):role/never-used", "arn:aws:iam::\(F.bare):role/ops",
        ])
        let batch = of(.role).first { $0.principal.hasSuffix("old-batch") }
        #expect(batch?.lastUsed == F.date("2025-06-01T00:00:00Z"))
        #expect(of(.role).first { $0.principal.hasSuffix("never-used") }?.lastUsed == nil)
    }

    @Test func neverUsedPasswordJudgedByAge() {
        // bob's password was never used and was set 151 days ago; alice's is in use.
        #expect(of(.password).map(\.principal) == ["arn:aws:iam::\(F.bad):user/bob"])
        #expect(of(.password).first?.detail.contains("never used; set 2025-10-01") == true)
    }

    @Test func unusedAccessKeys() {
        // At 90 days nobody's key is idle long enough (alice's never-used key 2 is 45 days old).
        #expect(of(.accessKey).isEmpty)
        let at40 = UnusedAccess.analyze(snapshot: F.snapshot(), now: F.now, days: 40).filter { $0.kind == .accessKey }
        #expect(at40.map(\.credential) == ["access key 2"])
        #expect(at40.first?.principal == "arn:aws:iam::\(F.bad):user/alice")
    }

    @Test func unusedServicesAndTrackedActions() {
        let deploy = of(.permission).filter { $0.principal.hasSuffix("role/deploy") }
        // ec2 never used, iam last used 423 days ago, s3 used but its tracked DeleteBucket never;
        // sqs is in the data but no longer granted by the role's policies.
        #expect(Set(deploy.filter { $0.level == "service" }.compactMap(\.service)) == ["ec2", "iam"])
        #expect(deploy.filter { $0.level == "action" }.compactMap(\.action) == ["s3:DeleteBucket"])
        let alice = of(.permission).filter { $0.principal.hasSuffix("user/alice") }
        #expect(Set(alice.compactMap(\.service)) == ["ec2", "sts"])
        #expect(alice.first { $0.service == "sts" }?.lastUsed == F.date("2025-08-01T11:00:00Z"))
    }

    @Test func findingTypesMatchAccessAnalyzer() {
        #expect(UnusedAccessFinding.Kind.allCases.map(\.rawValue) ==
                ["UnusedIAMRole", "UnusedIAMUserAccessKey", "UnusedIAMUserPassword", "UnusedPermission"])
    }

    @Test func anUnusedRoleIsNotAlsoReportedServiceByService() {
        var s = F.snapshot()
        let batch = "arn:aws:iam::\(F.bad):role/old-batch"
        s.lastAccessed.append(LastAccessedEntry(entityArn: batch, serviceNamespace: "batch", granularity: .service))
        s.reindex()
        let f = UnusedAccess.analyze(snapshot: s, now: F.now, days: 90).filter { $0.principal == batch }
        #expect(f.map(\.kind) == [.role])
    }

    @Test func principalsYoungerThanThePeriodAreNotJudgedForPermissions() {
        var s = F.snapshot()
        let i = s.roles.firstIndex { $0.name == "deploy" }!
        s.roles[i].createDate = F.date("2026-02-01T00:00:00Z")
        s.reindex()
        let f = UnusedAccess.analyze(snapshot: s, now: F.now, days: 90)
        #expect(!f.contains { $0.principal.hasSuffix("role/deploy") })
    }
}
