import Foundation
import IAMAnalysis
import IAMPolicy

/// `aws iam get-account-authorization-details`: users, groups, roles (with instance profiles),
/// managed policies with every version. Policy documents come as JSON objects (CLI) or
/// URL-encoded strings (raw API); both parse. A bad document is reported and left out while
/// its owner still loads.
enum AuthorizationDetailsLoader {
    static func load(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        let root = JSONPath.root
        var profiles: [String: InstanceProfile] = [:]
        var profileOrder: [String] = []

        let usersBefore = s.out.users.count
        for (i, u) in (json.array("UserDetailList") ?? []).enumerated() {
            let p = root.appending("UserDetailList").appending(i)
            guard let arn = u.str("Arn"), let name = u.str("UserName") else {
                s.error(file, p.description, "a user needs Arn and UserName"); continue
            }
            let account = ARN(arn)?.account ?? info.account ?? ""
            s.noteAccount(account, folder: info.directory)
            var user = IAMUser(arn: arn, name: name, id: u.str("UserId") ?? "", path: u.str("Path") ?? "/",
                               account: account, createDate: u.date("CreateDate"))
            user.groups = (u.array("GroupList") ?? []).compactMap(\.stringValue)
            user.attachedPolicyArns = attachedArns(u)
            user.inlinePolicies = inline(u, key: "UserPolicyList", path: p, file: file, session: s)
            user.boundaryArn = u.field("PermissionsBoundary")?.str("PermissionsBoundaryArn")
            user.tags = u.tags()
            s.out.users.append(user)
        }
        s.counts.users += s.out.users.count - usersBefore

        let groupsBefore = s.out.groups.count
        for (i, g) in (json.array("GroupDetailList") ?? []).enumerated() {
            let p = root.appending("GroupDetailList").appending(i)
            guard let arn = g.str("Arn"), let name = g.str("GroupName") else {
                s.error(file, p.description, "a group needs Arn and GroupName"); continue
            }
            let account = ARN(arn)?.account ?? info.account ?? ""
            s.noteAccount(account, folder: info.directory)
            s.out.groups.append(IAMGroup(
                arn: arn, name: name, id: g.str("GroupId") ?? "", path: g.str("Path") ?? "/", account: account,
                createDate: g.date("CreateDate"), attachedPolicyArns: attachedArns(g),
                inlinePolicies: inline(g, key: "GroupPolicyList", path: p, file: file, session: s)))
        }
        s.counts.groups += s.out.groups.count - groupsBefore

        let rolesBefore = s.out.roles.count
        for (i, r) in (json.array("RoleDetailList") ?? []).enumerated() {
            let p = root.appending("RoleDetailList").appending(i)
            guard let arn = r.str("Arn"), let name = r.str("RoleName") else {
                s.error(file, p.description, "a role needs Arn and RoleName"); continue
            }
            let account = ARN(arn)?.account ?? info.account ?? ""
            s.noteAccount(account, folder: info.directory)
            var role = IAMRole(arn: arn, name: name, id: r.str("RoleId") ?? "", path: r.str("Path") ?? "/",
                               account: account, createDate: r.date("CreateDate"))
            role.description = r.str("Description")
            role.maxSessionDuration = r.int("MaxSessionDuration")
            if let trust = r.field("AssumeRolePolicyDocument"), !trust.isNull {
                role.trustPolicy = s.parsePolicy(trust, kind: .trust, file: file, at: p.appending("AssumeRolePolicyDocument"))
            }
            role.attachedPolicyArns = attachedArns(r)
            role.inlinePolicies = inline(r, key: "RolePolicyList", path: p, file: file, session: s)
            role.boundaryArn = r.field("PermissionsBoundary")?.str("PermissionsBoundaryArn")
            role.tags = r.tags()
            // RoleLastUsed is `{}` when the role was not used in the tracking window.
            if let last = r.field("RoleLastUsed") {
                role.lastUsed = last.date("LastUsedDate")
                role.lastUsedRegion = last.str("Region")
            }
            for ip in r.array("InstanceProfileList") ?? [] {
                guard let ipArn = ip.str("Arn") else { continue }
                role.instanceProfileArns.append(ipArn)
                if profiles[ipArn] == nil {
                    let roleArns = (ip.array("Roles") ?? []).compactMap { $0.str("Arn") }
                    profiles[ipArn] = InstanceProfile(
                        arn: ipArn, name: ip.str("InstanceProfileName") ?? ARN(ipArn)?.lastComponent ?? ipArn,
                        id: ip.str("InstanceProfileId") ?? "", path: ip.str("Path") ?? "/", account: account,
                        roleArns: roleArns.isEmpty ? [arn] : roleArns)
                    profileOrder.append(ipArn)
                } else if profiles[ipArn]?.roleArns.contains(arn) == false {
                    profiles[ipArn]?.roleArns.append(arn)
                }
            }
            s.out.roles.append(role)
        }
        s.counts.roles += s.out.roles.count - rolesBefore
        s.out.instanceProfiles += profileOrder.compactMap { profiles[$0] }

        let policiesBefore = s.out.policies.count
        for (i, pol) in (json.array("Policies") ?? []).enumerated() {
            let p = root.appending("Policies").appending(i)
            if let mp = managedPolicy(pol, path: p, file: file, info: info, session: s) { s.out.policies.append(mp) }
        }
        s.counts.policies += s.out.policies.count - policiesBefore
    }

    static func attachedArns(_ v: JSONValue) -> [String] {
        (v.array("AttachedManagedPolicies") ?? []).compactMap { $0.str("PolicyArn") }
    }

    static func inline(_ owner: JSONValue, key: String, path: JSONPath, file: String, session s: LoadSession) -> [InlinePolicy] {
        var out: [InlinePolicy] = []
        for (j, ip) in (owner.array(key) ?? []).enumerated() {
            let p = path.appending(key).appending(j)
            guard let name = ip.str("PolicyName") else { s.error(file, p.description, "an inline policy needs PolicyName"); continue }
            guard let docValue = ip.field("PolicyDocument") else {
                s.error(file, p.description, "the inline policy \(name) has no PolicyDocument"); continue
            }
            if let doc = s.parsePolicy(docValue, kind: .identity, file: file, at: p.appending("PolicyDocument")) {
                out.append(InlinePolicy(name: name, document: doc))
            }
        }
        return out
    }

    /// A `Policies[]` entry. The mock omits PolicyName and PolicyId: the name comes from the ARN.
    static func managedPolicy(_ pol: JSONValue, path p: JSONPath, file: String, info: PathInfo, session s: LoadSession) -> ManagedPolicy? {
        guard let arn = pol.str("Arn"), let parsed = ARN(arn) else {
            s.error(file, p.description, "a managed policy needs an Arn (arn:aws:iam::ACCOUNT:policy/NAME)")
            return nil
        }
        let name = pol.str("PolicyName") ?? parsed.lastComponent
        let derivedPath: String = {
            // policy/service-role/Name -> /service-role/
            let parts = parsed.resource.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count > 2 else { return "/" }
            return "/" + parts.dropFirst().dropLast().joined(separator: "/") + "/"
        }()
        if parsed.account != "aws" { s.noteAccount(parsed.account, folder: info.directory) }
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
                doc = s.parsePolicy(d, kind: .identity, file: file, at: vp.appending("Document"))
            }
            mp.versions.append(PolicyVersion(versionId: versionId, isDefault: isDefault, createDate: v.date("CreateDate"), document: doc))
        }
        if mp.defaultVersionId == nil { mp.defaultVersionId = mp.versions.first(where: \.isDefault)?.versionId }
        return mp
    }
}
