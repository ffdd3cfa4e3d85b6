import Testing
@testable import IAMStore

@Suite struct SchemaTests {
    @Test func everyContractTableExists() throws {
        let store = try Store()
        let names = Set(try store.tableNames())
        for t in ["accounts", "users", "groups", "group_members", "roles", "instance_profiles", "policies",
                  "policy_versions", "attachments", "inline_policies", "statements", "access_keys",
                  "credential_report", "password_policy", "resource_policies", "org_units", "scps",
                  "scp_targets", "last_accessed", "findings", "actions", "analyzers", "account_summary",
                  "collection_steps", "principals", "principal_policies"] {
            #expect(names.contains(t), "missing table \(t)")
        }
    }

    @Test func schemaSQLKeepsComments() throws {
        let store = try Store()
        let sql = try store.schemaSQL(table: "statements")
        #expect(sql.contains("one row per statement"))
    }

    @Test func schemaListsTablesInTheDocumentedOrderThenViews() throws {
        let store = try Store()
        let sql = try store.schemaSQL()
        #expect(sql.hasPrefix("CREATE TABLE accounts"))
        let tables = try #require(sql.range(of: "CREATE TABLE collection_steps"))
        let views = try #require(sql.range(of: "CREATE VIEW principals"))
        #expect(tables.lowerBound < views.lowerBound)
    }
}
