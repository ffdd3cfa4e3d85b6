import IAMAnalysis
import IAMPolicy

/// `admins`: who is effectively an administrator, and why.
struct AdminsCommand: ShellCommand {
    let spec = CommandSpec(
        name: "admins",
        summary: "who is effectively an administrator, and why",
        usage: "admins",
        details: """
            A principal is an administrator when the solver allows it every probe request (effectively * on *),
            or when it can grant itself any permission (put/attach a policy on itself or its group, rewrite a
            policy attached to it, join an administrators' group, remove its own boundary). Decisions count
            SCPs, boundaries and explicit denies, so a bounded or SCP-limited principal is not an administrator.
            """)

    static let columns = ["principal", "basis", "decision", "actions", "conditions", "reasons"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        var t = ResultTable(columns: Self.columns)
        for a in PathGraph.graph(in: session).admins() {
            t.append([.text(a.principal), .text(a.basis.rawValue), .text(a.decision.rawValue), .list(a.actions),
                      SolverArguments.conditionsCell(a.conditions), .list(a.reasons)])
        }
        return .table(t)
    }
}
