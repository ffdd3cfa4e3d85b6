import Foundation
import Testing
import IAMAnalysis
@testable import IAMStore

/// Bad input gets a diagnostic naming the file, the place and what was expected; the rest still loads.
@Suite struct BadInputTests {
    func load(_ paths: [String]) throws -> (Store, LoadReport) {
        let s = try Fixtures.store()
        return (s, s.load(paths: paths))
    }

    func diagnostic(_ r: LoadReport, file: String) -> LoadDiagnostic? {
        r.diagnostics.first { $0.file.hasSuffix(file) }
    }

    @Test func truncatedJSONNamesLineColumnAndPath() throws {
        let (_, r) = try load([Fixtures.path("bad/truncated.json")])
        let d = try #require(diagnostic(r, file: "bad/truncated.json"))
        #expect(d.severity == .error)
        #expect(d.location == "line 4, column 1 (at $.UserDetailList[0])")
        #expect(d.message.contains("unexpected end of input"))
        #expect(r.counts.skippedFiles == 1)
    }

    @Test func invalidPolicyGrammarNamesBothPaths() throws {
        let (s, r) = try load([Fixtures.path("bad/bad-policy-details.json")])
        let d = try #require(diagnostic(r, file: "bad/bad-policy-details.json"))
        // The document's place in the file, then the place inside the document (Effect is case-sensitive).
        #expect(d.location == "$.UserDetailList[0].UserPolicyList[0].PolicyDocument, inside the document at $.Statement[1].Effect")
        #expect(d.message.contains("expected \"Allow\" or \"Deny\""))
        // The user and the valid inline policy still load; the broken one does not.
        #expect(try s.int("SELECT count(*) FROM users WHERE name = 'frank'") == 1)
        #expect(try s.scalar("SELECT group_concat(name) FROM inline_policies") == "fine")
    }

    @Test func csvMissingColumnNamesLineAndColumn() throws {
        let (s, r) = try load([Fixtures.path("bad/report-missing-column.csv")])
        let header = try #require(r.diagnostics.first { $0.location == "line 1" })
        #expect(header.message.contains("mfa_active"))
        let short = try #require(r.diagnostics.first { $0.location == "line 3" })
        #expect(short.message.contains("missing password_last_used"))
        // dave's row loads (mfa_active NULL); erin's short row is skipped.
        #expect(try s.scalar("SELECT user FROM credential_report") == "dave")
        #expect(try s.scalar("SELECT mfa_active FROM credential_report") == nil)
        #expect(try s.int("SELECT password_enabled FROM credential_report") == 1)
    }

    @Test func unknownFileSkippedWithWhatIsRecognised() throws {
        let (_, named) = try load([Fixtures.path("bad/unknown.json")])
        let d = try #require(diagnostic(named, file: "bad/unknown.json"))
        #expect(d.severity == .error)  // named on the command line
        #expect(d.message.contains("\"Something\""))
        #expect(d.message.contains("recognised inputs: get-account-authorization-details"))
        // Met inside a folder, an unknown file is a warning.
        let (_, inFolder) = try load([Fixtures.path("loose")])
        #expect(diagnostic(inFolder, file: "loose/README.txt")?.severity == .warning)
        #expect(!inFolder.hasErrors)
    }

    @Test func missingPathIsAnError() throws {
        let (_, r) = try load([Fixtures.path("no-such-folder")])
        #expect(r.diagnostics.first?.message == "no such file or folder")
    }

    @Test func everythingValidStillLoads() throws {
        let (s, r) = try load([Fixtures.path("bad"), Fixtures.path("snapshot")])
        #expect(r.hasErrors)
        #expect(r.summaryLine.contains("4 errors"))
        #expect(try s.int("SELECT count(*) FROM users") == 5)  // 4 from the snapshot + frank
        #expect(try s.int("SELECT count(*) FROM roles") == 4)
    }
}

/// Files without the snapshot layout are recognised by their content.
@Suite struct LooseFileTests {
    @Test func genericAndInferredResourcePolicies() throws {
        let s = try Fixtures.store()
        let r = s.load(paths: [Fixtures.path("loose/some-ecr-repo-policy.json"), Fixtures.path("loose/bucket-policy-export.json")])
        #expect(!r.hasErrors, "\(r.diagnostics)")
        #expect(try s.scalar("SELECT resource_type || ' ' || account || ' ' || region FROM resource_policies WHERE name = 'app-images'")
                == "ecr:repository 444455556666 eu-west-1")
        // An S3 policy file without a path: the bucket comes from the statements' resources.
        #expect(try s.scalar("SELECT arn FROM resource_policies WHERE resource_type = 's3:bucket'") == "arn:aws:s3:::loose-logs-bucket")
    }

    @Test func singleCredentialReportCSV() throws {
        let s = try Fixtures.store()
        let r = s.load(paths: [Fixtures.path("snapshot/accounts/111122223333/iam/credential-report.csv")])
        #expect(!r.hasErrors)
        #expect(r.counts.credentialReportRows == 4)
        #expect(try s.scalar("SELECT generated_time FROM credential_report LIMIT 1") == nil)
        #expect(try s.int("SELECT count(*) FROM accounts") == 1)
    }

    @Test func base64CredentialReportJSON() throws {
        let s = try Fixtures.store()
        let r = s.load(paths: [Fixtures.path("snapshot/accounts/111122223333/iam/credential-report.json")])
        #expect(!r.hasErrors)
        #expect(try s.int("SELECT count(*) FROM credential_report WHERE is_root = 1") == 1)
        #expect(try s.scalar("SELECT access_key_1_last_used_date FROM credential_report WHERE is_root = 1") == "2024-01-01T00:00:00Z")
    }
}

/// A later load merges; a failed later load loses nothing loaded before.
@Suite struct ReloadTests {
    @Test func laterLoadsMergeAndReplaceBySameArn() throws {
        let s = try Fixtures.store()
        _ = s.load(paths: [Fixtures.path("snapshot/accounts/111122223333")])
        #expect(try s.int("SELECT count(*) FROM users") == 3)
        _ = s.load(paths: [Fixtures.path("snapshot/accounts/444455556666")])
        #expect(try s.int("SELECT count(*) FROM users") == 4)
        _ = s.load(paths: [Fixtures.path("snapshot/accounts/111122223333")])
        #expect(try s.int("SELECT count(*) FROM users") == 4)
        #expect(s.snapshot.users.count == 4)
    }

    @Test func reloadingASnapshotDoesNotDuplicateRows() throws {
        let s = try Fixtures.store()
        _ = s.load(paths: [Fixtures.path("snapshot")])
        _ = s.load(paths: [Fixtures.path("snapshot")])
        #expect(try s.int("SELECT count(*) FROM collection_steps") == 5)
        #expect(try s.int("SELECT count(*) FROM credential_report") == 5)
        #expect(try s.int("SELECT count(*) FROM access_keys") == 5)
        #expect(try s.int("SELECT count(*) FROM last_accessed") == 7)
        #expect(try s.int("SELECT count(*) FROM findings WHERE source = 'access-analyzer'") == 4)
        #expect(try s.int("SELECT count(*) FROM findings WHERE source = 'iamsh'") == s.lastExternalAccess?.findings.count)
        #expect(try s.int("SELECT count(*) FROM scp_targets") == 5)
    }

    @Test func badLaterLoadKeepsEarlierData() throws {
        let s = try Fixtures.store()
        _ = s.load(paths: [Fixtures.path("snapshot")])
        let r = s.load(paths: [Fixtures.path("bad/truncated.json"), Fixtures.path("no-such-file.json")])
        #expect(r.hasErrors)
        #expect(try s.int("SELECT count(*) FROM users") == 4)
        #expect(try s.int("SELECT count(*) FROM statements") ?? 0 > 0)
    }

    @Test func failedTableRebuildKeepsPreviousTablesAndSnapshot() throws {
        let s = try Fixtures.store()
        _ = s.load(paths: [Fixtures.path("snapshot/accounts/111122223333")])
        // Make the rebuild fail half-way: inserting the other account's user aborts.
        try s.database.execute("CREATE TEMP TRIGGER boom BEFORE INSERT ON users WHEN NEW.name = 'deploy' BEGIN SELECT RAISE(ABORT, 'boom'); END;")
        let r = s.load(paths: [Fixtures.path("snapshot/accounts/444455556666")])
        #expect(r.diagnostics.contains { $0.message.contains("previous data is kept") })
        #expect(try s.int("SELECT count(*) FROM users") == 3)
        #expect(try s.int("SELECT count(*) FROM roles") == 3)
        #expect(s.snapshot.users.count == 3)
    }
}

/// Computed findings sit beside Access Analyzer's; every load recomputes iamsh's own.
@Suite struct ComputedFindingsTests {
    @Test func replaceFindingsKeepsOtherSourcesAndEveryLoadRecomputesIamshRows() throws {
        let s = try Fixtures.store()
        _ = s.load(paths: [Fixtures.path("snapshot/accounts/111122223333")])
        let computed = try s.int("SELECT count(*) FROM findings WHERE source = 'iamsh'")
        #expect(computed == s.lastExternalAccess?.findings.count)
        let f = Finding(id: "iamsh-1", source: "iamsh", findingType: "ExternalAccess", resource: "arn:aws:s3:::example-public-bucket",
                        actions: ["s3:GetObject"], isPublic: true, status: "ACTIVE")
        try s.replaceFindings(source: "iamsh", with: [f])
        #expect(try s.int("SELECT count(*) FROM findings WHERE source = 'iamsh'") == 1)
        #expect(try s.int("SELECT count(*) FROM findings WHERE source = 'access-analyzer'") == 4)
        // The next load replaces the hand-made row with the analysis of everything loaded.
        _ = s.load(paths: [Fixtures.path("snapshot/accounts/444455556666")])
        #expect(try s.int("SELECT count(*) FROM findings WHERE id = 'iamsh-1'") == 0)
        #expect(try s.int("SELECT count(*) FROM findings WHERE source = 'iamsh'") == s.lastExternalAccess?.findings.count)
        try s.replaceFindings(source: "iamsh", with: [])
        #expect(try s.int("SELECT count(*) FROM findings") == 4)
        try s.clear()
        #expect(try s.int("SELECT count(*) FROM users") == 0)
    }
}
