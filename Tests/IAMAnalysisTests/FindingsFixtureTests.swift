import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Shared fixtures of the findings tests: fictional accounts, an organization, a small action
/// catalog in the shape of `Datasets/catalog/` and snapshot builders.
enum FX {
    static let own = "111122223333"
    static let member = "222233334444"      // same organization
    static let external = "444455556666"    // outside the organization
    static let other = "555566667777"
    static let orgId = "o-exampleorg1"
    static let otherOrg = "o-otherorg99"
    static let now = Date(timeIntervalSince1970: 1_736_150_400)   // 2025-01-06T08:00:00Z

    static let bucket = "arn:aws:s3:::example-reports"
    static let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let queue = "arn:aws:sqs:us-east-1:111122223333:orders"
    static let topic = "arn:aws:sns:us-east-1:111122223333:alerts"
    static let function = "arn:aws:lambda:us-east-1:111122223333:function:resize"
    static let layer = "arn:aws:lambda:us-east-1:111122223333:layer:shared-libs:3"
    static let secret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf"
    static let repo = "arn:aws:ecr:us-east-1:111122223333:repository/web"
    static let role = "arn:aws:iam::111122223333:role/deployer"

    static let catalog: ActionCatalog = {
        typealias L = ActionCatalog.AccessLevel
        func a(_ s: String, _ n: String, _ l: L, _ types: [String]) -> ActionCatalog.Action {
            ActionCatalog.Action(service: s, name: n, accessLevel: l, resourceTypes: types.map { ($0, true) })
        }
        let actions: [ActionCatalog.Action] = [
            a("s3", "GetObject", .read, ["object"]), a("s3", "PutObject", .write, ["object"]),
            a("s3", "DeleteObject", .write, ["object"]), a("s3", "PutObjectAcl", .permissionsManagement, ["object"]),
            a("s3", "ListBucket", .list, ["bucket"]), a("s3", "GetBucketPolicy", .read, ["bucket"]),
            a("s3", "PutBucketPolicy", .permissionsManagement, ["bucket"]), a("s3", "PutBucketTagging", .tagging, ["bucket"]),
            a("s3", "ListAllMyBuckets", .list, []),
            a("kms", "Decrypt", .write, ["key"]), a("kms", "Encrypt", .write, ["key"]), a("kms", "DescribeKey", .read, ["key"]),
            a("kms", "PutKeyPolicy", .permissionsManagement, ["key"]), a("kms", "TagResource", .tagging, ["key"]),
            a("kms", "ListKeys", .list, []),
            a("sts", "AssumeRole", .write, ["role"]), a("sts", "AssumeRoleWithSAML", .write, ["role"]),
            a("sts", "AssumeRoleWithWebIdentity", .write, ["role"]), a("sts", "TagSession", .tagging, ["role", "user"]),
            a("sts", "GetCallerIdentity", .read, []),
            a("sqs", "SendMessage", .write, ["queue"]), a("sqs", "ReceiveMessage", .read, ["queue"]),
            a("sqs", "GetQueueAttributes", .read, ["queue"]), a("sqs", "AddPermission", .permissionsManagement, ["queue"]),
            a("sqs", "ListQueues", .list, []),
            a("sns", "Publish", .write, ["topic"]), a("sns", "Subscribe", .write, ["topic"]),
            a("sns", "GetTopicAttributes", .read, ["topic"]), a("sns", "SetTopicAttributes", .permissionsManagement, ["topic"]),
            a("sns", "AddPermission", .permissionsManagement, ["topic"]), a("sns", "DeleteTopic", .write, ["topic"]),
            a("sns", "ListSubscriptionsByTopic", .list, ["topic"]), a("sns", "RemovePermission", .permissionsManagement, ["topic"]),
            a("lambda", "InvokeFunction", .write, ["function"]), a("lambda", "InvokeFunctionUrl", .write, ["function"]),
            a("lambda", "GetFunction", .read, ["function"]), a("lambda", "UpdateFunctionCode", .write, ["function"]),
            a("lambda", "AddPermission", .permissionsManagement, ["function"]), a("lambda", "GetLayerVersion", .read, ["layerVersion"]),
            a("secretsmanager", "GetSecretValue", .read, ["Secret"]), a("secretsmanager", "DescribeSecret", .read, ["Secret"]),
            a("secretsmanager", "PutSecretValue", .write, ["Secret"]), a("secretsmanager", "PutResourcePolicy", .permissionsManagement, ["Secret"]),
            a("ecr", "BatchGetImage", .read, ["repository"]), a("ecr", "GetDownloadUrlForLayer", .read, ["repository"]),
            a("ecr", "PutImage", .write, ["repository"]), a("ecr", "SetRepositoryPolicy", .permissionsManagement, ["repository"]),
            a("ecr", "GetAuthorizationToken", .read, []),
            a("iam", "GetRole", .read, ["role"]), a("iam", "UpdateAssumeRolePolicy", .permissionsManagement, ["role"]),
            a("iam", "DeleteRole", .write, ["role"]), a("iam", "TagRole", .tagging, ["role"]), a("iam", "PassRole", .write, ["role"]),
        ]
        func t(_ s: String, _ n: String, _ p: String) -> ActionCatalog.ResourceType { ActionCatalog.ResourceType(service: s, name: n, arnPattern: p) }
        let types: [String: [ActionCatalog.ResourceType]] = [
            "s3": [t("s3", "bucket", "arn:${Partition}:s3:::${BucketName}"),
                   t("s3", "object", "arn:${Partition}:s3:::${BucketName}/${ObjectName}")],
            "kms": [t("kms", "key", "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"),
                    t("kms", "alias", "arn:${Partition}:kms:${Region}:${Account}:alias/${Alias}")],
            "sts": [t("sts", "role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"),
                    t("sts", "user", "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}")],
            "sqs": [t("sqs", "queue", "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}")],
            "sns": [t("sns", "topic", "arn:${Partition}:sns:${Region}:${Account}:${TopicName}")],
            "lambda": [t("lambda", "function", "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"),
                       t("lambda", "layerVersion", "arn:${Partition}:lambda:${Region}:${Account}:layer:${LayerName}:${LayerVersion}")],
            "secretsmanager": [t("secretsmanager", "Secret", "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}")],
            "ecr": [t("ecr", "repository", "arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}")],
            "iam": [t("iam", "role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}")],
        ]
        return ActionCatalog(version: "test", services: [:], actions: actions, resourceTypes: types)
    }()

    static func policy(_ text: String, kind: PolicyKind = .resource) -> PolicyDocument {
        do { return try PolicyParser.parse(text: text, kind: kind) } catch {
            Issue.record("fixture policy does not parse: \(error)")
            return PolicyDocument(statements: [])
        }
    }

    /// A policy with one statement (JSON text of the statement object).
    static func doc(_ statements: String...) -> String {
        "{\"Version\": \"2012-10-17\", \"Statement\": [\(statements.joined(separator: ","))]}"
    }

    static let organization = Organization(
        id: orgId, managementAccountId: own,
        nodes: [OrgNode(id: "r-ab12", kind: .root), OrgNode(id: "ou-ab12-prod", kind: .organizationalUnit, parentId: "r-ab12"),
                OrgNode(id: own, kind: .account, parentId: "r-ab12"), OrgNode(id: member, kind: .account, parentId: "ou-ab12-prod")])

    static func snapshot(resources: [(arn: String, type: String, policy: String)] = [],
                         trusts: [(arn: String, policy: String)] = [], withOrganization: Bool = true,
                         roles extraRoles: [IAMRole] = []) -> Snapshot {
        var s = Snapshot()
        s.accounts = [Account(id: own), Account(id: member)]
        for r in resources {
            let acct = ARN(r.arn).map { AccountID.isValid($0.account) ? $0.account : own } ?? own
            s.resourcePolicies.append(ResourcePolicy(arn: r.arn, resourceType: r.type, account: acct,
                                                     name: ARN(r.arn)?.resourceName ?? r.arn, policy: policy(r.policy)))
        }
        for t in trusts {
            let a = ARN(t.arn)!
            s.roles.append(IAMRole(arn: t.arn, name: a.lastComponent, id: "AROA" + a.lastComponent.uppercased(),
                                   account: a.account, trustPolicy: policy(t.policy, kind: .trust)))
        }
        s.roles += extraRoles
        if withOrganization { s.organization = organization }
        s.reindex()
        return s
    }

    static func analyze(_ s: Snapshot, zone: ZoneOfTrust.Kind? = nil, bpa: PublicAccessBlocks = PublicAccessBlocks()) -> ExternalAccessReport {
        ExternalAccessAnalyzer(snapshot: s, catalog: catalog, options: ExternalAccessOptions(zone: zone, publicAccessBlocks: bpa)).analyze()
    }

    /// Findings of one resource policy statement set on `arn`.
    static func findings(_ arn: String, _ type: String, _ policyText: String, zone: ZoneOfTrust.Kind? = nil,
                         withOrganization: Bool = true) -> [ExternalAccessFinding] {
        analyze(snapshot(resources: [(arn, type, policyText)], withOrganization: withOrganization), zone: zone).findings
    }

    static func trustFindings(_ policyText: String, zone: ZoneOfTrust.Kind? = nil) -> [ExternalAccessFinding] {
        analyze(snapshot(trusts: [(role, policyText)]), zone: zone).findings
    }

    static func fixtureURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/findings").appendingPathComponent(name)
    }

    static func fixtureText(_ name: String) -> String {
        (try? String(contentsOf: fixtureURL(name), encoding: .utf8)) ?? ""
    }
}

@Suite("Findings fixtures")
struct FindingsFixtureTests {
    @Test func fixturePoliciesParse() {
        let s = FX.snapshot(resources: [(FX.bucket, "s3:bucket", FX.doc(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-reports/*"}"#))])
        #expect(s.resourcePolicies.count == 1)
        #expect(s.resourcePolicies[0].policy?.statements.count == 1)
    }

    @Test func zoneDefaultsToOrganizationWhenLoaded() {
        #expect(ZoneOfTrust(snapshot: FX.snapshot()).kind == .organization)
        #expect(ZoneOfTrust(snapshot: FX.snapshot(withOrganization: false)).kind == .account)
        // Asking for organization without Organizations data falls back to the account.
        #expect(ZoneOfTrust(snapshot: FX.snapshot(withOrganization: false), requested: .organization).kind == .account)
        #expect(ZoneOfTrust(snapshot: FX.snapshot(), requested: .account).kind == .account)
    }
}
