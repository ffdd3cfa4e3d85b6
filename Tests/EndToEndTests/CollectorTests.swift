import Foundation
import Testing
import IAMStore

/// The collector against a stand-in AWS CLI (Tests/Fixtures/e2e/fake-aws) with canned answers:
/// layout, unmodified bytes, and the manifest's statuses, without a mock server.
@Suite struct CollectorTests {
    static let fakeAWS = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/e2e/fake-aws")
    static var pythonAvailable: Bool { ChildProcess.which("python3") != nil }

    struct Collected {
        let folder: URL
        let summary: CollectSummary
        let steps: [[String: Any]]

        func step(_ commandPart: String) -> [String: Any]? {
            steps.first { ($0["command"] as? String)?.contains(commandPart) == true }
        }

        func status(_ commandPart: String) -> String? { step(commandPart)?["status"] as? String }

        func exists(_ relative: String) -> Bool {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path)
        }
    }

    static func collect(environment: [String: String] = [:], into existing: URL? = nil) throws -> Collected {
        let folder = existing ?? FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-collect-\(UUID().uuidString)")
        let options = CollectOptions(output: folder.path, awsExecutable: fakeAWS.path, parallelCalls: 2,
                                     environment: environment.merging(["AWS_REGION": "", "AWS_DEFAULT_REGION": ""]) { a, _ in a })
        let summary = try Collector(options: options, log: { _ in }).run()
        let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let steps = try #require(manifest["steps"] as? [[String: Any]])
        return Collected(folder: folder, summary: summary, steps: steps)
    }

    @Test(.enabled(if: pythonAvailable, "python3 runs the stand-in CLI"))
    func writesTheLayoutWithTheCLIsBytesUnmodified() throws {
        let c = try Self.collect()
        defer { try? FileManager.default.removeItem(at: c.folder) }
        #expect(c.summary.account == "111122223333")
        // No region given and none in the environment: the profile's configured region.
        #expect(c.summary.regions == ["eu-west-1"])
        let acct = "accounts/111122223333"
        for file in ["caller-identity.json", "iam/authorization-details.json", "iam/credential-report.json",
                     "iam/credential-report.csv", "iam/account-summary.json", "iam/account-aliases.json",
                     "iam/virtual-mfa-devices.json", "iam/server-certificates.json",
                     "resource-policies/s3/with-policy.json",
                     "resource-policies/secretsmanager/eu-west-1/team%2Fapp.json",
                     "iam/last-accessed/users/user1.json"] {
            #expect(c.exists("\(acct)/\(file)"), "missing \(file)")
        }
        // The file holds exactly what the CLI printed.
        let printed = try ChildProcess.run(Self.fakeAWS, ["s3api", "get-bucket-policy", "--bucket", "with-policy"]).stdout
        #expect(try Data(contentsOf: c.folder.appendingPathComponent("\(acct)/resource-policies/s3/with-policy.json")) == printed)
        // The CSV is the report's Content, decoded.
        let csv = try String(contentsOf: c.folder.appendingPathComponent("\(acct)/iam/credential-report.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("user,arn,user_creation_time,"))
        #expect(csv.contains("<root_account>,arn:aws:iam::111122223333:root"))
    }

    @Test(.enabled(if: pythonAvailable, "python3 runs the stand-in CLI"))
    func aMissingPolicyIsAManifestEntryNeverAFile() throws {
        let c = try Self.collect()
        defer { try? FileManager.default.removeItem(at: c.folder) }
        // NoSuchBucketPolicy, NoSuchEntity and an answer without a policy are "no policy".
        #expect(c.status("get-bucket-policy --bucket without-policy") == "no policy")
        #expect(!c.exists("accounts/111122223333/resource-policies/s3/without-policy.json"))
        #expect(c.status("get-account-password-policy") == "no policy")
        #expect((c.step("get-account-password-policy")?["error"] as? String)?.contains("NoSuchEntity") == true)
        #expect(c.status("get-queue-attributes") == "no policy")
        #expect(!c.exists("accounts/111122223333/resource-policies/sqs/eu-west-1/no-policy-queue.json"))
        // Any other error is "failed"; an account outside an organization is "not collected".
        #expect(c.status("list-analyzers") == "failed")
        #expect(c.step("list-analyzers")?["exit_code"] as? Int == 254)
        #expect(c.status("describe-organization") == "not collected")
        #expect(!c.exists("organization"))
        // Every step names its account and relative file.
        #expect(c.steps.allSatisfy { $0["account"] as? String == "111122223333" })
        #expect(c.step("get-account-authorization-details")?["file"] as? String
            == "accounts/111122223333/iam/authorization-details.json")
        #expect(c.summary.noPolicy == 4)
        #expect(c.summary.failed == 1)
    }

    /// S3 Block Public Access at both levels: a file each where configured, and a bucket without a
    /// configuration (NoSuchPublicAccessBlockConfiguration) is a "no policy" entry, never a file.
    @Test(.enabled(if: pythonAvailable, "python3 runs the stand-in CLI"))
    func blockPublicAccessIsCollectedPerAccountAndPerBucket() throws {
        let c = try Self.collect()
        defer { try? FileManager.default.removeItem(at: c.folder) }
        let acct = "accounts/111122223333"
        #expect(c.status("s3control get-public-access-block --account-id 111122223333") == "ok")
        #expect(c.exists("\(acct)/s3-public-access-block.json"))
        #expect(c.status("get-public-access-block --bucket with-policy") == "ok")
        #expect(c.exists("\(acct)/resource-policies/s3/with-policy.public-access-block.json"))
        #expect(c.status("get-public-access-block --bucket without-policy") == "no policy")
        #expect((c.step("get-public-access-block --bucket without-policy")?["error"] as? String)?
            .contains("NoSuchPublicAccessBlockConfiguration") == true)
        #expect(!c.exists("\(acct)/resource-policies/s3/without-policy.public-access-block.json"))
        // The loader reads both files back: the account row (bucket NULL) and the bucket row.
        let store = try Store(now: DemoStore.now, catalogDirectory: RepositoryPaths.catalog)
        let report = store.load(paths: [c.folder.path])
        #expect(!report.diagnostics.contains { $0.file.contains("public-access-block") }, "\(report.diagnostics)")
        #expect(try DemoStore.rows(store, """
            SELECT account, coalesce(bucket, '-'), block_public_acls, ignore_public_acls, block_public_policy, restrict_public_buckets
              FROM s3_public_access_blocks ORDER BY bucket IS NOT NULL, bucket
            """) == [["111122223333", "-", "1", "1", "1", "0"], ["111122223333", "with-policy", "0", "0", "0", "1"]])
        // The bucket's settings and its policy file make one resource.
        #expect(try DemoStore.rows(store, "SELECT count(*) FROM resource_policies WHERE name = 'with-policy'") == [["1"]])
    }

    @Test(.enabled(if: pythonAvailable, "python3 runs the stand-in CLI"))
    func virtualMFADevicesAndServerCertificatesAreCollectedAndLoad() throws {
        let c = try Self.collect()
        defer { try? FileManager.default.removeItem(at: c.folder) }
        let acct = "accounts/111122223333"
        #expect(c.step("list-virtual-mfa-devices")?["file"] as? String == "\(acct)/iam/virtual-mfa-devices.json")
        #expect(c.status("list-server-certificates") == "ok")
        let printed = try ChildProcess.run(Self.fakeAWS, ["iam", "list-virtual-mfa-devices"]).stdout
        #expect(try Data(contentsOf: c.folder.appendingPathComponent("\(acct)/iam/virtual-mfa-devices.json")) == printed)
        // The snapshot loads into the two tables (root's MFA is virtual in the stand-in's answer: CIS 2.6).
        let store = try Store(now: DemoStore.now, catalogDirectory: RepositoryPaths.catalog)
        let report = store.load(paths: [c.folder.path])
        // (The stand-in's resource policies lack a Principal; only the IAM files matter here.)
        #expect(report.diagnostics.filter { $0.file.contains("/iam/") }.isEmpty, "\(report.diagnostics)")
        #expect(try DemoStore.column(store, "SELECT serial_number FROM virtual_mfa_devices WHERE is_root = 1")
                == ["arn:aws:iam::111122223333:mfa/root-account-mfa-device"])
        #expect(try DemoStore.column(store, "SELECT name FROM server_certificates WHERE days_since(expiration) >= 0") == ["www-fake"])
    }

    @Test(.enabled(if: pythonAvailable, "python3 runs the stand-in CLI"))
    func aDeniedListingIsAFailedStepAndLoadsAsNotCollected() throws {
        let c = try Self.collect(environment: ["FAKE_AWS_DENY_SERVER_CERTIFICATES": "1"])
        defer { try? FileManager.default.removeItem(at: c.folder) }
        #expect(c.status("list-server-certificates") == "failed")
        #expect((c.step("list-server-certificates")?["error"] as? String)?.contains("AccessDenied") == true)
        #expect(!c.exists("accounts/111122223333/iam/server-certificates.json"))
        let store = try Store(now: DemoStore.now, catalogDirectory: RepositoryPaths.catalog)
        _ = store.load(paths: [c.folder.path])
        // Not "none": the audit must not pass CIS 2.17 on a listing it never saw.
        #expect(try DemoStore.column(store, "SELECT server_certificates_collected || virtual_mfa_collected FROM accounts") == ["01"])
    }

    @Test(.enabled(if: pythonAvailable, "python3 runs the stand-in CLI"))
    func lastAccessedStopsAfterAFirstBatchOfFailures() throws {
        let c = try Self.collect(environment: ["FAKE_AWS_FAIL_LAST_ACCESSED": "1"])
        defer { try? FileManager.default.removeItem(at: c.folder) }
        let generate = c.steps.filter { ($0["command"] as? String)?.contains("generate-service-last-accessed-details") == true }
        // 5 users: the first batch of 3 (at least 3, parallelCalls 2) fails, the other 2 are not collected.
        #expect(generate.map { $0["status"] as? String } == ["failed", "failed", "failed", "not collected", "not collected"])
        #expect(!c.exists("accounts/111122223333/iam/last-accessed"))
    }

    @Test(.enabled(if: pythonAvailable, "python3 runs the stand-in CLI"))
    func collectingAgainReplacesTheAccountAndKeepsOtherAccountsSteps() throws {
        let first = try Self.collect()
        defer { try? FileManager.default.removeItem(at: first.folder) }
        // Another account's step in the manifest, and a stale file of this account.
        let manifestURL = first.folder.appendingPathComponent("manifest.json")
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        var steps = try #require(manifest["steps"] as? [[String: Any]])
        steps.append(["account": "444455556666", "command": "aws sts get-caller-identity", "status": "ok"])
        manifest["steps"] = steps
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        let stale = first.folder.appendingPathComponent("accounts/111122223333/resource-policies/s3/deleted-bucket.json")
        try Data("{}".utf8).write(to: stale)

        let second = try Self.collect(into: first.folder)
        #expect(!second.exists("accounts/111122223333/resource-policies/s3/deleted-bucket.json"))
        #expect(second.steps.filter { $0["account"] as? String == "444455556666" }.count == 1)
        #expect(second.steps.filter { $0["account"] as? String == "111122223333" }.count == first.steps.count)
    }

    @Test func aMissingCLIIsAnErrorNotAManifest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-collect-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = CollectOptions(output: folder.path, regions: ["us-east-1"], awsExecutable: "/nonexistent/bin/aws")
        #expect(throws: CollectorError.self) { try Collector(options: options, log: { _ in }).run() }
    }
}
