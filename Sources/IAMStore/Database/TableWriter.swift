import Foundation
import IAMAnalysis
import IAMPolicy

/// Fills the SQLite tables from a snapshot. The caller runs it inside a transaction after
/// emptying the tables, so a failure leaves the previous contents.
struct TableWriter {
    let db: Database

    /// Tables rebuilt from the snapshot on every load (the `actions` catalog is filled once).
    static var snapshotTables: [String] { Schema.tables.map(\.name).filter { $0 != "actions" } }

    /// Empties the snapshot tables and drops the indexes: building an index once after the rows
    /// are in is much cheaper than updating it row by row.
    func clear() throws {
        try db.execute(Schema.indexNames.map { "DROP INDEX IF EXISTS \($0);" }.joined(separator: "\n"))
        try db.execute(TableWriter.snapshotTables.map { "DELETE FROM \($0);" }.joined(separator: "\n"))
    }

    func createIndexes() throws {
        try db.execute(Schema.indexes.map { $0 + ";" }.joined(separator: "\n"))
    }

    func write(_ s: Snapshot) throws {
        let stmts = try StatementRows(db)
        try writeAccounts(s)
        try writeUsersAndGroups(s, stmts)
        try writeRoles(s, stmts)
        try writePolicies(s, stmts)
        try writeCredentials(s)
        try writeResources(s, stmts)
        try writeOrganization(s, stmts)
        try writeActivity(s)
    }

    // MARK: Accounts

    private func writeAccounts(_ s: Snapshot) throws {
        let org = s.organization
        var parents: [String: String] = [:]
        for n in org?.nodes ?? [] where n.kind == .account { parents[n.id] = n.parentId }
        let ins = try db.prepared("INSERT OR REPLACE INTO accounts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        let pp = try db.prepared("INSERT OR REPLACE INTO password_policy VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
        let sum = try db.prepared("INSERT OR REPLACE INTO account_summary VALUES (?,?,?)")
        let ids = Set(s.accounts.map(\.id)).union(s.accountIds).sorted()
        for id in ids {
            let a = s.account(id: id) ?? Account(id: id)
            ins.bind(1, a.id)
            ins.bind(2, a.name)
            ins.bind(3, a.email)
            ins.bind(4, a.status)
            ins.bind(5, a.aliases.first)
            ins.bind(6, JSONText.array(a.aliases))
            ins.bind(7, a.callerArn)
            let inOrg = org != nil && (parents[id] != nil || org?.managementAccountId == id)
            ins.bind(8, inOrg ? org?.id : nil)
            ins.bind(9, parents[id])
            ins.bind(10, inOrg ? org?.orgPath(of: id) : nil)
            ins.bind(11, org.map { $0.managementAccountId == id })
            ins.bind(12, JSONText.date(a.joinedTimestamp))
            ins.bind(13, a.passwordPolicyCollected)
            ins.bind(14, a.virtualMFADevices != nil)
            ins.bind(15, a.serverCertificates != nil)
            try ins.step()
            if a.passwordPolicyCollected {
                let p = a.passwordPolicy
                pp.bind(1, a.id)
                pp.bind(2, p != nil)
                pp.bind(3, p?.minimumPasswordLength)
                pp.bind(4, p?.requireSymbols)
                pp.bind(5, p?.requireNumbers)
                pp.bind(6, p?.requireUppercaseCharacters)
                pp.bind(7, p?.requireLowercaseCharacters)
                pp.bind(8, p?.allowUsersToChangePassword)
                pp.bind(9, p?.expirePasswords)
                pp.bind(10, p?.maxPasswordAge)
                pp.bind(11, p?.passwordReusePrevention)
                pp.bind(12, p?.hardExpiry)
                try pp.step()
            }
            for (k, v) in a.summary.sorted(by: { $0.key < $1.key }) {
                sum.bind(1, a.id); sum.bind(2, k); sum.bind(3, v)
                try sum.step()
            }
        }
        try writeAccountListings(s.accounts)
    }

    /// `virtual_mfa_devices` and `server_certificates`. Whether a certificate has expired depends on
    /// the shell's now, which `.now` changes without a reload: it is asked with days_since, not stored.
    private func writeAccountListings(_ accounts: [Account]) throws {
        let mfa = try db.prepared("INSERT OR REPLACE INTO virtual_mfa_devices VALUES (?,?,?,?,?)")
        let cert = try db.prepared("INSERT OR REPLACE INTO server_certificates VALUES (?,?,?,?,?,?,?)")
        for a in accounts {
            let rootArn = "arn:aws:iam::\(a.id):root"
            for d in a.virtualMFADevices ?? [] {
                mfa.bind(1, a.id); mfa.bind(2, d.serialNumber); mfa.bind(3, d.userArn); mfa.bind(4, JSONText.date(d.enableDate))
                // Root's device is assigned to the account's root ARN; before 2022 AWS also named it root-account-mfa-device.
                mfa.bind(5, d.userArn == rootArn || d.serialNumber.hasSuffix(":mfa/root-account-mfa-device"))
                try mfa.step()
            }
            for c in a.serverCertificates ?? [] {
                cert.bind(1, a.id); cert.bind(2, c.arn); cert.bind(3, c.name); cert.bind(4, c.id.isEmpty ? nil : c.id)
                cert.bind(5, c.path); cert.bind(6, JSONText.date(c.uploadDate)); cert.bind(7, JSONText.date(c.expiration))
                try cert.step()
            }
        }
    }

    // MARK: Principals

    private func writeUsersAndGroups(_ s: Snapshot, _ st: StatementRows) throws {
        let users = try db.prepared("INSERT OR REPLACE INTO users VALUES (?,?,?,?,?,?,?,?,?)")
        let members = try db.prepared("INSERT OR IGNORE INTO group_members VALUES (?,?,?,?,?)")
        let att = try db.prepared("INSERT OR IGNORE INTO attachments VALUES (?,?,?,?,?,?,?)")
        let inl = try db.prepared("INSERT OR REPLACE INTO inline_policies VALUES (?,?,?,?,?,?)")
        var memberCount: [String: Int] = [:]
        for u in s.users {
            users.bind(1, u.arn); users.bind(2, u.name); users.bind(3, u.id.isEmpty ? nil : u.id)
            users.bind(4, u.path); users.bind(5, u.account); users.bind(6, JSONText.date(u.createDate))
            users.bind(7, JSONText.array(u.groups)); users.bind(8, u.boundaryArn); users.bind(9, JSONText.object(u.tags))
            try users.step()
            for g in u.groups {
                let garn = s.group(named: g, account: u.account)?.arn ?? "arn:aws:iam::\(u.account):group/\(g)"
                members.bind(1, garn); members.bind(2, u.arn); members.bind(3, g); members.bind(4, u.name); members.bind(5, u.account)
                try members.step()
                memberCount[garn, default: 0] += 1
            }
            try attachments(att, s, arn: u.arn, type: "user", name: u.name, account: u.account, policies: u.attachedPolicyArns, boundary: u.boundaryArn)
            for p in u.inlinePolicies {
                try inline(inl, st, owner: u.arn, type: "user", ownerName: u.name, account: u.account, p)
            }
        }
        let groups = try db.prepared("INSERT OR REPLACE INTO groups VALUES (?,?,?,?,?,?,?)")
        for g in s.groups {
            groups.bind(1, g.arn); groups.bind(2, g.name); groups.bind(3, g.id.isEmpty ? nil : g.id); groups.bind(4, g.path)
            groups.bind(5, g.account); groups.bind(6, JSONText.date(g.createDate)); groups.bind(7, memberCount[g.arn] ?? 0)
            try groups.step()
            try attachments(att, s, arn: g.arn, type: "group", name: g.name, account: g.account, policies: g.attachedPolicyArns, boundary: nil)
            for p in g.inlinePolicies {
                try inline(inl, st, owner: g.arn, type: "group", ownerName: g.name, account: g.account, p)
            }
        }
    }

    private func writeRoles(_ s: Snapshot, _ st: StatementRows) throws {
        let roles = try db.prepared("INSERT OR REPLACE INTO roles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        let att = try db.prepared("INSERT OR IGNORE INTO attachments VALUES (?,?,?,?,?,?,?)")
        let inl = try db.prepared("INSERT OR REPLACE INTO inline_policies VALUES (?,?,?,?,?,?)")
        for r in s.roles {
            roles.bind(1, r.arn); roles.bind(2, r.name); roles.bind(3, r.id.isEmpty ? nil : r.id); roles.bind(4, r.path)
            roles.bind(5, r.account); roles.bind(6, JSONText.date(r.createDate)); roles.bind(7, r.description)
            roles.bind(8, r.maxSessionDuration); st.bindDocument(roles, 9, r.trustPolicy)
            roles.bind(10, r.boundaryArn); roles.bind(11, JSONText.object(r.tags)); roles.bind(12, JSONText.date(r.lastUsed))
            roles.bind(13, r.lastUsedRegion); roles.bind(14, r.isServiceLinked); roles.bind(15, JSONText.array(r.instanceProfileArns))
            try roles.step()
            if let t = r.trustPolicy {
                try st.add(t, kind: "trust", policyArn: nil, policyName: "trust", owner: r.arn, ownerType: "role", account: r.account)
            }
            try attachments(att, s, arn: r.arn, type: "role", name: r.name, account: r.account, policies: r.attachedPolicyArns, boundary: r.boundaryArn)
            for p in r.inlinePolicies {
                try inline(inl, st, owner: r.arn, type: "role", ownerName: r.name, account: r.account, p)
            }
        }
        let ips = try db.prepared("INSERT OR REPLACE INTO instance_profiles VALUES (?,?,?,?,?,?)")
        for ip in s.instanceProfiles {
            ips.bind(1, ip.arn); ips.bind(2, ip.name); ips.bind(3, ip.id.isEmpty ? nil : ip.id); ips.bind(4, ip.path)
            ips.bind(5, ip.account); ips.bind(6, JSONText.array(ip.roleArns))
            try ips.step()
        }
    }

    private func attachments(_ att: PreparedStatement, _ s: Snapshot, arn: String, type: String, name: String, account: String,
                             policies: [String], boundary: String?) throws {
        func one(_ policyArn: String, _ kind: String) throws {
            att.bind(1, arn); att.bind(2, type); att.bind(3, name); att.bind(4, account); att.bind(5, policyArn)
            att.bind(6, s.policy(arn: policyArn)?.name ?? ARN(policyArn)?.lastComponent ?? policyArn); att.bind(7, kind)
            try att.step()
        }
        for p in policies { try one(p, "policy") }
        if let b = boundary { try one(b, "boundary") }
    }

    private func inline(_ inl: PreparedStatement, _ st: StatementRows, owner: String, type: String, ownerName: String,
                        account: String, _ p: InlinePolicy) throws {
        inl.bind(1, owner); inl.bind(2, type); inl.bind(3, ownerName); inl.bind(4, account); inl.bind(5, p.name)
        st.bindDocument(inl, 6, p.document)
        try inl.step()
        try st.add(p.document, kind: "inline", policyArn: nil, policyName: p.name, owner: owner, ownerType: type, account: account)
    }

    // MARK: Managed policies

    private func writePolicies(_ s: Snapshot, _ st: StatementRows) throws {
        let pol = try db.prepared("INSERT OR REPLACE INTO policies VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        let ver = try db.prepared("INSERT OR REPLACE INTO policy_versions VALUES (?,?,?,?,?)")
        for p in s.policies {
            pol.bind(1, p.arn); pol.bind(2, p.name); pol.bind(3, p.id.isEmpty ? nil : p.id); pol.bind(4, p.path)
            pol.bind(5, p.account); pol.bind(6, p.isAWSManaged); pol.bind(7, p.defaultVersionId); pol.bind(8, p.versions.count)
            pol.bind(9, p.attachmentCount); pol.bind(10, p.boundaryUsageCount); pol.bind(11, p.isAttachable)
            pol.bind(12, JSONText.date(p.createDate)); pol.bind(13, JSONText.date(p.updateDate)); pol.bind(14, p.description)
            st.bindDocument(pol, 15, p.document)
            try pol.step()
            for v in p.versions {
                ver.bind(1, p.arn); ver.bind(2, v.versionId); ver.bind(3, v.isDefault); ver.bind(4, JSONText.date(v.createDate))
                st.bindDocument(ver, 5, v.document)
                try ver.step()
                if let d = v.document {
                    try st.add(d, kind: "managed", policyArn: p.arn, policyName: p.name, owner: nil, ownerType: nil,
                               account: p.account, versionId: v.versionId, isDefault: v.isDefault)
                }
            }
        }
    }

    // MARK: Credentials

    private func writeCredentials(_ s: Snapshot) throws {
        let cr = try db.prepared("INSERT OR REPLACE INTO credential_report VALUES (" + Array(repeating: "?", count: 26).joined(separator: ",") + ")")
        for r in s.credentialReport {
            let d = JSONText.date
            cr.bind(1, r.account); cr.bind(2, d(r.generatedTime)); cr.bind(3, r.user); cr.bind(4, r.arn); cr.bind(5, r.isRoot)
            cr.bind(6, d(r.userCreationTime)); cr.bind(7, r.passwordEnabled); cr.bind(8, d(r.passwordLastUsed))
            cr.bind(9, d(r.passwordLastChanged)); cr.bind(10, d(r.passwordNextRotation)); cr.bind(11, r.mfaActive)
            cr.bind(12, r.accessKey1Active); cr.bind(13, d(r.accessKey1LastRotated)); cr.bind(14, d(r.accessKey1LastUsedDate))
            cr.bind(15, r.accessKey1LastUsedRegion); cr.bind(16, r.accessKey1LastUsedService)
            cr.bind(17, r.accessKey2Active); cr.bind(18, d(r.accessKey2LastRotated)); cr.bind(19, d(r.accessKey2LastUsedDate))
            cr.bind(20, r.accessKey2LastUsedRegion); cr.bind(21, r.accessKey2LastUsedService)
            cr.bind(22, r.cert1Active); cr.bind(23, d(r.cert1LastRotated)); cr.bind(24, r.cert2Active); cr.bind(25, d(r.cert2LastRotated))
            cr.bind(26, JSONText.object(r.raw, order: CredentialReportRow.columns))
            try cr.step()
        }
        let keys = try db.prepared("INSERT INTO access_keys VALUES (?,?,?,?,?,?,?,?,?,?,?)")
        for k in s.accessKeys {
            keys.bind(1, k.userArn); keys.bind(2, k.userName); keys.bind(3, k.account); keys.bind(4, k.slot)
            keys.bind(5, k.accessKeyId); keys.bind(6, k.active); keys.bind(7, JSONText.date(k.createdOrRotated))
            keys.bind(8, JSONText.date(k.lastUsed)); keys.bind(9, k.lastUsedRegion); keys.bind(10, k.lastUsedService)
            keys.bind(11, k.userName == "<root_account>")
            try keys.step()
        }
    }

    // MARK: Resources

    private func writeResources(_ s: Snapshot, _ st: StatementRows) throws {
        let rp = try db.prepared("INSERT OR REPLACE INTO resource_policies VALUES (?,?,?,?,?,?,?,?,?,?)")
        for r in s.resourcePolicies {
            let service = r.resourceType.split(separator: ":").first.map(String.init) ?? r.resourceType
            rp.bind(1, r.arn); rp.bind(2, r.resourceType); rp.bind(3, service); rp.bind(4, r.account.isEmpty ? nil : r.account)
            rp.bind(5, r.region); rp.bind(6, r.name); st.bindDocument(rp, 7, r.policy)
            rp.bind(8, r.policy?.statements.count ?? 0); rp.bind(9, JSONText.object(r.tags)); rp.bind(10, r.source.isEmpty ? nil : r.source)
            try rp.step()
            if let d = r.policy {
                try st.add(d, kind: "resource", policyArn: nil, policyName: r.name, owner: r.arn, ownerType: r.resourceType,
                           account: r.account.isEmpty ? nil : r.account)
            }
        }
        try writePublicAccessBlocks(s)
    }

    /// Account-level rows (bucket NULL) first, then the buckets, each as collected.
    private func writePublicAccessBlocks(_ s: Snapshot) throws {
        let ins = try db.prepared("INSERT INTO s3_public_access_blocks VALUES (?,?,?,?,?,?)")
        func row(_ account: String, _ bucket: String?, _ b: PublicAccessBlock) throws {
            ins.bind(1, account); ins.bind(2, bucket); ins.bind(3, b.blockPublicAcls); ins.bind(4, b.ignorePublicAcls)
            ins.bind(5, b.blockPublicPolicy); ins.bind(6, b.restrictPublicBuckets)
            try ins.step()
        }
        for a in s.accounts { if let b = a.s3PublicAccessBlock { try row(a.id, nil, b) } }
        for r in s.resourcePolicies { if let b = r.publicAccessBlock { try row(r.account, r.name, b) } }
    }

    // MARK: Organizations

    private func writeOrganization(_ s: Snapshot, _ st: StatementRows) throws {
        guard let org = s.organization else { return }
        let o = try db.prepared("INSERT OR REPLACE INTO organizations VALUES (?,?,?,?,?)")
        o.bind(1, org.id); o.bind(2, org.arn); o.bind(3, org.managementAccountId); o.bind(4, org.managementAccountEmail); o.bind(5, org.featureSet)
        try o.step()
        let ou = try db.prepared("INSERT OR REPLACE INTO org_units VALUES (?,?,?,?,?,?)")
        var names: [String: String] = [:]
        var types: [String: String] = [:]
        for n in org.nodes {
            names[n.id] = n.name ?? s.account(id: n.id)?.name
            types[n.id] = n.kind == .root ? "root" : n.kind == .organizationalUnit ? "ou" : "account"
            guard n.kind != .account else { continue }
            ou.bind(1, n.id); ou.bind(2, n.kind == .root ? "root" : "ou"); ou.bind(3, n.name); ou.bind(4, n.arn); ou.bind(5, n.parentId)
            ou.bind(6, ([org.id] + org.pathToRoot(of: n.id)).joined(separator: "/") + "/")
            try ou.step()
        }
        let scp = try db.prepared("INSERT OR REPLACE INTO scps VALUES (?,?,?,?,?,?,?,?)")
        let tgt = try db.prepared("INSERT OR IGNORE INTO scp_targets VALUES (?,?,?,?,?,?)")
        for p in org.policies {
            let kind = p.kind == .rcp ? "rcp" : "scp"
            scp.bind(1, p.id); scp.bind(2, p.arn); scp.bind(3, p.name); scp.bind(4, kind); scp.bind(5, p.awsManaged)
            scp.bind(6, p.description); st.bindDocument(scp, 7, p.document); scp.bind(8, p.targets.count)
            try scp.step()
            for t in p.targets {
                let type = types[t] ?? (AccountID.isValid(t) ? "account" : t.hasPrefix("r-") ? "root" : "ou")
                tgt.bind(1, p.id); tgt.bind(2, p.name); tgt.bind(3, kind); tgt.bind(4, t); tgt.bind(5, type)
                tgt.bind(6, names[t] ?? s.account(id: t)?.name)
                try tgt.step()
            }
            if let d = p.document {
                try st.add(d, kind: kind, policyArn: p.arn ?? p.id, policyName: p.name, owner: nil, ownerType: nil,
                           account: org.managementAccountId)
            }
        }
    }

    // MARK: Activity and findings

    private func writeActivity(_ s: Snapshot) throws {
        var entityTypes: [String: String] = [:]
        for u in s.users { entityTypes[u.arn] = "user" }
        for r in s.roles { entityTypes[r.arn] = "role" }
        for g in s.groups { entityTypes[g.arn] = "group" }
        let la = try db.prepared("INSERT INTO last_accessed VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        for e in s.lastAccessed {
            let arn = ARN(e.entityArn)
            let type = entityTypes[e.entityArn] ?? arn.map { a -> String? in
                switch a.resourceType { case "user": return "user"; case "role": return "role"; case "group": return "group"; case "policy": return "policy"; default: return nil }
            } ?? nil
            la.bind(1, e.entityArn); la.bind(2, type); la.bind(3, arn?.account)
            la.bind(4, e.granularity == .action ? "action" : "service"); la.bind(5, e.serviceNamespace); la.bind(6, e.serviceName)
            la.bind(7, e.actionName); la.bind(8, e.actionName.map { "\(e.serviceNamespace):\($0)" })
            la.bind(9, JSONText.date(e.lastAccessed)); la.bind(10, e.lastAccessedEntity); la.bind(11, e.lastAccessedRegion)
            la.bind(12, e.totalAuthenticatedEntities); la.bind(13, JSONText.date(e.jobCompletionDate)); la.bind(14, e.source.isEmpty ? nil : e.source)
            try la.step()
        }
        let an = try db.prepared("INSERT OR REPLACE INTO analyzers VALUES (?,?,?,?,?,?,?)")
        for a in s.analyzers {
            an.bind(1, a.arn); an.bind(2, a.name); an.bind(3, a.type); an.bind(4, a.status); an.bind(5, a.region)
            an.bind(6, a.account); an.bind(7, JSONText.date(a.createdAt))
            try an.step()
        }
        try writeFindings(s.findings)
        let cs = try db.prepared("INSERT INTO collection_steps VALUES (?,?,?,?,?,?,?)")
        for c in s.collectionSteps {
            cs.bind(1, c.account); cs.bind(2, c.command); cs.bind(3, c.status.rawValue); cs.bind(4, c.exitCode)
            cs.bind(5, c.seconds); cs.bind(6, c.file); cs.bind(7, c.error)
            try cs.step()
        }
    }

    /// The `findings` rows (also used alone when computed findings are replaced).
    func writeFindings(_ findings: [Finding]) throws {
        let f = try db.prepared("INSERT OR REPLACE INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        for x in findings {
            f.bind(1, x.id); f.bind(2, x.source); f.bind(3, x.analyzerArn); f.bind(4, x.findingType); f.bind(5, x.resource)
            f.bind(6, x.resourceType); f.bind(7, x.account); f.bind(8, x.principal); f.bind(9, JSONText.array(x.actions))
            f.bind(10, x.conditions); f.bind(11, x.isPublic); f.bind(12, x.status); f.bind(13, JSONText.date(x.createdAt))
            f.bind(14, JSONText.date(x.updatedAt)); f.bind(15, JSONText.date(x.analyzedAt))
            f.bind(16, x.details.isNull ? nil : JSONText.compact(x.details))
            try f.step()
        }
    }
}

/// Writes the `statements` rows of a document: one per statement, lists as JSON arrays, built
/// in reused byte buffers (a large account has hundreds of thousands of statements).
final class StatementRows {
    let ins: PreparedStatement
    private var buf: [UInt8] = []

    init(_ db: Database) throws {
        ins = try db.prepared("INSERT INTO statements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        buf.reserveCapacity(4096)
    }

    func add(_ doc: PolicyDocument, kind: String, policyArn: String?, policyName: String?, owner: String?, ownerType: String?,
             account: String?, versionId: String? = nil, isDefault: Bool = true) throws {
        for st in doc.statements {
            ins.bind(1, kind); ins.bind(2, policyArn); ins.bind(3, policyName); ins.bind(4, owner); ins.bind(5, ownerType)
            ins.bind(6, account); ins.bind(7, versionId); ins.bind(8, isDefault); ins.bind(9, st.index); ins.bind(10, st.sid)
            ins.bind(11, st.effect.rawValue)
            bindList(st.actionsNegated ? 13 : 12, st.actions)
            ins.bind(st.actionsNegated ? 12 : 13, nil as String?)
            if let r = st.resources {
                bindList(st.resourcesNegated ? 15 : 14, r)
                ins.bind(st.resourcesNegated ? 14 : 15, nil as String?)
            } else {
                ins.bind(14, nil as String?); ins.bind(15, nil as String?)
            }
            if let p = st.principal {
                buf.removeAll(keepingCapacity: true)
                JSONText.principal(p, into: &buf)
                ins.bind(st.principalNegated ? 17 : 16, utf8: buf)
                ins.bind(st.principalNegated ? 16 : 17, nil as String?)
            } else {
                ins.bind(16, nil as String?); ins.bind(17, nil as String?)
            }
            buf.removeAll(keepingCapacity: true)
            JSONText.conditions(st.conditions, into: &buf)
            ins.bind(18, utf8: buf)
            try ins.step()
        }
    }

    /// Binds a policy document's JSON text as written (compact); NULL without a document.
    func bindDocument(_ stmt: PreparedStatement, _ i: Int32, _ doc: PolicyDocument?) {
        stmt.bind(i, doc?.jsonText)
    }

    private func bindList(_ i: Int32, _ items: [String]) {
        buf.removeAll(keepingCapacity: true)
        JSONText.array(items, into: &buf)
        ins.bind(i, utf8: buf)
    }
}

/// JSON text for SQLite columns, written as UTF-8 bytes directly (filling the tables writes
/// hundreds of thousands of documents and lists; character-by-character string building is the
/// slowest part of a load otherwise).
enum JSONText {
    static func array(_ items: [String]) -> String {
        var out: [UInt8] = []
        array(items, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func array(_ items: [String], into out: inout [UInt8]) {
        out.append(0x5B)
        for (i, x) in items.enumerated() {
            if i > 0 { out.append(0x2C) }
            quote(x, into: &out)
        }
        out.append(0x5D)
    }

    static func object(_ map: [String: String], order: [String]? = nil) -> String {
        let keys = order?.filter { map[$0] != nil } ?? map.keys.sorted()
        var out: [UInt8] = [0x7B]
        for (i, k) in keys.enumerated() {
            if i > 0 { out.append(0x2C) }
            quote(k, into: &out)
            out.append(0x3A)
            quote(map[k] ?? "", into: &out)
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    static func date(_ d: Date?) -> String? { d.map(Timestamp.format) }

    /// A JSON value in compact form (member order kept, numbers as written).
    static func compact(_ v: JSONValue) -> String { JSONWriter.compact(v) }

    /// A JSON string literal: `"` and `\` escaped, control characters as escapes, the rest as UTF-8.
    static func quote(_ s: String, into out: inout [UInt8]) { JSONWriter.writeString(s, into: &out) }

    static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `{"AWS":[…],"Service":[…],"Federated":[…],"CanonicalUser":[…]}` with the types present; anyone is `"*"` in AWS.
    static func principal(_ p: PrincipalSpec, into out: inout [UInt8]) {
        out.append(0x7B)
        var first = true
        func member(_ name: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            if !first { out.append(0x2C) }
            first = false
            quote(name, into: &out)
            out.append(0x3A)
            array(items, into: &out)
        }
        member("AWS", (p.anyone ? ["*"] : []) + p.aws)
        member("Service", p.service)
        member("Federated", p.federated)
        member("CanonicalUser", p.canonicalUser)
        out.append(0x7D)
    }

    static func conditions(_ cs: [ConditionClause], into out: inout [UInt8]) {
        out.append(0x5B)
        for (i, c) in cs.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(contentsOf: "{\"operator\":".utf8)
            quote(c.operatorName, into: &out)
            out.append(contentsOf: ",\"key\":".utf8)
            quote(c.key, into: &out)
            out.append(contentsOf: ",\"values\":[".utf8)
            for (j, v) in c.values.enumerated() {
                if j > 0 { out.append(0x2C) }
                quote(v, into: &out)
            }
            out.append(contentsOf: "]}".utf8)
        }
        out.append(0x5D)
    }
}
