import Foundation
import IAMAnalysis
import IAMPolicy

/// `access RESOURCE`: every principal, inside and outside the zone of trust, that can act on a
/// resource, grouped by access level, with the granting policy — built on the solver's who-can
/// over every catalog action that can target the resource.
struct AccessCommand: ShellCommand {
    let spec = CommandSpec(
        name: "access",
        summary: "who can act on a resource, by access level, inside and outside the zone of trust",
        usage: "access RESOURCE [--level LEVEL]... [--action PATTERN] [--outside] [--zone account|organization] [--context KEY=VALUE]...",
        arguments: [.resource],
        minArguments: 1,
        maxArguments: 1,
        options: [
            .value("level", "LEVEL", "only this access level (List, Read, Write, Permissions management, Tagging)",
                   kind: .choice(ActionCatalog.AccessLevel.allCases.map(\.rawValue)), repeatable: true),
            .value("action", "PATTERN", "only actions matching this pattern (s3:Delete*)", kind: .action),
            .flag("outside", "only principals outside the zone of trust"),
            .value("zone", "ZONE", "zone of trust: account or organization", kind: .choice(["account", "organization"])),
            .value("context", "KEY=VALUE", "request context for conditions", kind: .contextPair, repeatable: true),
        ],
        details: """
        RESOURCE is an ARN, or a loaded resource or role by name. Every action of the catalog that can
        target the resource is asked of who-can; the rows group the actions per principal and access
        level (List, Read, Write, Permissions management, Tagging) and say how the principal gets
        there (the granting policy and statement) and whether it is inside or outside the zone of trust.
        Examples: access arn:aws:lambda:us-east-1:444455556666:function:webhook-handler --level Write
        ("who can change or delete this function"), access role/DeployRole --level "Permissions management".
        """)

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        let text = args.positional[0]
        let arn: String
        if ARN(text) != nil { arn = text } else { arn = try session.snapshot.resolve(text).arn }
        var levels: Set<ActionCatalog.AccessLevel>?
        for l in args.values("level") {
            guard let level = ActionCatalog.AccessLevel(text: l) else {
                throw ShellError.usage("access: --level expects List, Read, Write, Permissions management or Tagging, got \"\(l)\"")
            }
            levels = (levels ?? []).union([level])
        }
        let zone = ZoneOfTrust(snapshot: session.snapshot, requested: try FindingsWorkspace.zone(args.value("zone")))
        let options = ResourceAccess.Options(levels: levels, actionPattern: args.value("action"),
                                             context: session.requestContext(adding: try args.pairs("context")))
        var rows: [ResourceAccess.Row]
        do {
            rows = try ResourceAccess.analyze(resourceArn: arn, authorizer: session.authorizer, zone: zone, options: options)
        } catch let e as ResourceAccess.ResourceAccessError {
            throw ShellError.failed("access: \(e.message)")
        }
        if args.has("outside") { rows = rows.filter { $0.zone == "outside" } }
        var t = ResultTable(columns: ["access_level", "principal", "principal_type", "account", "zone", "decision", "actions", "how", "conditions"])
        for r in rows {
            t.append([.text(r.accessLevel), .text(r.principal), .text(r.principalType), .text(r.account), .text(r.zone),
                      .text(r.decision.rawValue), .list(r.actions), .list(r.how), r.conditions.isEmpty ? .null : .list(r.conditions)])
        }
        return .table(t)
    }
}
