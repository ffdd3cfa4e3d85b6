import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

@Suite("Access report")
struct ReportAccessTests {
    typealias F = AuditFixtures

    func value(_ r: AccessReport, _ section: String, _ item: String) -> String? {
        r.rows.first { $0.section == section && $0.item == item }?.value
    }

    @Test func userReportHasIdentityGroupsPoliciesServicesAndCredentials() throws {
        let r = try AccessReport.build(principal: "alice", snapshot: F.snapshot(), now: F.now, authorizer: nil)
        #expect(r.principal == "arn:aws:iam::\(F.bad):user/alice" && r.kind == "user")
        #expect(r.groups == ["admins"])
        #expect(r.policies.map(\.label) == ["AWSSupportAccess", "AdministratorAccess (group admins)"])
        // Without the solver, services come from the policies, and the report says so.
        #expect(r.servicesSource == "policies")
        #expect(r.notes.contains { $0.contains("solver is not available") })
        #expect(r.services.map(\.namespace) == ["ec2", "s3", "sts", "support"])
        #expect(r.unusedServices.map(\.namespace) == ["ec2", "sts"])
        #expect(value(r, "credentials", "MFA") == "none")
        #expect(value(r, "credentials", "console password") == "enabled")
        #expect(value(r, "credentials", "access key 1 (AKIAEXAMPLEALICE0001)") == "active")
        #expect(r.rows.first { $0.item == "access key 2" }?.detail.contains("never used") == true)
        #expect(r.rows.first { $0.section == "services" && $0.item == "support" }?.detail == "no last-accessed data")
    }

    @Test func roleReportHasLastUseAndTrustedPrincipals() throws {
        let r = try AccessReport.build(principal: "role/deploy", snapshot: F.snapshot(), now: F.now, authorizer: nil)
        #expect(r.kind == "role")
        #expect(value(r, "identity", "trusted") == "codebuild.amazonaws.com")
        #expect(value(r, "identity", "last used")?.hasPrefix("2026-02-20") == true)
        #expect(r.policies.map(\.label) == ["inline deploy"])
        #expect(r.credentials.isEmpty)
        #expect(Set(r.unusedServices.map(\.namespace)) == ["ec2", "iam"])
    }

    @Test func unknownPrincipalIsAnError() {
        #expect(throws: ResolveError.self) {
            try AccessReport.build(principal: "nobody", snapshot: F.snapshot(), now: F.now, authorizer: nil)
        }
    }
}

@Suite("Access report through the solver")
struct ReportAccessSolverTests {
    typealias F = AuditFixtures

    @Test func effectiveServicesComeFromTheSolver() throws {
        let s = F.snapshot()
        let auth = Authorizer(snapshot: s, catalog: LeastPrivilegeTests.catalog, now: F.now)
        let r = try AccessReport.build(principal: "role/deploy", snapshot: s, now: F.now, authorizer: auth)
        #expect(r.servicesSource == "solver")
        // The inline policy allows s3:* on the artifacts bucket (DeleteBucket is denied), ec2:Describe*, and
        // iam:PassRole/CreateUser under a condition.
        let byNs = Dictionary(uniqueKeysWithValues: r.services.map { ($0.namespace, $0) })
        #expect(Set(byNs.keys) == ["ec2", "iam", "s3"])
        #expect(byNs["ec2"]?.allowedActions == 2)                       // DescribeInstances, DescribeVpcs
        #expect(byNs["s3"]?.allowedActions == 3)                        // all but the denied DeleteBucket
        #expect((byNs["iam"]?.conditionalActions ?? 0) > 0)
        #expect(!r.notes.contains { $0.contains("Allow statements") })
    }
}
