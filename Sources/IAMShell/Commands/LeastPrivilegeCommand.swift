import Foundation
import IAMAnalysis
import IAMPolicy

/// `least-privilege PRINCIPAL [--days N]`: a policy that keeps what the principal used and drops the
/// rest, printed as JSON ready for `aws iam create-policy`, followed by what it removes.
struct LeastPrivilegeCommand: ShellCommand {
    let spec = CommandSpec(
        name: "least-privilege",
        summary: "a policy keeping only what a principal used, and what it removes",
        usage: "least-privilege PRINCIPAL [--days 90] [--policy-only]",
        arguments: [.principal],
        minArguments: 1,
        maxArguments: 1,
        options: [
            .value("days", "N", "keep what was used within this many days (90)"),
            .flag("policy-only", "print only the policy document"),
        ],
        details: """
        Used means: at action level where the last-accessed data tracks actions, otherwise every action of a
        used service that the principal holds now. Kept statements keep their Resource and Condition, and
        Deny statements on kept services stay, so the policy never allows more than before. In the table
        modes the document is printed first, then the removed permissions; json gives one object with
        principal, policy, kept, removed and notes. Save it with .once FILE and run
        aws iam create-policy --policy-name NAME --policy-document file://FILE.
        """)

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        let days = try args.int("days", atLeast: 0) ?? 90
        let lp: LeastPrivilegePolicy
        do {
            lp = try LeastPrivilege.generate(principal: args.positional[0], snapshot: session.snapshot, now: session.now,
                                             days: days, catalog: session.catalog)
        } catch let e as LeastPrivilegeError {
            throw ShellError.failed("least-privilege: \(e.description)")
        }
        for n in lp.notes { session.warn("least-privilege: \(n)") }
        if args.has("policy-only") { return .text(lp.json) }
        let mode = session.outputMode
        if mode.isMachineReadable {
            let removed: JSONValue = .array(lp.removed.map { r in
                .object([JSONMember("action", .string(r.action)), JSONMember("policy", .string(r.policy)),
                         JSONMember("reason", .string(r.reason)),
                         JSONMember("last_accessed", r.lastAccessed.map { .string(Timestamp.format($0)) } ?? .null)])
            })
            var t = ResultTable(columns: ["principal", "policy", "kept", "removed", "notes"])
            t.append([.text(lp.principal), .json(lp.document), .list(lp.kept), .json(removed), .list(lp.notes)])
            return .table(t)
        }
        var removed = ResultTable(columns: ["removed", "from_policy", "reason", "last_accessed"])
        for r in lp.removed {
            removed.append([.text(r.action), .text(r.policy), .text(r.reason), .text(r.lastAccessed.map(Timestamp.format))])
        }
        return CommandResult([.text(lp.json), .table(removed)])
    }
}
