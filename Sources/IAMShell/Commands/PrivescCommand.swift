import IAMAnalysis

/// `privesc [PRINCIPAL]`: the principals that can become an administrator, each with its shortest
/// route; `--format dot|mermaid` draws the escalation graph.
struct PrivescCommand: ShellCommand {
    let spec = CommandSpec(
        name: "privesc",
        summary: "which principals can become an administrator, and how (shortest route each)",
        usage: "privesc [PRINCIPAL] [--format dot|mermaid]",
        arguments: [.principal], minArguments: 0, maxArguments: 1,
        extraFormats: ["dot", "mermaid"],
        details: """
            A route is act-as hops to an administrator, or hops to a principal that can give some principal
            you can act as any permission (put or attach a policy, a new policy version, a group it is in), to
            one that can add users to an administrators' group, or to one that can remove a boundary that is
            all that keeps a principal from being an administrator. Every hop is confirmed by the solver, so
            denies, SCPs, boundaries and trust conditions count; `conditional` routes name what must hold.
            With PRINCIPAL: its route (none when it cannot escalate; no hops when it already is an administrator).
            Example: privesc --format json
            """)

    static let columns = ["principal", "admin", "basis", "decision", "hops", "path", "conditions"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        let graph = try GraphCommands.graph(session)
        let rows: [Escalation]
        do {
            rows = try graph.privesc(principal: args[0])
        } catch let e as GraphError {
            throw ShellError.failed(e.message)
        }
        if let format = GraphCommands.drawing(session) {
            return .text(GraphRenderer.render(escalations: rows, graph: graph, format: format))
        }
        if let p = args[0], rows.isEmpty { session.notice("\(p) cannot become an administrator (within \(PrincipalGraph.privescDepth) hops)") }
        let json = SolverArguments.rendersJSON(session)
        var t = ResultTable(columns: Self.columns)
        for e in rows {
            try session.checkInterrupted()
            let conditions = e.hops.flatMap { h in h.conditions.map { "\(graph.label(h.from)) → \(graph.label(h.to)): \($0)" } }
                + e.adminConditions
            t.append([.text(e.principal), .text(e.admin), .text(e.basis), .text(e.decision.rawValue), .int(e.length),
                      GraphCommands.pathCell(e.hops, graph: graph, json: json), SolverArguments.conditionsCell(conditions)])
        }
        return .table(t)
    }
}
