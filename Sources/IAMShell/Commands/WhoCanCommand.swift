import IAMAnalysis
import IAMPolicy

/// `who-can ACTION RESOURCE`: every principal that can (allow or conditional), with the granting
/// policy and statement; `--denied` also lists those that cannot, with the reason.
struct WhoCanCommand: ShellCommand {
    let spec = CommandSpec(
        name: "who-can",
        aliases: ["whocan"],
        summary: "which principals can perform an action on a resource, and through which policy",
        usage: "who-can ACTION RESOURCE [--context KEY=VALUE]... [--denied] [--transitive]",
        arguments: [.action, .resource], minArguments: 2, maxArguments: 2,
        options: [
            SolverArguments.contextOption,
            .flag("denied", "also list the principals that cannot, with the reason"),
            .flag("transitive", "also the principals that can reach a capable principal, with the path"),
        ],
        details: """
            Lists the IAM users and roles of every loaded account, then the principals outside them that the
            resource's policy lets in (other accounts, "*", AWS services, federated providers). ACTION may be a
            wildcard (s3:Delete*), expanded through the action catalog: one row per principal and action.
            Example: who-can s3:DeleteBucket arn:aws:s3:::acme-prod-artifacts
            """)

    static let columns = ["principal", "principal_type", "account", "action", "decision", "reason", "conditions"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        guard let action = args[0], let r = args[1] else { throw ShellError.usage(spec.usage) }
        guard action.contains(":") || action == "*" else {
            throw ShellError.usage("\"\(action)\" is not an action; write it as service:Action, e.g. s3:GetObject")
        }
        let resource = try SolverArguments.resourceArn(r, in: session)
        let context = try SolverArguments.context(args, in: session)
        if args.has("transitive") {
            let graph = PathGraph.graph(in: session)
            let json = SolverArguments.rendersJSON(session)
            var t = ResultTable(columns: ["principal", "decision", "via", "hops", "path", "reason", "conditions"])
            for row in graph.whoCanTransitive(action: action, resource: resource, context: context) {
                t.append([.text(row.principal), .text(row.decision.rawValue), .text(row.via), .int(row.hops.count),
                          json ? PathGraph.hopObjects(row.hops) : .text(PathGraph.arrows(row.hops, start: row.principal, graph: graph)),
                          .text(row.reason), SolverArguments.conditionsCell(row.conditions)])
            }
            return .table(t)
        }
        let report = session.authorizer.whoCanReport(action: action, resource: resource, context: context,
                                                     includeDenied: args.has("denied"))
        SolverArguments.report(report.warnings, in: session)
        var t = ResultTable(columns: Self.columns)
        for row in report.rows {
            try session.checkInterrupted()
            t.append([.text(row.principal), .text(row.principalType), .text(row.account), .text(row.action),
                      .text(row.decision.rawValue), .text(row.reason), SolverArguments.conditionsCell(row.conditions)])
        }
        return .table(t)
    }
}
