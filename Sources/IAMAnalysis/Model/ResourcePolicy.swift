import Foundation
import IAMPolicy

/// A resource-based policy of a resource (S3 bucket, KMS key, Lambda function, SQS queue,
/// SNS topic, Secrets Manager secret, or any ARN given in the generic form).
public struct ResourcePolicy: Sendable, Hashable {
    public var arn: String
    /// The service prefix and resource type, e.g. `s3:bucket`, `kms:key`, `lambda:function`,
    /// `sqs:queue`, `sns:topic`, `secretsmanager:secret`, or `<service>:<type>` for generic files.
    public var resourceType: String
    public var account: String
    public var region: String
    public var name: String
    public var policy: PolicyDocument?
    /// Where it came from (file path, for explanations and errors).
    public var source: String
    public var tags: [String: String]
    /// Bucket-level S3 Block Public Access (`s3api get-public-access-block`); nil: not collected or none set.
    public var publicAccessBlock: PublicAccessBlock? = nil
    public init(arn: String, resourceType: String, account: String, region: String = "", name: String,
                policy: PolicyDocument?, source: String = "", tags: [String: String] = [:]) {
        self.arn = arn; self.resourceType = resourceType; self.account = account; self.region = region
        self.name = name; self.policy = policy; self.source = source; self.tags = tags
    }
}

/// A manifest entry of the collector: what was collected, what had no policy, what failed.
public struct CollectionStep: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case ok
        case noPolicy = "no policy"
        case notCollected = "not collected"
        case failed
        case empty
    }
    public var command: String
    public var status: Status
    public var exitCode: Int?
    public var seconds: Double?
    public var file: String?
    public var error: String?
    public var account: String?
    public init(command: String, status: Status, exitCode: Int? = nil, seconds: Double? = nil,
                file: String? = nil, error: String? = nil, account: String? = nil) {
        self.command = command; self.status = status; self.exitCode = exitCode; self.seconds = seconds
        self.file = file; self.error = error; self.account = account
    }
}
