import Foundation
import Testing
@testable import IAMStore

@Test func zzDebugDemo() throws {
    let t0 = Date()
    let s = try Store()
    print("DIAG catalog", s.catalog.actions.count, s.catalogWarnings, Date().timeIntervalSince(t0))
    let r = s.load(paths: [URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Datasets/demo").path])
    for d in r.diagnostics { print("DIAG", d) }
    print("DIAG", r.summaryLine, r.seconds)
    for q in ["SELECT count(*) FROM actions", "SELECT * FROM who_can('s3:GetObject', '*') LIMIT 5", "SELECT name, can(arn, 'iam:CreateUser', '*') FROM users", "SELECT count(*), policy_kind FROM statements GROUP BY 2", "SELECT entity_arn, count(*) FROM last_accessed GROUP BY 1", "SELECT * FROM collection_steps", "SELECT * FROM password_policy", "SELECT account_id, name, org_path, alias FROM accounts"] {
        for res in try s.run(sql: q) { print("DIAG Q", q); for row in res.rows { print("DIAG   ", row.map { $0.text ?? "NULL" }.joined(separator: " | ")) } }
    }
}
