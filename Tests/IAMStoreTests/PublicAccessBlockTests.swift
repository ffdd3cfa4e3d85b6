import Foundation
import Testing
import IAMAnalysis
import IAMStore

/// S3 Block Public Access files: recognised by content, placed by path, honoured by the findings
/// computed at load (RestrictPublicBuckets overrides a public bucket policy, iam-semantics.md §1.12, §2.2).
@Suite struct PublicAccessBlockTests {
    static let account = "444455556666"
    static let publicPolicy = #"{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::open-bucket/*\"}]}"}"#

    static func block(acls: Bool = false, ignore: Bool = false, policy: Bool = false, restrict: Bool = false) -> String {
        #"{"PublicAccessBlockConfiguration": {"BlockPublicAcls": \#(acls), "IgnorePublicAcls": \#(ignore), "BlockPublicPolicy": \#(policy), "RestrictPublicBuckets": \#(restrict)}}"#
    }

    /// A snapshot folder with the given files (relative path → content), removed by the caller.
    static func snapshot(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iamsh-bpa-\(UUID().uuidString)")
        for (rel, text) in files {
            let url = dir.appendingPathComponent("accounts/\(account)/\(rel)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func load(_ files: [String: String]) throws -> (Store, LoadReport) {
        let dir = try snapshot(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Fixtures.store()
        return (store, store.load(paths: [dir.path]))
    }

    @Test func bucketAndAccountSettingsLoadByContentWithTheIdentityFromThePath() throws {
        let (s, report) = try Self.load([
            "resource-policies/s3/open-bucket.json": Self.publicPolicy,
            "resource-policies/s3/open.bucket.v2.public-access-block.json": Self.block(acls: true, ignore: true),
            "s3-public-access-block.json": Self.block(policy: true, restrict: true),
        ])
        #expect(!report.hasErrors, "\(report.diagnostics)")
        #expect(s.snapshot.account(id: Self.account)?.s3PublicAccessBlock
            == PublicAccessBlock(blockPublicPolicy: true, restrictPublicBuckets: true))
        let bucket = s.snapshot.resourcePolicies.first { $0.name == "open.bucket.v2" }
        #expect(bucket?.arn == "arn:aws:s3:::open.bucket.v2")
        #expect(bucket?.account == Self.account)
        #expect(bucket?.publicAccessBlock == PublicAccessBlock(blockPublicAcls: true, ignorePublicAcls: true))
        #expect(try s.int("SELECT count(*) FROM s3_public_access_blocks") == 2)
        #expect(try s.int("SELECT block_public_policy FROM s3_public_access_blocks WHERE bucket IS NULL") == 1)
        #expect(try s.int("SELECT ignore_public_acls FROM s3_public_access_blocks WHERE bucket = 'open.bucket.v2'") == 1)
    }

    @Test func aBucketsPolicyAndItsSettingsFromTwoFilesMakeOneResource() throws {
        let (s, _) = try Self.load([
            "resource-policies/s3/open-bucket.json": Self.publicPolicy,
            "resource-policies/s3/open-bucket.public-access-block.json": Self.block(restrict: true),
        ])
        let entries = s.snapshot.resourcePolicies.filter { $0.arn == "arn:aws:s3:::open-bucket" }
        #expect(entries.count == 1)
        #expect(entries.first?.policy != nil)
        #expect(entries.first?.publicAccessBlock?.restrictPublicBuckets == true)
        #expect(try s.int("SELECT count(*) FROM resource_policies") == 1)
    }

    @Test func aBadSettingIsAnErrorNamingTheFileAndPlace() throws {
        let (_, report) = try Self.load([
            "s3-public-access-block.json": #"{"PublicAccessBlockConfiguration": {"BlockPublicPolicy": "yes"}}"#,
        ])
        let d = report.diagnostics.first { $0.file.hasSuffix("s3-public-access-block.json") }
        #expect(d?.severity == .error)
        #expect(d?.location?.contains("BlockPublicPolicy") == true)
        #expect(d?.message.contains("true or false") == true)
    }

    func publicFindings(_ files: [String: String]) throws -> Int? {
        let (s, _) = try Self.load(files)
        return try s.int("SELECT count(*) FROM findings WHERE source = 'iamsh' AND resource = 'arn:aws:s3:::open-bucket' AND is_public = 1")
    }

    @Test func aPublicBucketPolicyIsAFindingWithoutSettings() throws {
        #expect(try publicFindings(["resource-policies/s3/open-bucket.json": Self.publicPolicy]) == 1)
    }

    /// RestrictPublicBuckets blocks the public access of a public bucket policy (S3 BPA; iam-semantics.md §1.12).
    @Test func restrictPublicBucketsAtBucketLevelSuppressesThePublicFinding() throws {
        #expect(try publicFindings([
            "resource-policies/s3/open-bucket.json": Self.publicPolicy,
            "resource-policies/s3/open-bucket.public-access-block.json": Self.block(restrict: true),
        ]) == 0)
    }

    /// The account's setting applies to every bucket of the account (the stricter of the two levels wins).
    @Test func restrictPublicBucketsAtAccountLevelSuppressesThePublicFinding() throws {
        #expect(try publicFindings([
            "resource-policies/s3/open-bucket.json": Self.publicPolicy,
            "resource-policies/s3/open-bucket.public-access-block.json": Self.block(acls: true),
            "s3-public-access-block.json": Self.block(restrict: true),
        ]) == 0)
    }

    /// BlockPublicPolicy only rejects new public policies: "Enabling this setting doesn't affect
    /// existing bucket policies" (S3 PublicAccessBlockConfiguration), so the existing one stays public.
    @Test func blockPublicPolicyAloneLeavesAnExistingPublicPolicyPublic() throws {
        #expect(try publicFindings([
            "resource-policies/s3/open-bucket.json": Self.publicPolicy,
            "s3-public-access-block.json": Self.block(policy: true),
        ]) == 1)
    }
}
