import Foundation
import IAMAnalysis
import IAMPolicy

/// `audit`: the CIS AWS Foundations Benchmark v7.0 IAM controls the snapshot can decide, one row per
/// control and account or offending resource, then a summary line. `--fail-on SEVERITY` makes the
/// command (and a script running it) fail when a control of that severity or worse fails.
struct AuditCommand: ShellCommand {
    let spec = CommandSpec(
        name: "audit",
        summary: "CIS AWS Foundations v7.0 IAM controls: pass/fail per control, account and resource",
        usage: "audit [--benchmark cis] [--fail-on SEVERITY] [--unused-days 45] [--rotation-days 90] [--min-password-length 14] [--password-reuse 24]",
        options: [
            .value("benchmark", "NAME", "the benchmark to run (cis)", kind: .choice(["cis"])),
            .value("fail-on", "SEVERITY", "fail when a control of this severity or worse fails (low, medium, high, critical)",
                   kind: .choice(Severity.allCases.map(\.rawValue))),
            .value("unused-days", "N", "2.11: credentials unused this many days fail (45)"),
            .value("rotation-days", "N", "2.12: active keys older than this many days fail (90)"),
            .value("min-password-length", "N", "2.8: required minimum password length (14)"),
            .value("password-reuse", "N", "2.9: required password reuse prevention (24)"),
            .value("root-use-days", "N", "2.7: root used within this many days fails (90)"),
            .value("account", "ID", "only these accounts", repeatable: true),
            .flag("failed", "only rows that did not pass"),
        ],
        details: """
        Every account is judged on its own. Status is pass, fail, manual (the data cannot decide: a person
        must look) or not-collected (the input the control needs is missing: never counted as a pass).
        control is the v7.0 number; cis_v6 and cis_v5 give the same control in v6.0.0 and v5.0.0
        (v6.0-2.12, one active key per user, was dropped in v7.0). Dates count from the shell's now
        (--now, .now). Root use (2.7) compares the latest of the password and key last-used dates.
        """)

    static let columns = ["control", "status", "severity", "account", "resource", "detail", "remediation",
                          "title", "cis_v6", "cis_v5"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        if let b = args.value("benchmark"), b.lowercased() != "cis" {
            throw ShellError.usage("audit: unknown benchmark \"\(b)\" (benchmarks: cis)")
        }
        var failOn: Severity?
        if let f = args.value("fail-on") {
            guard let s = Severity(rawValue: f.lowercased()) else {
                throw ShellError.usage("audit: --fail-on expects low, medium, high or critical, got \"\(f)\"")
            }
            failOn = s
        }
        var options = CISAuditOptions()
        options.unusedDays = try args.int("unused-days", atLeast: 0) ?? options.unusedDays
        options.rotationDays = try args.int("rotation-days", atLeast: 0) ?? options.rotationDays
        options.minPasswordLength = try args.int("min-password-length", atLeast: 0) ?? options.minPasswordLength
        options.passwordReuse = try args.int("password-reuse", atLeast: 0) ?? options.passwordReuse
        options.rootUseDays = try args.int("root-use-days", atLeast: 0) ?? options.rootUseDays

        var results = CISAudit.run(snapshot: session.snapshot, now: session.now, options: options)
        let accounts = Set(args.values("account"))
        if !accounts.isEmpty { results = results.filter { accounts.contains($0.account) } }
        let summary = AuditSummary(results)
        if args.has("failed") { results = results.filter { $0.status != .pass } }

        var table = ResultTable(columns: Self.columns)
        for r in results {
            table.append([.text(r.control), .text(r.status.rawValue), .text(r.severity.rawValue), .text(r.account),
                          .text(r.resource), .text(r.detail), .text(r.remediation), .text(r.title), .text(r.v6), .text(r.v5)])
        }
        var out = CommandResult([.table(table)])
        // The summary goes after the table for people; machine-readable output stays one table.
        let mode = session.outputMode
        if results.isEmpty && summary.controls == 0 {
            session.warn("audit: nothing to audit: no account is loaded")
        } else if mode.isMachineReadable {
            session.notice(summary.line)
        } else {
            out.outputs.append(.text(summary.line))
        }
        if let failOn, summary.hasFailure(atOrAbove: failOn) {
            let n = summary.failuresBySeverity.filter { $0.key >= failOn }.values.reduce(0, +)
            session.warn("audit: \(n) failed row\(n == 1 ? "" : "s") of severity \(failOn.rawValue) or worse (--fail-on \(failOn.rawValue))")
            out.failed = true
        }
        return out
    }
}
