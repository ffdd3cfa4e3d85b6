import IAMPolicy

/// CloudFormation-style resource type names as Access Analyzer reports them (`AWS::S3::Bucket`),
/// from the model's `service:type` (`s3:bucket`) or from an ARN.
/// Source: Access Analyzer `ResourceType` enum, iam-semantics.md §2.2 (BOTO-AA).
public enum ResourceTypeNames {
    static let known: [String: String] = [
        "s3:bucket": "AWS::S3::Bucket",
        "s3express:bucket": "AWS::S3Express::DirectoryBucket",
        "s3express:directorybucket": "AWS::S3Express::DirectoryBucket",
        "iam:role": "AWS::IAM::Role",
        "iam:user": "AWS::IAM::User",
        "sqs:queue": "AWS::SQS::Queue",
        "lambda:function": "AWS::Lambda::Function",
        "lambda:layer": "AWS::Lambda::LayerVersion",
        "lambda:layerversion": "AWS::Lambda::LayerVersion",
        "kms:key": "AWS::KMS::Key",
        "secretsmanager:secret": "AWS::SecretsManager::Secret",
        "elasticfilesystem:file-system": "AWS::EFS::FileSystem",
        "efs:filesystem": "AWS::EFS::FileSystem",
        "ec2:snapshot": "AWS::EC2::Snapshot",
        "ecr:repository": "AWS::ECR::Repository",
        "rds:snapshot": "AWS::RDS::DBSnapshot",
        "rds:cluster-snapshot": "AWS::RDS::DBClusterSnapshot",
        "sns:topic": "AWS::SNS::Topic",
        "dynamodb:table": "AWS::DynamoDB::Table",
        "dynamodb:stream": "AWS::DynamoDB::Stream",
    ]

    static let serviceNames: [String: String] = [
        "s3": "S3", "iam": "IAM", "sqs": "SQS", "sns": "SNS", "kms": "KMS", "ecr": "ECR", "efs": "EFS",
        "ec2": "EC2", "rds": "RDS", "dynamodb": "DynamoDB", "lambda": "Lambda", "secretsmanager": "SecretsManager",
        "elasticfilesystem": "EFS", "apigateway": "ApiGateway", "execute-api": "ApiGateway", "events": "Events",
        "logs": "Logs", "glue": "Glue", "backup": "Backup", "es": "OpenSearch", "aoss": "OpenSearchServerless",
        "codeartifact": "CodeArtifact", "kinesis": "Kinesis", "ssm": "SSM", "acm-pca": "ACMPCA",
    ]

    /// `s3:bucket` → `AWS::S3::Bucket`; an unknown `svc:type` → `AWS::Svc::Type`.
    public static func name(forModelType type: String, arn: String = "") -> String {
        let lower = type.lowercased()
        if let k = known[lower] { return k }
        var parts = lower.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count < 2, let a = ARN(arn) {
            parts = [a.service, a.resourceType.isEmpty ? "resource" : a.resourceType]
        }
        guard parts.count == 2 else { return type }
        if let k = known["\(parts[0]):\(parts[1])"] { return k }
        let service = serviceNames[parts[0]] ?? capitalized(parts[0])
        let typeName = parts[1].split(whereSeparator: { $0 == "-" || $0 == "_" }).map { capitalized(String($0)) }.joined()
        return "AWS::\(service)::\(typeName)"
    }

    private static func capitalized(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }
}
