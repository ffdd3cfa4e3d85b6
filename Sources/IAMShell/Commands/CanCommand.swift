import Foundation
import IAMAnalysis
import IAMPolicy

/// `can PRINCIPAL ACTION RESOURCE`: one decision, with the reason and (for `conditional`) the
/// conditions still to be met; `--explain` adds the evaluation trace.
struct CanCommand: ShellCommand {
    let spec = CommandSpec(
        name: "can",
        summary: "can a principal perform an action on a resource? allow, deny or conditional, and why",
        usage: "can PRINCIPAL ACTION RESOURCE [--context KEY=VALUE]... [--session-policy FILE] [--explain] [--transitive]",
        arguments: [.principal, .action, .resource], minArguments: 3, maxArguments: 3,
        options: [
            SolverArguments.contextOption,
            .value("session-policy", "FILE", "evaluate as a session limited by this session policy (JSON file)", kind: .path),
            .flag("explain", "add the trace: every layer in order, each statement considered, and why it matched or not"),
            .flag("transitive", "when the principal cannot itself, the shortest path to a principal that can"),
        ],
        details: """
            The answer follows AWS's evaluation logic: an explicit Deny anywhere wins; SCPs must allow at every
            level of the principal's organization path and RCPs on the resource's account; then resource-based
            and identity policies, permission boundaries and session policies. `conditional` means the answer
            depends on request-context keys that are neither known from the data nor given with --context.
            Example: can user/ci-deployer s3:GetObject arn:aws:s3:::example-bucket/key --explain
            """)

    static let columns = ["principal", "action", "resource", "decision", "reason", "conditions"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        guard let p = args[0], let action = args[1], let r = args[2] else { throw ShellError.usage(spec.usage) }
        guard action.contains(":") || action == "*" else {
            throw ShellError.usage("\"\(action)\" is not an action; write it as service:Action, e.g. s3:GetObject")
        }
        let principal = try SolverArguments.principalArn(p, in: session)
        let resource = try SolverArguments.resourceArn(r, in: session)
        let context = try SolverArguments.context(args, in: session)
        let sessionPolicy = try args.value("session-policy").map(Self.readSessionPolicy)
        let explain = args.has("explain")
        if args.has("transitive") {
            return try Self.transitive(principal, action, resource, context, in: session)
        }
        let result = session.authorizer.can(principalArn: principal, action: action, resource: resource, context: context,
                                            sessionPolicy: sessionPolicy, explain: explain)
        SolverArguments.report(result.warnings, in: session)
        var columns = Self.columns
        var row: [Cell] = [.text(result.principal), .text(result.action), .text(result.resource), .text(result.decision.rawValue),
                           .text(result.reason), SolverArguments.conditionsCell(result.conditions)]
        let json = SolverArguments.rendersJSON(session)
        if explain && json {
            columns.append("trace")
            row.append(.json(.array(result.trace.map { step in
                ["layer": .string(step.layer), "policy": .string(step.policy),
                 "statement": step.statement.map { .string($0) } ?? .null, "outcome": .string(step.outcome)]
            })))
        }
        var outputs: [CommandOutput] = [.table(ResultTable(columns: columns, rows: [row]))]
        if explain && !json {
            var trace = ResultTable(columns: ["step", "layer", "policy", "statement", "outcome"])
            for (i, step) in result.trace.enumerated() {
                trace.append([.int(i + 1), .text(step.layer), .text(step.policy), .text(step.statement), .text(step.outcome)])
            }
            outputs.append(.table(trace))
        }
        return CommandResult(outputs)
    }

    /// `--transitive`: the direct answer when it is allow, else the shortest route to a principal that can.
    static func transitive(_ principal: String, _ action: String, _ resource: String, _ context: RequestContext,
                           in session: Session) throws -> CommandResult {
        let graph = PathGraph.graph(in: session)
        let row: TransitiveRow
        do { row = try graph.canTransitive(principalArn: principal, action: action, resource: resource, context: context) } catch let e as GraphError {
            throw ShellError.failed(e.description)
        }
        let json = SolverArguments.rendersJSON(session)
        var t = ResultTable(columns: ["principal", "action", "resource", "decision", "via", "hops", "path", "reason", "conditions"])
        t.append([.text(row.principal), .text(action), .text(resource), .text(row.decision.rawValue), .text(row.via),
                  .int(row.hops.count), json ? PathGraph.hopObjects(row.hops) : .text(PathGraph.arrows(row.hops, start: row.principal, graph: graph)),
                  .text(row.reason), SolverArguments.conditionsCell(row.conditions)])
        return .table(t)
    }

    static func readSessionPolicy(_ path: String) throws -> PolicyDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError.failed("cannot read the session policy file \(path)")
        }
        do {
            return try PolicyParser.parse(text: String(decoding: data, as: UTF8.self), kind: .session)
        } catch {
            throw ShellError.failed("\(path): not a valid session policy: \(error)")
        }
    }
}
