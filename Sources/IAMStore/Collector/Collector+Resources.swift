import Foundation
import IAMPolicy

/// Resource-based policies (S3, KMS, Lambda, SQS, SNS, Secrets Manager) and Access Analyzer.
/// Listing commands are manifest steps without a file; each policy is its own file.
extension Collector {
    /// Buckets are global: listed once, each policy read through the first region (the CLI follows
    /// S3's redirect to the bucket's region).
    func collectS3() throws {
        let region = regions[0]
        guard let list = try step(["s3api", "list-buckets"], region: region) else { return }
        for bucket in (list.json?["Buckets"]?.arrayValue ?? []).compactMap({ $0["Name"]?.stringValue }) {
            try step(["s3api", "get-bucket-policy", "--bucket", bucket], region: region,
                     file: accountPath("resource-policies/s3/\(Self.fileName(bucket)).json"))
        }
    }

    func collectKMS(_ region: String) throws {
        guard let list = try step(["kms", "list-keys"], region: region) else { return }
        for key in (list.json?["Keys"]?.arrayValue ?? []).compactMap({ $0["KeyId"]?.stringValue }) {
            try step(["kms", "get-key-policy", "--key-id", key, "--policy-name", "default"], region: region,
                     file: accountPath("resource-policies/kms/\(region)/\(Self.fileName(key)).json"))
        }
    }

    func collectLambda(_ region: String) throws {
        guard let list = try step(["lambda", "list-functions"], region: region) else { return }
        for function in (list.json?["Functions"]?.arrayValue ?? []).compactMap({ $0["FunctionName"]?.stringValue }) {
            // A function without a policy answers ResourceNotFoundException: "no policy".
            try step(["lambda", "get-policy", "--function-name", function], region: region,
                     file: accountPath("resource-policies/lambda/\(region)/\(Self.fileName(function)).json"))
        }
    }

    func collectSQS(_ region: String) throws {
        guard let list = try step(["sqs", "list-queues"], region: region) else { return }
        for url in (list.json?["QueueUrls"]?.arrayValue ?? []).compactMap(\.stringValue) {
            let name = String(url.split(separator: "/").last ?? "")
            // A queue without a policy answers with QueueArn only.
            try step(["sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "Policy", "QueueArn"],
                     region: region, file: accountPath("resource-policies/sqs/\(region)/\(Self.fileName(name)).json"),
                     hasPolicy: { $0["Attributes"]?["Policy"]?.stringValue != nil })
        }
    }

    func collectSNS(_ region: String) throws {
        guard let list = try step(["sns", "list-topics"], region: region) else { return }
        for arn in (list.json?["Topics"]?.arrayValue ?? []).compactMap({ $0["TopicArn"]?.stringValue }) {
            let name = String(arn.split(separator: ":").last ?? "")
            try step(["sns", "get-topic-attributes", "--topic-arn", arn], region: region,
                     file: accountPath("resource-policies/sns/\(region)/\(Self.fileName(name)).json"),
                     hasPolicy: { $0["Attributes"]?["Policy"]?.stringValue != nil })
        }
    }

    func collectSecrets(_ region: String) throws {
        guard let list = try step(["secretsmanager", "list-secrets"], region: region) else { return }
        for secret in list.json?["SecretList"]?.arrayValue ?? [] {
            guard let arn = secret["ARN"]?.stringValue else { continue }
            let name = secret["Name"]?.stringValue ?? arn
            // A secret without a policy answers with ARN and Name only.
            try step(["secretsmanager", "get-resource-policy", "--secret-id", arn], region: region,
                     file: accountPath("resource-policies/secretsmanager/\(region)/\(Self.fileName(name)).json"),
                     hasPolicy: { $0["ResourcePolicy"]?.stringValue != nil })
        }
    }

    /// Analyzers of the region and their findings: list-findings for external-access analyzers
    /// (its summaries carry principal, actions and conditions), list-findings-v2 for the others
    /// (unused and internal access, which list-findings does not serve).
    func collectAccessAnalyzer(_ region: String) throws {
        guard let list = try step(["accessanalyzer", "list-analyzers"], region: region,
                                  file: accountPath("access-analyzer/\(region)/analyzers.json")) else { return }
        for analyzer in list.json?["analyzers"]?.arrayValue ?? [] {
            guard let arn = analyzer["arn"]?.stringValue, let name = analyzer["name"]?.stringValue else { continue }
            let folder = "access-analyzer/\(region)/\(Self.fileName(name))"
            if ["ACCOUNT", "ORGANIZATION"].contains(analyzer["type"]?.stringValue ?? "") {
                try step(["accessanalyzer", "list-findings", "--analyzer-arn", arn], region: region,
                         file: accountPath("\(folder)/findings.json"))
            } else {
                try step(["accessanalyzer", "list-findings-v2", "--analyzer-arn", arn], region: region,
                         file: accountPath("\(folder)/findings-v2.json"))
            }
        }
    }
}
