import IAMAnalysis
import IAMPolicy

/// `summary`: what is loaded, one row per account (plus one for AWS managed policies).
struct SummaryCommand: ShellCommand {
    let spec = CommandSpec(
        name: "summary",
        summary: "what is loaded, per account",
        usage: "summary")

    static let columns = ["account", "name", "users", "groups", "roles", "policies", "inline_policies",
                          "resource_policies", "access_keys", "credential_report", "last_accessed", "findings"]

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        .table(Self.table(session.snapshot))
    }

    struct Counts {
        var users = 0, groups = 0, roles = 0, policies = 0, inline = 0, resourcePolicies = 0
        var keys = 0, credentialRows = 0, lastAccessed = 0, findings = 0
    }

    static func table(_ s: Snapshot) -> ResultTable {
        var counts: [String: Counts] = [:]
        func bump(_ account: String?, _ body: (inout Counts) -> Void) {
            guard let account, !account.isEmpty else { return }
            body(&counts[account, default: Counts()])
        }
        for u in s.users { bump(u.account) { $0.users += 1; $0.inline += u.inlinePolicies.count } }
        for g in s.groups { bump(g.account) { $0.groups += 1; $0.inline += g.inlinePolicies.count } }
        for r in s.roles { bump(r.account) { $0.roles += 1; $0.inline += r.inlinePolicies.count } }
        for p in s.policies { bump(p.account) { $0.policies += 1 } }
        for r in s.resourcePolicies { bump(r.account) { $0.resourcePolicies += 1 } }
        for k in s.accessKeys { bump(k.account) { $0.keys += 1 } }
        for c in s.credentialReport { bump(c.account) { $0.credentialRows += 1 } }
        for l in s.lastAccessed { bump(ARN(l.entityArn)?.account) { $0.lastAccessed += 1 } }
        for f in s.findings { bump(f.account ?? f.resource.flatMap { ARN($0)?.account }) { $0.findings += 1 } }
        for a in s.accounts { _ = counts[a.id, default: Counts()] }

        var t = ResultTable(columns: columns)
        // Accounts in ID order; AWS managed policies last.
        for id in counts.keys.sorted(by: { ($0 == "aws" ? 1 : 0, $0) < ($1 == "aws" ? 1 : 0, $1) }) {
            guard let c = counts[id] else { continue }
            let account = s.account(id: id)
            let name = id == "aws" ? "AWS managed policies" : (account?.name ?? account?.aliases.first)
            t.append([.text(id), .text(name), .int(c.users), .int(c.groups), .int(c.roles), .int(c.policies), .int(c.inline),
                      .int(c.resourcePolicies), .int(c.keys), .int(c.credentialRows), .int(c.lastAccessed), .int(c.findings)])
        }
        return t
    }
}
