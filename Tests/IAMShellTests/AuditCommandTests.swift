import Foundation
import Testing
import IAMPolicy
import IAMStore
@testable import IAMShell

/// `audit`, `unused`, `least-privilege` and `report` on the demo organization (Datasets/demo, dated
/// for now = 2026-11-01), with the real action catalog. Expected answers are the facts listed in
/// Datasets/README.md.
@Suite("Audit commands on the demo organization")
struct AuditCommandTests {
    static let mgmt = "111122223333", prod = "444455556666", dev = "777788889999"

    final class Demo {
        let out = StringSink(), err = StringSink(), info = StringSink()
        let engine: ShellEngine
        init() throws {
            let store = try Store(now: Date())
            engine = ShellEngine(store: store, io: ShellIO(out: out, err: err, info: info))
            guard let demo = DatasetsFolder.demo else { throw ShellError.failed("Datasets/demo not found") }
            engine.execute("load \(demo)")
            engine.execute(".now 2026-11-01")
            reset()
        }
        func reset() { out.clear(); err.clear(); info.clear() }
        func run(_ command: String) -> String { reset(); engine.execute(command); return out.text }

        /// The command's `--format json` output as an array of objects.
        func json(_ command: String) throws -> [JSONValue] {
            let text = run(command + " --format json")
            return try #require(try JSONParser.parse(text).arrayValue, "not one JSON array: \(text.prefix(200))")
        }
    }

    static func rows(_ rows: [JSONValue], _ control: String, _ account: String) -> [JSONValue] {
        rows.filter { $0["control"]?.stringValue == control && $0["account"]?.stringValue == account }
    }
    static func failing(_ rows: [JSONValue], _ control: String, _ account: String? = nil) -> Set<String> {
        Set(rows.filter { $0["control"]?.stringValue == control && $0["status"]?.stringValue == "fail"
                          && (account == nil || $0["account"]?.stringValue == account) }
            .compactMap { $0["resource"]?.stringValue })
    }
    static func user(_ account: String, _ name: String) -> String { "arn:aws:iam::\(account):user/\(name)" }

    @Test func auditJSONIsOneArrayWithControlStatusResource() throws {
        let d = try Demo()
        let rows = try d.json("audit")
        #expect(!rows.isEmpty)
        for r in rows {
            #expect(r["control"]?.stringValue != nil && r["status"]?.stringValue != nil && r["resource"]?.stringValue != nil)
        }
        // Every control judges every account.
        for c in ["2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "v6.0-2.12", "2.12", "2.13", "2.14", "2.15", "2.17", "2.18", "2.21"] {
            for a in [Self.mgmt, Self.prod, Self.dev] { #expect(!Self.rows(rows, c, a).isEmpty, "\(c) \(a)") }
        }
        #expect(d.info.text.contains("controls over 3 accounts"))      // the summary stays off stdout in json
    }

    @Test func auditFindsTheDemoCredentialFacts() throws {
        let rows = try Demo().json("audit")
        // Prod's root has an active access key and no MFA; the other roots pass.
        #expect(Self.failing(rows, "2.4") == ["arn:aws:iam::\(Self.prod):root"])
        #expect(Self.failing(rows, "2.5") == ["arn:aws:iam::\(Self.prod):root"])
        // Root hardware MFA (list-virtual-mfa-devices): management's root uses a virtual device, prod's has no MFA,
        // dev's has MFA and no virtual device (a hardware one).
        #expect(Self.failing(rows, "2.6") == ["arn:aws:iam::\(Self.mgmt):root", "arn:aws:iam::\(Self.prod):root"])
        #expect(Self.rows(rows, "2.6", Self.dev).map { $0["status"]?.stringValue } == ["pass"])
        // Root use: management logged in on 2026-08-14, prod's key was used on 2026-10-20; dev's root never.
        #expect(Self.failing(rows, "2.7") == ["arn:aws:iam::\(Self.mgmt):root", "arn:aws:iam::\(Self.prod):root"])
        #expect(Self.failing(rows, "2.10") == [Self.user(Self.mgmt, "bob.ops"), Self.user(Self.mgmt, "old-contractor"),
                                               Self.user(Self.prod, "dave.analyst"), Self.user(Self.dev, "dev.dana")])
        // Never-used credentials fail by age (old-contractor), as does svc-reporting's never-used second key.
        #expect(Self.failing(rows, "2.11") == [Self.user(Self.mgmt, "old-contractor"), Self.user(Self.prod, "dave.analyst"),
                                               Self.user(Self.prod, "service-accounts/svc-reporting")])
        #expect(Self.failing(rows, "v6.0-2.12") == [Self.user(Self.prod, "service-accounts/svc-reporting")])
        #expect(Self.failing(rows, "2.12") == ["arn:aws:iam::\(Self.prod):root", Self.user(Self.mgmt, "ci-deployer"),
                                               Self.user(Self.dev, "dev.frank"), Self.user(Self.mgmt, "old-contractor"),
                                               Self.user(Self.prod, "service-accounts/svc-reporting")])
        // Password policies: management strong, prod weak, dev has none.
        #expect(Self.failing(rows, "2.8") == [Self.prod, Self.dev])
        #expect(Self.failing(rows, "2.9") == [Self.prod, Self.dev])
    }

    @Test func auditFindsTheDemoPolicyFacts() throws {
        let rows = try Demo().json("audit")
        #expect(Self.failing(rows, "2.13") == [
            Self.user(Self.mgmt, "ci-deployer"), Self.user(Self.prod, "legacy-ftp"), Self.user(Self.prod, "service-accounts/svc-reporting"),
            Self.user(Self.dev, "dev.dana"), Self.user(Self.dev, "dev.erin"), Self.user(Self.dev, "dev.frank"),
        ])
        for a in [Self.mgmt, Self.prod, Self.dev] {
            #expect(Self.failing(rows, "2.14", a) == ["arn:aws:iam::aws:policy/AdministratorAccess"])
        }
        // The public bucket and the public Lambda function URL; the partner's IP-limited queue names the partner, not "*".
        #expect(Self.failing(rows, "2.21") == ["arn:aws:s3:::acme-prod-public-assets",
                                               "arn:aws:lambda:us-east-1:\(Self.prod):function:webhook-handler"])
        // Server certificates: prod keeps one that expired on 2026-03-14; management's is valid; dev has none.
        #expect(Self.failing(rows, "2.17") == ["arn:aws:iam::\(Self.prod):server-certificate/api-acme-example-2025"])
        #expect(Self.rows(rows, "2.17", Self.mgmt).map { $0["status"]?.stringValue } == ["pass"])
        #expect(Self.rows(rows, "2.17", Self.dev).map { $0["status"]?.stringValue } == ["pass"])
    }

    @Test func auditSummaryAndFailOn() throws {
        let d = try Demo()
        let table = d.run("audit")
        #expect(table.split(separator: "\n").last?.contains("16 controls over 3 accounts") == true)
        let before = d.engine.failureCount
        _ = d.run("audit --fail-on critical --account \(Self.mgmt)")     // management has no critical failure
        #expect(d.engine.failureCount == before)
        _ = d.run("audit --fail-on critical --account \(Self.prod)")     // prod's root key
        #expect(d.engine.failureCount == before + 1)
        #expect(d.err.text.contains("--fail-on critical"))
        _ = d.run("audit --fail-on extreme")
        #expect(d.err.text.contains("low, medium, high or critical"))
        _ = d.run("audit --rotation-days -1")
        #expect(d.err.text.contains("--rotation-days"))
    }

    @Test func auditThresholdOptions() throws {
        let d = try Demo()
        // At 500 days no key is old enough to fail rotation, root's 2023 key excepted.
        let rows = try d.json("audit --rotation-days 500")
        #expect(Self.failing(rows, "2.12") == ["arn:aws:iam::\(Self.prod):root"])
        let failed = try d.json("audit --failed")
        #expect(!failed.contains { $0["status"]?.stringValue == "pass" })
    }

    @Test func unusedRolesKeysPasswordsAndPermissions() throws {
        let d = try Demo()
        let rows = try d.json("unused")
        func principals(_ type: String) -> Set<String> {
            Set(rows.filter { $0["finding_type"]?.stringValue == type }.compactMap { $0["principal"]?.stringValue })
        }
        #expect(principals("UnusedIAMRole") == ["arn:aws:iam::\(Self.mgmt):role/BreakGlassAdmin",
                                                "arn:aws:iam::\(Self.prod):role/ReportingRole",
                                                "arn:aws:iam::\(Self.dev):role/LegacyBatchRole"])
        #expect(principals("UnusedIAMUserPassword").contains(Self.user(Self.mgmt, "old-contractor")))
        #expect(principals("UnusedIAMUserAccessKey").contains(Self.user(Self.prod, "service-accounts/svc-reporting")))
        let alice = rows.filter { $0["principal"]?.stringValue == Self.user(Self.mgmt, "alice.admin") }
        #expect(alice.contains { $0["action"]?.stringValue == "iam:CreateUser" })
        #expect(alice.contains { $0["service"]?.stringValue == "dynamodb" && $0["level"]?.stringValue == "service" })
        let roles = try d.json("unused --kind role")
        #expect(roles.count == 3)
    }

    @Test func leastPrivilegeForProdDeployer() throws {
        let d = try Demo()
        let text = d.run("least-privilege role/ProdDeployer --policy-only")
        let doc = try PolicyParser.parse(text: text, kind: .identity)
        let actions = doc.statements.flatMap(\.actions)
        #expect(actions.contains { $0.hasPrefix("s3:") })
        #expect(!actions.contains { $0.lowercased().hasPrefix("lambda:") })   // never used
        let obj = try #require(try d.json("least-privilege role/ProdDeployer").first)
        #expect(obj["removed"]?.arrayValue?.contains { $0["action"]?.stringValue == "lambda:UpdateFunctionCode" } == true)
        #expect(obj["policy"]?["Version"]?.stringValue == "2012-10-17")
        // An administrator shrinks to the services it used, tracked-but-unused actions dropped.
        let admin = try #require(try d.json("least-privilege alice.admin").first)
        let kept = admin["kept"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(kept.contains("organizations:*"))
        #expect(!kept.contains { Wildcard.matchesAction($0, "iam:CreateUser") })
        #expect(kept.contains { Wildcard.matchesAction($0, "iam:PassRole") })   // untracked action of a used service
        #expect(JSONWriter.compact(admin["policy"] ?? .null).count < 6144)
    }

    @Test func reportOfAUser() throws {
        let d = try Demo()
        let rows = try d.json("report dev.dana")
        func values(_ section: String) -> [String] {
            rows.filter { $0["section"]?.stringValue == section }.compactMap { $0["item"]?.stringValue }
        }
        #expect(values("groups") == ["Developers"])
        #expect(values("policies").contains("inline LambdaDeploy"))
        #expect(Set(values("unused")) == ["cloudwatch", "iam", "s3"])
        #expect(rows.contains { $0["item"]?.stringValue == "MFA" && $0["value"]?.stringValue == "none" })
        #expect(!rows.contains { $0["section"]?.stringValue == "note" })        // the solver answered
        _ = d.run("report nobody-at-all")
        #expect(d.err.text.contains("nothing named"))
    }

    // MARK: Saved queries

    static func savedQuery(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Queries/\(name)").path
    }

    @Test func cleanupListOnTheDemo() throws {
        let d = try Demo()
        d.engine.settings.mode = .json
        d.engine.execute(".read \(Self.savedQuery("cleanup-list.sql"))")
        #expect(d.err.text == "")
        let rows = try #require(try JSONParser.parse(d.out.text).arrayValue)
        let items = Set(rows.compactMap { r in r["kind"]?.stringValue.flatMap { k in r["name"]?.stringValue.map { "\(k) \($0)" } } })
        #expect(items == [
            "role BreakGlassAdmin", "role ReportingRole", "role LegacyBatchRole",
            "user old-contractor", "user legacy-ftp", "user dave.analyst",
            "access key old-contractor key 1", "access key svc-reporting key 2",
        ])
    }

    @Test func monthlyCredentialAuditOnTheDemo() throws {
        let d = try Demo()
        d.engine.settings.mode = .jsonl
        d.engine.execute(".read \(Self.savedQuery("monthly-credential-audit.iamsh"))")
        #expect(d.err.text == "")
        let lines = d.out.text.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
        #expect(lines.contains { $0["control"]?.stringValue == "2.4" && $0["status"]?.stringValue == "fail" })
        #expect(!lines.contains { $0["status"]?.stringValue == "pass" })
        #expect(lines.contains { $0["finding_type"]?.stringValue == "UnusedIAMUserAccessKey" })
    }
}
