import Foundation
import IAMAnalysis
import IAMPolicy

/// S3 Block Public Access: `{"PublicAccessBlockConfiguration": {...}}`, recognised by content. The
/// output names neither bucket nor account, so the path does:
/// `accounts/<id>/resource-policies/s3/<bucket>.public-access-block.json` is a bucket's
/// (`s3api get-public-access-block --bucket B`); any other place is the account's
/// (`accounts/<id>/s3-public-access-block.json`, `s3control get-public-access-block --account-id ID`).
enum PublicAccessBlockLoader {
    static let bucketSuffix = ".public-access-block"

    static func load(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        let settings: PublicAccessBlock
        do {
            settings = try PublicAccessBlock.parse(json)
        } catch let e as PolicyError {
            s.error(file, e.path.description, e.message); return
        } catch {
            s.error(file, nil, "\(error)"); return
        }
        if info.service == "s3", var bucket = info.resourceName, !bucket.isEmpty {
            if bucket.hasSuffix(bucketSuffix) { bucket = String(bucket.dropLast(bucketSuffix.count)) }
            guard !bucket.isEmpty, !bucket.contains("/") else {
                s.error(file, nil, "cannot tell the bucket: name the file resource-policies/s3/<bucket>\(bucketSuffix).json"); return
            }
            s.withAccount(info, file: file, what: "bucket Block Public Access setting") { acct in
                var r = ResourcePolicy(arn: "arn:aws:s3:::\(bucket)", resourceType: "s3:bucket", account: acct, region: "",
                                       name: bucket, policy: nil, source: file)
                r.publicAccessBlock = settings
                s.noteAccount(acct, folder: info.directory)
                s.out.resourcePolicies.append(r)
            }
            return
        }
        s.withAccount(info, file: file, what: "account Block Public Access setting") { acct in
            s.updateAccount(acct, folder: info.directory) { $0.s3PublicAccessBlock = settings }
        }
    }
}
