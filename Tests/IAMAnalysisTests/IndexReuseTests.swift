import Testing
import IAMPolicy
@testable import IAMAnalysis

/// Paths build solvers over snapshots derived from the loaded one (a principal granted everything,
/// a boundary removed, probe users added); such an index takes over the base index's compiled
/// policies where name, layer and document are unchanged. Its answers must be exactly those of an
/// index built from scratch — every case of the evaluation suites is asked of both, with the trace.
@Suite("Solver index reuse for derived snapshots")
struct IndexReuseTests {
    static let suites: [(String, [EvalCase])] = [
        ("identity", IdentityCases.cases), ("resource", ResourceCases.cases),
        ("trust and key", TrustCases.cases), ("organizations", OrgCases.cases),
        ("boundaries and sessions", BoundaryCases.cases),
    ]

    /// The snapshots paths build: every role's trust policy rewritten to trust the last user, a
    /// probe user per group, unbounded clones (build time); then the first user holding `Allow *`
    /// and every boundary dropped (escalated). Rewritten trust policies keep their names: only the
    /// document tells them apart from the base's.
    static func derived(_ s: Snapshot) -> Snapshot {
        let rewrites = Dictionary(uniqueKeysWithValues: s.roles.map { ($0.arn, s.users.suffix(1).map(\.arn)) })
        let bounded = s.users.filter { $0.boundaryArn != nil }.map(\.arn) + s.roles.filter { $0.boundaryArn != nil }.map(\.arn)
        let built = Hypothetical.buildTime(base: s, trustRewrites: rewrites, groups: s.groups.map(\.arn), clones: bounded)
        return Hypothetical.escalated(base: built, grantAll: Set(s.users.prefix(1).map(\.arn)), dropBoundary: Set(bounded))
    }

    static func answer(_ a: Authorizer, _ c: EvalCase) -> String {
        var ctx = RequestContext()
        for (k, v) in c.context { ctx.add(k, v) }
        let r = a.can(principalArn: c.principal, action: c.action, resource: c.resource, context: ctx,
                      sessionPolicy: c.session.map { parsePolicy($0, .session) }, explain: true)
        let trace = r.trace.map { "[\($0.layer)] \($0.policy) \($0.statement ?? "") → \($0.outcome)" }
        return ([r.decision.rawValue, r.reason] + r.conditions + r.warnings + trace).joined(separator: "\n")
    }

    static func whoCan(_ a: Authorizer, _ c: EvalCase) -> [String] {
        a.whoCan(action: c.action, resource: c.resource, includeDenied: true)
            .map { "\($0.principal) \($0.decision.rawValue) \($0.reason) \($0.conditions)" }
    }

    @Test("a reused index answers every evaluation case as a fresh one, on the unchanged and the derived snapshot",
          arguments: suites.map(\.0))
    func sameAnswers(_ suite: String) throws {
        let cases = try #require(Self.suites.first { $0.0 == suite }?.1)
        let base = try #require(cases.first?.world.authorizer)
        for snapshot in [base.snapshot, Self.derived(base.snapshot)] {
            let fresh = Authorizer(snapshot: snapshot, catalog: base.catalog, now: base.now)
            let reused = Authorizer(snapshot: snapshot, catalog: base.catalog, now: base.now, reusing: base)
            for c in cases {
                #expect(Self.answer(reused, c) == Self.answer(fresh, c), "\(c.rule)")
                #expect(Self.whoCan(reused, c) == Self.whoCan(fresh, c), "\(c.rule)")
            }
            #expect(reused.warnings == fresh.warnings)
        }
    }

    @Test("unchanged policies are taken over, changed ones compiled anew with ids after the base's")
    func takesOverUnchanged() throws {
        let base = IdentityCases.world.authorizer
        let derived = Self.derived(base.snapshot)
        let reused = Authorizer(snapshot: derived, catalog: base.catalog, now: base.now, reusing: base)
        let before = base.compiledPolicies, after = reused.compiledPolicies
        let kept = after.filter { key, p in before[key] === p }
        #expect(!kept.isEmpty)
        let added = after.filter { key, _ in before[key] == nil }
        #expect(added.keys.contains { $0.contains("iamsh-escalated") })
        #expect(added.values.allSatisfy { $0.id >= base.policyCount })
        #expect(reused.policyCount > base.policyCount)
    }
}
