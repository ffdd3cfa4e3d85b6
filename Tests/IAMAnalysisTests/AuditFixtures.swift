import Foundation
import IAMPolicy
@testable import IAMAnalysis

/// Fictional organization for the audit tests: account 111122223333 passes every control,
/// 444455556666 fails them, 777788889999 has only its IAM entities (nothing else collected).
/// Credential reports, password policies and last-accessed data are read from real-format files
/// under Tests/Fixtures/audit; the rest is built here.
enum AuditFixtures {
    static let good = "111122223333"
    static let bad = "444455556666"
    static let bare = "777788889999"
    /// The audit's "now" (the `--now` of a reproducible audit).
    static let now = date("2026-03-01T00:00:00Z")

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/audit")

    static func date(_ s: String) -> Date {
        guard let d = Timestamp.parse(s) else { fatalError("bad fixture date \(s)") }
        return d
    }

    static func text(_ name: String) -> String {
        guard let t = try? String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8) else {
            fatalError("missing fixture \(name)")
        }
        return t
    }

    static func doc(_ json: String, _ kind: PolicyKind = .identity) -> PolicyDocument {
        do { return try PolicyParser.parse(text: json, kind: kind) } catch { fatalError("bad fixture policy: \(error)\n\(json)") }
    }

    // MARK: Real-format readers (test-only: the store's loaders do this for the product)

    /// The decoded credential report CSV: 22 columns; `N/A`, `no_information`, `not_supported` → nil.
    static func credentialReport(_ csv: String, account: String) -> [CredentialReportRow] {
        let lines = csv.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        precondition(header == CredentialReportRow.columns, "fixture header differs from the 22 columns")
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let raw = Dictionary(uniqueKeysWithValues: zip(header, cells))
            func value(_ c: String) -> String? {
                guard let v = raw[c], !["N/A", "no_information", "not_supported", ""].contains(v) else { return nil }
                return v
            }
            func d(_ c: String) -> Date? { value(c).flatMap(Timestamp.parse) }
            func b(_ c: String) -> Bool? { value(c).map { $0.lowercased() == "true" } }
            var r = CredentialReportRow(account: account, user: raw["user"] ?? "", arn: raw["arn"] ?? "", raw: raw)
            r.userCreationTime = d("user_creation_time"); r.passwordEnabled = b("password_enabled")
            r.passwordLastUsed = d("password_last_used"); r.passwordLastChanged = d("password_last_changed")
            r.mfaActive = b("mfa_active")
            r.accessKey1Active = b("access_key_1_active"); r.accessKey1LastRotated = d("access_key_1_last_rotated")
            r.accessKey1LastUsedDate = d("access_key_1_last_used_date")
            r.accessKey1LastUsedRegion = value("access_key_1_last_used_region"); r.accessKey1LastUsedService = value("access_key_1_last_used_service")
            r.accessKey2Active = b("access_key_2_active"); r.accessKey2LastRotated = d("access_key_2_last_rotated")
            r.accessKey2LastUsedDate = d("access_key_2_last_used_date")
            r.cert1Active = b("cert_1_active"); r.cert2Active = b("cert_2_active")
            return r
        }
    }

    /// `get-service-last-accessed-details` output for one entity, service and action level.
    static func lastAccessed(_ json: String, entity: String) -> [LastAccessedEntry] {
        guard let v = try? JSONParser.parse(json) else { fatalError("bad last-accessed fixture") }
        let level: LastAccessedEntry.Granularity = v["JobType"]?.stringValue == "ACTION_LEVEL" ? .action : .service
        var out: [LastAccessedEntry] = []
        for s in v["ServicesLastAccessed"]?.arrayValue ?? [] {
            let ns = s["ServiceNamespace"]?.stringValue ?? ""
            out.append(LastAccessedEntry(entityArn: entity, serviceNamespace: ns, serviceName: s["ServiceName"]?.stringValue,
                lastAccessed: s["LastAuthenticated"]?.stringValue.flatMap(Timestamp.parse),
                lastAccessedRegion: s["LastAuthenticatedRegion"]?.stringValue, granularity: level))
            for a in s["TrackedActionsLastAccessed"]?.arrayValue ?? [] {
                out.append(LastAccessedEntry(entityArn: entity, serviceNamespace: ns, actionName: a["ActionName"]?.stringValue,
                    lastAccessed: a["LastAccessedTime"]?.stringValue.flatMap(Timestamp.parse), granularity: .action))
            }
        }
        return out
    }

    /// `get-account-password-policy` output.
    static func passwordPolicy(_ json: String) -> PasswordPolicy {
        guard let v = try? JSONParser.parse(json), let p = v["PasswordPolicy"] else { fatalError("bad password policy fixture") }
        var pp = PasswordPolicy()
        pp.minimumPasswordLength = p["MinimumPasswordLength"]?.intValue
        pp.passwordReusePrevention = p["PasswordReusePrevention"]?.intValue
        pp.requireSymbols = p["RequireSymbols"]?.boolValue
        return pp
    }

    // MARK: Policies

    static let adminDoc = doc(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
    static let powerUserDoc = doc(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"}]}"#)
    static let supportDoc = doc(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["support:*"],"Resource":"*"}]}"#)
    static let devDoc = doc(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","ec2:Describe*"],"Resource":"*"}]}"#)
    static let deployDoc = doc(#"""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Artifacts","Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::deploy-artifacts","arn:aws:s3:::deploy-artifacts/*"]},
          {"Sid":"Look","Effect":"Allow","Action":"ec2:Describe*","Resource":"*"},
          {"Sid":"Pass","Effect":"Allow","Action":["iam:PassRole","iam:CreateUser"],"Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}},
          {"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}
        ]}
        """#)

    static func managed(_ name: String, account: String, _ document: PolicyDocument) -> ManagedPolicy {
        let arn = account == "aws" ? "arn:aws:iam::aws:policy/\(name)" : "arn:aws:iam::\(account):policy/\(name)"
        return ManagedPolicy(arn: arn, name: name, account: account, defaultVersionId: "v1",
                             versions: [PolicyVersion(versionId: "v1", isDefault: true, document: document)])
    }

    static func trust(_ principal: String, condition: String = "") -> PolicyDocument {
        doc(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":\#(principal),"Action":"sts:AssumeRole"\#(condition)}]}"#, .trust)
    }

    // MARK: The snapshot

    static func snapshot() -> Snapshot {
        var s = Snapshot()
        // Good account.
        var goodAcct = Account(id: good, name: "prod", passwordPolicy: passwordPolicy(text("password-policy-111122223333.json")),
                               passwordPolicyCollected: true,
                               summary: ["AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0, "AccountPasswordPresent": 1])
        goodAcct.virtualMFADevices = [VirtualMFADevice(serialNumber: "arn:aws:iam::\(good):mfa/dave", userArn: "arn:aws:iam::\(good):user/dave")]
        goodAcct.serverCertificates = [ServerCertificate(arn: "arn:aws:iam::\(good):server-certificate/www", name: "www",
                                                         expiration: date("2027-01-01T00:00:00Z"))]
        // Bad account.
        var badAcct = Account(id: bad, name: "dev", passwordPolicy: passwordPolicy(text("password-policy-444455556666.json")),
                              passwordPolicyCollected: true,
                              summary: ["AccountMFAEnabled": 0, "AccountAccessKeysPresent": 1, "AccountPasswordPresent": 1])
        badAcct.serverCertificates = [ServerCertificate(arn: "arn:aws:iam::\(bad):server-certificate/old-www", name: "old-www",
                                                        expiration: date("2025-12-31T00:00:00Z"))]
        s.accounts = [goodAcct, badAcct, Account(id: bare, name: "sandbox")]

        s.policies = [
            managed("AdministratorAccess", account: "aws", adminDoc),
            managed("PowerUserAccess", account: "aws", powerUserDoc),
            managed("AWSSupportAccess", account: "aws", supportDoc),
            managed("DevAccess", account: good, devDoc),
        ]
        let old = date("2023-01-01T00:00:00Z")
        s.users = [
            IAMUser(arn: "arn:aws:iam::\(good):user/dave", name: "dave", id: "AIDAGOODDAVE", account: good, createDate: old,
                    groups: ["developers"]),
            IAMUser(arn: "arn:aws:iam::\(bad):user/alice", name: "alice", id: "AIDABADALICE", account: bad,
                    createDate: date("2024-11-02T12:00:00Z"), groups: ["admins"],
                    attachedPolicyArns: ["arn:aws:iam::aws:policy/AWSSupportAccess"]),
            IAMUser(arn: "arn:aws:iam::\(bad):user/bob", name: "bob", account: bad, createDate: date("2025-09-30T15:00:00Z"),
                    inlinePolicies: [InlinePolicy(name: "self-manage", document: doc(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ChangePassword","Resource":"*"}]}"#))]),
            IAMUser(arn: "arn:aws:iam::\(bad):user/carol", name: "carol", account: bad, createDate: date("2026-02-01T09:00:00Z")),
        ]
        s.groups = [
            IAMGroup(arn: "arn:aws:iam::\(good):group/developers", name: "developers", account: good,
                     attachedPolicyArns: ["arn:aws:iam::\(good):policy/DevAccess"]),
            IAMGroup(arn: "arn:aws:iam::\(bad):group/admins", name: "admins", account: bad,
                     attachedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"]),
        ]
        s.roles = [
            IAMRole(arn: "arn:aws:iam::\(good):role/SupportRole", name: "SupportRole", account: good, createDate: old,
                    trustPolicy: trust(#"{"AWS":"arn:aws:iam::\#(good):root"}"#),
                    attachedPolicyArns: ["arn:aws:iam::aws:policy/AWSSupportAccess"], lastUsed: date("2026-02-01T00:00:00Z")),
            IAMRole(arn: "arn:aws:iam::\(good):role/PowerUser", name: "PowerUser", account: good, createDate: old,
                    trustPolicy: trust(#"{"AWS":"arn:aws:iam::\#(good):root"}"#),
                    attachedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"], lastUsed: date("2026-02-27T00:00:00Z")),
            IAMRole(arn: "arn:aws:iam::\(bad):role/deploy", name: "deploy", account: bad, createDate: date("2025-01-01T00:00:00Z"),
                    trustPolicy: trust(#"{"Service":"codebuild.amazonaws.com"}"#),
                    inlinePolicies: [InlinePolicy(name: "deploy", document: deployDoc)],
                    lastUsed: date("2026-02-20T07:00:00Z"), lastUsedRegion: "eu-west-1"),
            IAMRole(arn: "arn:aws:iam::\(bad):role/old-batch", name: "old-batch", account: bad, createDate: date("2024-01-01T00:00:00Z"),
                    trustPolicy: trust(#"{"Service":"batch.amazonaws.com"}"#), lastUsed: date("2025-06-01T00:00:00Z"), lastUsedRegion: "us-east-1"),
            IAMRole(arn: "arn:aws:iam::\(bad):role/never-used", name: "never-used", account: bad, createDate: date("2024-01-01T00:00:00Z"),
                    trustPolicy: trust(#"{"Service":"lambda.amazonaws.com"}"#)),
            IAMRole(arn: "arn:aws:iam::\(bad):role/brand-new", name: "brand-new", account: bad, createDate: date("2026-02-15T00:00:00Z"),
                    trustPolicy: trust(#"{"Service":"lambda.amazonaws.com"}"#)),
            IAMRole(arn: "arn:aws:iam::\(bad):role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport",
                    name: "AWSServiceRoleForSupport", path: "/aws-service-role/support.amazonaws.com/", account: bad,
                    createDate: date("2020-01-01T00:00:00Z"), trustPolicy: trust(#"{"Service":"support.amazonaws.com"}"#)),
            IAMRole(arn: "arn:aws:iam::\(bad):role/partner", name: "partner", account: bad, createDate: date("2024-01-01T00:00:00Z"),
                    trustPolicy: trust(#"{"AWS":"*"}"#, condition: #","Condition":{"StringEquals":{"sts:ExternalId":"partner-1234"}}"#),
                    inlinePolicies: [InlinePolicy(name: "everything", document: doc(#"{"Version":"2012-10-17","Statement":[{"Sid":"All","Effect":"Allow","Action":["*:*"],"Resource":["*"]}]}"#))],
                    lastUsed: date("2026-02-28T00:00:00Z")),
            IAMRole(arn: "arn:aws:iam::\(bare):role/ops", name: "ops", account: bare, createDate: old,
                    trustPolicy: trust(#"{"AWS":"arn:aws:iam::\#(bare):root"}"#)),
        ]
        s.resourcePolicies = [
            ResourcePolicy(arn: "arn:aws:s3:::good-shared", resourceType: "s3:bucket", account: good, name: "good-shared",
                           policy: doc(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::good-shared/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}"#, .resource)),
            ResourcePolicy(arn: "arn:aws:sns:us-east-1:\(good):alerts", resourceType: "sns:topic", account: good, region: "us-east-1", name: "alerts",
                           policy: doc(#"{"Version":"2008-10-17","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:Publish","SNS:Subscribe"],"Resource":"arn:aws:sns:us-east-1:111122223333:alerts","Condition":{"StringEquals":{"AWS:SourceOwner":"111122223333"}}}]}"#, .resource)),
            ResourcePolicy(arn: "arn:aws:s3:::public-assets", resourceType: "s3:bucket", account: bad, name: "public-assets",
                           policy: doc(#"{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::public-assets/*"}]}"#, .resource)),
            ResourcePolicy(arn: "arn:aws:sqs:eu-west-1:\(bad):jobs", resourceType: "sqs:queue", account: bad, region: "eu-west-1", name: "jobs",
                           policy: doc(#"{"Version":"2012-10-17","Statement":[{"Sid":"FromTopic","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:444455556666:jobs","Condition":{"ArnEqualsIfExists":{"aws:SourceArn":"arn:aws:sns:eu-west-1:444455556666:events"}}}]}"#, .resource)),
        ]
        s.credentialReport = credentialReport(text("credential-report-111122223333.csv"), account: good)
            + credentialReport(text("credential-report-444455556666.csv"), account: bad)
        s.accessKeys = [AccessKey(userArn: "arn:aws:iam::\(bad):user/alice", userName: "alice", account: bad, slot: 1,
                                  accessKeyId: "AKIAEXAMPLEALICE0001", active: true)]
        s.lastAccessed = lastAccessed(text("last-accessed/role-deploy.json"), entity: "arn:aws:iam::\(bad):role/deploy")
            + lastAccessed(text("last-accessed/user-alice.json"), entity: "arn:aws:iam::\(bad):user/alice")
        s.analyzers = [
            Analyzer(arn: "arn:aws:access-analyzer:us-east-1:\(good):analyzer/external", name: "external", type: "ACCOUNT",
                     status: "ACTIVE", region: "us-east-1", account: good),
            Analyzer(arn: "arn:aws:access-analyzer:us-east-1:\(bad):analyzer/unused", name: "unused", type: "ACCOUNT_UNUSED_ACCESS",
                     status: "ACTIVE", region: "us-east-1", account: bad),
        ]
        s.collectionSteps = [
            CollectionStep(command: "aws accessanalyzer list-analyzers --region us-east-1", status: .ok,
                           file: "accounts/\(good)/access-analyzer/us-east-1/analyzers.json", account: good),
            CollectionStep(command: "aws accessanalyzer list-analyzers --region us-east-1", status: .ok,
                           file: "accounts/\(bad)/access-analyzer/us-east-1/analyzers.json", account: bad),
            CollectionStep(command: "aws accessanalyzer list-analyzers --region eu-west-1", status: .empty,
                           file: "accounts/\(bad)/access-analyzer/eu-west-1/analyzers.json", account: bad),
        ]
        s.reindex()
        return s
    }
}
