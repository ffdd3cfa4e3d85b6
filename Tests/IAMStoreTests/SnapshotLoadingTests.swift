import Foundation
import Testing
import IAMAnalysis
@testable import IAMStore

/// Loading the fixture snapshot folder: every input kind lands in its table with the right counts and columns.
@Suite struct SnapshotLoadingTests {
    static let A = "111122223333"
    static let B = "444455556666"

    func loaded() throws -> (Store, LoadReport) {
        let store = try Fixtures.store()
        let report = store.load(paths: [Fixtures.path("snapshot")])
        return (store, report)
    }

    @Test func snapshotLoadsWithoutErrors() throws {
        let (_, report) = try loaded()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        #expect(report.counts.users == 4)
        #expect(report.counts.roles == 4)
        #expect(report.counts.groups == 2)
        #expect(report.counts.accounts == 2)
        #expect(report.summaryLine.hasPrefix("loaded 2 accounts, 4 users, 2 groups, 4 roles"))
    }

    @Test func authorizationDetailsTables() throws {
        let (s, _) = try loaded()
        #expect(try s.int("SELECT count(*) FROM users") == 4)
        #expect(try s.int("SELECT count(*) FROM groups") == 2)
        #expect(try s.int("SELECT count(*) FROM roles") == 4)
        #expect(try s.scalar("SELECT path FROM users WHERE name = 'bob'") == "/contractors/")
        #expect(try s.scalar("SELECT create_date FROM users WHERE name = 'carol'") == "2023-01-15T09:30:00Z")
        #expect(try s.scalar("SELECT tags->>'team' FROM users WHERE name = 'alice'") == "platform")
        #expect(try s.scalar("SELECT boundary_arn FROM users WHERE name = 'bob'") == "arn:aws:iam::\(Self.A):policy/DevBoundary")
        #expect(try s.int("SELECT member_count FROM groups WHERE name = 'admins'") == 1)
        #expect(try s.int("SELECT count(*) FROM group_members") == 2)
        // RoleLastUsed {} means never used in the window: NULL; a used role keeps date and region.
        #expect(try s.scalar("SELECT last_used FROM roles WHERE name = 'cross-account-admin'") == nil)
        #expect(try s.scalar("SELECT last_used || ' ' || last_used_region FROM roles WHERE name = 'app-role'") == "2024-05-30T12:00:00Z us-east-1")
        #expect(try s.int("SELECT is_service_linked FROM roles WHERE name = 'AWSServiceRoleForSupport'") == 1)
        #expect(try s.scalar("SELECT trust_policy->>'$.Statement[0].Principal.Service' FROM roles WHERE name = 'app-role'") == "ec2.amazonaws.com")
        #expect(try s.scalar("SELECT roles->>'$[0]' FROM instance_profiles WHERE name = 'app-profile'") == "arn:aws:iam::\(Self.A):role/app-role")
        #expect(try s.int("SELECT count(*) FROM principals") == 8)
    }

    @Test func managedPoliciesKeepEveryVersion() throws {
        let (s, _) = try loaded()
        // AWS managed policies load whether attached or not.
        #expect(try s.int("SELECT count(*) FROM policies WHERE is_aws_managed = 1") == 2)
        #expect(try s.int("SELECT count(*) FROM policies") == 5)
        #expect(try s.int("SELECT count(*) FROM policy_versions WHERE policy_arn LIKE '%ReadOnlyS3'") == 2)
        // Only the default version is in force, and it is not the latest here.
        #expect(try s.scalar("SELECT document->>'$.Statement[0].Action' FROM policies WHERE name = 'ReadOnlyS3'") == "s3:GetObject")
        #expect(try s.int("SELECT count(*) FROM statements WHERE policy_arn LIKE '%ReadOnlyS3' AND is_default = 0") == 1)
        // Mock-style entries without PolicyName/PolicyId: name and path from the ARN; URL-encoded document parsed.
        #expect(try s.scalar("SELECT name || ' ' || path FROM policies WHERE arn = 'arn:aws:iam::\(Self.B):policy/ci/CiPolicy'") == "CiPolicy /ci/")
        #expect(try s.scalar("SELECT policy_id FROM policies WHERE name = 'CiPolicy'") == nil)
        #expect(try s.scalar("SELECT actions FROM statements WHERE policy_name = 'CiPolicy'") == "[\"codebuild:*\"]")
        #expect(try s.scalar("SELECT actions FROM statements WHERE policy_name = 'deploy-inline'") == "[\"sts:AssumeRole\"]")
    }

    @Test func attachmentsMarkBoundaries() throws {
        let (s, _) = try loaded()
        #expect(try s.int("SELECT count(*) FROM attachments WHERE kind = 'boundary'") == 2)
        #expect(try s.int("SELECT count(*) FROM attachments WHERE kind = 'policy'") == 6)
        #expect(try s.scalar("SELECT principal_type FROM attachments WHERE kind = 'boundary' AND principal_name = 'bob'") == "user")
        // alice gets AdministratorAccess through the admins group.
        #expect(try s.int("SELECT count(*) FROM principal_policies WHERE principal_arn LIKE '%user/alice' AND via = 'group:admins'") == 1)
    }

    @Test func statementsCoverEveryKind() throws {
        let (s, _) = try loaded()
        let kinds = try s.run(sql: "SELECT DISTINCT policy_kind FROM statements ORDER BY 1").first?.rows.compactMap { $0.first?.text }
        #expect(kinds == ["inline", "managed", "rcp", "resource", "scp", "trust"])
        #expect(try s.int("SELECT count(*) FROM statements WHERE policy_kind = 'trust'") == 4)
        #expect(try s.scalar("SELECT conditions->>'$[0].key' FROM statements WHERE policy_kind = 'trust' AND owner_arn LIKE '%cross-account-admin'") == "aws:MultiFactorAuthPresent")
        #expect(try s.scalar("SELECT not_actions FROM statements WHERE sid = 'Logs'") == nil)
        #expect(try s.scalar("SELECT principals FROM statements WHERE sid = 'PublicRead'") == "{\"AWS\":[\"*\"]}")
        #expect(try s.scalar("SELECT conditions FROM statements WHERE sid = 'PublicRead'") == "[]")
        #expect(try s.int("SELECT count(*) FROM statements WHERE policy_kind = 'scp'") == 2)
        #expect(try s.scalar("SELECT effect FROM statements WHERE policy_kind = 'rcp'") == "Deny")
    }

    @Test func credentialReportTypedWithRawKept() throws {
        let (s, _) = try loaded()
        #expect(try s.int("SELECT count(*) FROM credential_report") == 5)
        // The root row: not_supported becomes NULL, raw keeps it.
        #expect(try s.int("SELECT is_root FROM credential_report WHERE user = '<root_account>'") == 1)
        #expect(try s.scalar("SELECT password_enabled FROM credential_report WHERE is_root = 1") == nil)
        #expect(try s.scalar("SELECT raw->>'password_enabled' FROM credential_report WHERE is_root = 1") == "not_supported")
        // Booleans in any case: TRUE/FALSE.
        #expect(try s.int("SELECT password_enabled FROM credential_report WHERE user = 'alice'") == 1)
        #expect(try s.int("SELECT mfa_active FROM credential_report WHERE user = 'alice'") == 0)
        // no_information and N/A are NULL, told apart by raw.
        #expect(try s.scalar("SELECT raw->>'password_last_used' FROM credential_report WHERE user = 'bob'") == "no_information")
        #expect(try s.scalar("SELECT password_last_used FROM credential_report WHERE user = 'bob'") == nil)
        // The JSON form's GeneratedTime reaches the rows; the CSV of the same report does not duplicate them.
        #expect(try s.scalar("SELECT generated_time FROM credential_report WHERE user = 'alice'") == "2024-06-01T12:00:00Z")
        #expect(try s.scalar("SELECT account FROM credential_report WHERE user = 'deploy'") == Self.B)
    }

    @Test func accessKeysDerivedFromReport() throws {
        let (s, _) = try loaded()
        #expect(try s.int("SELECT count(*) FROM access_keys") == 5)
        #expect(try s.int("SELECT count(*) FROM access_keys WHERE is_root = 1 AND active = 1") == 1)
        #expect(try s.int("SELECT count(*) FROM access_keys WHERE user_name = 'alice' AND active = 1") == 2)
        #expect(try s.scalar("SELECT last_used_region FROM access_keys WHERE user_name = 'alice' AND slot = 1") == "eu-west-1")
        // The mock's not_supported region is NULL.
        #expect(try s.scalar("SELECT last_used_region FROM access_keys WHERE user_name = 'deploy'") == nil)
    }

    @Test func accountSettings() throws {
        let (s, _) = try loaded()
        #expect(try s.scalar("SELECT alias FROM accounts WHERE account_id = '\(Self.A)'") == "example-management")
        #expect(try s.scalar("SELECT caller_arn FROM accounts WHERE account_id = '\(Self.A)'") == "arn:aws:iam::\(Self.A):user/alice")
        #expect(try s.int("SELECT minimum_password_length FROM password_policy WHERE account = '\(Self.A)'") == 14)
        // NoSuchEntity in the manifest: collected, and the account has none.
        #expect(try s.int("SELECT has_policy FROM password_policy WHERE account = '\(Self.B)'") == 0)
        #expect(try s.int("SELECT value FROM account_summary WHERE account = '\(Self.A)' AND name = 'AccountMFAEnabled'") == 0)
    }

    @Test func resourcePolicies() throws {
        let (s, _) = try loaded()
        #expect(try s.int("SELECT count(*) FROM resource_policies") == 7)
        // S3: the bucket from the path, the account from the account folder.
        #expect(try s.scalar("SELECT account || ' ' || resource_type FROM resource_policies WHERE arn = 'arn:aws:s3:::example-public-bucket'") == "\(Self.A) s3:bucket")
        #expect(try s.scalar("SELECT arn FROM resource_policies WHERE resource_type = 'kms:key'") == "arn:aws:kms:us-east-1:\(Self.A):key/1234abcd-12ab-34cd-56ef-1234567890ab")
        #expect(try s.scalar("SELECT arn FROM resource_policies WHERE resource_type = 'sqs:queue'") == "arn:aws:sqs:us-east-1:\(Self.A):orders-queue")
        #expect(try s.scalar("SELECT name FROM resource_policies WHERE resource_type = 'sns:topic'") == "alerts")
        // %2F in a file name is a slash in the secret name.
        #expect(try s.scalar("SELECT name FROM resource_policies WHERE arn LIKE '%prod/db-password%'") == "prod/db-password")
        #expect(try s.scalar("SELECT policy FROM resource_policies WHERE name = 'unshared'") == nil)
        // Lambda mock quirks: a bare account principal, FunctionUrlAuthType rewritten as AWS's condition.
        #expect(try s.scalar("SELECT principals FROM statements WHERE sid = 'partner-invoke'") == "{\"AWS\":[\"\(Self.B)\"]}")
        #expect(try s.scalar("SELECT conditions->>'$[0].key' FROM statements WHERE sid = 'url-public'") == "lambda:FunctionUrlAuthType")
    }

    @Test func lastAccessedFromPath() throws {
        let (s, _) = try loaded()
        #expect(try s.int("SELECT count(*) FROM last_accessed WHERE entity_arn = 'arn:aws:iam::\(Self.A):user/alice' AND granularity = 'service'") == 3)
        #expect(try s.int("SELECT count(*) FROM last_accessed WHERE granularity = 'action'") == 2)
        #expect(try s.scalar("SELECT last_accessed FROM last_accessed WHERE action = 's3:GetObject'") == "2024-05-20T00:00:00Z")
        #expect(try s.scalar("SELECT last_accessed FROM last_accessed WHERE action = 's3:PutObject'") == nil)
        // Epoch numbers are timestamps too.
        #expect(try s.scalar("SELECT last_accessed FROM last_accessed WHERE service_namespace = 'logs'") == "2024-04-24T23:06:40Z")
        #expect(try s.scalar("SELECT entity_type FROM last_accessed WHERE entity_arn LIKE '%role/app-role' LIMIT 1") == "role")
    }

    @Test func accessAnalyzer() throws {
        let (s, _) = try loaded()
        #expect(try s.int("SELECT count(*) FROM analyzers") == 2)
        #expect(try s.int("SELECT count(*) FROM findings WHERE source = 'access-analyzer'") == 4)
        #expect(try s.int("SELECT is_public FROM findings WHERE id = 'f-public-bucket'") == 1)
        #expect(try s.scalar("SELECT finding_type FROM findings WHERE id = 'f-kms-partner'") == "ExternalAccess")
        #expect(try s.scalar("SELECT analyzer_arn FROM findings WHERE id = 'u-role'") == "arn:aws:access-analyzer:us-east-1:\(Self.A):analyzer/unused-analyzer")
        #expect(try s.scalar("SELECT actions FROM findings WHERE id = 'u-perm'") == "[\"iam:CreateUser\"]")
    }

    @Test func organizations() throws {
        let (s, _) = try loaded()
        #expect(try s.scalar("SELECT management_account_id FROM organizations") == Self.A)
        #expect(try s.int("SELECT count(*) FROM org_units") == 2)
        #expect(try s.scalar("SELECT org_path FROM accounts WHERE account_id = '\(Self.B)'") == "o-exampleorg1/r-ex12/ou-ex12-workload/")
        #expect(try s.scalar("SELECT name FROM accounts WHERE account_id = '\(Self.B)'") == "workloads")
        #expect(try s.scalar("SELECT joined_time FROM accounts WHERE account_id = '\(Self.A)'") == "2020-01-01T00:00:00Z")
        #expect(try s.int("SELECT is_management FROM accounts WHERE account_id = '\(Self.A)'") == 1)
        #expect(try s.int("SELECT count(*) FROM scps WHERE kind = 'scp'") == 2)
        #expect(try s.int("SELECT count(*) FROM scps WHERE kind = 'rcp'") == 1)
        #expect(try s.int("SELECT target_count FROM scps WHERE id = 'p-FullAWSAccess'") == 3)
        #expect(try s.scalar("SELECT target_type || ' ' || target_name FROM scp_targets WHERE policy_id = 'p-denyleave1'") == "ou Workloads")
        #expect(s.snapshot.organization?.orgPath(of: Self.B) == "o-exampleorg1/r-ex12/ou-ex12-workload/")
    }

    @Test func manifestSteps() throws {
        let (s, _) = try loaded()
        let statuses = try s.run(sql: "SELECT status FROM collection_steps ORDER BY rowid").first?.rows.compactMap { $0.first?.text }
        #expect(statuses == ["ok", "no policy", "no policy", "failed", "not collected"])
    }
}

/// Progress reports files and bytes while reading, then the table-building stage.
@Suite struct LoadProgressTests {
    final class Events: @unchecked Sendable {
        let lock = NSLock()
        var list: [LoadProgress] = []
        func add(_ p: LoadProgress) { lock.lock(); list.append(p); lock.unlock() }
    }

    @Test func progressCoversFilesBytesAndStages() throws {
        let store = try Fixtures.store()
        let events = Events()
        _ = store.load(paths: [Fixtures.path("snapshot")]) { events.add($0) }
        let reading = events.list.filter { $0.stage == "reading" }
        #expect(reading.first?.filesDone == 0)
        #expect(reading.last?.filesDone == reading.last?.filesTotal)
        #expect((reading.last?.bytesTotal ?? 0) > 10_000)
        #expect(reading.last?.bytesDone == reading.last?.bytesTotal)
        #expect(events.list.last?.stage == "building tables")
    }
}
