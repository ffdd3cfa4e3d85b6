import Foundation
import IAMAnalysis
import IAMPolicy

/// `report PRINCIPAL`: identity, groups, policies, effective services (through the solver), last
/// access per service, unused services, and the credentials (password, MFA, keys).
struct ReportCommand: ShellCommand {
    let spec = CommandSpec(
        name: "report",
        summary: "access report of a user or role: policies, effective services, last access, credentials",
        usage: "report PRINCIPAL [--days 90]",
        arguments: [.principal],
        minArguments: 1,
        maxArguments: 1,
        options: [.value("days", "N", "services not used within this many days are listed as unused (90)")],
        details: """
        One row per fact: section (identity, groups, policies, boundary, services, unused, credentials,
        note), item, value, detail. Effective services come from the permission solver (what-can); when
        it reports nothing the services are read from the policies' Allow statements and a note says so.
        """)

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        let days = try args.int("days", atLeast: 0) ?? 90
        let report = try AccessReport.build(principal: args.positional[0], snapshot: session.snapshot, now: session.now,
                                            authorizer: session.authorizer, days: days)
        var t = ResultTable(columns: ["section", "item", "value", "detail"])
        for r in report.rows { t.append([.text(r.section), .text(r.item), .text(r.value), .text(r.detail)]) }
        return .table(t)
    }
}
