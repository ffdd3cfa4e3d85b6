import Foundation
import IAMAnalysis
import IAMPolicy

/// `show NAME`: a card for a user, role, group, managed policy, resource or account: identity,
/// groups, attached and inline policies with their documents, boundary, trust policy, keys, MFA,
/// last use. Names resolve as ARN, `user/NAME`, `role/NAME`, `group/NAME`, `policy/NAME`, or a bare
/// name when unique.
struct ShowCommand: ShellCommand {
    let spec = CommandSpec(
        name: "show",
        summary: "a card for a principal, group, policy, resource or account",
        usage: "show PRINCIPAL|POLICY|RESOURCE",
        arguments: [.entity],
        minArguments: 1,
        maxArguments: 2,
        options: [
            .flag("brief", "leave out policy documents"),
            .flag("full", "include AWS managed policy documents too (they can be long)"),
        ],
        details: """
        Name it by ARN, user/NAME, role/NAME, group/NAME, policy/NAME (or user NAME, policy NAME…),
        an account ID, or a bare name when only one thing has it. AWS managed policy documents are left out of principal cards
        unless --full (show policy/NAME prints one).
        """)

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        let s = session.snapshot
        let entity = try s.resolve(try Self.name(args.positional))
        var b = CardBuilder(snapshot: s, now: session.now, documents: !args.has("brief"), awsManagedDocuments: args.has("full"))
        switch entity {
        case .user(let u): b.user(u)
        case .role(let r): b.role(r)
        case .group(let g): b.group(g)
        case .policy(let p): b.policy(p)
        case .resource(let r): b.resource(r)
        case .account(let a): b.account(a)
        }
        return .table(b.card.table)
    }
}

extension ShowCommand {
    static let kinds = ["user", "role", "group", "policy"]

    /// The name asked for: one word as given, or a kind and a name (`show policy X` is `policy/X`).
    static func name(_ words: [String]) throws -> String {
        guard words.count == 2 else { return words[0] }
        guard kinds.contains(words[0].lowercased()) else {
            throw ShellError.usage("show takes one name, or a kind (\(kinds.joined(separator: ", "))) and a name; got \"\(words[0])\" \"\(words[1])\"")
        }
        return words[0].lowercased() + "/" + words[1]
    }
}

/// Builds the cards of `show`.
struct CardBuilder {
    let snapshot: Snapshot
    let now: Date
    let documents: Bool
    let awsManagedDocuments: Bool
    var card = Card()

    mutating func identity(type: String, arn: String, name: String, id: String, account: String, path: String, created: Date?) {
        card.add("type", type)
        card.add("arn", arn)
        card.add("name", name)
        card.add("unique id", id)
        let acct = snapshot.account(id: account)
        card.add("account", account + (acct?.name ?? acct?.aliases.first).map { " (\($0))" }.orEmpty)
        if path != "/" { card.add("path", path) }
        card.add("created", date: created)
    }

    mutating func managedPolicies(_ arns: [String], label: String) {
        for arn in arns {
            let p = snapshot.policy(arn: arn)
            card.add(label, arn + (p == nil ? " (not loaded)" : ""))
            guard documents, let p else { continue }
            if p.isAWSManaged && !awsManagedDocuments {
                let n = p.document?.statements.count ?? 0
                card.add("document", "AWS managed, \(n) statement\(n == 1 ? "" : "s") (show --full, or show policy/\(p.name))")
            } else {
                card.document("document", p.document)
            }
        }
    }

    mutating func inlinePolicies(_ policies: [InlinePolicy], label: String) {
        for ip in policies {
            card.add(label, ip.name)
            if documents { card.document("document", ip.document) }
        }
    }

    mutating func boundary(_ arn: String?) {
        guard let arn else { return }
        managedPolicies([arn], label: "permissions boundary")
    }

    mutating func user(_ u: IAMUser) {
        identity(type: "user", arn: u.arn, name: u.name, id: u.id, account: u.account, path: u.path, created: u.createDate)
        card.add("tags", tags: u.tags)
        card.add("groups", list: u.groups)
        managedPolicies(u.attachedPolicyArns, label: "attached policy")
        inlinePolicies(u.inlinePolicies, label: "inline policy")
        for name in u.groups {
            guard let g = snapshot.group(named: name, account: u.account) else {
                card.add("group \(name)", "(not loaded)")
                continue
            }
            managedPolicies(g.attachedPolicyArns, label: "group \(name): attached policy")
            inlinePolicies(g.inlinePolicies, label: "group \(name): inline policy")
        }
        boundary(u.boundaryArn)
        credentials(of: u)
        lastAccessed(u.arn)
    }

    mutating func credentials(of u: IAMUser) {
        let report = snapshot.credentialReport.first { $0.arn == u.arn }
        if let report {
            switch report.passwordEnabled {
            case true?:
                let used = report.passwordLastUsed.map { "last used \(Timestamp.format($0))" } ?? "never used"
                card.add("console password", "enabled, \(used)")
            case false?: card.add("console password", "none")
            case nil: card.add("console password", report.raw["password_enabled"] ?? "unknown")
            }
            card.add("mfa", report.mfaActive.map { $0 ? "active" : "not active" } ?? "unknown")
        } else {
            card.add("console password", "unknown (no credential report row)")
            card.add("mfa", "unknown (no credential report row)")
        }
        let keys = snapshot.accessKeys.filter { $0.userArn == u.arn }.sorted { ($0.slot ?? 0) < ($1.slot ?? 0) }
        if keys.isEmpty, report != nil { card.add("access keys", "none") }
        for k in keys {
            var parts = [k.active ? "active" : "inactive"]
            if let id = k.accessKeyId { parts.insert(id, at: 0) }
            if let d = k.createdOrRotated { parts.append("created \(Timestamp.format(d)) (\(days(d)) days ago)") }
            if let d = k.lastUsed {
                let where_ = [k.lastUsedService, k.lastUsedRegion].compactMap { $0 }.joined(separator: ", ")
                parts.append("last used \(Timestamp.format(d))" + (where_.isEmpty ? "" : " (\(where_))"))
            } else {
                parts.append("never used")
            }
            card.add("access key \(k.slot.map(String.init) ?? "")".trimmingCharacters(in: .whitespaces), parts.joined(separator: ", "))
        }
    }

    mutating func role(_ r: IAMRole) {
        identity(type: r.isServiceLinked ? "role (service-linked)" : "role", arn: r.arn, name: r.name, id: r.id,
                 account: r.account, path: r.path, created: r.createDate)
        card.add("description", r.description)
        card.add("max session", r.maxSessionDuration.map { "\($0) s" })
        card.add("tags", tags: r.tags)
        if let d = r.lastUsed {
            card.add("last used", Timestamp.format(d) + (r.lastUsedRegion.map { " in \($0)" }.orEmpty) + " (\(days(d)) days ago)")
        } else {
            card.add("last used", "never, as far as RoleLastUsed tells (about 400 days)")
        }
        card.add("instance profiles", list: r.instanceProfileArns)
        if documents { card.document("trust policy", r.trustPolicy) } else if r.trustPolicy != nil { card.add("trust policy", "(--brief)") }
        managedPolicies(r.attachedPolicyArns, label: "attached policy")
        inlinePolicies(r.inlinePolicies, label: "inline policy")
        boundary(r.boundaryArn)
        lastAccessed(r.arn)
    }

    mutating func group(_ g: IAMGroup) {
        identity(type: "group", arn: g.arn, name: g.name, id: g.id, account: g.account, path: g.path, created: g.createDate)
        card.add("members", list: snapshot.members(of: g).map(\.name).sorted())
        managedPolicies(g.attachedPolicyArns, label: "attached policy")
        inlinePolicies(g.inlinePolicies, label: "inline policy")
        lastAccessed(g.arn)
    }

    mutating func policy(_ p: ManagedPolicy) {
        card.add("type", p.isAWSManaged ? "AWS managed policy" : "customer managed policy")
        card.add("arn", p.arn)
        card.add("name", p.name)
        card.add("unique id", p.id)
        if !p.isAWSManaged { card.add("account", p.account) }
        if p.path != "/" { card.add("path", p.path) }
        card.add("description", p.description)
        card.add("created", date: p.createDate)
        card.add("updated", date: p.updateDate)
        card.add("attachment count", .int(p.attachmentCount))
        var attached: [String] = []
        var boundaryOf: [String] = []
        // With several accounts loaded, the same name may exist in each: say which.
        let several = snapshot.accountIds.count > 1
        func label(_ kind: String, _ name: String, _ account: String) -> String {
            "\(kind)/\(name)" + (several ? " (\(account))" : "")
        }
        for u in snapshot.users {
            if u.attachedPolicyArns.contains(p.arn) { attached.append(label("user", u.name, u.account)) }
            if u.boundaryArn == p.arn { boundaryOf.append(label("user", u.name, u.account)) }
        }
        for g in snapshot.groups where g.attachedPolicyArns.contains(p.arn) { attached.append(label("group", g.name, g.account)) }
        for r in snapshot.roles {
            if r.attachedPolicyArns.contains(p.arn) { attached.append(label("role", r.name, r.account)) }
            if r.boundaryArn == p.arn { boundaryOf.append(label("role", r.name, r.account)) }
        }
        card.add("attached to", list: attached)
        card.add("boundary of", list: boundaryOf)
        for v in p.versions.sorted(by: { $0.versionId < $1.versionId }) {
            var text = v.isDefault || v.versionId == p.defaultVersionId ? "default" : "not in force"
            if let d = v.createDate { text += ", created \(Timestamp.format(d))" }
            card.add("version \(v.versionId)", text)
        }
        if documents { card.document("default document", p.document) }
        lastAccessed(p.arn)
    }

    mutating func resource(_ r: ResourcePolicy) {
        card.add("type", "resource (\(r.resourceType))")
        card.add("arn", r.arn)
        card.add("name", r.name)
        card.add("account", r.account)
        card.add("region", r.region)
        card.add("tags", tags: r.tags)
        card.add("source", r.source)
        if documents || r.policy == nil {
            if let policy = r.policy { card.document("policy", policy) } else { card.add("policy", "none") }
        }
    }

    mutating func account(_ a: Account) {
        card.add("type", "account")
        card.add("account", a.id)
        card.add("name", a.name)
        card.add("email", a.email)
        card.add("status", a.status)
        card.add("aliases", list: a.aliases)
        if let org = snapshot.organization {
            card.add("organization", org.id + (org.managementAccountId == a.id ? " (management account)" : ""))
            card.add("org path", org.orgPath(of: a.id))
        }
        card.add("collected by", a.callerArn)
        if a.passwordPolicyCollected {
            if let p = a.passwordPolicy {
                var parts: [String] = []
                if let n = p.minimumPasswordLength { parts.append("minimum length \(n)") }
                if let n = p.passwordReusePrevention { parts.append("reuse prevention \(n)") }
                if let n = p.maxPasswordAge { parts.append("max age \(n) days") }
                card.add("password policy", parts.isEmpty ? "set" : parts.joined(separator: ", "))
            } else {
                card.add("password policy", "none (the account has no password policy)")
            }
        } else {
            card.add("password policy", "not collected")
        }
        let users = snapshot.users.filter { $0.account == a.id }.count
        let roles = snapshot.roles.filter { $0.account == a.id }.count
        let groups = snapshot.groups.filter { $0.account == a.id }.count
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        card.add("principals", [count(users, "user"), count(groups, "group"), count(roles, "role")].joined(separator: ", "))
        for key in a.summary.keys.sorted() where ["AccountMFAEnabled", "AccountAccessKeysPresent"].contains(key) {
            card.add(key, .int(a.summary[key]))
        }
    }

    /// One row with the services used, most recent first, and how many granted services went unused.
    mutating func lastAccessed(_ arn: String) {
        let rows = snapshot.lastAccessed.filter { $0.entityArn == arn && $0.granularity == .service }
        guard !rows.isEmpty else { return }
        let used = rows.filter { $0.lastAccessed != nil }.sorted { ($0.lastAccessed ?? .distantPast) > ($1.lastAccessed ?? .distantPast) }
        let text = used.prefix(12).map { "\($0.serviceNamespace) \(Timestamp.format($0.lastAccessed ?? .distantPast).prefix(10))" }
        var value = text.joined(separator: ", ")
        if used.count > 12 { value += ", … (\(used.count - 12) more)" }
        if used.isEmpty { value = "none" }
        card.add("services last accessed", value)
        card.add("services never accessed", .int(rows.count - used.count))
    }

    func days(_ d: Date) -> Int { Int((now.timeIntervalSince(d) / 86400).rounded(.down)) }
}

extension Optional where Wrapped == String {
    /// The string, or "" for nil.
    var orEmpty: String { self ?? "" }
}
