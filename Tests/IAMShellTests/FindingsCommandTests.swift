import Foundation
import Testing
import IAMPolicy
import IAMStore
@testable import IAMShell

/// `findings`, `findings diff`, `archive`, `unarchive` and `access` through the shell, on the
/// bundled demo organization and on small snapshot folders in the real CLI formats.
@Suite(.serialized) struct FindingsCommandTests {
    static let demoNow = "2026-11-01"

    static func demo() throws -> Harness {
        guard let datasets = DatasetLocator.datasetsDirectory() else { throw FixtureMissing() }
        let h = try Harness(setup: "", catalog: true)
        h.run(".now \(demoNow)\nload \(datasets.appendingPathComponent("demo").path)")
        h.reset()
        return h
    }

    struct FixtureMissing: Error {}

    static func tempFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-findings-\(UUID().uuidString)-\(name)")
    }

    static func json(_ text: String) throws -> [JSONValue] {
        try JSONParser.parse(text).arrayValue ?? []
    }

    @Test func findingsOnTheDemoListsItsExposuresAsJSON() throws {
        let h = try Self.demo()
        let out = h.command("findings --format json")
        #expect(h.engine.failureCount == 0)
        let rows = try Self.json(out)
        // One object per finding with resource, principal, is_public and status.
        #expect(rows.allSatisfy { $0["resource"]?.stringValue != nil && $0["principal"]?.stringValue != nil
                                  && $0["is_public"]?.boolValue != nil && $0["status"]?.stringValue == "active" })
        let resources = Set(rows.compactMap { $0["resource"]?.stringValue })
        #expect(resources == [
            "arn:aws:s3:::acme-prod-public-assets", "arn:aws:s3:::example-bucket",
            "arn:aws:lambda:us-east-1:444455556666:function:webhook-handler",
            "arn:aws:kms:us-east-1:444455556666:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
            "arn:aws:sqs:us-east-1:444455556666:orders-queue", "arn:aws:iam::444455556666:role/PartnerAuditRole",
        ])
        let publicOnes = Set(rows.filter { $0["is_public"]?.boolValue == true }.compactMap { $0["resource"]?.stringValue })
        #expect(publicOnes == ["arn:aws:s3:::acme-prod-public-assets", "arn:aws:lambda:us-east-1:444455556666:function:webhook-handler"])
        // The SNS default policies, the org-only bucket and the service-only resources are not findings.
        #expect(!resources.contains { $0.contains(":sns:") || $0.contains("acme-dev-data") || $0.contains("acme-prod-logs") })
    }

    @Test func findingsFillTheIamshRowsOfTheFindingsTable() throws {
        let h = try Self.demo()
        h.command("findings")
        h.reset()
        h.run(".mode csv\nSELECT count(*) AS n, sum(is_public) AS p FROM findings WHERE source = 'iamsh' AND finding_type = 'ExternalAccess';")
        #expect(h.out.text == "n,p\r\n6,2\r\n")
        h.reset()
        h.run(".mode csv\nSELECT principal FROM findings WHERE source = 'iamsh' AND resource = 'arn:aws:s3:::acme-prod-public-assets';")
        #expect(h.out.text == "principal\r\n\"{\"\"AWS\"\":\"\"*\"\"}\"\r\n")
    }

    @Test func compareLinesUpWithTheCollectedAccessAnalyzerFindings() throws {
        let h = try Self.demo()
        let rows = try Self.json(h.command("findings --compare --format json"))
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { $0["match"]?.stringValue == "both" && $0["details"]?.stringValue == "same actions" })
    }

    @Test func failOnPublicFailsUntilThePublicFindingsAreArchived() throws {
        let state = Self.tempFile("state.json")
        defer { try? FileManager.default.removeItem(at: state) }
        let h = try Self.demo()
        h.command("findings --fail-on public --state \(state.path)")
        #expect(h.engine.failureCount == 1)
        #expect(h.err.text.contains("2 active public finding(s)"))
        h.reset()
        let rows = try Self.json(h.command("findings --public --format json --state \(state.path)"))
        for r in rows { h.command("archive \(String(r["id"]?.stringValue?.prefix(8) ?? "")) --note website --state \(state.path)") }
        #expect(h.engine.failureCount == 1)
        h.command("findings --fail-on public --state \(state.path)")
        #expect(h.engine.failureCount == 1)
        h.command("findings --fail-on cross-account --state \(state.path)")
        #expect(h.engine.failureCount == 2)
    }

    @Test func archiveSurvivesTheNextLoadAndUnarchiveUndoesIt() throws {
        let dir = try SnapshotFixture.write()
        defer { try? FileManager.default.removeItem(at: dir) }
        let h1 = try Harness(setup: "", catalog: true)
        h1.run("load \(dir.path)")
        h1.reset()
        let rows = try Self.json(h1.command("findings --format json"))
        #expect(rows.count == 1)
        let id = rows.first?["id"]?.stringValue ?? ""
        h1.reset()
        h1.command("archive \(id.prefix(6)) --note \"public website\"")
        #expect(h1.engine.failureCount == 0)
        // The decision is in the state file beside the snapshot.
        let stateFile = dir.appendingPathComponent(".iamsh-findings-state.json")
        #expect(FileManager.default.fileExists(atPath: stateFile.path))

        let h2 = try Harness(setup: "", catalog: true)
        h2.run("load \(dir.path)")
        h2.reset()
        let again = try Self.json(h2.command("findings --format json"))
        #expect(again.first?["id"]?.stringValue == id)
        #expect(again.first?["status"]?.stringValue == "archived")
        h2.reset()
        h2.command("unarchive \(id)")
        h2.reset()
        #expect(try Self.json(h2.command("findings --format json")).first?["status"]?.stringValue == "active")
        h2.reset()
        h2.command("unarchive \(id)")
        #expect(h2.err.text.contains("is not archived"))
    }

    @Test func archiveOfAnUnknownIdFails() throws {
        let h = try Self.demo()
        let state = Self.tempFile("state.json")
        defer { try? FileManager.default.removeItem(at: state) }
        h.command("archive ffffffff --state \(state.path)")
        #expect(h.engine.failureCount == 1)
        #expect(h.err.text.contains("no finding has the ID ffffffff"))
    }

    @Test func archiveRulesFromAFile() throws {
        let rules = Self.tempFile("rules.json")
        defer { try? FileManager.default.removeItem(at: rules) }
        try #"{"rules":[{"name":"partner","filter":{"principal.AWS":{"eq":["999900001111"]}}}]}"#.write(to: rules, atomically: true, encoding: .utf8)
        let h = try Self.demo()
        let rows = try Self.json(h.command("findings --rules \(rules.path) --status archived --format json"))
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0["principal"]?.stringValue == "999900001111" })
        h.reset()
        try #"{"rules":[{"filter":{"principal":{"eq":["x"]}}}]}"#.write(to: rules, atomically: true, encoding: .utf8)
        h.command("findings --rules \(rules.path)")
        #expect(h.err.text.contains(#"$.rules[0].filter.principal: unknown filter key"#))
    }

    @Test func diffBetweenTwoSnapshotFolders() throws {
        let old = try SnapshotFixture.write()
        let new = try SnapshotFixture.write()
        defer { try? FileManager.default.removeItem(at: old); try? FileManager.default.removeItem(at: new) }
        let widened = #"""
        {"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::example-public/*\"},{\"Sid\":\"Partner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444455556666\"},\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::example-public\"}]}"}
        """#
        try widened.write(to: new.appendingPathComponent("accounts/111122223333/resource-policies/s3/example-public.json"), atomically: true, encoding: .utf8)
        let h = try Harness(setup: "", catalog: true)
        let rows = try Self.json(h.command("findings diff \(old.path) \(new.path) --format json"))
        #expect(h.engine.failureCount == 0)
        #expect(rows.map { $0["change"]?.stringValue ?? "" } == ["new", "changed"])
        #expect(rows.last?["details"]?.stringValue == "+s3:PutObject")
        // The shell's own data is untouched.
        h.reset()
        #expect(h.command(".mode csv\nSELECT count(*) FROM users;").contains("0"))
    }

    @Test func diffNeedsTwoPaths() throws {
        let h = try Harness(setup: "", catalog: true)
        h.command("findings diff /only/one")
        #expect(h.err.text.contains("usage: findings diff OLD NEW"))
        h.reset()
        h.command("findings diff /no/such/a /no/such/b")
        #expect(h.err.text.contains("/no/such/a does not exist"))
    }

    @Test func accessListsWhoCanReachAResourceByLevel() throws {
        let dir = try SnapshotFixture.write()
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = try Harness(setup: "", catalog: true)
        h.run("load \(dir.path)")
        h.reset()
        let rows = try Self.json(h.command("access arn:aws:s3:::example-public/report.csv --level Read --format json"))
        #expect(rows.allSatisfy { $0["access_level"]?.stringValue == "Read" })
        #expect(rows.contains { $0["principal"]?.stringValue == "*" && $0["zone"]?.stringValue == "outside" })
        #expect(rows.contains { $0["principal"]?.stringValue == "arn:aws:iam::111122223333:user/alice" && $0["zone"]?.stringValue == "inside" })
        h.reset()
        let outside = try Self.json(h.command("access arn:aws:s3:::example-public/report.csv --outside --format json"))
        #expect(!outside.isEmpty && outside.allSatisfy { $0["zone"]?.stringValue == "outside" })
        h.reset()
        h.command("access arn:aws:s3:::example-public --level Everything")
        #expect(h.err.text.contains("--level expects"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let h = try Harness(setup: "", catalog: true)
        h.command("findings --zone galaxy")
        #expect(h.err.text.contains("--zone expects account or organization"))
        h.reset()
        h.command("findings --status open")
        #expect(h.err.text.contains("--status expects"))
        h.reset()
        h.command("findings --fail-on everything")
        #expect(h.err.text.contains("--fail-on expects public or cross-account"))
    }
}
