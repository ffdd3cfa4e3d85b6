import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

/// `findings --compare` against collected Access Analyzer findings, and the action list behind `access RESOURCE`.
@Suite("Findings: compare and resource access")
struct FindingsCompareTests {
    static let ours = FX.findings(FX.bucket, "s3:bucket", FX.doc(
        #"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-reports/*"}"#,
        #"{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::example-reports","arn:aws:s3:::example-reports/*"]}"#))

    func aa(_ id: String, resource: String = FX.bucket, principal: String, actions: [String], isPublic: Bool, status: String = "ACTIVE") -> Finding {
        Finding(id: id, source: "access-analyzer", analyzerArn: "arn:aws:access-analyzer:us-east-1:111122223333:analyzer/org",
                findingType: "ExternalAccess", resource: resource, resourceType: "AWS::S3::Bucket", account: FX.own,
                principal: principal, actions: actions, isPublic: isPublic, status: status)
    }

    @Test func matchingFindingsLineUp() {
        let rows = FindingsComparison.compare(ours: Self.ours, collected: [
            aa("aa-1", principal: #"{"AWS":"*"}"#, actions: ["s3:GetObject"], isPublic: true),
            aa("aa-2", principal: #"{"AWS":"arn:aws:iam::444455556666:root"}"#, actions: ["s3:GetObject", "s3:ListBucket"], isPublic: false),
        ])
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.match == .both && $0.details == "same actions" })
    }

    @Test func differencesAreShownOnBothSides() {
        let rows = FindingsComparison.compare(ours: Self.ours, collected: [
            aa("aa-2", principal: "444455556666", actions: ["s3:GetObject", "s3:GetObjectVersion"], isPublic: false),
            aa("aa-3", resource: "arn:aws:s3:::example-logs", principal: #"{"AWS":"555566667777"}"#, actions: ["s3:PutObject"], isPublic: false),
            aa("aa-old", principal: #"{"AWS":"999988887777"}"#, actions: ["s3:GetObject"], isPublic: false, status: "RESOLVED"),
        ])
        #expect(rows.map(\.match) == [.analyzerOnly, .iamshOnly, .both])
        #expect(rows[0].resource == "arn:aws:s3:::example-logs")
        #expect(rows[1].principal == "*")
        #expect(rows[2].onlyIamsh == ["s3:ListBucket"])
        #expect(rows[2].onlyAnalyzer == ["s3:GetObjectVersion"])
    }

    @Test func ourOwnRowsInTheFindingsTableAreNotCompared() {
        let mine = Self.ours.map { $0.asFinding() }
        let rows = FindingsComparison.compare(ours: Self.ours, collected: mine)
        #expect(rows.allSatisfy { $0.match == .iamshOnly })
    }

    @Test func principalMapsAreNormalised() {
        #expect(FindingsComparison.normalizedPrincipal(aa("x", principal: #"{"Federated":"cognito-identity.amazonaws.com"}"#, actions: [], isPublic: true)) == "cognito-identity.amazonaws.com")
        #expect(FindingsComparison.normalizedPrincipal(aa("x", principal: "arn:aws:iam::444455556666:root", actions: [], isPublic: false)) == FX.external)
    }

    @Test func resourceActionsOfARoleIncludeIAMAndAssumeRole() throws {
        let names = try ResourceAccess.actions(for: FX.role, catalog: FX.catalog).map(\.fullName)
        #expect(Set(names) == ["iam:GetRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:TagRole", "iam:PassRole",
                               "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession"])
    }

    @Test func resourceActionsOfABucketAreBucketActionsOnly() throws {
        let names = Set(try ResourceAccess.actions(for: FX.bucket, catalog: FX.catalog).map(\.fullName))
        #expect(names == ["s3:ListBucket", "s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:PutBucketTagging"])
        let objects = Set(try ResourceAccess.actions(for: FX.bucket + "/report.csv", catalog: FX.catalog).map(\.fullName))
        #expect(objects.contains("s3:GetObject") && !objects.contains("s3:ListBucket"))
    }

    @Test func resourceAccessNeedsAnArnTheCatalogKnows() {
        #expect(throws: ResourceAccess.ResourceAccessError.self) { try ResourceAccess.actions(for: "bucket", catalog: FX.catalog) }
        #expect(throws: ResourceAccess.ResourceAccessError.self) {
            try ResourceAccess.actions(for: "arn:aws:logs:us-east-1:111122223333:log-group:x", catalog: FX.catalog)
        }
    }
}

/// `access RESOURCE` over the real solver: principals inside and outside the zone, by access level.
@Suite("Findings: resource access over who-can")
struct FindingsResourceAccessTests {
    static func world() -> Snapshot {
        var s = FX.snapshot(resources: [(FX.bucket, "s3:bucket", FX.doc(
            #"{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-reports/*"}"#,
            #"{"Sid":"PartnerList","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::example-reports"}"#))])
        let admin = FX.policy(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#, kind: .identity)
        s.users.append(IAMUser(arn: "arn:aws:iam::111122223333:user/alice", name: "alice", id: "AIDAEXAMPLEALICE0001", account: FX.own,
                               inlinePolicies: [InlinePolicy(name: "s3-admin", document: admin)]))
        s.reindex()
        return s
    }

    @Test func bucketAccessIsGroupedByLevelAndZone() throws {
        let s = Self.world()
        let auth = Authorizer(snapshot: s, catalog: FX.catalog, now: FX.now)
        let rows = try ResourceAccess.analyze(resourceArn: FX.bucket, authorizer: auth, zone: ZoneOfTrust(snapshot: s))
        let alice = rows.filter { $0.principal == "arn:aws:iam::111122223333:user/alice" }
        #expect(Set(alice.map(\.accessLevel)) == ["List", "Read", "Permissions management", "Tagging"])
        #expect(alice.allSatisfy { $0.zone == "inside" && $0.decision == .allow })
        #expect(alice.first { $0.accessLevel == "Permissions management" }?.actions == ["s3:PutBucketPolicy"])
        // The partner account is let in by the bucket policy: outside the zone, List only.
        let partner = rows.filter { $0.account == FX.external }
        #expect(!partner.isEmpty && partner.allSatisfy { $0.zone == "outside" && $0.accessLevel == "List" })
        // Rows come in the console's level order.
        let order = ActionCatalog.AccessLevel.allCases.map(\.rawValue)
        #expect(rows.map { order.firstIndex(of: $0.accessLevel) ?? 9 } == rows.map { order.firstIndex(of: $0.accessLevel) ?? 9 }.sorted())
    }

    @Test func objectsOfAPublicBucketAreReadableByAnyone() throws {
        let s = Self.world()
        let auth = Authorizer(snapshot: s, catalog: FX.catalog, now: FX.now)
        let rows = try ResourceAccess.analyze(resourceArn: FX.bucket + "/report.csv", authorizer: auth, zone: ZoneOfTrust(snapshot: s),
                                              options: ResourceAccess.Options(levels: [.read]))
        #expect(rows.contains { $0.principal == "*" && $0.zone == "outside" && $0.actions == ["s3:GetObject"] })
        #expect(rows.allSatisfy { $0.accessLevel == "Read" })
    }
}
