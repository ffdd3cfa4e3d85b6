import Foundation
import IAMAnalysis
import IAMPolicy

/// `aws iam get-account-authorization-details`: users, groups, roles (with instance profiles),
/// managed policies with every version. Policy documents come as JSON objects (CLI) or
/// URL-encoded strings (raw API); both parse. A bad document is reported and left out while
/// its owner still loads. Large lists are converted on every core (each slice keeps its own
/// diagnostics; results are put back in order).
enum AuthorizationDetailsLoader {
    /// What converting one slice of a list produced.
    struct Converted<T: Sendable>: Sendable {
        var items: [T] = []
        var diagnostics: [LoadDiagnostic] = []
        var accounts = Set<String>()
    }

    static func load(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        if json.bool("IsTruncated") == true {
            s.warning(file, "$.IsTruncated", "this is one page of the output (IsTruncated true); entities on later pages are missing — "
                + "the AWS CLI fetches every page unless --no-paginate or --max-items is given")
        }
        let users = convert(json.array("UserDetailList") ?? []) { v, i, out in
            user(v, path: JSONPath.root.appending("UserDetailList").appending(i), file: file, info: info, out: &out)
        }
        let groups = convert(json.array("GroupDetailList") ?? []) { v, i, out in
            group(v, path: JSONPath.root.appending("GroupDetailList").appending(i), file: file, info: info, out: &out)
        }
        let roles = convert(json.array("RoleDetailList") ?? []) { v, i, out in
            role(v, path: JSONPath.root.appending("RoleDetailList").appending(i), file: file, info: info, out: &out)
        }
        let policies = convert(json.array("Policies") ?? []) { v, i, out in
            managedPolicy(v, path: JSONPath.root.appending("Policies").appending(i), file: file, info: info, out: &out)
        }
        for part in [users.diagnostics, groups.diagnostics, roles.diagnostics, policies.diagnostics] { s.diagnostics += part }
        for a in users.accounts.union(groups.accounts).union(roles.accounts).union(policies.accounts).sorted() {
            s.noteAccount(a, folder: info.directory)
        }
        s.out.users += users.items
        s.out.groups += groups.items
        s.out.policies += policies.items
        s.counts.users += users.items.count
        s.counts.groups += groups.items.count
        s.counts.policies += policies.items.count
        s.counts.roles += roles.items.count

        // Instance profiles come with each of their roles: one entry per profile, with all its roles.
        var profiles: [String: InstanceProfile] = [:]
        var profileOrder: [String] = []
        for (role, ownProfiles) in roles.items {
            s.out.roles.append(role)
            for ip in ownProfiles {
                if var known = profiles[ip.arn] {
                    for r in ip.roleArns where !known.roleArns.contains(r) { known.roleArns.append(r) }
                    profiles[ip.arn] = known
                } else {
                    profiles[ip.arn] = ip
                    profileOrder.append(ip.arn)
                }
            }
        }
        s.out.instanceProfiles += profileOrder.compactMap { profiles[$0] }
    }

    /// Converts a list, in parallel slices when it is long.
    static func convert<T: Sendable>(_ list: [JSONValue], _ one: @escaping @Sendable (JSONValue, Int, inout Converted<T>) -> Void) -> Converted<T> {
        let slices = Parallel.slices(count: list.count, minimum: 512)
        let parts = Parallel.map(slices) { range -> Converted<T> in
            var out = Converted<T>()
            out.items.reserveCapacity(range.count)
            for i in range { one(list[i], i, &out) }
            return out
        }
        var all = Converted<T>()
        all.items.reserveCapacity(list.count)
        for p in parts {
            all.items += p.items
            all.diagnostics += p.diagnostics
            all.accounts.formUnion(p.accounts)
        }
        return all
    }

    static func account(of arn: String, info: PathInfo) -> String {
        ARN(arn)?.account ?? info.account ?? ""
    }

    static func user(_ u: JSONValue, path p: JSONPath, file: String, info: PathInfo, out: inout Converted<IAMUser>) {
        guard let arn = u.str("Arn"), let name = u.str("UserName") else {
            out.diagnostics.append(LoadDiagnostic(file: file, location: p.description, message: "a user needs Arn and UserName"))
            return
        }
        let acct = account(of: arn, info: info)
        out.accounts.insert(acct)
        var user = IAMUser(arn: arn, name: name, id: u.str("UserId") ?? "", path: u.str("Path") ?? "/",
                           account: acct, createDate: u.date("CreateDate"))
        user.groups = (u.array("GroupList") ?? []).compactMap(\.stringValue)
        user.attachedPolicyArns = attachedArns(u)
        user.inlinePolicies = inline(u, key: "UserPolicyList", path: p, file: file, diagnostics: &out.diagnostics)
        user.boundaryArn = u.field("PermissionsBoundary")?.str("PermissionsBoundaryArn")
        user.tags = u.tags()
        out.items.append(user)
    }

    static func group(_ g: JSONValue, path p: JSONPath, file: String, info: PathInfo, out: inout Converted<IAMGroup>) {
        guard let arn = g.str("Arn"), let name = g.str("GroupName") else {
            out.diagnostics.append(LoadDiagnostic(file: file, location: p.description, message: "a group needs Arn and GroupName"))
            return
        }
        let acct = account(of: arn, info: info)
        out.accounts.insert(acct)
        out.items.append(IAMGroup(
            arn: arn, name: name, id: g.str("GroupId") ?? "", path: g.str("Path") ?? "/", account: acct,
            createDate: g.date("CreateDate"), attachedPolicyArns: attachedArns(g),
            inlinePolicies: inline(g, key: "GroupPolicyList", path: p, file: file, diagnostics: &out.diagnostics)))
    }

    static func role(_ r: JSONValue, path p: JSONPath, file: String, info: PathInfo, out: inout Converted<(IAMRole, [InstanceProfile])>) {
        guard let arn = r.str("Arn"), let name = r.str("RoleName") else {
            out.diagnostics.append(LoadDiagnostic(file: file, location: p.description, message: "a role needs Arn and RoleName"))
            return
        }
        let acct = account(of: arn, info: info)
        out.accounts.insert(acct)
        var role = IAMRole(arn: arn, name: name, id: r.str("RoleId") ?? "", path: r.str("Path") ?? "/",
                           account: acct, createDate: r.date("CreateDate"))
        role.description = r.str("Description")
        role.maxSessionDuration = r.int("MaxSessionDuration")
        if let trust = r.field("AssumeRolePolicyDocument"), !trust.isNull {
            role.trustPolicy = PolicyParsing.parse(trust, kind: .trust, file: file, at: p.appending("AssumeRolePolicyDocument"),
                                                   diagnostics: &out.diagnostics)
        }
        role.attachedPolicyArns = attachedArns(r)
        role.inlinePolicies = inline(r, key: "RolePolicyList", path: p, file: file, diagnostics: &out.diagnostics)
        role.boundaryArn = r.field("PermissionsBoundary")?.str("PermissionsBoundaryArn")
        role.tags = r.tags()
        // RoleLastUsed is `{}` when the role was not used in the tracking window.
        if let last = r.field("RoleLastUsed") {
            role.lastUsed = last.date("LastUsedDate")
            role.lastUsedRegion = last.str("Region")
        }
        var profiles: [InstanceProfile] = []
        for ip in r.array("InstanceProfileList") ?? [] {
            guard let ipArn = ip.str("Arn") else { continue }
            role.instanceProfileArns.append(ipArn)
            let roleArns = (ip.array("Roles") ?? []).compactMap { $0.str("Arn") }
            profiles.append(InstanceProfile(
                arn: ipArn, name: ip.str("InstanceProfileName") ?? ARN(ipArn)?.lastComponent ?? ipArn,
                id: ip.str("InstanceProfileId") ?? "", path: ip.str("Path") ?? "/", account: acct,
                roleArns: roleArns.isEmpty ? [arn] : roleArns))
        }
        out.items.append((role, profiles))
    }

    static func attachedArns(_ v: JSONValue) -> [String] {
        (v.array("AttachedManagedPolicies") ?? []).compactMap { $0.str("PolicyArn") }
    }

    static func inline(_ owner: JSONValue, key: String, path: JSONPath, file: String, diagnostics: inout [LoadDiagnostic]) -> [InlinePolicy] {
        var out: [InlinePolicy] = []
        for (j, ip) in (owner.array(key) ?? []).enumerated() {
            let p = path.appending(key).appending(j)
            guard let name = ip.str("PolicyName") else {
                diagnostics.append(LoadDiagnostic(file: file, location: p.description, message: "an inline policy needs PolicyName"))
                continue
            }
            guard let docValue = ip.field("PolicyDocument") else {
                diagnostics.append(LoadDiagnostic(file: file, location: p.description, message: "the inline policy \(name) has no PolicyDocument"))
                continue
            }
            if let doc = PolicyParsing.parse(docValue, kind: .identity, file: file, at: p.appending("PolicyDocument"), diagnostics: &diagnostics) {
                out.append(InlinePolicy(name: name, document: doc))
            }
        }
        return out
    }

    /// A `Policies[]` entry. The mock omits PolicyName and PolicyId: the name comes from the ARN.
    static func managedPolicy(_ pol: JSONValue, path p: JSONPath, file: String, info: PathInfo, out: inout Converted<ManagedPolicy>) {
        guard let arn = pol.str("Arn"), let parsed = ARN(arn) else {
            out.diagnostics.append(LoadDiagnostic(file: file, location: p.description,
                                                  message: "a managed policy needs an Arn (arn:aws:iam::ACCOUNT:policy/NAME)"))
            return
        }
        let name = pol.str("PolicyName") ?? parsed.lastComponent
        let derivedPath: String = {
            // policy/service-role/Name -> /service-role/
            let parts = parsed.resource.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count > 2 else { return "/" }
            return "/" + parts.dropFirst().dropLast().joined(separator: "/") + "/"
        }()
        if parsed.account != "aws" { out.accounts.insert(parsed.account) }
        var mp = ManagedPolicy(arn: arn, name: name, id: pol.str("PolicyId") ?? "", path: pol.str("Path") ?? derivedPath,
                               account: parsed.account, defaultVersionId: pol.str("DefaultVersionId"),
                               attachmentCount: pol.int("AttachmentCount"),
                               boundaryUsageCount: pol.int("PermissionsBoundaryUsageCount"),
                               isAttachable: pol.bool("IsAttachable") ?? true,
                               createDate: pol.date("CreateDate"), updateDate: pol.date("UpdateDate"),
                               description: pol.str("Description"))
        for (k, v) in (pol.array("PolicyVersionList") ?? []).enumerated() {
            let vp = p.appending("PolicyVersionList").appending(k)
            let versionId = v.str("VersionId") ?? "v\(k + 1)"
            let isDefault = v.bool("IsDefaultVersion") ?? (versionId == mp.defaultVersionId)
            var doc: PolicyDocument?
            if let d = v.field("Document"), !d.isNull {
                doc = PolicyParsing.parse(d, kind: .identity, file: file, at: vp.appending("Document"), diagnostics: &out.diagnostics)
            }
            mp.versions.append(PolicyVersion(versionId: versionId, isDefault: isDefault, createDate: v.date("CreateDate"), document: doc))
        }
        if mp.defaultVersionId == nil { mp.defaultVersionId = mp.versions.first(where: \.isDefault)?.versionId }
        out.items.append(mp)
    }
}
