import Foundation
import Testing
@testable import IAMShell

/// `paths`, `privesc`, `admins` and `--transitive` through the shell, on the demo organization
/// (Datasets/README.md lists the chains these must find).
@Suite("Paths commands on the demo organization")
struct PathsCommandTests {
    static func demo() throws -> Harness? {
        guard let dir = DatasetsFolder.demo else { Issue.record("Datasets/demo not found"); return nil }
        let h = try Harness(setup: "")
        h.run("load \(dir)")
        h.reset()
        return h
    }

    static func json(_ text: String) throws -> [[String: Any]] {
        let v = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return (v as? [[String: Any]]) ?? []
    }

    @Test("privesc --format json: each escalating principal with its path (dev.dana through Lambda, dev.frank on his own policy)")
    func privescJSON() throws {
        guard let h = try Self.demo() else { return }
        h.run(".mode json\nprivesc")
        let rows = try Self.json(h.out.text)
        let dana = try #require(rows.first { ($0["principal"] as? String)?.hasSuffix(":user/dev.dana") == true })
        #expect((dana["admin"] as? String)?.hasSuffix(":role/DevAdminRole") == true)
        let path = try #require(dana["path"] as? [[String: Any]])
        #expect(path.first?["kind"] as? String == "lambda:CreateFunction")
        #expect((path.first?["actions"] as? [String])?.contains("iam:PassRole") == true)
        let frank = try #require(rows.first { ($0["principal"] as? String)?.hasSuffix(":user/dev.frank") == true })
        #expect(((frank["path"] as? [[String: Any]])?.first?["kind"] as? String) == "iam:CreatePolicyVersion")
        #expect(!rows.contains { ($0["principal"] as? String)?.hasSuffix(":user/alice.admin") == true })
        #expect(h.err.text.isEmpty)
    }

    @Test("paths FROM TO: one row per hop of the cross-account chain ci-deployer → DeployRole → ProdDeployer")
    func pathsRows() throws {
        guard let h = try Self.demo() else { return }
        h.run(".mode csv\npaths user/ci-deployer role/ProdDeployer")
        let lines = h.out.text.split(separator: "\r\n").map(String.init)
        #expect(lines.first == PathsCommand.columns.joined(separator: ","))
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("1,1,arn:aws:iam::111122223333:user/ci-deployer,arn:aws:iam::111122223333:role/DeployRole,sts:AssumeRole,"))
        #expect(lines[2].contains(",arn:aws:iam::444455556666:role/ProdDeployer,sts:AssumeRole,"))
    }

    @Test("--format dot and --format mermaid draw the path")
    func drawing() throws {
        guard let h = try Self.demo() else { return }
        h.run("paths user/ci-deployer role/ProdDeployer --format dot")
        #expect(h.out.text.hasPrefix("digraph \"iamsh paths\" {"))
        #expect(h.out.text.contains(#""arn:aws:iam::111122223333:role/DeployRole" -> "arn:aws:iam::444455556666:role/ProdDeployer" [label="sts:AssumeRole"];"#))
        h.reset()
        h.run("privesc --format mermaid")
        #expect(h.out.text.hasPrefix("flowchart LR\n"))
        #expect(h.out.text.contains(#"|"lambda:CreateFunction"|"#))
        h.reset()
        h.run("paths user/ci-deployer --format svg")
        #expect(h.err.text.contains("unknown format"))
    }

    @Test("admins: AdministratorAccess holders, and dev.frank who can rewrite his own policy")
    func admins() throws {
        guard let h = try Self.demo() else { return }
        h.run(".mode csv\nadmins")
        let text = h.out.text
        for name in ["user/alice.admin", "user/bob.ops", "role/BreakGlassAdmin", "role/DevAdminRole"] { #expect(text.contains(name)) }
        #expect(text.contains("arn:aws:iam::777788889999:user/dev.frank,can grant itself any permission"))
        #expect(!text.contains("user/dev.dana"))
    }

    @Test("who-can --transitive: ci-deployer writes acme-prod-artifacts through its chain")
    func whoCanTransitive() throws {
        guard let h = try Self.demo() else { return }
        h.run(".mode json\nwho-can s3:PutObject arn:aws:s3:::acme-prod-artifacts/app.zip --transitive")
        let rows = try Self.json(h.out.text)
        let ci = try #require(rows.first { ($0["principal"] as? String)?.hasSuffix(":user/ci-deployer") == true })
        #expect(ci["hops"] as? Int == 2)
        #expect((ci["via"] as? String)?.hasSuffix(":role/ProdDeployer") == true)
    }

    @Test("can --transitive: the direct answer is deny, the transitive one names the route")
    func canTransitive() throws {
        guard let h = try Self.demo() else { return }
        h.run(".mode json\ncan user/ci-deployer s3:PutObject arn:aws:s3:::acme-prod-artifacts/app.zip\ncan user/ci-deployer s3:PutObject arn:aws:s3:::acme-prod-artifacts/app.zip --transitive")
        let text = h.out.text
        let parts = text.components(separatedBy: "]\n").filter { !$0.isEmpty }.map { $0 + "]" }
        #expect(parts.count == 2)
        let direct = try Self.json(parts[0]).first
        let transitive = try Self.json(parts[1]).first
        #expect(direct?["decision"] as? String == "deny")
        #expect(transitive?["decision"] as? String == "allow")
        #expect(transitive?["hops"] as? Int == 2)
    }

    @Test("an unknown principal is an error naming the candidates; the script goes on")
    func unknownPrincipal() throws {
        guard let h = try Self.demo() else { return }
        h.run("paths dev\nadmins")
        #expect(h.err.text.contains("candidates: "))
        #expect(h.out.text.contains("alice.admin"))
    }

    @Test("--max-depth and --limit must be 1 or more")
    func depthAndLimitBounds() throws {
        guard let h = try Self.demo() else { return }
        for line in ["paths user/dev.dana --max-depth 0", "paths user/dev.dana --max-depth -1", "paths user/dev.dana --limit 0"] {
            h.reset()
            h.command(line)
            #expect(h.err.text.contains("expects a number of 1 or more"), "\(line)")
            #expect(h.out.text.isEmpty, "\(line)")
        }
        h.reset()
        h.command("paths user/dev.dana --max-depth 1 --format csv")
        #expect(h.out.text.contains("role/DevAdminRole"))
    }
}
