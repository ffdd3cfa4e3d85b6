import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Statements with long Action lists (AWS's ReadOnlyAccess) are matched through their patterns
/// grouped by service; the answer must be the Action element's as written: any pattern matching
/// the action, case-insensitively, with `*` and `?` anywhere (IAM User Guide, "IAM JSON policy
/// elements: Action").
@Suite("Long action lists")
struct LongActionListTests {
    static let patterns = [
        "s3:Get*", "s3:List*", "ec2:Describe*", "iam:PassRole", "IAM:get*", "dynamodb:Query", "sqs:Receive?essage",
        "lambda:Get*", "logs:*", "kms:Describe*", "sns:List*", "rds:Describe*", "cloudwatch:GetMetric*", "sts:GetCallerIdentity",
        "s*:ListTopics", "*:ListTags", "elasticloadbalancing:Describe*", "autoscaling:Describe*", "secretsmanager:ListSecrets",
    ]
    static let actions = [
        "s3:GetObject", "S3:getobject", "s3:PutObject", "ec2:DescribeInstances", "ec2:RunInstances", "iam:PassRole",
        "iam:GetRole", "iam:CreateUser", "sqs:ReceiveMessage", "sqs:ReceiveXessage", "sqs:SendMessage", "logs:PutLogEvents",
        "sns:ListTopics", "ses:ListTopics", "kinesis:ListTags", "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:CreateLoadBalancer", "secretsmanager:GetSecretValue", "cloudwatch:GetMetricData", "nosuchservice:Do",
    ]

    @Test("a long list matches exactly the actions one of its patterns matches", arguments: actions)
    func sameAsEachPattern(_ action: String) {
        let st = CompiledStatement(Statement(effect: .allow, actions: Self.patterns, resources: ["*"]), id: 0,
                                   variablesEnabled: true, resolveUniqueId: { _ in nil })
        let expected = Self.patterns.contains { Wildcard.matchesAction($0, action) }
        #expect(st.actionListMatches(Array(action.lowercased().utf8)) == expected)
    }
}
