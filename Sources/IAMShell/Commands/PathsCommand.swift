import IAMAnalysis
import IAMPolicy

/// `paths FROM [TO] [--max-depth N] [--limit N]`: how one principal can act as another, one row per
/// hop; `--format dot|mermaid` draws the paths instead.
struct PathsCommand: ShellCommand {
    let spec = CommandSpec(
        name: "paths",
        summary: "how a principal can act as others: assume-role chains, credentials, passed roles, hop by hop",
        usage: "paths FROM [TO] [--max-depth N] [--limit N] [--format dot|mermaid]",
        arguments: [.principal, .principal], minArguments: 1, maxArguments: 2,
        options: [
            .value("max-depth", "N", "the longest path looked for, in hops (default 6)"),
            .value("limit", "N", "with TO: at most N paths, the shortest first (default 10)"),
        ],
        extraFormats: ["dot", "mermaid"],
        details: """
            With TO: the shortest path first, then the other distinct paths. Without: the shortest path to every
            principal FROM can reach. One row per hop: the kind of hop (sts:AssumeRole, iam:CreateAccessKey,
            lambda:CreateFunction…), the actions the solver confirmed, the resources they were checked on, and the
            conditions still to be met (decision conditional). An administrator reaches every principal of its
            account; a hop out of one is confirmed when a path needs it, its own denies and SCPs included.
            FROM may also be an identity provider named in trust policies (a SAML provider ARN, accounts.google.com).
            Example: paths user/dev role/prod-admin --format mermaid
            """)

    static let columns = ["path", "hop", "from", "to", "kind", "actions", "resources", "conditions", "decision"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        guard let from = args[0] else { throw ShellError.usage(spec.usage) }
        let depth = try args.int("max-depth") ?? 6
        let limit = try args.int("limit") ?? 10
        guard depth >= 1, limit >= 1 else { throw ShellError.usage("--max-depth and --limit must be at least 1") }
        let graph = try GraphCommands.graph(session)
        let paths: [PrincipalPath]
        do {
            paths = try graph.paths(from: from, to: args[1], maxDepth: depth, limit: limit)
        } catch let e as GraphError {
            throw ShellError.failed(e.message)
        }
        for p in paths where p.hops.isEmpty {
            if let a = p.targetAdmin {
                session.notice("\(graph.label(p.source)) is an administrator (\(a.basis.rawValue)): it reaches every principal of account \(graph.account(p.source)) unless a deny stops it; only its paths to other accounts are listed")
            }
        }
        let real = paths.filter { !$0.hops.isEmpty }
        if let format = GraphCommands.drawing(session) {
            return .text(GraphRenderer.render(paths: real, graph: graph, format: format))
        }
        if real.isEmpty, args[1] != nil {
            session.notice("no path from \(from) to \(args[1] ?? "") within \(depth) hops")
        }
        var t = ResultTable(columns: Self.columns)
        for (i, p) in real.enumerated() {
            try session.checkInterrupted()
            for (j, h) in p.hops.enumerated() {
                t.append([.int(i + 1), .int(j + 1)] + GraphCommands.hopCells(h))
            }
        }
        return .table(t)
    }
}

/// What the graph commands (`paths`, `privesc`, `admins`, and `--transitive` on `can`/`who-can`) share.
enum GraphCommands {
    /// The principal graph of the loaded snapshot, built on first use after each load.
    static func graph(_ session: Session) throws -> PrincipalGraph {
        try session.checkInterrupted()
        return session.cached("principal-graph") { PrincipalGraph(authorizer: session.authorizer) }
    }

    /// `dot` or `mermaid` when the command was asked to draw.
    static func drawing(_ session: Session) -> GraphRenderer.Format? {
        session.requestedFormat.flatMap(GraphRenderer.Format.init(rawValue:))
    }

    /// from, to, kind, actions, resources, conditions, decision.
    static func hopCells(_ h: Hop) -> [Cell] {
        [.text(h.from), .text(h.to), .text(h.kind), .list(h.actions), .list(h.resources),
         h.conditions.isEmpty ? .null : .list(h.conditions), .text(h.decision.rawValue)]
    }

    /// A path as one cell: an array of hop objects in the JSON modes, `a -[kind]-> b …` in the others.
    static func pathCell(_ hops: [Hop], graph: PrincipalGraph, json: Bool) -> Cell {
        if hops.isEmpty { return .null }
        if json {
            return .json(.array(hops.map { h in
                .object([JSONMember("from", .string(h.from)), JSONMember("to", .string(h.to)), JSONMember("kind", .string(h.kind)),
                         JSONMember("category", .string(h.category.rawValue)),
                         JSONMember("actions", .array(h.actions.map { .string($0) })),
                         JSONMember("resources", .array(h.resources.map { .string($0) })),
                         JSONMember("conditions", .array(h.conditions.map { .string($0) })),
                         JSONMember("decision", .string(h.decision.rawValue))])
            }))
        }
        var text = ""
        var at = ""
        for h in hops {
            // Steps of a route may restart from the escalating principal: name each start that is not the last end.
            if h.from != at { text += (text.isEmpty ? "" : "; ") + graph.label(h.from) }
            text += " -[\(h.kind)\(h.decision == .conditional ? "?" : "")]-> " + graph.label(h.to)
            at = h.to
        }
        return .text(text)
    }

    /// `who-can ACTION RESOURCE --transitive`.
    static func whoCanTransitive(action: String, resource: String, context: RequestContext, in session: Session) throws -> CommandResult {
        let graph = try GraphCommands.graph(session)
        let json = SolverArguments.rendersJSON(session)
        var t = ResultTable(columns: ["principal", "action", "decision", "via", "hops", "path", "reason", "conditions"])
        for r in graph.whoCanTransitive(action: action, resource: resource, context: context) {
            try session.checkInterrupted()
            t.append([.text(r.principal), .text(r.action), .text(r.decision.rawValue), .text(r.via), .int(r.hops.count),
                      pathCell(r.hops, graph: graph, json: json), .text(r.reason), SolverArguments.conditionsCell(r.conditions)])
        }
        return .table(t)
    }

    /// `can PRINCIPAL ACTION RESOURCE --transitive`.
    static func canTransitive(principal: String, action: String, resource: String, context: RequestContext,
                              in session: Session) throws -> CommandResult {
        let graph = try GraphCommands.graph(session)
        let r: TransitiveRow
        do {
            r = try graph.canTransitive(principalArn: principal, action: action, resource: resource, context: context)
        } catch let e as GraphError {
            throw ShellError.failed(e.message)
        }
        let json = SolverArguments.rendersJSON(session)
        var t = ResultTable(columns: ["principal", "action", "resource", "decision", "via", "hops", "path", "reason", "conditions"])
        t.append([.text(r.principal), .text(action), .text(resource), .text(r.decision.rawValue), .text(r.via), .int(r.hops.count),
                  pathCell(r.hops, graph: graph, json: json), .text(r.reason), SolverArguments.conditionsCell(r.conditions)])
        return .table(t)
    }
}
