import IAMAnalysis

/// `admins`: who is effectively an administrator, and why.
struct AdminsCommand: ShellCommand {
    let spec = CommandSpec(
        name: "admins",
        summary: "who is effectively an administrator, and why",
        usage: "admins",
        details: """
            An administrator can do anything — allowed every probe request (IAM changes, passing roles, data and
            compute across services) through the full solver — or can grant itself anything: put or attach a
            policy on itself or a group it is in, write a new version of a policy attached to it, join an
            administrators' group, or remove its own permissions boundary when that is all that holds it back.
            Boundaries, SCPs and explicit denies count: AdministratorAccess under a restrictive boundary is not
            an administrator. An administrator's own denies still apply to what it then does.
            """)

    static let columns = ["principal", "basis", "decision", "actions", "reasons", "conditions"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        let graph = try GraphCommands.graph(session)
        var t = ResultTable(columns: Self.columns)
        for a in graph.admins() {
            t.append([.text(a.principal), .text(a.basis.rawValue), .text(a.decision.rawValue), .list(a.actions), .list(a.reasons),
                      SolverArguments.conditionsCell(a.conditions)])
        }
        return .table(t)
    }
}
