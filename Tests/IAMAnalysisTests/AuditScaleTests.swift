import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

/// The audits stay linear on a large organization (10,000 users, 5,000 roles, 50,000 last-accessed
/// rows): a quadratic step would take minutes here, not seconds.
@Suite("Audit at scale")
struct AuditScaleTests {
    static func bigSnapshot() -> Snapshot {
        let now = AuditFixtures.now
        var s = Snapshot()
        let accounts = ["111122223333", "444455556666", "777788889999"]
        s.accounts = accounts.map { Account(id: $0, passwordPolicy: PasswordPolicy(), passwordPolicyCollected: true) }
        let doc = AuditFixtures.devDoc
        s.groups = accounts.map { a in
            IAMGroup(arn: "arn:aws:iam::\(a):group/g", name: "g", account: a, inlinePolicies: [InlinePolicy(name: "p", document: doc)])
        }
        for i in 0..<10_000 {
            let a = accounts[i % 3]
            let arn = "arn:aws:iam::\(a):user/u\(i)"
            s.users.append(IAMUser(arn: arn, name: "u\(i)", account: a, createDate: now.addingTimeInterval(-400 * 86400),
                                   groups: ["g"], attachedPolicyArns: i % 10 == 0 ? ["arn:aws:iam::aws:policy/AdministratorAccess"] : []))
            var r = CredentialReportRow(account: a, user: "u\(i)", arn: arn)
            r.passwordEnabled = i % 2 == 0; r.mfaActive = i % 4 == 0
            r.passwordLastUsed = i % 3 == 0 ? nil : now.addingTimeInterval(-Double(i % 200) * 86400)
            r.passwordLastChanged = now.addingTimeInterval(-300 * 86400)
            r.accessKey1Active = true; r.accessKey1LastRotated = now.addingTimeInterval(-Double(i % 300) * 86400)
            r.accessKey2Active = i % 7 == 0
            s.credentialReport.append(r)
            s.accessKeys.append(AccessKey(userArn: arn, userName: "u\(i)", account: a, slot: 1, accessKeyId: "AKIA\(i)", active: true))
        }
        let services = ["s3", "ec2", "iam", "sts", "lambda", "sqs", "sns", "kms", "dynamodb", "logs"]
        for i in 0..<5_000 {
            let a = accounts[i % 3]
            let arn = "arn:aws:iam::\(a):role/r\(i)"
            s.roles.append(IAMRole(arn: arn, name: "r\(i)", account: a, createDate: now.addingTimeInterval(-500 * 86400),
                                   trustPolicy: AuditFixtures.trust(#"{"Service":"lambda.amazonaws.com"}"#),
                                   inlinePolicies: [InlinePolicy(name: "p", document: doc)],
                                   lastUsed: i % 5 == 0 ? nil : now.addingTimeInterval(-Double(i % 150) * 86400)))
            for (j, svc) in services.enumerated() {
                s.lastAccessed.append(LastAccessedEntry(entityArn: arn, serviceNamespace: svc,
                    lastAccessed: (i + j) % 3 == 0 ? nil : now.addingTimeInterval(-Double((i + j) % 200) * 86400), granularity: .service))
            }
        }
        s.policies = [AuditFixtures.managed("AdministratorAccess", account: "aws", AuditFixtures.adminDoc)]
        s.reindex()
        return s
    }

    @Test func cisAuditAndUnusedAccessAreFast() {
        let s = Self.bigSnapshot()
        let clock = ContinuousClock()
        var results: [ControlResult] = []
        let audit = clock.measure { results = CISAudit.run(snapshot: s, now: AuditFixtures.now) }
        var unused: [UnusedAccessFinding] = []
        let unusedTime = clock.measure { unused = UnusedAccess.analyze(snapshot: s, now: AuditFixtures.now, days: 90) }
        print("audit at scale: CIS \(audit) for \(results.count) rows; unused \(unusedTime) for \(unused.count) findings")
        #expect(results.count > 10_000)
        #expect(!unused.isEmpty)
        #expect(audit < .seconds(20))
        #expect(unusedTime < .seconds(20))
    }
}
