import Foundation
import IAMPolicy

/// Writes a synthetic organization of N principals as a snapshot folder in the real AWS CLI
/// formats (authorization details, Organizations files, resource policies), with the mix that
/// makes evaluation work: managed, inline and group policies, wildcards, NotAction, conditions,
/// denies, boundaries, trust chains and resource policies. Deterministic for a given N and seed.
struct SyntheticOrganization {
    let principals: Int
    var seed: UInt64 = 42
    /// Service prefixes of the action catalog: the AWS managed read-only policy names a
    /// `Get*`/`List*`/`Describe*` pattern for each, as the real ReadOnlyAccess does.
    var services: [String] = []

    static let orgId = "o-bench00001"
    static let rootId = "r-be01"
    let accounts = ["100000000001", "100000000002", "100000000003"]  // management, prod, dev

    /// Actions sampled by policies (a realistic spread over common services).
    static let actionPool = [
        "s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject", "s3:GetBucketPolicy",
        "ec2:DescribeInstances", "ec2:RunInstances", "ec2:TerminateInstances", "ec2:Describe*",
        "iam:PassRole", "iam:GetRole", "iam:ListRoles", "iam:CreateAccessKey", "iam:PutRolePolicy",
        "lambda:InvokeFunction", "lambda:CreateFunction", "lambda:UpdateFunctionCode",
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "sqs:SendMessage", "sqs:ReceiveMessage",
        "sns:Publish", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "secretsmanager:GetSecretValue",
        "logs:CreateLogStream", "logs:PutLogEvents", "cloudwatch:PutMetricData", "sts:AssumeRole",
        "s3:Get*", "s3:List*", "dynamodb:*", "sqs:*", "logs:*", "cloudformation:*",
    ]

    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 10_000) / 10_000 < p }
        mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    }

    typealias Names = (users: [String], roles: [String], buckets: [String])

    /// How many principals of each kind an account gets: (principals, users, roles, buckets).
    func sizes(account index: Int) -> (n: Int, users: Int, roles: Int, buckets: Int) {
        let perAccount = max(principals / accounts.count, 1)
        let n = index == accounts.count - 1 ? principals - perAccount * (accounts.count - 1) : perAccount
        return (n, n * 2 / 5, n - n * 2 / 5, max(5, n / 50))
    }

    /// The user, role and bucket ARNs `write` creates, without writing (for query sampling in a
    /// process that did not generate the snapshot).
    func names() -> Names {
        var names: Names = ([], [], [])
        for (ai, acct) in accounts.enumerated() {
            let z = sizes(account: ai)
            names.users += (0..<z.users).map { "arn:aws:iam::\(acct):user/user-\($0)" }
            names.roles += (0..<z.roles).map { "arn:aws:iam::\(acct):role/role-\($0)" }
            names.buckets += (0..<z.buckets).map { "arn:aws:s3:::bench-\(acct)-bucket-\($0)" }
        }
        return names
    }

    /// Generates the snapshot in a child process (`iamsh-bench --generate N DIR`), so that the
    /// generator's memory does not count in the measuring process's peak.
    func writeInChildProcess(to dir: URL) throws -> Names {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath()
        p.arguments = ["--generate", String(principals), dir.path]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw GenerationFailed(status: p.terminationStatus) }
        return names()
    }

    struct GenerationFailed: Error, CustomStringConvertible {
        let status: Int32
        var description: String { "the generator process failed with status \(status)" }
    }

    /// Writes the snapshot under `dir` and returns the user, role and bucket ARNs for query sampling.
    @discardableResult
    func write(to dir: URL) throws -> Names {
        var rng = RNG(state: seed)
        let fm = FileManager.default
        try? fm.removeItem(at: dir)
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        for (ai, acct) in accounts.enumerated() {
            let (n, nUsers, nRoles, nBuckets) = sizes(account: ai)
            let nPolicies = max(20, n / 25)
            let nGroups = max(5, n / 100)
            var policies: [JSONValue] = []
            var policyArns: [String] = []
            for p in 0..<nPolicies {
                let arn = "arn:aws:iam::\(acct):policy/bench/policy-\(p)"
                policyArns.append(arn)
                let doc = policyDocument(&rng, account: acct, variant: p)
                let v1 = policyDocument(&rng, account: acct, variant: p + 1)
                policies.append([
                    "PolicyName": .string("policy-\(p)"), "PolicyId": .string("ANPA\(acct)\(p)"),
                    "Arn": .string(arn), "Path": "/bench/", "DefaultVersionId": "v2",
                    "AttachmentCount": .number("1"), "PermissionsBoundaryUsageCount": 0, "IsAttachable": true,
                    "CreateDate": "2024-01-01T00:00:00+00:00", "UpdateDate": "2025-01-01T00:00:00+00:00",
                    "PolicyVersionList": [
                        ["Document": doc, "VersionId": "v2", "IsDefaultVersion": true, "CreateDate": "2025-01-01T00:00:00+00:00"],
                        ["Document": v1, "VersionId": "v1", "IsDefaultVersion": false, "CreateDate": "2024-01-01T00:00:00+00:00"],
                    ],
                ])
            }
            // A boundary policy shared by bounded principals.
            let boundaryArn = "arn:aws:iam::\(acct):policy/bench/boundary"
            policies.append([
                "PolicyName": "boundary", "PolicyId": .string("ANPA\(acct)B"), "Arn": .string(boundaryArn), "Path": "/bench/",
                "DefaultVersionId": "v1", "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 1, "IsAttachable": true,
                "PolicyVersionList": [["Document": [
                    "Version": "2012-10-17",
                    "Statement": [["Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"]],
                ], "VersionId": "v1", "IsDefaultVersion": true]],
            ])
            policies += awsManagedPolicies()
            var groups: [JSONValue] = []
            for g in 0..<nGroups {
                groups.append([
                    "Path": "/", "GroupName": .string("group-\(g)"), "GroupId": .string("AGPA\(acct)\(g)"),
                    "Arn": .string("arn:aws:iam::\(acct):group/group-\(g)"), "CreateDate": "2023-05-01T00:00:00Z",
                    "GroupPolicyList": rng.chance(0.3) ? [["PolicyName": "group-inline", "PolicyDocument": policyDocument(&rng, account: acct, variant: g)]] : [],
                    "AttachedManagedPolicies": .array((0..<2).map { _ in
                        let a = rng.pick(policyArns)
                        return ["PolicyName": .string(String(a.split(separator: "/").last ?? "")), "PolicyArn": .string(a)]
                    }),
                ])
            }
            var users: [JSONValue] = []
            for u in 0..<nUsers {
                let name = "user-\(u)"
                let arn = "arn:aws:iam::\(acct):user/\(name)"
                var user: [JSONMember] = [
                    JSONMember("Path", "/"), JSONMember("UserName", .string(name)), JSONMember("UserId", .string("AIDA\(acct)\(u)")),
                    JSONMember("Arn", .string(arn)), JSONMember("CreateDate", "2022-03-04T05:06:07Z"),
                    JSONMember("GroupList", .array((0..<(1 + rng.int(3))).map { _ in .string("group-\(rng.int(nGroups))") })),
                    JSONMember("AttachedManagedPolicies", .array(attachments(&rng, policyArns, count: rng.int(3)))),
                    JSONMember("Tags", .array([["Key": "team", "Value": .string("team-\(rng.int(10))")]] + tags(&rng))),
                ]
                if rng.chance(0.3) {
                    user.append(JSONMember("UserPolicyList", inlinePolicies(&rng, account: acct, variant: u)))
                }
                if rng.chance(0.1) {
                    user.append(JSONMember("PermissionsBoundary", ["PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": .string(boundaryArn)]))
                }
                users.append(.object(user))
            }
            var roles: [JSONValue] = []
            var profiles: [JSONValue] = []
            for r in 0..<nRoles {
                let name = "role-\(r)"
                let arn = "arn:aws:iam::\(acct):role/\(name)"
                let trust: JSONValue
                switch rng.int(4) {
                case 0: trust = ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Principal": ["Service": "ec2.amazonaws.com"], "Action": "sts:AssumeRole"]]]
                case 1: trust = ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Principal": ["Service": "lambda.amazonaws.com"], "Action": "sts:AssumeRole"]]]
                case 2:
                    let other = rng.pick(accounts)
                    trust = ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Principal": ["AWS": .string("arn:aws:iam::\(other):root")], "Action": "sts:AssumeRole",
                                                                     "Condition": ["Bool": ["aws:MultiFactorAuthPresent": "true"]]]]]
                default:
                    let src = "arn:aws:iam::\(acct):role/role-\(rng.int(max(r, 1)))"
                    trust = ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Principal": ["AWS": .string(src)], "Action": "sts:AssumeRole"]]]
                }
                var role: [JSONMember] = [
                    JSONMember("Path", "/"), JSONMember("RoleName", .string(name)), JSONMember("RoleId", .string("AROA\(acct)\(r)")),
                    JSONMember("Arn", .string(arn)), JSONMember("CreateDate", "2022-03-04T05:06:07Z"),
                    JSONMember("AssumeRolePolicyDocument", trust),
                    JSONMember("AttachedManagedPolicies", .array(attachments(&rng, policyArns, count: 1 + rng.int(3)))),
                    JSONMember("Description", .string("Synthetic role \(r) for the benchmark organization")),
                    JSONMember("MaxSessionDuration", 3600),
                    JSONMember("RoleLastUsed", rng.chance(0.5) ? ["LastUsedDate": "2026-10-01T00:00:00Z", "Region": "us-east-1"] : [:]),
                    JSONMember("Tags", .array(tags(&rng))),
                ]
                if rng.chance(0.6) {
                    role.append(JSONMember("RolePolicyList", inlinePolicies(&rng, account: acct, variant: r)))
                }
                if rng.chance(0.1) {
                    role.append(JSONMember("PermissionsBoundary", ["PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": .string(boundaryArn)]))
                }
                if r % 4 == 0 {
                    let ip: JSONValue = ["Path": "/", "InstanceProfileName": .string(name), "InstanceProfileId": .string("AIPA\(acct)\(r)"),
                                         "Arn": .string("arn:aws:iam::\(acct):instance-profile/\(name)"), "Roles": [["RoleName": .string(name), "Arn": .string(arn)]]]
                    role.append(JSONMember("InstanceProfileList", [ip]))
                    profiles.append(ip)
                }
                roles.append(.object(role))
            }
            let details: JSONValue = [
                "UserDetailList": .array(users), "GroupDetailList": .array(groups),
                "RoleDetailList": .array(roles), "Policies": .array(policies),
            ]
            let iamDir = dir.appendingPathComponent("accounts/\(acct)/iam")
            try fm.createDirectory(at: iamDir, withIntermediateDirectories: true)
            // Pretty-printed, as the AWS CLI writes it.
            try JSONWriter.pretty(details).write(to: iamDir.appendingPathComponent("authorization-details.json"), atomically: false, encoding: .utf8)
            // Resource policies: buckets with a mix of public, cross-account and own-account grants.
            let s3Dir = dir.appendingPathComponent("accounts/\(acct)/resource-policies/s3")
            try fm.createDirectory(at: s3Dir, withIntermediateDirectories: true)
            for b in 0..<nBuckets {
                let bucket = "bench-\(acct)-bucket-\(b)"
                let principal: JSONValue = b % 10 == 0 ? "*" : ["AWS": .string("arn:aws:iam::\(rng.pick(accounts)):root")]
                let policy: JSONValue = ["Version": "2012-10-17", "Statement": [
                    ["Sid": "Read", "Effect": "Allow", "Principal": principal, "Action": ["s3:GetObject", "s3:ListBucket"],
                     "Resource": [.string("arn:aws:s3:::\(bucket)"), .string("arn:aws:s3:::\(bucket)/*")]],
                    ["Sid": "DenyInsecure", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": .string("arn:aws:s3:::\(bucket)/*"),
                     "Condition": ["Bool": ["aws:SecureTransport": "false"]]],
                ]]
                let out: JSONValue = ["Policy": .string(JSONWriter.compact(policy))]
                try JSONWriter.compact(out).write(to: s3Dir.appendingPathComponent("\(bucket).json"), atomically: false, encoding: .utf8)
            }
        }
        try writeOrganization(to: dir)
        return names()
    }

    /// One to three inline policies; real inline policies are often long, so half are.
    func inlinePolicies(_ rng: inout RNG, account: String, variant: Int) -> JSONValue {
        .array((0..<(1 + rng.int(3))).map { i in
            ["PolicyName": .string("inline-\(i)"),
             "PolicyDocument": policyDocument(&rng, account: account, variant: variant, statements: rng.chance(0.5) ? 4 + rng.int(9) : nil)]
        })
    }

    /// Zero to four extra tags (owner, cost centre, environment, …).
    func tags(_ rng: inout RNG) -> [JSONValue] {
        let keys = ["owner", "cost-center", "environment", "application", "data-classification"]
        return (0..<rng.int(5)).map { i in ["Key": .string(keys[i]), "Value": .string("\(keys[i])-value-\(rng.int(50))")] }
    }

    /// AWS managed policies as real exports carry them: every version, attached to many principals.
    static let awsManaged: [(name: String, share: Double)] = [
        ("ReadOnlyAccess", 0.08), ("AdministratorAccess", 0.005), ("PowerUserAccess", 0.01),
        ("AmazonS3FullAccess", 0.04), ("AmazonEC2ReadOnlyAccess", 0.05), ("AWSLambdaBasicExecutionRole", 0.15),
        ("AmazonSSMManagedInstanceCore", 0.1),
    ]

    /// `count` of the account's own managed policies, then the AWS managed ones drawn by share.
    func attachments(_ rng: inout RNG, _ own: [String], count: Int) -> [JSONValue] {
        let arns = (0..<count).map { _ in rng.pick(own) }
            + Self.awsManaged.filter { rng.chance($0.share) }.map { "arn:aws:iam::aws:policy/\($0.name)" }
        return arns.map { ["PolicyName": .string(String($0.split(separator: "/").last ?? "")), "PolicyArn": .string($0)] }
    }

    func awsManagedPolicies() -> [JSONValue] {
        let prefixes = services.isEmpty ? Self.actionPool.map { String($0.split(separator: ":")[0]) } : services
        func doc(_ name: String, version: Int) -> JSONValue {
            let allow: JSONValue
            switch name {
            case "ReadOnlyAccess":
                // Grows by version, as the real one does when AWS adds services.
                let upTo = prefixes.count * (6 + version) / 10
                allow = ["Effect": "Allow", "Resource": "*", "Action": .array(prefixes.prefix(upTo).flatMap { p in
                    ["Get*", "List*", "Describe*"].map { JSONValue.string("\(p):\($0)") } })]
            case "AdministratorAccess": allow = ["Effect": "Allow", "Action": "*", "Resource": "*"]
            case "PowerUserAccess": allow = ["Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"]
            case "AmazonS3FullAccess": allow = ["Effect": "Allow", "Action": ["s3:*", "s3-object-lambda:*"], "Resource": "*"]
            case "AmazonEC2ReadOnlyAccess": allow = ["Effect": "Allow", "Action": ["ec2:Describe*", "elasticloadbalancing:Describe*", "cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics", "autoscaling:Describe*"], "Resource": "*"]
            case "AWSLambdaBasicExecutionRole": allow = ["Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"]
            default: allow = ["Effect": "Allow", "Action": ["ssm:DescribeAssociation", "ssm:GetDeployablePatchSnapshotForInstance", "ssm:GetDocument", "ssm:UpdateInstanceInformation", "ssmmessages:*", "ec2messages:*"], "Resource": "*"]
            }
            return ["Version": "2012-10-17", "Statement": [allow]]
        }
        return Self.awsManaged.map { p in
            let versions = p.name == "ReadOnlyAccess" ? 4 : 2
            return [
                "PolicyName": .string(p.name), "PolicyId": .string("ANPAAWS\(p.name.uppercased().prefix(12))"),
                "Arn": .string("arn:aws:iam::aws:policy/\(p.name)"), "Path": "/", "DefaultVersionId": .string("v\(versions)"),
                "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": true,
                "CreateDate": "2015-02-06T18:39:46+00:00", "UpdateDate": "2025-06-01T00:00:00+00:00",
                "PolicyVersionList": .array((1...versions).reversed().map { v in
                    ["Document": doc(p.name, version: v), "VersionId": .string("v\(v)"), "IsDefaultVersion": .bool(v == versions),
                     "CreateDate": "2025-06-01T00:00:00+00:00"]
                }),
            ]
        }
    }

    func policyDocument(_ rng: inout RNG, account: String, variant: Int, statements fixed: Int? = nil) -> JSONValue {
        var statements: [JSONValue] = []
        let count = fixed ?? 1 + rng.int(4)
        for s in 0..<count {
            let actions = (0..<(1 + rng.int(5))).map { _ in JSONValue.string(rng.pick(Self.actionPool)) }
            let resource: JSONValue
            switch rng.int(4) {
            case 0: resource = "*"
            case 1: resource = .string("arn:aws:s3:::bench-\(account)-bucket-\(rng.int(20))/*")
            case 2: resource = .string("arn:aws:iam::\(account):role/role-\(rng.int(100))")
            default: resource = .string("arn:aws:dynamodb:us-east-1:\(account):table/${aws:username}-*")
            }
            var st: [JSONMember] = [JSONMember("Sid", .string("S\(s)")), JSONMember("Effect", rng.chance(0.12) ? "Deny" : "Allow")]
            if rng.chance(0.05) {
                st.append(JSONMember("NotAction", ["iam:*", "organizations:*"]))
            } else {
                st.append(JSONMember("Action", .array(actions)))
            }
            st.append(JSONMember("Resource", resource))
            switch rng.int(6) {
            case 0: st.append(JSONMember("Condition", ["StringEquals": ["aws:RequestedRegion": ["us-east-1", "eu-west-1"]]]))
            case 1: st.append(JSONMember("Condition", ["IpAddress": ["aws:SourceIp": "203.0.113.0/24"]]))
            case 2: st.append(JSONMember("Condition", ["StringEquals": ["aws:PrincipalTag/team": .string("team-\(rng.int(10))")]]))
            default: break
            }
            statements.append(.object(st))
        }
        return ["Version": "2012-10-17", "Statement": .array(statements)]
    }

    func writeOrganization(to dir: URL) throws {
        let fm = FileManager.default
        let org = dir.appendingPathComponent("organization")
        try fm.createDirectory(at: org.appendingPathComponent("scps"), withIntermediateDirectories: true)
        func w(_ v: JSONValue, _ path: String) throws {
            try JSONWriter.pretty(v).write(to: org.appendingPathComponent(path), atomically: false, encoding: .utf8)
        }
        try w(["Organization": ["Id": .string(Self.orgId), "Arn": .string("arn:aws:organizations::\(accounts[0]):organization/\(Self.orgId)"),
                                "FeatureSet": "ALL", "MasterAccountId": .string(accounts[0]), "MasterAccountArn": .string("arn:aws:organizations::\(accounts[0]):account/\(Self.orgId)/\(accounts[0])")]],
              "describe-organization.json")
        try w(["Accounts": .array(accounts.enumerated().map { i, a in
            ["Id": .string(a), "Arn": .string("arn:aws:organizations::\(accounts[0]):account/\(Self.orgId)/\(a)"), "Name": .string("bench-\(i)"),
             "Email": .string("bench-\(i)@example.com"), "Status": "ACTIVE", "JoinedMethod": "CREATED", "JoinedTimestamp": "2021-01-01T00:00:00Z"]
        })], "accounts.json")
        try w(["Roots": [["Id": .string(Self.rootId), "Arn": .string("arn:aws:organizations::\(accounts[0]):root/\(Self.orgId)/\(Self.rootId)"), "Name": "Root", "PolicyTypes": []]]], "roots.json")
        let full: JSONValue = ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Action": "*", "Resource": "*"]]]
        let deny: JSONValue = ["Version": "2012-10-17", "Statement": [["Sid": "DenyLeave", "Effect": "Deny", "Action": ["organizations:LeaveOrganization", "s3:DeleteBucket"], "Resource": "*"]]]
        try w(["Policies": [
            ["Id": "p-FullAWSAccess", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": true],
            ["Id": "p-bench0deny", "Name": "DenyLeave", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false],
        ]], "scps/list-policies.json")
        try w(["Policy": ["PolicySummary": ["Id": "p-FullAWSAccess", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": true],
                          "Content": .string(JSONWriter.compact(full))]], "scps/p-FullAWSAccess.json")
        try w(["Policy": ["PolicySummary": ["Id": "p-bench0deny", "Name": "DenyLeave", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false],
                          "Content": .string(JSONWriter.compact(deny))]], "scps/p-bench0deny.json")
        let targets: [JSONValue] = [["TargetId": .string(Self.rootId), "Type": "ROOT", "Name": "Root"]]
            + accounts.map { ["TargetId": .string($0), "Type": "ACCOUNT", "Name": .string($0)] }
        try w(["Targets": .array(targets)], "scps/p-FullAWSAccess.targets.json")
        try w(["Targets": [["TargetId": .string(Self.rootId), "Type": "ROOT", "Name": "Root"]]], "scps/p-bench0deny.targets.json")
    }
}
