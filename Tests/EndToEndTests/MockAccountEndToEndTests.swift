import Foundation
import Testing
import IAMStore

/// The whole path on a local AWS mock: moto_server on 127.0.0.1, an account seeded with boto3
/// (Scripts/seed-moto.py), collected through the real AWS CLI, loaded together with the hand-written
/// fixtures for what the mock cannot produce (Tests/Fixtures/e2e), and queried.
@Suite struct MockAccountEndToEndTests {
    struct Mock {
        let server: MotoServer
        let seeded: [String: Any]
        let folder: URL
    }

    /// Starts the mock and seeds it; the caller stops it.
    static func startMock() throws -> Mock {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let server = try MotoServer(log: folder.appendingPathComponent("moto.log"))
        do {
            return Mock(server: server, seeded: try server.seed(), folder: folder)
        } catch {
            server.stop()
            throw error
        }
    }

    static func collect(_ mock: Mock, into output: URL) throws -> CollectSummary {
        let options = CollectOptions(output: output.path, regions: ["us-east-1"], endpointURL: mock.server.endpoint,
                                     environment: MotoServer.environment)
        return try Collector(options: options, log: { _ in }).run()
    }

    static func file(_ root: URL, _ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path)
    }

    @Test(.enabled(if: MotoServer.toolsAvailable, "\(MotoServer.missingToolsMessage)"))
    func collectorWritesTheLayoutAndTheSnapshotLoadsWithTheFixtures() throws {
        let mock = try Self.startMock()
        defer { mock.server.stop(); try? FileManager.default.removeItem(at: mock.folder) }
        let output = mock.folder.appendingPathComponent("snapshot")
        let summary = try Self.collect(mock, into: output)
        let account = try #require(mock.seeded["account"] as? String)
        #expect(summary.account == account)

        // The layout: one file per successful answer, none for a missing policy.
        let acct = "accounts/\(account)"
        for present in ["caller-identity.json", "iam/authorization-details.json", "iam/credential-report.json",
                        "iam/credential-report.csv", "iam/account-summary.json", "iam/password-policy.json",
                        "iam/account-aliases.json", "iam/virtual-mfa-devices.json", "iam/server-certificates.json",
                        "resource-policies/s3/e2e-artifacts.json", "resource-policies/s3/e2e-public.json",
                        "resource-policies/sqs/us-east-1/e2e-orders.json", "resource-policies/sns/us-east-1/build-status.json",
                        "resource-policies/secretsmanager/us-east-1/e2e%2Fdb%2Fpassword.json",
                        "resource-policies/lambda/us-east-1/e2e-webhook.json"] {
            #expect(Self.file(output, "\(acct)/\(present)"), "missing \(present)")
        }
        for absent in ["resource-policies/s3/e2e-private.json", "resource-policies/sqs/us-east-1/e2e-dlq.json",
                       "resource-policies/secretsmanager/us-east-1/e2e%2Fno-policy.json",
                       "resource-policies/lambda/us-east-1/e2e-no-policy.json"] {
            #expect(!Self.file(output, "\(acct)/\(absent)"), "a missing policy must not be a file: \(absent)")
        }
        for org in ["describe-organization.json", "accounts.json", "roots.json", "scps/list-policies.json"] {
            #expect(Self.file(output, "organization/\(org)"), "missing organization/\(org)")
        }
        #expect(Self.file(output, "manifest.json"))

        // The CLI's bytes are kept unmodified: the same call answers the same bytes.
        let aws = try #require(ChildProcess.which("aws"))
        let again = try ChildProcess.run(aws, ["s3api", "get-bucket-policy", "--bucket", "e2e-public", "--output", "json",
                                               "--region", "us-east-1", "--endpoint-url", mock.server.endpoint],
                                         environment: MotoServer.environment)
        #expect(again.status == 0)
        #expect(try Data(contentsOf: output.appendingPathComponent("\(acct)/resource-policies/s3/e2e-public.json")) == again.stdout)

        // Load the snapshot and the fixtures together, then ask.
        let store = try Store(now: DemoStore.now, catalogDirectory: RepositoryPaths.catalog)
        let report = store.load(paths: [output.path, RepositoryPaths.fixtures.path])
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty, "\(report.diagnostics)")

        func column(_ sql: String) throws -> [String] { try DemoStore.column(store, sql) }
        // 4 seeded users + the fixture's contractor
        #expect(try column("SELECT count(*) AS n FROM users;") == ["5"])
        #expect(try column("SELECT count(*) FROM groups;") == ["2"])
        #expect(try column("SELECT count(*) FROM roles;") == ["4"])
        #expect(try column("SELECT count(*) FROM instance_profiles;") == ["1"])
        #expect(try column("SELECT alias FROM accounts WHERE account_id = '\(account)';") == ["e2e-account"])
        #expect(try column("SELECT minimum_password_length FROM password_policy;") == ["8"])
        // Both lists collected and empty on the mock: "none", not "not collected".
        #expect(try column("SELECT virtual_mfa_collected || server_certificates_collected FROM accounts WHERE account_id = '\(account)';") == ["11"])
        #expect(try column("SELECT default_version_id || '/' || version_count FROM policies WHERE name = 'DeployPolicy';") == ["v2/3"])
        #expect(try column("SELECT name FROM roles WHERE boundary_arn LIKE '%/AppBoundary';") == ["AppRole"])
        #expect(try column("SELECT name FROM users WHERE boundary_arn LIKE '%/AppBoundary';") == ["contractor"])
        #expect(try column("SELECT count(*) FROM resource_policies;") == ["7"])
        #expect(try column("""
            SELECT owner_arn FROM statements WHERE policy_kind = 'resource' AND effect = 'Allow'
               AND EXISTS (SELECT 1 FROM json_each(principals, '$.AWS') WHERE value = '*') AND conditions = '[]';
            """) == ["arn:aws:s3:::e2e-public"])
        #expect(try column("SELECT count(*) FROM org_units WHERE kind = 'ou';") == ["1"])
        #expect(try column("SELECT t.target_name FROM scps s JOIN scp_targets t ON t.policy_id = s.id WHERE s.name = 'DenyLeave';")
            == ["Workloads"])

        // The manifest tells "no policy" from "failed" from "not collected".
        let noPolicy = try column("SELECT command FROM collection_steps WHERE status = 'no policy';").joined(separator: "\n")
        for name in ["e2e-private", "e2e-dlq", "e2e/no-policy", "e2e-no-policy"] {
            #expect(noPolicy.contains(name), "no 'no policy' step for \(name)")
        }
        #expect(try column("""
            SELECT count(*) FROM collection_steps WHERE command LIKE '%generate-service-last-accessed-details%'
               AND status IN ('failed', 'not collected');
            """) != ["0"])

        // The saved queries answer on this snapshot too; the root row comes from the fixture.
        func saved(_ name: String, _ columnName: String) throws -> [String] {
            guard let result = try store.run(sql: try DemoStore.savedQuery(name)).last,
                  let i = result.columns.firstIndex(of: columnName) else { return [] }
            return result.rows.map { $0[i].text ?? "NULL" }
        }
        #expect(try saved("console-users-without-mfa.sql", "user") == ["<root_account>", "bob"])
        #expect(try saved("users-with-multiple-active-keys.sql", "user_name") == ["svc-reporting"])
        #expect(Set(try saved("users-with-direct-policies.sql", "user")) == ["ci-deployer", "contractor", "svc-reporting"])
        #expect(try saved("root-account-usage.sql", "root_active_keys") == ["1"])

        // Fixtures for what the mock cannot produce: last-accessed and Access Analyzer.
        #expect(try column("SELECT action FROM last_accessed WHERE granularity = 'action' AND last_accessed IS NULL ORDER BY 1;")
            == ["iam:CreateUser", "s3:PutBucketPolicy"])
        #expect(try column("SELECT finding_type || ' ' || status FROM findings WHERE source = 'access-analyzer' ORDER BY 1;")
            == ["ExternalAccess ACTIVE", "ExternalAccess ARCHIVED", "UnusedIAMRole ACTIVE"])
    }

    /// Whether the built `iamsh` offers `collect` (it lives in the executable, wired by the shell).
    static var iamshCollects: Bool {
        guard toolsAvailableForExecutable, let iamsh = RepositoryPaths.iamshExecutable,
              let out = try? ChildProcess.run(iamsh, ["collect", "--help"]) else { return false }
        return out.status == 0 && (out.text + out.stderr).contains("endpoint-url")
    }

    static var toolsAvailableForExecutable: Bool { MotoServer.toolsAvailable && RepositoryPaths.iamshExecutable != nil }

    @Test(.enabled(if: MotoServer.toolsAvailable, "\(MotoServer.missingToolsMessage)"),
          .enabled(if: iamshCollects, "the built iamsh (.build/debug/iamsh or IAMSH_BIN) has no `collect` subcommand"))
    func iamshCollectThenQueryAsJSON() throws {
        let mock = try Self.startMock()
        defer { mock.server.stop(); try? FileManager.default.removeItem(at: mock.folder) }
        let iamsh = try #require(RepositoryPaths.iamshExecutable)
        let output = mock.folder.appendingPathComponent("snapshot")

        let collect = try ChildProcess.run(iamsh, ["collect", "--endpoint-url", mock.server.endpoint, "--output", output.path,
                                                   "--region", "us-east-1"], environment: MotoServer.environment)
        #expect(collect.status == 0, "iamsh collect: \(collect.stderr.suffix(2000))")
        #expect(Self.file(output, "manifest.json"))

        let count = try ChildProcess.run(iamsh, [output.path, "-c", "SELECT count(*) AS n FROM users;", "--format", "json"])
        #expect(count.status == 0, "\(count.stderr)")
        let rows = try JSONSerialization.jsonObject(with: count.stdout) as? [[String: Any]]
        #expect(rows?.count == 1)
        #expect((rows?.first?["n"] as? NSNumber)?.intValue == 4)

        let mfa = try ChildProcess.run(iamsh, [output.path, RepositoryPaths.fixtures.path, "--now", "2026-11-01",
                                               "-f", RepositoryPaths.queries.appendingPathComponent("console-users-without-mfa.sql").path,
                                               "--format", "json"])
        #expect(mfa.status == 0, "\(mfa.stderr)")
        let users = (try JSONSerialization.jsonObject(with: mfa.stdout) as? [[String: Any]])?.compactMap { $0["user"] as? String }
        #expect(users == ["<root_account>", "bob"])
    }
}
