import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

@Suite("CIS audit")
struct AuditCISTests {
    typealias F = AuditFixtures
    let results = CISAudit.run(snapshot: F.snapshot(), now: F.now)

    func rows(_ c: CISControl, _ account: String, in results: [ControlResult]? = nil) -> [ControlResult] {
        (results ?? self.results).filter { $0.control == c.id && $0.account == account }
    }
    func statuses(_ c: CISControl, _ account: String) -> [ControlStatus] { rows(c, account).map(\.status) }
    func failing(_ c: CISControl, _ account: String) -> [String] { rows(c, account).filter { $0.status == .fail }.map(\.resource) }

    @Test func everyControlJudgesEveryAccountSeparately() {
        for c in CISControl.all {
            for a in [F.good, F.bad, F.bare] {
                #expect(!rows(c, a).isEmpty, "control \(c.id) has no row for account \(a)")
            }
        }
    }

    @Test func rowsCarryTheEarlierVersionsNumbers() throws {
        let r = try #require(rows(.keyRotation, F.bad).first)
        #expect(r.control == "2.12" && r.v6 == "2.13" && r.v5 == "1.13")
        let one = try #require(rows(.oneActiveKey, F.bad).first)
        #expect(one.control == "v6.0-2.12" && one.v6 == "2.12" && one.v5 == "1.12")
        #expect(rows(.resourcePolicyPrincipal, F.bad).first?.v6 == nil)
    }

    // MARK: Root (2.4–2.7)

    @Test func rootAccessKey_2_4() throws {
        #expect(statuses(.noRootAccessKey, F.good) == [.pass])
        let bad = try #require(rows(.noRootAccessKey, F.bad).first)
        #expect(bad.status == .fail && bad.resource == "arn:aws:iam::\(F.bad):root")
        #expect(bad.detail.contains("access key 1 is active"))
        #expect(bad.severity == .critical)
    }

    @Test func inactiveRootKeyStillExists_2_4() {
        // The report shows no active key, but AccountAccessKeysPresent says a key exists: CIS asks that none exists.
        var s = F.snapshot()
        s.accounts[0].summary["AccountAccessKeysPresent"] = 1
        s.reindex()
        let r = CISAudit.run(snapshot: s, now: F.now)
        #expect(rows(.noRootAccessKey, F.good, in: r).map(\.status) == [.fail])
    }

    @Test func rootMFA_2_5() {
        #expect(statuses(.rootMFA, F.good) == [.pass])
        #expect(statuses(.rootMFA, F.bad) == [.fail])
    }

    @Test func rootWithoutPasswordNeedsNoMFA_2_5() {
        // Centralized root access removes root's password: AccountPasswordPresent = 0 passes (CIS audit procedure).
        var s = Snapshot()
        s.accounts = [Account(id: F.bare, summary: ["AccountMFAEnabled": 0, "AccountPasswordPresent": 0, "AccountAccessKeysPresent": 0])]
        s.reindex()
        let r = CISAudit.run(snapshot: s, now: F.now)
        #expect(rows(.rootMFA, F.bare, in: r).map(\.status) == [.pass])
        #expect(rows(.noRootAccessKey, F.bare, in: r).map(\.status) == [.pass])
    }

    @Test func rootWithNoKeysIsStillJudged_ProwlerRegression() {
        // Prowler's root checks go silent when root has no access keys (peer-tools.md).
        var s = Snapshot()
        s.accounts = [Account(id: F.bare)]
        var root = CredentialReportRow(account: F.bare, user: "<root_account>", arn: "arn:aws:iam::\(F.bare):root")
        root.mfaActive = false; root.accessKey1Active = false; root.accessKey2Active = false
        s.credentialReport = [root]
        s.reindex()
        let r = CISAudit.run(snapshot: s, now: F.now)
        #expect(rows(.noRootAccessKey, F.bare, in: r).map(\.status) == [.pass])
        #expect(rows(.rootMFA, F.bare, in: r).map(\.status) == [.fail])
        #expect(rows(.rootHardwareMFA, F.bare, in: r).map(\.status) == [.fail])
        #expect(rows(.avoidRootUse, F.bare, in: r).map(\.status) == [.pass])
    }

    @Test func rootHardwareMFA_2_6() {
        #expect(statuses(.rootHardwareMFA, F.good) == [.pass])          // MFA on, no virtual device on root
        #expect(statuses(.rootHardwareMFA, F.bad) == [.fail])           // no MFA at all
        var s = F.snapshot()
        s.accounts[0].virtualMFADevices = nil                          // not collected: cannot tell
        s.reindex()
        #expect(rows(.rootHardwareMFA, F.good, in: CISAudit.run(snapshot: s, now: F.now)).map(\.status) == [.manual])
        s.accounts[0].virtualMFADevices = [VirtualMFADevice(serialNumber: "arn:aws:iam::\(F.good):mfa/root-account-mfa-device",
                                                            userArn: "arn:aws:iam::\(F.good):root")]
        s.reindex()
        let r = rows(.rootHardwareMFA, F.good, in: CISAudit.run(snapshot: s, now: F.now))
        #expect(r.map(\.status) == [.fail])
        #expect(r.first?.detail.contains("virtual") == true)
    }

    @Test func avoidRootUseLooksAtTheLatestUse_ProwlerRegression() throws {
        // Root's password was last used in 2024, its key two days ago: the latest use decides
        // (Prowler takes the first non-empty column).
        let r = try #require(rows(.avoidRootUse, F.bad).first)
        #expect(r.status == .fail)
        #expect(r.detail.contains("2026-02-28") && r.detail.contains("access key 1"))
        #expect(statuses(.avoidRootUse, F.good) == [.pass])             // last used 2025-01-01
        #expect(statuses(.avoidRootUse, F.bare) == [.notCollected])
    }

    // MARK: Password policy (2.8, 2.9)

    @Test func passwordPolicy_2_8_2_9() {
        #expect(statuses(.passwordLength, F.good) == [.pass])
        #expect(statuses(.passwordReuse, F.good) == [.pass])
        #expect(statuses(.passwordLength, F.bad) == [.fail])
        #expect(statuses(.passwordReuse, F.bad) == [.fail])
        #expect(statuses(.passwordLength, F.bare) == [.notCollected])
    }

    @Test func noPasswordPolicyFails_2_8() {
        var s = F.snapshot()
        s.accounts[2].passwordPolicyCollected = true                   // collected: NoSuchEntity
        s.reindex()
        let r = CISAudit.run(snapshot: s, now: F.now)
        #expect(rows(.passwordLength, F.bare, in: r).map(\.status) == [.fail])
        #expect(rows(.passwordReuse, F.bare, in: r).map(\.status) == [.fail])
    }

    // MARK: Users' credentials (2.10–2.12)

    @Test func consoleUsersHaveMFA_2_10() {
        #expect(statuses(.consoleUserMFA, F.good) == [.pass])
        #expect(failing(.consoleUserMFA, F.bad) == ["arn:aws:iam::\(F.bad):user/alice"])  // bob has MFA, carol no password
    }

    @Test func unusedCredentials_2_11_neverUsedJudgedByAge_ProwlerRegression() {
        let bad = rows(.unusedCredentials, F.bad).filter { $0.status == .fail }
        // bob's password was never used and was set 151 days ago; alice's key 2 was never used and is 45 days old.
        #expect(bad.contains { $0.resource.hasSuffix("user/bob") && $0.detail.contains("never used") })
        #expect(bad.contains { $0.resource.hasSuffix("user/alice") && $0.detail.contains("access key 2") })
        // alice's password and key 1 are in use; carol's never-used key is only 28 days old.
        #expect(bad.count == 2)
        #expect(statuses(.unusedCredentials, F.good) == [.pass])
        #expect(statuses(.unusedCredentials, F.bare) == [.notCollected])
    }

    @Test func unusedCredentialsThresholdIsAnOption_2_11() {
        let r = CISAudit.run(snapshot: F.snapshot(), now: F.now, options: CISAuditOptions(unusedDays: 20))
        #expect(rows(.unusedCredentials, F.bad, in: r).contains { $0.resource.hasSuffix("user/carol") && $0.status == .fail })
    }

    @Test func oneActiveKey_v6_2_12() {
        #expect(failing(.oneActiveKey, F.bad) == ["arn:aws:iam::\(F.bad):user/alice"])
        #expect(statuses(.oneActiveKey, F.good) == [.pass])
    }

    @Test func keyRotation_2_12() throws {
        let r = try #require(rows(.keyRotation, F.bad).first { $0.status == .fail && $0.resource.hasSuffix("user/alice") })
        #expect(r.resource.hasSuffix("user/alice") && r.detail.contains("AKIAEXAMPLEALICE0001"))
        // Root's active key dates from 2024-01-01: root is judged too.
        #expect(Set(failing(.keyRotation, F.bad)) == ["arn:aws:iam::\(F.bad):user/alice", "arn:aws:iam::\(F.bad):root"])
        #expect(statuses(.keyRotation, F.good) == [.pass])             // dave's key is 50 days old
        let strict = CISAudit.run(snapshot: F.snapshot(), now: F.now, options: CISAuditOptions(rotationDays: 40))
        #expect(rows(.keyRotation, F.good, in: strict).map(\.status) == [.fail])
    }

    // MARK: Policies (2.13–2.15, 2.21)

    @Test func permissionsOnlyThroughGroups_2_13() {
        #expect(statuses(.groupsOnly, F.good) == [.pass])
        #expect(Set(failing(.groupsOnly, F.bad)) == ["arn:aws:iam::\(F.bad):user/alice", "arn:aws:iam::\(F.bad):user/bob"])
    }

    @Test func noFullAdministratorPolicy_2_14() {
        // PowerUserAccess (NotAction) is not "*:*"; AdministratorAccess attached to a group and an inline "*:*" are.
        #expect(statuses(.noFullAdmin, F.good) == [.pass])
        let bad = rows(.noFullAdmin, F.bad).filter { $0.status == .fail }
        #expect(Set(bad.map(\.resource)) == ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::\(F.bad):role/partner"])
        #expect(bad.first { $0.resource.hasSuffix("AdministratorAccess") }?.detail.contains("group/admins") == true)
    }

    @Test func supportRole_2_15() {
        #expect(rows(.supportRole, F.good).map(\.resource) == ["arn:aws:iam::\(F.good):role/SupportRole"])
        #expect(statuses(.supportRole, F.good) == [.pass])
        let bad = rows(.supportRole, F.bad)
        #expect(bad.map(\.status) == [.fail])
        #expect(bad.first?.detail.contains("user/alice") == true)      // attached to a user, not a role
    }

    @Test func resourcePoliciesWithoutUnrestrictedStar_2_21() {
        // PrincipalOrgID and SNS's AWS:SourceOwner restrict; an IfExists condition and sts:ExternalId do not.
        #expect(statuses(.resourcePolicyPrincipal, F.good) == [.pass])
        #expect(Set(failing(.resourcePolicyPrincipal, F.bad)) == [
            "arn:aws:s3:::public-assets", "arn:aws:sqs:eu-west-1:\(F.bad):jobs", "arn:aws:iam::\(F.bad):role/partner",
        ])
        #expect(statuses(.resourcePolicyPrincipal, F.bare) == [.notCollected])
    }

    @Test func restrictingConditionKeys_2_21() throws {
        func open(_ cond: String) -> Bool {
            let d = F.doc(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*","Condition":\#(cond)}]}"#, .resource)
            return d.statements[0].allowsUnrestrictedPrincipal
        }
        #expect(!open(#"{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}"#))
        #expect(!open(#"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/*"}}"#))
        #expect(!open(#"{"StringEquals":{"aws:SourceAccount":"111122223333"}}"#))
        #expect(!open(#"{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}"#))
        #expect(open(#"{"StringLike":{"aws:PrincipalArn":"*"}}"#))           // matches everyone
        #expect(open(#"{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}"#))
        #expect(open(#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#))   // network, not identity
        #expect(open(#"{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}"#))
    }

    // MARK: Collected extras (2.17, 2.18)

    @Test func expiredServerCertificates_2_17() {
        #expect(statuses(.expiredCertificates, F.good) == [.pass])
        #expect(failing(.expiredCertificates, F.bad) == ["arn:aws:iam::\(F.bad):server-certificate/old-www"])
        #expect(statuses(.expiredCertificates, F.bare) == [.notCollected])
    }

    @Test func accessAnalyzerPerRegion_2_18() {
        #expect(rows(.accessAnalyzer, F.good).map(\.status) == [.pass])
        // Only an unused-access analyzer in us-east-1, none in eu-west-1: both fail.
        #expect(Set(failing(.accessAnalyzer, F.bad)) == ["us-east-1", "eu-west-1"])
        #expect(statuses(.accessAnalyzer, F.bare) == [.notCollected])
    }

    @Test func organizationAnalyzerCoversMemberAccounts_2_18() {
        var s = F.snapshot()
        s.organization = Organization(id: "o-a1b2c3d4e5", managementAccountId: F.good, nodes: [
            OrgNode(id: "r-ab12", kind: .root), OrgNode(id: F.good, kind: .account, parentId: "r-ab12"),
            OrgNode(id: F.bad, kind: .account, parentId: "r-ab12"), OrgNode(id: F.bare, kind: .account, parentId: "r-ab12"),
        ])
        s.analyzers.append(Analyzer(arn: "arn:aws:access-analyzer:eu-west-1:\(F.good):analyzer/org", name: "org",
                                    type: "ORGANIZATION", status: "ACTIVE", region: "eu-west-1", account: F.good))
        s.reindex()
        let all = CISAudit.run(snapshot: s, now: F.now)
        let r = rows(.accessAnalyzer, F.bad, in: all)
        #expect(r.first { $0.resource == "eu-west-1" }?.status == .pass)
        #expect(r.first { $0.resource == "us-east-1" }?.status == .fail)
        // A member account whose own listing was not collected is still covered where the org analyzer runs.
        #expect(rows(.accessAnalyzer, F.bare, in: all).map(\.resource) == ["eu-west-1"])
        #expect(rows(.accessAnalyzer, F.bare, in: all).map(\.status) == [.pass])
    }

    // MARK: Missing input, summary, severities

    @Test func missingCredentialReportIsNotCollectedNeverPass() {
        for c in [CISControl.consoleUserMFA, .unusedCredentials, .oneActiveKey, .keyRotation, .avoidRootUse] {
            #expect(statuses(c, F.bare) == [.notCollected], "\(c.id)")
        }
        #expect(statuses(.noRootAccessKey, F.bare) == [.notCollected])
        #expect(statuses(.rootMFA, F.bare) == [.notCollected])
    }

    @Test func summaryCountsAndFailOnThreshold() {
        let sum = AuditSummary(results)
        #expect(sum.accounts == 3)
        #expect(sum.controls == CISControl.all.count)
        #expect(sum.byStatus.values.reduce(0, +) == results.count)
        #expect(sum.hasFailure(atOrAbove: .critical))
        #expect(sum.line.contains("fail ("))
        let goodOnly = AuditSummary(results.filter { $0.account == F.good })
        #expect(!goodOnly.hasFailure(atOrAbove: .low))
        #expect(Severity.low < .medium && Severity.high < .critical)
    }

    @Test func rowsComeInBenchmarkOrder() {
        let order = CISControl.all.map(\.id)
        let seen = results.map(\.control).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        #expect(seen == order)
    }
}
