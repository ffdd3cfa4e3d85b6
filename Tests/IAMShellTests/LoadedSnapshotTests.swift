import Foundation
import Testing
@testable import IAMShell

/// `load`, `summary` and `show` on a snapshot folder in the real CLI formats.
@Suite struct LoadedSnapshotTests {
    static func loaded() throws -> (Harness, URL) {
        let dir = try SnapshotFixture.write()
        let h = try Harness(setup: "")
        h.run("load \(dir.path)")
        h.reset()
        return (h, dir)
    }

    @Test func loadPrintsSummaryLineToInfo() throws {
        let dir = try SnapshotFixture.write()
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = try Harness(setup: "")
        h.run("load \(dir.path)")
        #expect(h.out.text == "")
        #expect(h.info.text.hasPrefix("loaded 1 accounts, 2 users, 1 groups, 1 roles, 2 policies, 1 resource policies, 3 credential-report rows"))
        #expect(h.err.text == "")
        #expect(h.engine.failureCount == 0)
    }

    @Test func loadWithErrorsFailsButKeepsWhatLoaded() throws {
        let dir = try SnapshotFixture.write()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "{\"UserDetailList\": [".write(to: dir.appendingPathComponent("accounts/111122223333/iam/broken.json"), atomically: true, encoding: .utf8)
        let h = try Harness(setup: "")
        h.run(".load \(dir.path)\n.mode csv\nSELECT count(*) AS n FROM users;")
        #expect(h.err.text.contains("broken.json"))
        #expect(h.engine.failureCount == 1)
        #expect(h.out.text == "n\r\n2\r\n")
    }

    @Test func loadOfAMissingPathFails() throws {
        let h = try Harness(setup: "")
        h.run("load /no/such/snapshot")
        #expect(h.err.text.contains("/no/such/snapshot"))
        #expect(h.engine.failureCount == 1)
    }

    /// The fixture's public bucket is an iamsh finding computed at load, so findings counts 1.
    @Test func summaryPerAccount() throws {
        let (h, dir) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: dir) }
        h.command("summary --format csv")
        #expect(h.out.text == """
        account,name,users,groups,roles,policies,inline_policies,resource_policies,access_keys,credential_report,last_accessed,findings\r
        111122223333,,2,1,1,1,1,1,1,3,0,1\r
        aws,AWS managed policies,0,0,0,1,0,0,0,0,0,0\r

        """)
    }

    @Test func showUserCard() throws {
        let (h, dir) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: dir) }
        h.command("show bob --format line")
        let text = h.out.text
        for line in ["field = type\nvalue = user", "value = arn:aws:iam::111122223333:user/bob", "field = attached policy\nvalue = arn:aws:iam::111122223333:policy/ReadBuckets",
                     "field = inline policy\nvalue = deny-delete", "\"Sid\": \"NoDeletes\"", "field = permissions boundary",
                     "field = console password\nvalue = enabled, never used", "field = mfa\nvalue = not active",
                     "field = access key 1\nvalue = active, created 2023-03-05T09:10:00Z (483 days ago), never used"] {
            #expect(text.contains(line), "\(line)")
        }
        #expect(h.err.text == "")
    }

    @Test func showUserThroughGroupLeavesOutAWSManagedDocumentsUnlessFull() throws {
        let (h, dir) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: dir) }
        h.command("show user/alice --format csv")
        #expect(h.out.text.contains("group admins: attached policy,arn:aws:iam::aws:policy/AdministratorAccess\r\n"))
        #expect(h.out.text.contains("AWS managed, 1 statement (show --full, or show policy/AdministratorAccess)"))
        #expect(h.out.text.contains("mfa,active\r\n"))
        h.reset()
        h.command("show user/alice --full --format json")
        #expect(h.out.text.contains("{\"field\": \"document\", \"value\": {\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}}"))
    }

    @Test func showRoleCardHasTrustPolicyAndLastUse() throws {
        let (h, dir) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: dir) }
        h.command("show arn:aws:iam::111122223333:role/deploy --format csv")
        #expect(h.out.text.contains("last used,2024-06-20T10:00:00Z in eu-west-1 (10 days ago)\r\n"))
        // csv keeps documents compact (one record per line matters there); table mode indents them.
        #expect(h.out.text.contains("trust policy,\"{\"\"Version\"\":\"\"2012-10-17\"\",\"\"Statement\"\":[{\"\"Effect\"\":\"\"Allow\"\""))
        h.reset()
        h.command("show role/deploy")
        #expect(h.out.text.contains("| trust policy    | {"))
        #expect(h.out.text.contains("|                 |   \"Version\": \"2012-10-17\","))
        h.reset()
        h.command("show role/deploy --brief --format csv")
        #expect(!h.out.text.contains("Version"))
    }

    @Test func showPolicyCardHasVersionsAndDefaultDocument() throws {
        let (h, dir) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: dir) }
        h.command("show policy/ReadBuckets --format csv")
        let text = h.out.text
        #expect(text.contains("type,customer managed policy\r\n"))
        #expect(text.contains("attached to,\"user/bob, role/deploy\"\r\n"))
        #expect(text.contains("boundary of,user/bob\r\n"))
        #expect(text.contains("version v1,\"not in force, created 2023-01-01T00:00:00Z\"\r\n"))
        #expect(text.contains("version v2,\"default, created 2023-06-01T00:00:00Z\"\r\n"))
        #expect(text.contains("\"\"s3:ListBucket\"\""))  // the default (v2) document
        #expect(!text.contains("\"\"s3:*\"\""))           // not v1's
    }

    @Test("show KIND NAME is show KIND/NAME; any other pair of words is a usage error")
    func showKindAndName() throws {
        let (h, _) = try Self.loaded()
        h.command("show policy ReadBuckets --format csv")
        let spaced = h.out.text
        h.reset()
        h.command("show policy/ReadBuckets --format csv")
        #expect(!spaced.isEmpty && spaced == h.out.text)
        h.reset()
        h.command("show frobnicate ReadBuckets")
        #expect(h.err.text.contains("a kind (user, role, group, policy) and a name"))
        #expect(h.out.text.isEmpty)
    }

    @Test func showResourceAndGroupAndAccount() throws {
        let (h, dir) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: dir) }
        h.command("show example-public --format csv")
        #expect(h.out.text.contains("type,resource (s3:bucket)\r\n"))
        #expect(h.out.text.contains("\"\"Sid\"\":\"\"PublicRead\"\""))
        h.reset()
        h.command("show group/admins --format csv")
        #expect(h.out.text.contains("members,alice\r\n"))
        h.reset()
        h.command("show 111122223333 --format csv")
        #expect(h.out.text.contains("principals,\"2 users, 1 group, 1 role\"\r\n"))
        #expect(h.err.text == "")
    }

    @Test func showUnknownOrAmbiguousNamesListCandidates() throws {
        let (h, dir) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: dir) }
        h.run("show ali")
        #expect(h.err.text == "test.iamsh:1: error: nothing named \"ali\" is loaded; candidates: alice\n")
        h.reset()
        h.run("show user/carol")
        #expect(h.err.text.hasPrefix("test.iamsh:1: error: nothing named \"user/carol\" is loaded"))
    }

    @Test func completionOffersLoadedNames() throws {
        let (h, dir) = try Self.loaded()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(h.engine.complete("show user/", cursor: 10).candidates == ["user/alice", "user/bob"])
        #expect(h.engine.complete("show ro", cursor: 7).candidates == ["role/deploy"])
        #expect(h.engine.complete("show example", cursor: 12).candidates == ["example-public"])
        let arn = "SELECT * FROM users WHERE arn = 'arn:aws:iam::111122223333:user/a"
        #expect(h.engine.complete(arn, cursor: arn.utf8.count).candidates == ["arn:aws:iam::111122223333:user/alice'"])
    }

    /// Every query `.help TOPIC` prints runs without error on the demo organization (placeholders
    /// filled with real names).
    @Test func helpAnswersRunOnTheDemo() throws {
        let h = try Harness(setup: "", catalog: true)
        guard let demo = DatasetsFolder.demo else { Issue.record("Datasets/demo not found"); return }
        h.run("load \(demo)")
        #expect(h.engine.failureCount == 0)
        for topic in HelpTopics.all {
            for answer in topic.answers where answer.requires.map({ h.engine.commands.command(named: $0) != nil }) ?? true {
                h.reset()
                var command = answer.command
                for (placeholder, value) in [("'NAME'", "'alice.admin'"), (" NAME", " alice.admin"), (" PRINCIPAL", " user/alice.admin"),
                                             (" ACTION", " s3:GetObject"), (" RESOURCE", " arn:aws:s3:::example-bucket/key")] {
                    command = command.replacingOccurrences(of: placeholder, with: value)
                }
                h.engine.execute(command)
                // Warnings about the data (an orphaned unique ID in a trust policy) are fine; errors are not.
                #expect(!h.err.text.contains("error:"), "\(topic.name): \(answer.question): \(h.err.text)")
            }
        }
        #expect(h.engine.failureCount == 0)
    }
}

enum DatasetsFolder {
    /// The repository's Datasets/demo, found from this file.
    static var demo: String? {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let d = repo.appendingPathComponent("Datasets/demo").path
        return FileManager.default.fileExists(atPath: d) ? d : nil
    }
}
