import Foundation
import IAMAnalysis
import IAMPolicy

/// AWS Organizations outputs. The organization is spread over many files (describe-organization,
/// list-accounts, list-roots, the OU tree, list-policies, describe-policy, list-targets-for-policy);
/// each adds to an `OrgAccumulator`, which builds one `Organization` when the load ends.
enum OrganizationsLoader {
    static func loadOrganization(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        guard let o = json.field("Organization"), let id = o.str("Id") else {
            s.error(file, "$.Organization", "expected the organization with its Id"); return
        }
        s.org.id = id
        s.org.arn = o.str("Arn") ?? s.org.arn
        s.org.managementAccountId = o.str("MasterAccountId") ?? o.str("ManagementAccountId") ?? s.org.managementAccountId
        s.org.managementAccountEmail = o.str("MasterAccountEmail") ?? o.str("ManagementAccountEmail") ?? s.org.managementAccountEmail
        s.org.featureSet = o.str("FeatureSet") ?? s.org.featureSet
        if let m = s.org.managementAccountId { s.noteAccount(m, folder: "") }
    }

    static func loadAccounts(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        for (i, a) in (json.array("Accounts") ?? []).enumerated() {
            guard let id = a.str("Id"), AccountID.isValid(id) else {
                s.error(file, JSONPath.root.appending("Accounts").appending(i).description, "an account needs a 12-digit Id"); continue
            }
            s.updateAccount(id, folder: "") { acct in
                acct.name = a.str("Name") ?? acct.name
                acct.email = a.str("Email") ?? acct.email
                acct.status = a.str("Status") ?? acct.status
                acct.joinedTimestamp = a.date("JoinedTimestamp") ?? acct.joinedTimestamp
            }
            s.org.accounts[id] = OrgNode(id: id, kind: .account, name: a.str("Name"), arn: a.str("Arn"))
            s.org.noteArn(a.str("Arn"))
        }
    }

    static func loadRoots(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        for r in json.array("Roots") ?? [] {
            guard let id = r.str("Id") else { continue }
            s.org.roots[id] = OrgNode(id: id, kind: .root, name: r.str("Name"), arn: r.str("Arn"))
            s.org.noteArn(r.str("Arn"))
        }
    }

    /// `organizational-units.json` (iamsh's walk of the tree) or a `list-organizational-units-for-parent` page.
    static func loadUnits(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        let fileParent = PathInfo.stem(URL(fileURLWithPath: file).lastPathComponent)
        let defaultParent = json.str("ParentId") ?? (fileParent.hasPrefix("r-") || fileParent.hasPrefix("ou-") ? fileParent : nil)
        for (i, u) in (json.array("OrganizationalUnits") ?? []).enumerated() {
            guard let id = u.str("Id") else { continue }
            let parent = u.str("ParentId") ?? defaultParent
            if parent == nil {
                s.warning(file, JSONPath.root.appending("OrganizationalUnits").appending(i).description,
                          "the OU \(id) has no ParentId and the file is not named after its parent; it hangs below no node")
            }
            s.org.units[id] = OrgNode(id: id, kind: .organizationalUnit, name: u.str("Name"), arn: u.str("Arn"), parentId: parent)
            s.org.noteArn(u.str("Arn"))
        }
        for p in json.array("AccountParents") ?? [] {
            if let a = p.str("AccountId"), let parent = p.str("ParentId") { s.org.accountParents[a] = parent }
        }
    }

    /// `list-children` for one parent: the parent is a `ParentId` member or the file name.
    static func loadChildren(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        let fileParent = PathInfo.stem(URL(fileURLWithPath: file).lastPathComponent)
        guard let parent = json.str("ParentId") ?? (fileParent.hasPrefix("r-") || fileParent.hasPrefix("ou-") ? fileParent : nil) else {
            s.error(file, nil, "cannot tell whose children these are: name the file <parent-id>.json or add a ParentId member"); return
        }
        for c in json.array("Children") ?? [] {
            guard let id = c.str("Id") else { continue }
            if c.str("Type") == "ACCOUNT" || AccountID.isValid(id) {
                s.org.accountParents[id] = parent
            } else if s.org.units[id] == nil {
                s.org.units[id] = OrgNode(id: id, kind: .organizationalUnit, parentId: parent)
            } else {
                s.org.units[id]?.parentId = parent
            }
        }
    }

    /// `list-policies --filter SERVICE_CONTROL_POLICY|RESOURCE_CONTROL_POLICY`.
    static func loadPolicies(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        for p in json.array("Policies") ?? [] { s.org.addSummary(p, info: info) }
    }

    /// `describe-policy`: the summary and `Content`, the document as a JSON string.
    static func loadPolicy(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        guard let pol = json.field("Policy"), let summary = pol.field("PolicySummary"), let id = summary.str("Id") else {
            s.error(file, "$.Policy.PolicySummary", "expected the policy summary with its Id"); return
        }
        s.org.addSummary(summary, info: info)
        let kind: PolicyKind = s.org.summaries[id]?.kind == .rcp ? .rcp : .scp
        guard let content = pol.field("Content") else {
            s.error(file, "$.Policy.Content", "expected the policy document"); return
        }
        let path = JSONPath.root.appending("Policy").appending("Content")
        var json = content
        if case .string(let text) = content {
            do { json = try JSONParser.parse(text) } catch {
                s.error(file, "\(path) (a JSON string), line \(error.line), column \(error.column) at \(error.path)",
                        "the policy is not valid JSON: \(error.message)")
                return
            }
        }
        if let doc = s.parsePolicy(json, kind: kind, file: file, at: path) { s.org.documents[id] = doc }
    }

    /// `list-targets-for-policy`: the policy is named by the file (`<policy-id>.targets.json`) or a `PolicyId` member.
    static func loadTargets(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        guard let id = json.str("PolicyId") ?? info.orgPolicyId else {
            s.error(file, nil, "cannot tell whose targets these are: name the file <policy-id>.targets.json or add a PolicyId member"); return
        }
        var list: [String] = []
        for t in json.array("Targets") ?? [] {
            guard let tid = t.str("TargetId") else { continue }
            list.append(tid)
            switch t.str("Type") {
            case "ROOT"?: if s.org.roots[tid] == nil { s.org.roots[tid] = OrgNode(id: tid, kind: .root, name: t.str("Name"), arn: t.str("Arn")) }
            case "ORGANIZATIONAL_UNIT"?:
                if s.org.units[tid] == nil { s.org.units[tid] = OrgNode(id: tid, kind: .organizationalUnit, name: t.str("Name"), arn: t.str("Arn")) }
            case "ACCOUNT"?:
                if s.org.accounts[tid] == nil { s.org.accounts[tid] = OrgNode(id: tid, kind: .account, name: t.str("Name"), arn: t.str("Arn")) }
            default: break
            }
            s.org.noteArn(t.str("Arn"))
        }
        s.org.targets[id, default: []] += list
        if s.org.summaries[id] == nil, let kind = info.orgPolicyKind { s.org.kindHints[id] = kind }
    }
}

/// The pieces of an organization read so far in one load.
struct OrgAccumulator {
    struct Summary { var arn: String?; var name: String; var kind: OrgPolicy.Kind; var awsManaged: Bool; var description: String? }
    var id: String?
    var arn: String?
    var managementAccountId: String?
    var managementAccountEmail: String?
    var featureSet: String?
    var idFromArn: String?
    var roots: [String: OrgNode] = [:]
    var units: [String: OrgNode] = [:]
    var accounts: [String: OrgNode] = [:]
    var accountParents: [String: String] = [:]
    var summaries: [String: Summary] = [:]
    var kindHints: [String: OrgPolicy.Kind] = [:]
    var documents: [String: PolicyDocument] = [:]
    var targets: [String: [String]] = [:]

    var isEmpty: Bool {
        id == nil && roots.isEmpty && units.isEmpty && accounts.isEmpty && summaries.isEmpty && documents.isEmpty && targets.isEmpty
    }

    /// Organizations ARNs carry the organization id: `arn:aws:organizations::MGMT:ou/o-abc/ou-…`.
    mutating func noteArn(_ arn: String?) {
        guard idFromArn == nil, let arn, let a = ARN(arn), a.service == "organizations" else { return }
        if let o = a.resource.split(separator: "/").first(where: { $0.hasPrefix("o-") }) { idFromArn = String(o) }
        if managementAccountId == nil, AccountID.isValid(a.account) { managementAccountId = a.account }
    }

    mutating func addSummary(_ p: JSONValue, info: PathInfo) {
        guard let id = p.str("Id") else { return }
        let kind: OrgPolicy.Kind = p.str("Type") == "RESOURCE_CONTROL_POLICY" ? .rcp
            : (p.str("Type") == nil ? (info.orgPolicyKind ?? .scp) : .scp)
        summaries[id] = Summary(arn: p.str("Arn"), name: p.str("Name") ?? id, kind: kind,
                                awsManaged: p.bool("AwsManaged") ?? false, description: p.str("Description"))
        noteArn(p.str("Arn"))
    }

    /// The organization, or nil when the load held no Organizations data.
    func build(session s: LoadSession) -> Organization? {
        guard !isEmpty else { return nil }
        // Without describe-organization, the id comes from an ARN or from what is already loaded.
        guard let orgId = id ?? idFromArn ?? s.existing.organization?.id else {
            s.warning("organization", nil, "Organizations data without describe-organization or ARNs naming the organization; kept under the id o-unknown")
            return build(orgId: "o-unknown", session: s)
        }
        return build(orgId: orgId, session: s)
    }

    private func build(orgId: String, session s: LoadSession) -> Organization {
        var nodes: [OrgNode] = roots.keys.sorted().compactMap { roots[$0] }
        nodes += units.keys.sorted().compactMap { units[$0] }
        let knownRoots = roots.isEmpty ? (s.existing.organization?.nodes.filter { $0.kind == .root }.map(\.id) ?? []) : Array(roots.keys)
        let accountIds = Set(accounts.keys).union(accountParents.keys)
        for id in accountIds.sorted() {
            var node = accounts[id] ?? OrgNode(id: id, kind: .account)
            // An account whose parent was not collected is placed below the only root: root SCPs
            // apply to it either way; SCPs of unknown OUs cannot be known.
            let earlier = s.existing.organization?.nodes.first { $0.id == id }?.parentId
            node.parentId = accountParents[id] ?? earlier ?? (knownRoots.count == 1 ? knownRoots[0] : nil)
            nodes.append(node)
            s.updateAccount(id, folder: "") { _ in }
        }
        var policies: [OrgPolicy] = []
        let policyIds = Set(summaries.keys).union(documents.keys).union(targets.keys)
        for id in policyIds.sorted() {
            let sum = summaries[id]
            let existing = s.existing.organization?.policies.first { $0.id == id }
            let kind = sum?.kind ?? kindHints[id] ?? existing?.kind ?? .scp
            var p = OrgPolicy(id: id, arn: sum?.arn ?? existing?.arn, name: sum?.name ?? existing?.name ?? id, kind: kind,
                              awsManaged: sum?.awsManaged ?? existing?.awsManaged ?? false,
                              description: sum?.description ?? existing?.description,
                              document: documents[id] ?? existing?.document, targets: existing?.targets ?? [])
            if let t = targets[id] { p.targets = t }
            policies.append(p)
        }
        return Organization(id: orgId, arn: arn, managementAccountId: managementAccountId,
                            managementAccountEmail: managementAccountEmail, featureSet: featureSet,
                            nodes: nodes, policies: policies)
    }
}
