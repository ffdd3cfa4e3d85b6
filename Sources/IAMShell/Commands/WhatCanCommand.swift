import IAMAnalysis
import IAMPolicy

/// `what-can PRINCIPAL [ACTION-PATTERN]`: the concrete actions a principal may perform, with the
/// resource scope, access level, decision and granting policy.
struct WhatCanCommand: ShellCommand {
    let spec = CommandSpec(
        name: "what-can",
        aliases: ["whatcan"],
        summary: "what a principal may do: concrete actions, resource scopes, access levels, granting policies",
        usage: "what-can PRINCIPAL [ACTION-PATTERN] [--resource PATTERN] [--service NAME] [--context KEY=VALUE]...",
        arguments: [.principal, .action], minArguments: 1, maxArguments: 2,
        options: [
            .value("resource", "PATTERN", "evaluate every candidate action on this resource", kind: .resource),
            .value("service", "NAME", "only this service's actions (e.g. s3)"),
            SolverArguments.contextOption,
        ],
        details: """
            Wildcards in the principal's policies are expanded through the action catalog; a NotAction grant
            counts only for the actions that apply to its resources. Without --resource, the scopes are the
            Resource patterns of the allowing statements; grants made only by a resource-based policy need
            --resource naming the resource.
            Example: what-can role/DeployRole --service s3
            """)

    static let columns = ["action", "resource", "access_level", "decision", "policy", "conditions"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        guard let p = args[0] else { throw ShellError.usage(spec.usage) }
        let principal = try SolverArguments.principalArn(p, in: session)
        let resource = try args.value("resource").map { try SolverArguments.resourceArn($0, in: session) }
        let report = session.authorizer.whatCanReport(principalArn: principal, actionPattern: args[1], resourcePattern: resource,
                                                      service: args.value("service"),
                                                      context: try SolverArguments.context(args, in: session))
        SolverArguments.report(report.warnings, in: session)
        var t = ResultTable(columns: Self.columns)
        for row in report.rows {
            t.append([.text(row.action), .text(row.resource), .text(row.accessLevel), .text(row.decision.rawValue),
                      .text(row.policy), SolverArguments.conditionsCell(row.conditions)])
        }
        return .table(t)
    }
}
