import Foundation
import IAMAnalysis
import IAMPolicy

/// Resource-based policies from the `get-*` outputs, whose policy is a JSON string inside JSON:
/// S3 `get-bucket-policy` and KMS `get-key-policy` (`{"Policy": …}`), Lambda `get-policy`
/// (`{"Policy", "RevisionId"}`), SQS/SNS `get-*-attributes` (`{"Attributes": {"Policy", …}}`),
/// Secrets Manager `get-resource-policy` (`{"ARN", "Name", "ResourcePolicy"}`), and the generic
/// `{"arn": …, "policy": …}` for any other resource. The resource's identity comes from the
/// output when it carries an ARN, else from the file's path.
enum ResourcePolicyLoader {
    /// `{"Policy": "<JSON string>"}` with optional `RevisionId` (Lambda) or `PolicyName` (KMS).
    static func loadPolicyString(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        var service = info.service
        if service == nil {
            if json.field("RevisionId") != nil { service = "lambda" } else if json.field("PolicyName") != nil { service = "kms" }
        }
        guard let doc = document(json.field("Policy"), service: service, file: file, at: JSONPath.root.appending("Policy"), session: s) else { return }
        // Without a path, the statements' resources may name the resource (S3 and Lambda policies do).
        if service == nil || (service != "s3" && info.resourceName == nil) {
            if let (svc, arn) = inferResource(doc) {
                add(service: svc, arn: arn, doc: doc, file: file, info: info, session: s)
                return
            }
            if service == nil {
                s.error(file, nil, "cannot tell which resource this policy belongs to: the output names none; "
                    + "put it under resource-policies/<s3|kms|lambda|…>/[<region>/]<name>.json or use {\"arn\": …, \"policy\": …}")
                return
            }
        }
        add(service: service ?? "", arn: nil, doc: doc, file: file, info: info, session: s)
    }

    /// SQS `get-queue-attributes` and SNS `get-topic-attributes`.
    static func loadAttributes(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        guard let attrs = json.field("Attributes") else { return }
        let arn = attrs.str("QueueArn") ?? attrs.str("TopicArn")
        let service = arn.flatMap { ARN($0)?.service } ?? info.service
            ?? (attrs.field("Owner") != nil || attrs.field("SubscriptionsConfirmed") != nil ? "sns" : nil)
        guard let service else {
            s.error(file, "$.Attributes", "cannot tell the queue or topic: no QueueArn or TopicArn; put it under resource-policies/<sqs|sns>/<region>/<name>.json")
            return
        }
        var doc: PolicyDocument?
        if let p = attrs.field("Policy") {
            guard let d = document(p, service: service, file: file, at: JSONPath.root.appending("Attributes").appending("Policy"), session: s) else { return }
            doc = d
        }
        add(service: service, arn: arn, doc: doc, file: file, info: info, session: s)
    }

    /// Secrets Manager `get-resource-policy`: no `ResourcePolicy` member means the secret has none.
    static func loadSecret(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        var doc: PolicyDocument?
        if let p = json.field("ResourcePolicy"), !p.isNull {
            guard let d = document(p, service: "secretsmanager", file: file, at: JSONPath.root.appending("ResourcePolicy"), session: s) else { return }
            doc = d
        }
        var pi = info
        if let name = json.str("Name") { pi.resourceName = name }
        add(service: "secretsmanager", arn: json.str("ARN"), doc: doc, file: file, info: pi, session: s)
    }

    /// `{"arn": "…", "policy": {…} or "<JSON string>"}` for any resource type.
    static func loadGeneric(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        guard let arn = json.str("arn"), let parsed = ARN(arn) else {
            s.error(file, "$.arn", "expected the resource ARN (arn:partition:service:region:account:resource)"); return
        }
        let policyValue = json.field("policy")
        guard let doc = document(policyValue, service: parsed.service, file: file, at: JSONPath.root.appending("policy"), session: s) else { return }
        var r = ResourcePolicy(arn: arn, resourceType: resourceType(service: parsed.service, arn: parsed), account: parsed.account,
                               region: parsed.region, name: name(service: parsed.service, arn: parsed), policy: doc, source: file,
                               tags: json.tags("tags"))
        if r.account.isEmpty, let a = info.account { r.account = a }
        append(r, session: s, folder: info.directory)
    }

    // MARK: Shared steps

    /// Parses the policy: a JSON string (parsed here, so that errors name the place inside it) or an object.
    static func document(_ value: JSONValue?, service: String?, file: String, at path: JSONPath, session s: LoadSession) -> PolicyDocument? {
        guard let value, !value.isNull else { s.error(file, path.description, "expected a policy document, found nothing"); return nil }
        var json = value
        if case .string(let text) = value {
            do { json = try JSONParser.parse(text) } catch {
                s.error(file, "\(path) (a JSON string), line \(error.line), column \(error.column) at \(error.path)",
                        "the policy is not valid JSON: \(error.message)")
                return nil
            }
        }
        if service == "lambda" { json = LambdaPolicyQuirks.normalize(json) }
        return s.parsePolicy(json, kind: .resource, file: file, at: path)
    }

    /// A resource named by the statements: an S3 bucket or a Lambda function ARN.
    static func inferResource(_ doc: PolicyDocument) -> (String, String)? {
        for st in doc.statements where !st.resourcesNegated {
            for r in st.resources ?? [] {
                guard let a = ARN(r), !Wildcard.hasWildcard(a.service) else { continue }
                if a.service == "s3" {
                    let bucket = a.resource.split(separator: "/").first.map(String.init) ?? a.resource
                    if !bucket.isEmpty, !Wildcard.hasWildcard(bucket) { return ("s3", "arn:\(a.partition):s3:::\(bucket)") }
                } else if a.service == "lambda", a.resource.hasPrefix("function:") {
                    let parts = a.resource.split(separator: ":")
                    if parts.count >= 2, !Wildcard.hasWildcard(String(parts[1])) {
                        return ("lambda", "arn:\(a.partition):lambda:\(a.region):\(a.account):function:\(parts[1])")
                    }
                }
            }
        }
        return nil
    }

    /// Adds the resource, building its ARN from the path (service, region, name) and the account when the output names none.
    static func add(service: String, arn: String?, doc: PolicyDocument?, file: String, info: PathInfo, session s: LoadSession) {
        if let arn, let parsed = ARN(arn) {
            var r = ResourcePolicy(arn: arn, resourceType: resourceType(service: parsed.service, arn: parsed), account: parsed.account,
                                   region: parsed.region, name: name(service: parsed.service, arn: parsed), policy: doc, source: file)
            if service == "secretsmanager", let n = info.resourceName { r.name = n }
            if r.account.isEmpty {
                // S3 bucket ARNs carry no account: the path (or the folder's account) supplies it.
                s.withAccount(info, file: file, what: "\(service) policy") { acct in
                    r.account = acct
                    append(r, session: s, folder: info.directory)
                }
            } else {
                append(r, session: s, folder: info.directory)
            }
            return
        }
        guard let name = info.resourceName, !name.isEmpty else {
            s.error(file, nil, "cannot tell which \(service) resource this policy belongs to: the output names none and the path is not resource-policies/\(service)/[<region>/]<name>.json")
            return
        }
        let region = info.region ?? ""
        if service != "s3", region.isEmpty {
            s.error(file, nil, "cannot tell the region of this \(service) resource; put it under resource-policies/\(service)/<region>/\(name).json")
            return
        }
        s.withAccount(info, file: file, what: "\(service) policy") { acct in
            let arnText: String
            if name.hasPrefix("arn:") {
                arnText = name
            } else {
                switch service {
                case "s3": arnText = "arn:aws:s3:::\(name)"
                case "kms": arnText = name.hasPrefix("alias/") ? "arn:aws:kms:\(region):\(acct):\(name)" : "arn:aws:kms:\(region):\(acct):key/\(name)"
                case "lambda": arnText = "arn:aws:lambda:\(region):\(acct):function:\(name)"
                case "sqs": arnText = "arn:aws:sqs:\(region):\(acct):\(name)"
                case "sns": arnText = "arn:aws:sns:\(region):\(acct):\(name)"
                case "secretsmanager": arnText = "arn:aws:secretsmanager:\(region):\(acct):secret:\(name)"
                default: arnText = "arn:aws:\(service):\(region):\(acct):\(name)"
                }
            }
            let parsed = ARN(arnText)
            let r = ResourcePolicy(arn: arnText, resourceType: parsed.map { resourceType(service: service, arn: $0) } ?? service,
                                   account: acct, region: region, name: name, policy: doc, source: file)
            append(r, session: s, folder: info.directory)
        }
    }

    static func append(_ r: ResourcePolicy, session s: LoadSession, folder: String) {
        if AccountID.isValid(r.account) { s.noteAccount(r.account, folder: folder) }
        s.out.resourcePolicies.append(r)
        s.counts.resourcePolicies += 1
    }

    static func resourceType(service: String, arn: ARN) -> String {
        switch service {
        case "s3": return arn.resource.contains("/") ? "s3:object" : "s3:bucket"
        case "sqs": return "sqs:queue"
        case "sns": return "sns:topic"
        default:
            let t = arn.resourceType
            return t.isEmpty ? service : "\(service):\(t)"
        }
    }

    static func name(service: String, arn: ARN) -> String {
        switch service {
        case "s3", "sqs", "sns": return arn.resource
        case "lambda":
            // function:NAME[:QUALIFIER]
            let parts = arn.resource.split(separator: ":")
            return parts.count >= 2 ? String(parts[1]) : arn.resource
        default: return arn.resourceName
        }
    }
}

/// The local mock's Lambda policies differ from AWS's: a function-URL permission carries a
/// top-level `FunctionUrlAuthType` statement member where AWS writes a
/// `lambda:FunctionUrlAuthType` condition. Rewritten to AWS's form so the grammar holds.
/// (A bare account-id principal, the other quirk, is accepted by the policy parser.)
enum LambdaPolicyQuirks {
    static func normalize(_ json: JSONValue) -> JSONValue {
        guard case .object(var members) = json, let i = members.firstIndex(where: { $0.key == "Statement" }) else { return json }
        switch members[i].value {
        case .array(let items): members[i].value = .array(items.map(fixStatement))
        case .object: members[i].value = fixStatement(members[i].value)
        default: break
        }
        return .object(members)
    }

    static func fixStatement(_ st: JSONValue) -> JSONValue {
        guard case .object(var m) = st, let j = m.firstIndex(where: { $0.key == "FunctionUrlAuthType" }) else { return st }
        let value = m[j].value
        m.remove(at: j)
        let clause = JSONValue.object([JSONMember("lambda:FunctionUrlAuthType", value)])
        if let c = m.firstIndex(where: { $0.key == "Condition" }), case .object(var ops) = m[c].value {
            if let e = ops.firstIndex(where: { $0.key == "StringEquals" }), case .object(var keys) = ops[e].value {
                keys.append(JSONMember("lambda:FunctionUrlAuthType", value))
                ops[e].value = .object(keys)
            } else {
                ops.append(JSONMember("StringEquals", clause))
            }
            m[c].value = .object(ops)
        } else {
            m.append(JSONMember("Condition", .object([JSONMember("StringEquals", clause)])))
        }
        return .object(m)
    }
}
