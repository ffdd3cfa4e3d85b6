import Testing
import IAMPolicy
@testable import IAMAnalysis

@Test func zzScratch() {
    for c in [IdentityCases.cases[40], IdentityCases.cases[26], IdentityCases.cases[59]] {
        let r = c.run()
        print("==", c.rule, r.decision, r.reason, r.conditions, r.warnings)
        for t in r.trace { print("   [\(t.layer)] \(t.policy) \(t.statement ?? "") → \(t.outcome)") }
    }
}
