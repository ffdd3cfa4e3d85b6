import IAMAnalysis
import IAMPolicy

/// `paths FROM [TO]`: how one principal can become another — the shortest path and the other
/// distinct paths, one row per hop with the actions, resources and conditions that make it possible.
struct PathsCommand: ShellCommand {
    let spec = CommandSpec(
        name: "paths",
        summary: "how a principal can become others: assume-role chains, credential and policy changes, passed roles",
        usage: "paths FROM [TO] [--max-depth N] [--limit N] [--format dot|mermaid]",
        arguments: [.principal, .principal], minArguments: 1, maxArguments: 2,
        options: [PathGraph.maxDepthOption, .value("limit", "N", "at most N paths (default 10)")],
        extraFormats: GraphRenderer.Format.allCases.map(\.rawValue),
        details: """
            Every hop is checked with the full solver (explicit denies, SCPs, boundaries, trust policies and
            conditions count as for `can`); a hop that depends on unknown context is `conditional`. Without TO,
            the paths to every principal FROM can reach. --format dot or mermaid draws the paths.
            Example: paths user/ci-deployer role/ProdDeployer
            """)

    static let columns = ["path", "hop", "from", "to", "kind", "actions", "resources", "conditions", "decision"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        guard let from = args[0] else { throw ShellError.usage(spec.usage) }
        let source = try SolverArguments.principalArn(from, in: session)
        let target = try args[1].map { try SolverArguments.principalArn($0, in: session) }
        let graph = PathGraph.graph(in: session)
        let found: [PrincipalPath]
        do {
            found = try graph.paths(from: source, to: target, maxDepth: try args.int("max-depth", atLeast: 1) ?? 6, limit: try args.int("limit", atLeast: 1) ?? 10)
        } catch let e as GraphError {
            throw ShellError.failed(e.description)
        }
        if let format = PathGraph.drawing(session) {
            return .text(GraphRenderer.render(paths: found, graph: graph, format: format))
        }
        var t = ResultTable(columns: Self.columns)
        for (p, path) in found.enumerated() {
            for (i, h) in path.hops.enumerated() {
                t.append([.int(p + 1), .int(i + 1), .text(h.from), .text(h.to), .text(h.kind), .list(h.actions),
                          .list(h.resources), SolverArguments.conditionsCell(h.conditions), .text(h.decision.rawValue)])
            }
        }
        if found.isEmpty { session.notice("no path from \(graph.label(source))\(target.map { " to " + graph.label($0) } ?? "")") }
        return .table(t)
    }
}
