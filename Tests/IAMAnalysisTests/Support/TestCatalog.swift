import IAMPolicy

/// A small hand-written action catalog (fictional subset of the real one) for the solver tests.
enum TestCatalog {
    static let catalog: ActionCatalog = {
        typealias A = ActionCatalog.Action
        func a(_ svc: String, _ name: String, _ level: ActionCatalog.AccessLevel, _ types: [String] = []) -> A {
            A(service: svc, name: name, accessLevel: level, resourceTypes: types.map { (name: $0, required: true) })
        }
        let actions: [A] = [
            a("s3", "GetObject", .read, ["object"]),
            a("s3", "PutObject", .write, ["object"]),
            a("s3", "DeleteObject", .write, ["object"]),
            a("s3", "DeleteObjectVersion", .write, ["object"]),
            a("s3", "DeleteBucket", .write, ["bucket"]),
            a("s3", "DeleteBucketPolicy", .permissionsManagement, ["bucket"]),
            a("s3", "PutBucketPolicy", .permissionsManagement, ["bucket"]),
            a("s3", "GetBucketPolicy", .read, ["bucket"]),
            a("s3", "ListBucket", .list, ["bucket"]),
            a("s3", "ListAllMyBuckets", .list),
            a("iam", "PassRole", .write, ["role"]),
            a("iam", "GetRole", .read, ["role"]),
            a("iam", "UpdateAssumeRolePolicy", .permissionsManagement, ["role"]),
            a("iam", "PutRolePolicy", .permissionsManagement, ["role"]),
            a("iam", "CreateUser", .write, ["user"]),
            a("iam", "CreateAccessKey", .write, ["user"]),
            a("iam", "AttachUserPolicy", .permissionsManagement, ["user"]),
            a("iam", "ListUsers", .list),
            a("sts", "AssumeRole", .write, ["role"]),
            a("sts", "TagSession", .tagging, ["role"]),
            a("sts", "GetCallerIdentity", .read),
            a("kms", "Decrypt", .write, ["key"]),
            a("kms", "Encrypt", .write, ["key"]),
            a("kms", "CreateKey", .write),
            a("kms", "ListKeys", .list),
            a("ec2", "RunInstances", .write, ["instance"]),
            a("ec2", "TerminateInstances", .write, ["instance"]),
            a("ec2", "DescribeInstances", .list),
            a("sqs", "SendMessage", .write, ["queue"]),
            a("sqs", "ReceiveMessage", .read, ["queue"]),
            a("secretsmanager", "GetSecretValue", .read, ["Secret"]),
            a("lambda", "InvokeFunction", .write, ["function"]),
            a("dynamodb", "GetItem", .read, ["table"]),
        ]
        func t(_ svc: String, _ name: String, _ arn: String) -> ActionCatalog.ResourceType {
            ActionCatalog.ResourceType(service: svc, name: name, arnPattern: arn)
        }
        let types: [String: [ActionCatalog.ResourceType]] = [
            "s3": [t("s3", "bucket", "arn:${Partition}:s3:::${BucketName}"),
                   t("s3", "object", "arn:${Partition}:s3:::${BucketName}/${ObjectName}")],
            "iam": [t("iam", "role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"),
                    t("iam", "user", "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}")],
            "sts": [t("sts", "role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}")],
            "kms": [t("kms", "key", "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}")],
            "ec2": [t("ec2", "instance", "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}")],
            "sqs": [t("sqs", "queue", "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}")],
            "secretsmanager": [t("secretsmanager", "Secret", "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}")],
            "lambda": [t("lambda", "function", "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}")],
            "dynamodb": [t("dynamodb", "table", "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}")],
        ]
        let services = ["s3": "Amazon S3", "iam": "AWS Identity and Access Management", "sts": "AWS STS",
                        "kms": "AWS KMS", "ec2": "Amazon EC2", "sqs": "Amazon SQS",
                        "secretsmanager": "AWS Secrets Manager", "lambda": "AWS Lambda", "dynamodb": "Amazon DynamoDB"]
        return ActionCatalog(version: "test-catalog 1", services: services, actions: actions, resourceTypes: types)
    }()
}
