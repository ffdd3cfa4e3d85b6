import Foundation
import Testing
import IAMStore

/// Every saved query in Queries/ runs on the demo organization and finds what Datasets/README.md says.
@Suite(.serialized) struct SavedQueriesTests {
    static let demo = DemoStore.Shared()

    @Test func everySavedQueryStartsWithACommentAndRuns() throws {
        let (store, _) = try Self.demo.get()
        let names = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.queries.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(names.count >= 7)
        for name in names {
            let sql = try DemoStore.savedQuery(name)
            #expect(sql.hasPrefix("-- "), "\(name) must start with a comment saying what it answers")
            #expect(throws: Never.self, "\(name)") { _ = try store.run(sql: sql) }
        }
    }

    /// Column `name` of every row the saved query returns.
    func values(_ store: Store, _ query: String, _ name: String) throws -> [String] {
        guard let result = try store.run(sql: try DemoStore.savedQuery(query)).last,
              let i = result.columns.firstIndex(of: name) else { return [] }
        return result.rows.map { $0[i].text ?? "NULL" }
    }

    /// A load computes iamsh's external access findings, so the weekly review sees them without
    /// running `findings` first (Datasets/README.md: 6 findings, 2 public).
    @Test func weeklyReviewListsIamshFindingsRightAfterALoad() throws {
        let (store, _) = try Self.demo.get()
        let result = try store.run(sql: try DemoStore.savedQuery("findings-weekly-review.sql")).last
        let source = try #require(result?.columns.firstIndex(of: "source"))
        let kind = try #require(result?.columns.firstIndex(of: "kind"))
        let resource = try #require(result?.columns.firstIndex(of: "resource"))
        let ours = (result?.rows ?? []).filter { $0[source].text == "iamsh" }
        #expect(ours.count == 6)
        #expect(Set(ours.filter { $0[kind].text == "public" }.compactMap { $0[resource].text })
            == ["arn:aws:s3:::acme-prod-public-assets", "arn:aws:lambda:us-east-1:444455556666:function:webhook-handler"])
        #expect((result?.rows ?? []).contains { $0[source].text == "access-analyzer" })
    }

    @Test func consoleUsersWithoutMFA() throws {
        let (store, _) = try Self.demo.get()
        #expect(try values(store, "console-users-without-mfa.sql", "user")
            == ["bob.ops", "old-contractor", "<root_account>", "dave.analyst", "dev.dana"])
    }

    @Test func accessKeysOlderThan90Days() throws {
        let (store, _) = try Self.demo.get()
        #expect(try values(store, "access-keys-older-than-90-days.sql", "user_name")
            == ["<root_account>", "ci-deployer", "dev.frank", "old-contractor", "svc-reporting", "svc-reporting"])
        #expect(try values(store, "access-keys-older-than-90-days.sql", "age_days").first == "1299")
    }

    @Test func neverUsedCredentialsAreJudgedByTheirAge() throws {
        let (store, _) = try Self.demo.get()
        let rows = try store.run(sql: try DemoStore.savedQuery("unused-credentials-45-days.sql")).last?.rows
            .map { $0.map { $0.text ?? "NULL" } } ?? []
        #expect(rows.map { "\($0[1]) \($0[2]) \($0[3]) \($0[5])" } == [
            "old-contractor access key 1 never used, created 213",
            "old-contractor password never used, created 213",
            "dave.analyst password last used 152",
            "svc-reporting access key 2 never used, created 122",
        ])
    }

    @Test func rootUseIsTheLatestOfPasswordAndKeys() throws {
        let (store, _) = try Self.demo.get()
        #expect(try values(store, "root-account-usage.sql", "root_last_used")
            == ["2026-08-14T07:31:02Z", "2026-10-20T06:20:31Z", "NULL"])
        #expect(try values(store, "root-account-usage.sql", "root_active_keys") == ["0", "1", "0"])
        #expect(try values(store, "root-account-usage.sql", "root_mfa") == ["1", "0", "1"])
    }

    @Test func usersWithMoreThanOneActiveKey() throws {
        let (store, _) = try Self.demo.get()
        #expect(try values(store, "users-with-multiple-active-keys.sql", "user_name") == ["svc-reporting"])
    }

    @Test func usersWithDirectPolicies() throws {
        let (store, _) = try Self.demo.get()
        #expect(Set(try values(store, "users-with-direct-policies.sql", "user"))
            == ["ci-deployer", "legacy-ftp", "svc-reporting", "dev.dana", "dev.erin", "dev.frank"])
    }

    @Test func inventoryPerAccount() throws {
        let (store, _) = try Self.demo.get()
        #expect(try values(store, "inventory-per-account.sql", "users") == ["5", "4", "3"])
        #expect(try values(store, "inventory-per-account.sql", "roles") == ["3", "5", "4"])
        #expect(try values(store, "inventory-per-account.sql", "resource_policies") == ["4", "7", "3"])
    }
}
