import Foundation
import Testing
import IAMAnalysis
@testable import IAMStore

/// The store builds the solver index on first use after a load; what `store.authorizer` answers
/// must be the index of the snapshot just loaded (never an older one), built once per load.
@Suite("Solver index after a load")
struct SolverIndexTests {
    static let deploy = "arn:aws:iam::444455556666:user/deploy"

    static func rows(_ a: Authorizer) -> [String] {
        a.whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::acme-data/report.csv", includeDenied: true)
            .map { "\($0.principal) \($0.decision)" }.sorted()
    }

    @Test("after each load the store's index answers as one built from scratch on the merged snapshot")
    func indexFollowsEachLoad() throws {
        let store = try Fixtures.store()
        _ = store.load(paths: [Fixtures.path("snapshot/accounts/111122223333")])
        let first = store.authorizer
        let fresh = Authorizer(snapshot: store.snapshot, catalog: store.catalog, now: store.now)
        #expect(Self.rows(first) == Self.rows(fresh))
        #expect(!Self.rows(first).contains { $0.hasPrefix(Self.deploy + " ") })

        _ = store.load(paths: [Fixtures.path("snapshot/accounts/444455556666")])
        let second = store.authorizer
        #expect(second !== first)
        #expect(Self.rows(second).contains { $0.hasPrefix(Self.deploy + " ") })
        #expect(Self.rows(second) == Self.rows(Authorizer(snapshot: store.snapshot, catalog: store.catalog, now: store.now)))
        #expect(store.authorizer === second, "the index is built once per load")
    }

    @Test("changing now drops the index built by the load; the next one uses the new time")
    func nowInvalidates() throws {
        let store = try Fixtures.store()
        _ = store.load(paths: [Fixtures.path("snapshot")])
        let before = store.authorizer
        store.now = Date(timeIntervalSince1970: 1_800_000_000)
        let after = store.authorizer
        #expect(after !== before)
        #expect(after.now == store.now)
    }
}
