import IAMAnalysis
import IAMPolicy

/// `privesc [PRINCIPAL]`: the principals that can become an administrator, and how (shortest path each).
struct PrivescCommand: ShellCommand {
    let spec = CommandSpec(
        name: "privesc",
        summary: "who can escalate to administrator, and the shortest way there",
        usage: "privesc [PRINCIPAL] [--format dot|mermaid]",
        arguments: [.principal], minArguments: 0, maxArguments: 1,
        extraFormats: GraphRenderer.Format.allCases.map(\.rawValue),
        details: """
            An administrator can do anything, or can grant itself anything; its own explicit denies, SCPs and
            boundaries still apply. A principal escalates when a path of act-as hops, or a permission change it
            can make (put/attach a policy, a new policy version, joining a group, removing a boundary), leads
            to an administrator. A principal that is an administrator only by changing its own permissions is
            listed with that change as its one hop; those that can already do anything are listed by `admins`.
            Example: privesc --format mermaid
            """)

    static let columns = ["principal", "admin", "basis", "decision", "hops", "path", "conditions"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        let principal = try args[0].map { try SolverArguments.principalArn($0, in: session) }
        let graph = PathGraph.graph(in: session)
        let escalations: [Escalation]
        do { escalations = try graph.privesc(principal: principal) } catch let e as GraphError {
            throw ShellError.failed(e.description)
        }
        if let format = PathGraph.drawing(session) {
            return .text(GraphRenderer.render(escalations: escalations, graph: graph, format: format))
        }
        let json = SolverArguments.rendersJSON(session)
        var t = ResultTable(columns: Self.columns)
        for e in escalations {
            let conditions = e.hops.flatMap(\.conditions) + e.adminConditions
            t.append([.text(e.principal), .text(e.admin), .text(e.basis), .text(e.decision.rawValue), .int(e.length),
                      json ? PathGraph.hopObjects(e.hops) : .text(PathGraph.arrows(e.hops, start: e.principal, graph: graph)),
                      SolverArguments.conditionsCell(conditions)])
        }
        if escalations.isEmpty, principal != nil { session.notice("no escalation to administrator found") }
        return .table(t)
    }
}
