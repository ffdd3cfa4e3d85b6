import Foundation
import IAMAnalysis
import IAMPolicy

/// `unused [--days N]`: unused roles, access keys, console passwords and permissions (service and
/// action level), like Access Analyzer's unused-access findings, from the snapshot's own evidence.
struct UnusedCommand: ShellCommand {
    let spec = CommandSpec(
        name: "unused",
        summary: "unused roles, access keys, passwords and permissions (service and action level)",
        usage: "unused [--days 90] [--kind role|key|password|permission] [--account ID]",
        options: [
            .value("days", "N", "the tracking period: unused for this many days or more (90)"),
            .value("kind", "KIND", "only one kind of finding", kind: .choice(["role", "key", "password", "permission"])),
            .value("account", "ID", "only these accounts", repeatable: true),
        ],
        details: """
        Roles from RoleLastUsed, keys and passwords from the credential report (a credential never used
        is judged by its age), permissions from service last-accessed data: a service the principal's
        policies grant that was not used, or, where the data tracks actions, a tracked action not used.
        Only IAM users and roles older than the period are judged; service-linked roles are left out.
        """)

    static let columns = ["finding_type", "level", "account", "principal", "credential", "service", "action",
                          "last_used", "detail"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        let days = try args.int("days", atLeast: 0) ?? 90
        var findings = UnusedAccess.analyze(snapshot: session.snapshot, now: session.now, days: days)
        if let kind = args.value("kind") {
            let wanted: UnusedAccessFinding.Kind
            switch kind.lowercased() {
            case "role": wanted = .role
            case "key": wanted = .accessKey
            case "password": wanted = .password
            case "permission": wanted = .permission
            default: throw ShellError.usage("unused: --kind expects role, key, password or permission, got \"\(kind)\"")
            }
            findings = findings.filter { $0.kind == wanted }
        }
        let accounts = Set(args.values("account"))
        if !accounts.isEmpty { findings = findings.filter { accounts.contains($0.account) } }
        if session.snapshot.lastAccessed.isEmpty {
            session.warn("unused: no service last-accessed data is loaded: unused permissions cannot be found")
        }
        var table = ResultTable(columns: Self.columns)
        for f in findings {
            table.append([.text(f.kind.rawValue), .text(f.level), .text(f.account), .text(f.principal), .text(f.credential),
                          .text(f.service), .text(f.action), .text(f.lastUsed.map(Timestamp.format)), .text(f.detail)])
        }
        return .table(table)
    }
}
