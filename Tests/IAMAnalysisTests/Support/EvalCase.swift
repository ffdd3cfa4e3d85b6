import Testing
import IAMPolicy
@testable import IAMAnalysis

/// One row of the table-driven evaluation suite: a request against a fixture world, the decision
/// AWS's documented rules give, and the rule it exercises.
struct EvalCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let world: World
    let principal: String
    let action: String
    let resource: String
    var context: [(String, String)] = []
    var session: String? = nil
    let expect: Decision
    /// A fragment the reason must contain.
    var reason: String? = nil
    /// A fragment one of the conditions must contain (conditional answers).
    var condition: String? = nil
    /// A fragment one of the warnings must contain.
    var warning: String? = nil

    var testDescription: String { "\(rule) — \(principal.split(separator: ":").last ?? "") \(action) → \(expect.rawValue)" }

    func run() -> CanResult {
        var ctx = RequestContext()
        for (k, v) in context { ctx.add(k, v) }
        return world.authorizer.can(principalArn: principal, action: action, resource: resource, context: ctx,
                                    sessionPolicy: session.map { parsePolicy($0, .session) }, explain: true)
    }

    func check() {
        let r = run()
        let detail = "reason: \(r.reason)\nconditions: \(r.conditions)\nwarnings: \(r.warnings)\ntrace:\n" +
            r.trace.map { "  [\($0.layer)] \($0.policy) \($0.statement ?? "") → \($0.outcome)" }.joined(separator: "\n")
        #expect(r.decision == expect, "\(rule)\n\(detail)")
        if let reason { #expect(r.reason.contains(reason), "reason should mention \"\(reason)\"\n\(detail)") }
        if let condition { #expect(r.conditions.contains { $0.contains(condition) }, "conditions should mention \"\(condition)\"\n\(detail)") }
        if let warning { #expect(r.warnings.contains { $0.contains(warning) }, "warnings should mention \"\(warning)\"\n\(detail)") }
        if expect == .conditional { #expect(!r.conditions.isEmpty, "a conditional answer names its conditions\n\(detail)") }
        if expect != .conditional { #expect(r.conditions.isEmpty, "only conditional answers carry conditions\n\(detail)") }
    }
}

extension World {
    /// Shorthand for a case on this world.
    func c(_ rule: String, _ principal: String, _ action: String, _ resource: String, _ expect: Decision,
           context: [(String, String)] = [], session: String? = nil, reason: String? = nil,
           condition: String? = nil, warning: String? = nil) -> EvalCase {
        EvalCase(rule: rule, world: self, principal: principal, action: action, resource: resource, context: context,
                 session: session, expect: expect, reason: reason, condition: condition, warning: warning)
    }
}
