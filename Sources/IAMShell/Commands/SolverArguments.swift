import Foundation
import IAMAnalysis
import IAMPolicy

/// Argument handling shared by the solver commands (`can`, `who-can`, `what-can`).
enum SolverArguments {
    /// The `--context KEY=VALUE` option (repeat a key for a multi-valued one).
    static let contextOption = OptionSpec.value("context", "KEY=VALUE", "set a request-context key (repeat a key for several values)",
                                                kind: .contextPair, repeatable: true)

    /// The principal ARN a person named: an ARN, `user/NAME`, `role/NAME`, a bare unique name, or a
    /// role-session ARN (`arn:aws:sts::A:assumed-role/R/S`), which is passed through so the session's
    /// rules apply.
    static func principalArn(_ text: String, in session: Session) throws -> String {
        if let arn = ARN(text), arn.service == "sts", arn.resource.hasPrefix("assumed-role/") { return text }
        if let arn = ARN(text), arn.service == "iam", arn.resource == "root" { return text }
        return try session.snapshot.resolvePrincipal(text).arn
    }

    /// A resource: an ARN or `*` as given, else the name of a loaded resource, user, role, group or policy.
    static func resourceArn(_ text: String, in session: Session) throws -> String {
        if text == "*" || text.hasPrefix("arn:") { return text }
        do {
            return try session.snapshot.resolve(text).arn
        } catch let e as ResolveError {
            throw ShellError.usage("the resource must be an ARN or a loaded resource's name: \(e.description)")
        }
    }

    /// The request context: the session's `.context`, then this command's `--context` pairs.
    static func context(_ args: Arguments, in session: Session) throws -> RequestContext {
        session.requestContext(adding: try args.pairs("context"))
    }

    /// True when this command's output goes to a JSON mode, where a trace rides along as a field
    /// rather than as a second table (one JSON array per command).
    static func rendersJSON(_ session: Session) -> Bool {
        session.outputMode == .json || session.outputMode == .jsonl
    }

    static func conditionsCell(_ conditions: [String]) -> Cell {
        conditions.isEmpty ? .null : .list(conditions)
    }

    /// Warnings from the solver (unknown service prefixes, orphaned unique IDs…) go to the error stream.
    static func report(_ warnings: [String], in session: Session) {
        for w in Set(warnings).sorted() { session.warn("warning: \(w)") }
    }
}
