import Foundation
import IAMAnalysis
import IAMPolicy

/// What a file's path says about its content, for the outputs that do not name their own
/// account, region or resource (the snapshot layout in the README):
/// `accounts/<id>/…`, `resource-policies/<service>/<region>/<name>.json` (`s3/<bucket>.json`),
/// `last-accessed/<users|roles|groups|policies>/<name>.json`,
/// `access-analyzer/<region>/<analyzer>/findings.json`, `organization/scps/<policy-id>[.targets].json`.
/// Names are percent-decoded (`%2F` is a `/` in a queue, secret or key name).
struct PathInfo: Sendable {
    var account: String?
    var service: String?
    var region: String?
    var resourceName: String?
    var entityKind: String?            // users, roles, groups, policies
    var entityName: String?
    var analyzerName: String?
    var orgPolicyId: String?
    var orgPolicyKind: OrgPolicy.Kind?
    var isTargetsFile = false
    /// The folder that holds the file: files in one folder (or below an account folder) share an account.
    var directory: String

    init(path: String) {
        let url = URL(fileURLWithPath: path)
        directory = url.deletingLastPathComponent().path
        let comps = url.pathComponents
        let fileName = comps.last ?? ""
        let stem = PathInfo.stem(fileName)

        // The account: the folder after `accounts/`, else the nearest 12-digit folder name.
        if let i = comps.lastIndex(of: "accounts"), i + 1 < comps.count - 1, AccountID.isValid(comps[i + 1]) {
            account = comps[i + 1]
        } else if let c = comps.dropLast().last(where: { AccountID.isValid($0) }) {
            account = c
        }

        if let i = comps.lastIndex(of: "resource-policies"), i + 1 < comps.count - 1 {
            let svc = comps[i + 1]
            service = svc
            let rest = Array(comps[(i + 2)...])
            if rest.count >= 2 {
                region = rest[0]
                resourceName = PathInfo.decode(PathInfo.stem(rest.last ?? ""))
            } else if rest.count == 1 {
                region = svc == "s3" ? "" : nil
                resourceName = PathInfo.decode(stem)
            }
        }

        if let i = comps.lastIndex(of: "last-accessed"), i + 2 == comps.count - 1 {
            let kind = comps[i + 1]
            if ["users", "roles", "groups", "policies"].contains(kind) {
                entityKind = kind
                entityName = PathInfo.decode(stem)
            }
        }

        if let i = comps.lastIndex(of: "access-analyzer"), i + 1 < comps.count - 1 {
            region = comps[i + 1]
            if i + 3 == comps.count - 1 { analyzerName = PathInfo.decode(comps[i + 2]) }
        }

        if fileName.hasSuffix(".targets.json") { isTargetsFile = true }
        // An Organizations policy id is `p-` followed by letters and digits (or p-FullAWSAccess).
        let idPart = fileName.hasSuffix(".targets.json") ? String(fileName.dropLast(".targets.json".count)) : stem
        if idPart.hasPrefix("p-") { orgPolicyId = idPart }
        if comps.contains("rcps") { orgPolicyKind = .rcp } else if comps.contains("scps") { orgPolicyKind = .scp }
    }

    static func stem(_ name: String) -> String {
        name.hasSuffix(".json") ? String(name.dropLast(5)) : name
    }

    static func decode(_ s: String) -> String { s.removingPercentEncoding ?? s }
}
