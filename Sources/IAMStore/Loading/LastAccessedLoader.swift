import Foundation
import IAMAnalysis
import IAMPolicy

/// `aws iam get-service-last-accessed-details` (service and action level). The output does not
/// name its entity: it comes from an `Arn` member when present (iamsh accepts one), else from the
/// path `last-accessed/<users|roles|groups|policies>/<name>.json` and the account folder.
enum LastAccessedLoader {
    static func load(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        if let status = json.str("JobStatus"), status != "COMPLETED" {
            s.warning(file, "$.JobStatus", "the job status is \(status), not COMPLETED; the data may be partial")
        }
        if json.bool("IsTruncated") == true {
            s.warning(file, "$.IsTruncated", "the output is truncated (IsTruncated true); services after the last one listed are missing")
        }
        let completion = json.date("JobCompletionDate")
        var rows: [(service: JSONValue, path: JSONPath)] = []
        for (i, svc) in (json.array("ServicesLastAccessed") ?? []).enumerated() {
            rows.append((svc, JSONPath.root.appending("ServicesLastAccessed").appending(i)))
        }

        func emit(_ entityArn: String) {
            var entries: [LastAccessedEntry] = []
            for (svc, p) in rows {
                guard let ns = svc.str("ServiceNamespace") else {
                    s.error(file, p.description, "a service entry needs ServiceNamespace"); continue
                }
                entries.append(LastAccessedEntry(
                    entityArn: entityArn, serviceNamespace: ns, serviceName: svc.str("ServiceName"),
                    lastAccessed: svc.date("LastAuthenticated"), lastAccessedEntity: svc.str("LastAuthenticatedEntity"),
                    lastAccessedRegion: svc.str("LastAuthenticatedRegion"),
                    totalAuthenticatedEntities: svc.int("TotalAuthenticatedEntities"), granularity: .service,
                    jobCompletionDate: completion, source: file))
                for a in svc.array("TrackedActionsLastAccessed") ?? [] {
                    guard let name = a.str("ActionName") else { continue }
                    entries.append(LastAccessedEntry(
                        entityArn: entityArn, serviceNamespace: ns, serviceName: svc.str("ServiceName"), actionName: name,
                        lastAccessed: a.date("LastAccessedTime"), lastAccessedEntity: a.str("LastAccessedEntity"),
                        lastAccessedRegion: a.str("LastAccessedRegion"), granularity: .action,
                        jobCompletionDate: completion, source: file))
                }
            }
            s.out.lastAccessed += entries
            s.counts.lastAccessedRows += entries.count
        }

        if let arn = json.str("Arn") ?? json.str("EntityArn"), ARN(arn) != nil {
            if let a = ARN(arn), AccountID.isValid(a.account) { s.noteAccount(a.account, folder: info.directory) }
            emit(arn)
            return
        }
        guard let kind = info.entityKind, let name = info.entityName else {
            s.error(file, nil, "cannot tell whose access data this is: the output names no entity; "
                + "put it at last-accessed/<users|roles|groups|policies>/<name>.json or add an \"Arn\" member")
            return
        }
        if name.hasPrefix("arn:") { emit(name); return }
        s.withAccount(info, file: file, what: "last-accessed report") { account in
            // Resolve the name once every entity of the load is known.
            s.finishers.append { emit(entityArn(kind: kind, name: name, account: account, session: s)) }
        }
    }

    /// The ARN of a user, role, group or policy named in a path, from the loaded entities when
    /// they include it (its path may not be `/`), else built with the root path.
    static func entityArn(kind: String, name: String, account: String, session s: LoadSession) -> String {
        if let arn = s.entityArnByName["\(kind)/\(account)/\(name)"] { return arn }
        switch kind {
        case "users": return "arn:aws:iam::\(account):user/\(name)"
        case "roles": return "arn:aws:iam::\(account):role/\(name)"
        case "groups": return "arn:aws:iam::\(account):group/\(name)"
        default: return s.entityArnByName["policies/aws/\(name)"] ?? "arn:aws:iam::\(account):policy/\(name)"
        }
    }
}
