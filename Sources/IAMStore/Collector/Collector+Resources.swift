import Foundation
import IAMPolicy

/// Resource-based policies (S3, KMS, Lambda, SQS, SNS, Secrets Manager) and Access Analyzer.
/// Listing commands are manifest steps without a file; each policy is its own file, fetched side by side.
extension Collector {
    /// Buckets are global: listed once, each policy read through the first region (the CLI follows
    /// S3's redirect to the bucket's region).
    /// S3 Block Public Access is read at both levels (the stricter applies); an account or bucket
    /// without a configuration answers NoSuchPublicAccessBlockConfiguration: "no policy", no file.
    func collectS3() throws {
        let region = regions[0]
        try step(["s3control", "get-public-access-block", "--account-id", account], region: region,
                 file: accountPath("s3-public-access-block.json"))
        guard let list = try step(["s3api", "list-buckets"], region: region) else { return }
        let buckets = (list.json?["Buckets"]?.arrayValue ?? []).compactMap { $0["Name"]?.stringValue }
        // A bucket without a policy answers NoSuchBucketPolicy: "no policy".
        try fetchPolicies(buckets, region: region, command: { ["s3api", "get-bucket-policy", "--bucket", $0] },
                          file: { self.accountPath("resource-policies/s3/\(Self.fileName($0)).json") })
        try fetchPolicies(buckets, region: region, command: { ["s3api", "get-public-access-block", "--bucket", $0] },
                          file: { self.accountPath("resource-policies/s3/\(Self.fileName($0)).public-access-block.json") })
    }

    func collectKMS(_ region: String) throws {
        guard let list = try step(["kms", "list-keys"], region: region) else { return }
        let keys = (list.json?["Keys"]?.arrayValue ?? []).compactMap { $0["KeyId"]?.stringValue }
        try fetchPolicies(keys, region: region,
                          command: { ["kms", "get-key-policy", "--key-id", $0, "--policy-name", "default"] },
                          file: { self.accountPath("resource-policies/kms/\(region)/\(Self.fileName($0)).json") })
    }

    func collectLambda(_ region: String) throws {
        guard let list = try step(["lambda", "list-functions"], region: region) else { return }
        let functions = (list.json?["Functions"]?.arrayValue ?? []).compactMap { $0["FunctionName"]?.stringValue }
        // A function without a policy answers ResourceNotFoundException: "no policy".
        try fetchPolicies(functions, region: region, command: { ["lambda", "get-policy", "--function-name", $0] },
                          file: { self.accountPath("resource-policies/lambda/\(region)/\(Self.fileName($0)).json") })
    }

    func collectSQS(_ region: String) throws {
        guard let list = try step(["sqs", "list-queues"], region: region) else { return }
        let urls = (list.json?["QueueUrls"]?.arrayValue ?? []).compactMap(\.stringValue)
        // A queue without a policy answers with QueueArn only.
        try fetchPolicies(urls, region: region,
                          command: { ["sqs", "get-queue-attributes", "--queue-url", $0, "--attribute-names", "Policy", "QueueArn"] },
                          file: { url in
                              let name = String(url.split(separator: "/").last ?? "")
                              return self.accountPath("resource-policies/sqs/\(region)/\(Self.fileName(name)).json")
                          },
                          hasPolicy: { $0["Attributes"]?["Policy"]?.stringValue != nil })
    }

    func collectSNS(_ region: String) throws {
        guard let list = try step(["sns", "list-topics"], region: region) else { return }
        let topics = (list.json?["Topics"]?.arrayValue ?? []).compactMap { $0["TopicArn"]?.stringValue }
        try fetchPolicies(topics, region: region, command: { ["sns", "get-topic-attributes", "--topic-arn", $0] },
                          file: { arn in
                              let name = String(arn.split(separator: ":").last ?? "")
                              return self.accountPath("resource-policies/sns/\(region)/\(Self.fileName(name)).json")
                          },
                          hasPolicy: { $0["Attributes"]?["Policy"]?.stringValue != nil })
    }

    func collectSecrets(_ region: String) throws {
        guard let list = try step(["secretsmanager", "list-secrets"], region: region) else { return }
        let secrets: [(arn: String, name: String)] = (list.json?["SecretList"]?.arrayValue ?? []).compactMap { secret in
            guard let arn = secret["ARN"]?.stringValue else { return nil }
            return (arn, secret["Name"]?.stringValue ?? arn)
        }
        // A secret without a policy answers with ARN and Name only.
        try fetchPolicies(secrets, region: region, command: { ["secretsmanager", "get-resource-policy", "--secret-id", $0.arn] },
                          file: { self.accountPath("resource-policies/secretsmanager/\(region)/\(Self.fileName($0.name)).json") },
                          hasPolicy: { $0["ResourcePolicy"]?.stringValue != nil })
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
