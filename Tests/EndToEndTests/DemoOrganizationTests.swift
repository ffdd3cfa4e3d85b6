import Foundation
import Testing
import IAMStore

/// The bundled demo organization loads completely and holds the situations Datasets/README.md
/// promises, found by the queries the README gives.
@Suite(.serialized) struct DemoOrganizationTests {
    static let demo = DemoStore.Shared()

    @Test func demoLoadsEveryFileWithoutADiagnostic() throws {
        let (_, report) = try Self.demo.get()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.counts.accounts == 3)
        #expect(report.counts.users == 12)
        #expect(report.counts.groups == 4)
        #expect(report.counts.roles == 12)
        #expect(report.counts.resourcePolicies == 14)
        #expect(report.counts.credentialReportRows == 15)
        #expect(report.counts.findings == 13)
        #expect(report.counts.skippedFiles == 0)
    }

    @Test func everyInputKindIsPresent() throws {
        let (store, _) = try Self.demo.get()
        let counts = try DemoStore.rows(store, """
            SELECT (SELECT count(*) FROM instance_profiles), (SELECT count(*) FROM policy_versions WHERE is_default = 0),
                   (SELECT count(*) FROM credential_report WHERE is_root = 1), (SELECT count(DISTINCT resource_type) FROM resource_policies),
                   (SELECT count(*) FROM last_accessed WHERE granularity = 'action'), (SELECT count(*) FROM analyzers),
                   (SELECT count(*) FROM org_units), (SELECT count(*) FROM scps), (SELECT count(*) FROM account_summary),
                   (SELECT count(*) FROM password_policy), (SELECT count(*) FROM collection_steps WHERE status = 'failed');
            """)
        // 2 instance profiles, 3 non-default versions, 3 root rows, 6 resource types, action-level rows,
        // 2 analyzers, root + 2 OUs, 3 SCPs + 1 RCP, 3 summaries, 3 password-policy rows (one "none"), 3 failures
        let row = counts.first ?? []
        #expect(row.count == 11)
        guard row.count == 11 else { return }
        #expect(row[0] == "2")
        #expect(row[1] == "3")
        #expect(row[2] == "3")
        #expect(row[3] == "6")
        #expect((Int(row[4]) ?? 0) > 10)
        #expect(row[5] == "2")
        #expect(row[6] == "3")
        #expect(row[7] == "4")
        #expect((Int(row[8]) ?? 0) > 90)
        #expect(row[9] == "3")
        #expect(row[10] == "3")
    }

    @Test func aliasesAndTheOrganizationTreeAreKnown() throws {
        let (store, _) = try Self.demo.get()
        let rows = try DemoStore.rows(store, "SELECT account_id, alias, parent_id FROM accounts WHERE org_id IS NOT NULL ORDER BY account_id;")
        #expect(rows == [["111122223333", "acme-management", "r-a1b2"],
                         ["444455556666", "acme-prod", "ou-a1b2-p9x3k2m7"],
                         ["777788889999", "acme-dev", "ou-a1b2-d4v8n1q6"]])
        // The partner account is not in the organization.
        #expect(try DemoStore.column(store, "SELECT account_id FROM accounts WHERE account_id = '999900001111' AND org_id IS NOT NULL;").isEmpty)
    }

    @Test func theDefaultPolicyVersionIsNotTheLatest() throws {
        let (store, _) = try Self.demo.get()
        let rows = try DemoStore.rows(store, """
            SELECT version_id, is_default FROM policy_versions
             WHERE policy_arn = 'arn:aws:iam::111122223333:policy/CIDeployerPolicy' ORDER BY create_date;
            """)
        #expect(rows == [["v1", "0"], ["v2", "1"], ["v3", "0"]])
    }

    @Test func boundariesOnAUserAndARole() throws {
        let (store, _) = try Self.demo.get()
        let holders = try DemoStore.column(store, "SELECT principal_arn FROM attachments WHERE kind = 'boundary' ORDER BY principal_arn;")
        #expect(holders == ["arn:aws:iam::777788889999:role/DevAppRole", "arn:aws:iam::777788889999:user/dev.erin"])
    }

    @Test func administratorsThroughAGroup() throws {
        let (store, _) = try Self.demo.get()
        let users = try DemoStore.column(store, """
            SELECT principal_arn FROM principal_policies
             WHERE policy_arn = 'arn:aws:iam::aws:policy/AdministratorAccess' AND via = 'group:Admins' ORDER BY 1;
            """)
        #expect(users == ["arn:aws:iam::111122223333:user/alice.admin", "arn:aws:iam::111122223333:user/bob.ops"])
    }

    @Test func unusedRolesOlderThan90Days() throws {
        let (store, _) = try Self.demo.get()
        let roles = try DemoStore.column(store, """
            SELECT name FROM roles WHERE is_service_linked = 0 AND days_since(coalesce(last_used, create_date)) > 90 ORDER BY name;
            """)
        #expect(roles == ["BreakGlassAdmin", "LegacyBatchRole", "ReportingRole"])
    }

    @Test func publicAndCrossAccountResourcePolicies() throws {
        let (store, _) = try Self.demo.get()
        let open = try DemoStore.column(store, """
            SELECT owner_arn FROM statements WHERE policy_kind = 'resource' AND effect = 'Allow'
               AND EXISTS (SELECT 1 FROM json_each(principals, '$.AWS') WHERE value = '*') AND conditions = '[]';
            """)
        #expect(open == ["arn:aws:s3:::acme-prod-public-assets"])
        let partner = try DemoStore.column(store, """
            SELECT s.owner_arn FROM statements s, json_each(s.principals, '$.AWS') j
             WHERE s.policy_kind = 'resource' AND s.effect = 'Allow' AND arn_account(j.value) = '999900001111' ORDER BY 1;
            """)
        #expect(partner == ["arn:aws:kms:us-east-1:444455556666:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                            "arn:aws:s3:::example-bucket", "arn:aws:sqs:us-east-1:444455556666:orders-queue"])
        // The SQS share holds only from the partner's network (aws:SourceIp).
        let condition = try DemoStore.column(store, """
            SELECT conditions FROM statements WHERE owner_arn = 'arn:aws:sqs:us-east-1:444455556666:orders-queue';
            """)
        #expect(condition.first?.contains("aws:SourceIp") == true)
    }

    @Test func accessAnalyzerFindingsInEveryStatus() throws {
        let (store, _) = try Self.demo.get()
        let rows = try DemoStore.rows(store, """
            SELECT status, count(*) FROM findings WHERE source = 'access-analyzer' GROUP BY status ORDER BY status;
            """)
        #expect(rows == [["ACTIVE", "10"], ["ARCHIVED", "2"], ["RESOLVED", "1"]])
    }

    @Test func manifestKeepsNoPolicyAndFailedSteps() throws {
        let (store, _) = try Self.demo.get()
        let rows = try DemoStore.rows(store, """
            SELECT status, count(*) FROM collection_steps WHERE status IN ('no policy', 'failed') GROUP BY status ORDER BY status;
            """)
        #expect(rows == [["failed", "3"], ["no policy", "6"]])
        let none = try DemoStore.rows(store, "SELECT has_policy FROM password_policy WHERE account = '777788889999';")
        #expect(none == [["0"]])
    }

    // The solver's answers the demo is built to give (issue 3's done-when example and the role chain).

    @Test func ciDeployerReadsExampleBucketObjects() throws {
        let (store, _) = try Self.demo.get()
        let decision = try DemoStore.column(store, "SELECT can('user/ci-deployer', 's3:GetObject', 'arn:aws:s3:::example-bucket/key');")
        #expect(decision == ["allow"])
    }

    @Test func roleChainFromManagementToProdArtifacts() throws {
        let (store, _) = try Self.demo.get()
        let hops = try DemoStore.rows(store, """
            SELECT can('user/ci-deployer', 'sts:AssumeRole', 'arn:aws:iam::111122223333:role/DeployRole'),
                   can('arn:aws:iam::111122223333:role/DeployRole', 'sts:AssumeRole', 'arn:aws:iam::444455556666:role/ProdDeployer'),
                   can('arn:aws:iam::444455556666:role/ProdDeployer', 's3:PutObject', 'arn:aws:s3:::acme-prod-artifacts/app.zip');
            """)
        #expect(hops == [["allow", "allow", "allow"]])
    }

    @Test func productionScpDeniesBucketDeletionEvenToAdministrators() throws {
        let (store, _) = try Self.demo.get()
        let decision = try DemoStore.column(store, """
            SELECT can('arn:aws:iam::444455556666:role/OrganizationAccountAccessRole', 's3:DeleteBucket', 'arn:aws:s3:::acme-prod-logs');
            """)
        #expect(decision == ["deny"])
    }
}
