import Foundation
import Testing
@testable import IAMStore

@Suite struct DatasetTests {
    @Test func locatorHonoursTheEnvironment() throws {
        let dir = Fixtures.root.path
        #expect(DatasetLocator.datasetsDirectory(environment: ["IAMSH_DATASETS": dir])?.path == dir)
        // Without the variable, the repository's Datasets folder is found from the source location.
        #expect(DatasetLocator.datasetsDirectory(environment: [:])?.lastPathComponent == "Datasets")
    }

    @Test func catalogFillsTheActionsTable() throws {
        let s = try Fixtures.store()
        #expect(s.catalogWarnings.isEmpty)
        #expect(try s.int("SELECT count(*) FROM actions") ?? 0 > 10_000)
        #expect(try s.scalar("SELECT access_level FROM actions WHERE action = 'iam:PassRole'") == "Write")
        #expect(try s.scalar("SELECT resource_types->>'$[0].type' || ' ' || (resource_types->>'$[0].required') FROM actions WHERE action = 'iam:PassRole'") == "role 1")
        #expect(try s.scalar("SELECT service_name FROM actions WHERE action = 's3:GetObject'") == "Amazon S3")
    }

    @Test func missingCatalogIsAWarningNotAFailure() throws {
        let s = try Store(now: Date(), catalogDirectory: Fixtures.root.appendingPathComponent("no-catalog-here"))
        #expect(!s.catalogWarnings.isEmpty)
        #expect(try s.int("SELECT count(*) FROM actions") == 0)
    }

    /// The bundled demo organization (written by another generator) loads without a diagnostic.
    @Test func demoOrganizationLoadsCleanly() throws {
        let demo = try #require(DatasetLocator.datasetsDirectory(environment: [:])).appendingPathComponent("demo")
        let s = try Fixtures.store()
        let r = s.load(paths: [demo.path])
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(r.counts.accounts == 3)
        #expect(try s.int("SELECT count(*) FROM org_units") ?? 0 >= 3)
    }
}
