import IAMPolicy

/// The requests that together stand for "`*` on `*`": IAM changes that grant anything, passing
/// roles, and data and compute actions of several services, each on a made-up resource of the
/// principal's own account. A principal allowed all of them (through the full solver: denies,
/// SCPs and boundaries included) is treated as able to do anything; one allowed only some is not.
enum AdminProbes {
    struct Probe: Sendable {
        let action: String
        let resource: String
        let context: [String: String]
    }

    static func probes(account: String, partition: String = "aws") -> [Probe] {
        let r = EdgeRules.region
        let n = "iamsh-admin-probe"
        return [
            Probe(action: "iam:AttachRolePolicy", resource: "arn:\(partition):iam::\(account):role/\(n)",
                  context: ["iam:PolicyARN": EdgeRules.adminPolicy]),
            Probe(action: "iam:PutUserPolicy", resource: "arn:\(partition):iam::\(account):user/\(n)", context: [:]),
            Probe(action: "iam:CreateAccessKey", resource: "arn:\(partition):iam::\(account):user/\(n)", context: [:]),
            Probe(action: "iam:PassRole", resource: "arn:\(partition):iam::\(account):role/\(n)",
                  context: ["iam:PassedToService": "ec2.amazonaws.com"]),
            // S3 ARNs carry no account: a probe on one could be read as cross-account.
            Probe(action: "sqs:SendMessage", resource: "arn:\(partition):sqs:\(r):\(account):\(n)", context: [:]),
            Probe(action: "ec2:RunInstances", resource: "arn:\(partition):ec2:\(r):\(account):instance/*", context: [:]),
            Probe(action: "lambda:CreateFunction", resource: "arn:\(partition):lambda:\(r):\(account):function:\(n)", context: [:]),
            Probe(action: "dynamodb:DeleteTable", resource: "arn:\(partition):dynamodb:\(r):\(account):table/\(n)", context: [:]),
            Probe(action: "secretsmanager:GetSecretValue",
                  resource: "arn:\(partition):secretsmanager:\(r):\(account):secret:\(n)-AbCdEf", context: [:]),
        ]
    }

    static var actions: [String] { probes(account: "000000000000").map(\.action) }
}
