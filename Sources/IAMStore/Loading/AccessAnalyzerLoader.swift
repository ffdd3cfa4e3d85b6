import Foundation
import IAMAnalysis
import IAMPolicy

/// IAM Access Analyzer: `list-analyzers`, `list-findings` (v1: external access only),
/// `list-findings-v2` and `get-finding-v2` (every analyzer type, `findingDetails`).
/// The analyzer of a findings file comes from an `analyzerArn` member or the path
/// `access-analyzer/<region>/<analyzer>/findings.json`.
enum AccessAnalyzerLoader {
    static func loadAnalyzers(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        for (i, a) in (json.array("analyzers") ?? []).enumerated() {
            let p = JSONPath.root.appending("analyzers").appending(i)
            guard let arn = a.str("arn"), let parsed = ARN(arn) else { s.error(file, p.description, "an analyzer needs its arn"); continue }
            let account = AccountID.isValid(parsed.account) ? parsed.account : (info.account ?? "")
            s.noteAccount(account, folder: info.directory)
            s.out.analyzers.append(Analyzer(
                arn: arn, name: a.str("name") ?? parsed.lastComponent, type: a.str("type") ?? "ACCOUNT", status: a.str("status"),
                region: parsed.region.isEmpty ? (info.region ?? "") : parsed.region, account: account, createdAt: a.date("createdAt")))
        }
    }

    static func loadFindings(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        var items: [(JSONValue, JSONPath)] = []
        if let list = json.array("findings") {
            items = list.enumerated().map { ($1, JSONPath.root.appending("findings").appending($0)) }
        } else {
            items = [(json, JSONPath.root)]  // get-finding-v2: one finding at the top level
        }
        let analyzerArn = json.str("analyzerArn") ?? analyzerArn(info: info, session: s)
        for (f, p) in items {
            guard let id = f.str("id") else { s.error(file, p.description, "a finding needs its id"); continue }
            let details = f.array("findingDetails") ?? []
            let external = details.lazy.compactMap { $0.field("externalAccessDetails") }.first
            var actions = (f.array("action") ?? external?.array("action") ?? []).compactMap(\.stringValue)
            for d in details {
                if let u = d.field("unusedPermissionDetails") {
                    let ns = u.str("serviceNamespace")
                    for a in u.array("actions") ?? [] {
                        guard let name = a.str("action") else { continue }
                        actions.append(name.contains(":") || ns == nil ? name : "\(ns ?? ""):\(name)")
                    }
                    if u.array("actions")?.isEmpty ?? true, let ns { actions.append("\(ns):*") }
                }
            }
            let principal = f.field("principal") ?? external?.field("principal")
            let condition = f.field("condition") ?? external?.field("condition")
            let finding = Finding(
                id: id, source: "access-analyzer", analyzerArn: analyzerArn,
                // list-findings (v1) lists external access findings only.
                findingType: f.str("findingType") ?? "ExternalAccess",
                resource: f.str("resource"), resourceType: f.str("resourceType"), account: f.str("resourceOwnerAccount"),
                principal: principal.map(JSONText.compact), actions: actions,
                conditions: condition.map(JSONText.compact), isPublic: f.bool("isPublic") ?? external?.bool("isPublic"),
                status: f.str("status") ?? "ACTIVE", createdAt: f.date("createdAt"), updatedAt: f.date("updatedAt"),
                analyzedAt: f.date("analyzedAt"), details: f)
            if let acct = finding.account { s.noteAccount(acct, folder: info.directory) }
            s.out.findings.append(finding)
            s.counts.findings += 1
        }
    }

    /// The analyzer named by the path, from loaded analyzers or built from region and account.
    static func analyzerArn(info: PathInfo, session s: LoadSession) -> String? {
        guard let name = info.analyzerName else { return nil }
        if let a = (s.out.analyzers + s.existing.analyzers).first(where: { $0.name == name && (info.region == nil || $0.region == info.region) }) {
            return a.arn
        }
        guard let region = info.region, let account = info.account else { return nil }
        return "arn:aws:access-analyzer:\(region):\(account):analyzer/\(name)"
    }
}
