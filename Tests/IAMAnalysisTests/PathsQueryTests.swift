import Testing
import IAMPolicy
@testable import IAMAnalysis

/// A small organization with chains: dev → deploy → (PassRole to Lambda) → lambda-admin; dev →
/// ci → deploy (a longer alternative); ops → (CreateAccessKey) → admin user; a cross-account
/// role in B trusting A's deploy role; a SAML provider trusted by a federated role.
enum ChainWorld {
    static let a = Acct.a, b = Acct.b
    static func role(_ n: String, _ acct: String = Acct.a) -> String { "arn:aws:iam::\(acct):role/\(n)" }
    static func user(_ n: String, _ acct: String = Acct.a) -> String { "arn:aws:iam::\(acct):user/\(n)" }
    static let saml = "arn:aws:iam::\(Acct.a):saml-provider/CorpIdP"

    static let world: World = {
        var w = WorldBuilder(accounts: [a, b])
        let admin = w.managed("AdministratorAccess", account: "aws", policy(allow("*")))
        w.user("dev", inline: [policy(allow("sts:AssumeRole", on: role("deploy") + "|" + role("ci")))])
        w.role("ci", trust: awsTrust([a]), inline: [policy(allow("sts:AssumeRole", on: role("deploy")))])
        w.role("deploy", trust: awsTrust([a]),
               inline: [policy(allow("iam:PassRole", on: role("lambda-admin")), allow("lambda:CreateFunction", "lambda:InvokeFunction"),
                               allow("sts:AssumeRole", on: role("audit", b)))])
        w.role("lambda-admin", trust: serviceTrust("lambda.amazonaws.com"), managed: [admin])
        w.user("ops", inline: [policy(allow("iam:CreateAccessKey", on: user("root-ish")))])
        let ru = w.user("root-ish", managed: [admin])
        w.credentials(ru, password: true, keys: 1)
        w.user("nobody", inline: [policy(allow("s3:GetObject"))])
        w.role("audit", account: b, trust: awsTrust([role("deploy")]), inline: [policy(allow("s3:GetObject"))])
        w.role("federated-dev", trust: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"\#(saml)"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}"#,
               inline: [policy(allow("sts:AssumeRole", on: role("deploy")))])
        return w.build()
    }()

    static let graph = world.graph
}

@Suite("Paths: path search, privesc, transitive access")
struct PathsQueryTests {
    let g = ChainWorld.graph
    typealias C = ChainWorld

    @Test("paths FROM TO: the shortest path first, then the distinct longer ones")
    func shortestFirst() throws {
        let ps = try g.paths(from: C.user("dev"), to: C.role("lambda-admin"))
        #expect(ps.count == 2)
        #expect(ps.first?.hops.map(\.to) == [C.role("deploy"), C.role("lambda-admin")])
        #expect(ps.first?.hops.map(\.kind) == ["sts:AssumeRole", "lambda:CreateFunction"])
        #expect(ps.last?.hops.map(\.to) == [C.role("ci"), C.role("deploy"), C.role("lambda-admin")])
        #expect(ps.first?.targetAdmin?.basis == .full)
        let lambdaHop = try #require(ps.first?.hops.last)
        #expect(lambdaHop.actions.contains("iam:PassRole"))
        #expect(lambdaHop.actions.contains("lambda:CreateFunction"))
        #expect(lambdaHop.resources.contains(C.role("lambda-admin")))
    }

    @Test("paths: max depth cuts longer paths; a path beyond it is not found")
    func maxDepth() throws {
        #expect(try g.paths(from: C.user("dev"), to: C.role("lambda-admin"), maxDepth: 2).count == 1)
        #expect(try g.paths(from: C.user("dev"), to: C.role("lambda-admin"), maxDepth: 1).isEmpty)
        #expect(try g.paths(from: C.user("dev"), to: C.role("lambda-admin"), limit: 1).count == 1)
    }

    @Test("paths FROM: the shortest path to every reachable principal, across accounts")
    func pathsFromOnly() throws {
        let ps = try g.paths(from: C.user("dev"))
        let targets = Set(ps.map(\.target))
        #expect(targets == [C.role("deploy"), C.role("ci"), C.role("lambda-admin"), C.role("audit", C.b)])
        #expect(ps.first { $0.target == C.role("audit", C.b) }?.length == 2)
    }

    @Test("paths from an unknown name is an error; from a principal with no edges, nothing")
    func unknownAndEmpty() throws {
        #expect(throws: GraphError.self) { try g.paths(from: "arn:aws:iam::\(Acct.a):user/ghost") }
        #expect(try g.paths(from: C.user("nobody")).isEmpty)
    }

    @Test("a path through an administrator reaches a principal of its account with a hop confirmed by the solver")
    func throughAdmin() throws {
        let ps = try g.paths(from: C.user("dev"), to: C.user("nobody"))
        let p = try #require(ps.first)
        #expect(p.hops.map(\.from) == [C.user("dev"), C.role("deploy"), C.role("lambda-admin")])
        #expect(p.hops.last?.to == C.user("nobody"))
        #expect(p.hops.last?.kind == "iam:CreateAccessKey")
    }

    @Test("identity-provider nodes: SAML federation is an edge from the provider, conditional on the SAML audience")
    func federated() throws {
        let e = try #require(g.edge(C.saml, C.role("federated-dev"), kind: "sts:AssumeRoleWithSAML"))
        #expect(e.decision == .conditional)
        #expect(e.conditions.contains { $0.contains("SAML:aud") })
        let ps = try g.paths(from: C.saml, to: C.role("lambda-admin"))
        #expect(ps.first?.length == 3)
    }

    @Test("privesc: each escalating principal with its shortest route; administrators and dead ends are not listed")
    func privescAll() throws {
        let rows = try g.privesc()
        let byPrincipal = Dictionary(uniqueKeysWithValues: rows.map { ($0.principal, $0) })
        #expect(byPrincipal[C.user("dev")]?.length == 2)
        #expect(byPrincipal[C.user("dev")]?.admin == C.role("lambda-admin"))
        #expect(byPrincipal[C.role("ci")]?.length == 2)
        #expect(byPrincipal[C.user("ops")]?.hops.map(\.kind) == ["iam:CreateAccessKey"])
        #expect(byPrincipal[C.saml]?.length == 3)
        #expect(byPrincipal[C.user("nobody")] == nil)
        #expect(byPrincipal[C.role("lambda-admin")] == nil)
        #expect(byPrincipal[C.role("audit", C.b)] == nil)
    }

    @Test("privesc PRINCIPAL: an administrator gets a route of no hops")
    func privescAdmin() throws {
        let rows = try g.privesc(principal: C.user("root-ish"))
        #expect(rows.count == 1)
        #expect(rows.first?.hops.isEmpty == true)
        #expect(rows.first?.adminInfo?.basis == .full)
    }

    @Test("who-can --transitive: direct principals, then those that reach one, with the path")
    func whoCanTransitive() throws {
        let rows = g.whoCanTransitive(action: "s3:GetObject", resource: "arn:aws:s3:::example-bucket/key")
        let by = Dictionary(rows.map { ($0.principal, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(by[C.user("nobody")]?.hops.isEmpty == true)
        #expect(by[C.user("dev")]?.hops.count == 2)   // dev → deploy → lambda-admin or audit
        #expect(by[C.user("ops")]?.via == C.user("root-ish"))
        #expect(rows.first?.hops.isEmpty == true)
    }

    @Test("can --transitive: direct when allowed; otherwise the shortest route to a principal that can")
    func canTransitive() throws {
        let direct = try g.canTransitive(principalArn: C.user("nobody"), action: "s3:GetObject", resource: "arn:aws:s3:::example-bucket/key")
        #expect(direct.decision == .allow)
        #expect(direct.hops.isEmpty)
        let viaAdmin = try g.canTransitive(principalArn: C.user("ops"), action: "dynamodb:GetItem",
                                           resource: "arn:aws:dynamodb:us-east-1:\(Acct.a):table/orders")
        #expect(viaAdmin.decision == .allow)
        #expect(viaAdmin.via == C.user("root-ish"))
        let none = try g.canTransitive(principalArn: C.role("audit", C.b), action: "dynamodb:GetItem",
                                       resource: "arn:aws:dynamodb:us-east-1:\(Acct.b):table/orders")
        #expect(none.decision == .deny)
    }

    @Test("edges rows: lists as JSON arrays, one row per stored edge")
    func edgeRows() throws {
        let rows = g.edgeRows()
        #expect(rows.count == g.edges.count)
        let r = try #require(rows.first { $0.source == C.user("ops") })
        #expect(r.kind == "iam:CreateAccessKey")
        #expect(r.actions == #"["iam:CreateAccessKey"]"#)
        #expect(r.resources.hasPrefix("[\""))
        #expect(r.conditions == "[]")
        #expect(r.decision == "allow")
        #expect(EdgeRow.columns == ["source", "target", "kind", "category", "actions", "resources", "conditions", "decision"])
    }
}
