import Foundation
import IAMAnalysis
import IAMPolicy

/// `archive ID` and `unarchive ID`: a reviewer's decision on an external access finding, kept in
/// the findings state file beside the snapshot so that it survives the next load. An ID may be
/// shortened to a unique prefix of at least four characters. Unarchiving also overrides archive
/// rules for that finding.
struct ArchiveCommand: ShellCommand {
    let archive: Bool

    var spec: CommandSpec {
        CommandSpec(
            name: archive ? "archive" : "unarchive",
            summary: archive ? "archive an external access finding (an intended exposure)" : "make an archived finding active again",
            usage: archive ? "archive ID [--note TEXT]" : "unarchive ID",
            arguments: [.text],
            minArguments: 1,
            maxArguments: 1,
            options: (archive ? [OptionSpec.value("note", "TEXT", "why the access is intended")] : []) + [
                .value("state", "FILE", "the findings state file (default: .iamsh-findings-state.json beside the snapshot)", kind: .path),
                .value("zone", "ZONE", "zone of trust of the findings: account or organization", kind: .choice(["account", "organization"])),
            ],
            details: """
            The ID is a finding's id from `findings` (or a unique prefix of it, at least 4 characters).
            The decision is written to .iamsh-findings-state.json beside the snapshot (--state FILE to
            choose) and applies to every later `findings` run on this or a later snapshot.
            """)
    }

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        let workspace = try FindingsWorkspace(session: session, args: args)
        let outcome = try workspace.run()
        let known = Array(Set(outcome.findings.map(\.id)).union(outcome.state.records.keys)).sorted()
        let id: String
        do { id = try FindingsState.resolveId(args.positional[0], among: known) } catch let e as FindingsStateError {
            throw ShellError.failed(e.message)
        }
        var state = outcome.state
        if archive {
            state.archive(id, at: session.now, note: args.value("note"))
        } else {
            guard state.decisions[id]?.status == .archived || outcome.archivedByRule[id] != nil else {
                throw ShellError.failed("finding \(id) is not archived")
            }
            state.unarchive(id, at: session.now)
        }
        try workspace.saveOrFail(state)
        let after = FindingsLifecycle.apply(current: workspace.report().findings, state: state, rules: [], now: session.now,
                                            zone: workspace.report().zone.kind.rawValue)
        let finding = after.findings.first { $0.id == id } ?? outcome.findings.first { $0.id == id }
        var t = ResultTable(columns: ["id", "status", "resource", "principal", "is_public", "note"])
        t.append([.text(id), .text(archive ? "archived" : "active"), .text(finding?.resource), .text(finding?.principal),
                  finding.map { .bool($0.isPublic) } ?? .null, .text(args.value("note"))])
        return .table(t)
    }
}
