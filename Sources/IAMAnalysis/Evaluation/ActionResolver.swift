import Foundation
import IAMPolicy

/// The solver's use of the action catalog: expanding wildcard actions (reporting an unknown service
/// prefix instead of silently matching nothing), scoping `NotAction` grants to the actions that
/// apply to a resource, and access levels. With an empty catalog every refinement is skipped.
struct ActionResolver: Sendable {
    let catalog: ActionCatalog

    enum ExpansionError: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownService(String)
        case noMatch(String)
        case malformed(String)
        var description: String {
            switch self {
            case .unknownService(let s): return "unknown service prefix \"\(s)\": it is not in the action catalog"
            case .noMatch(let p): return "no action in the catalog matches \"\(p)\""
            case .malformed(let p): return "\"\(p)\" is not an action (expected service:Action)"
            }
        }
    }

    var isEmpty: Bool { catalog.isEmpty }

    /// Whether a prefix is known (always true for an empty catalog and for prefixes with wildcards).
    func isKnownService(_ prefix: String) -> Bool {
        catalog.isEmpty || Wildcard.hasWildcard(prefix) || catalog.isKnownService(prefix)
    }

    /// Concrete actions of a pattern, as AWS spells them. A concrete action missing from the catalog
    /// is kept when its service is known (catalogs lag behind AWS).
    func expand(_ pattern: String) throws(ExpansionError) -> [String] {
        let p = pattern.trimmingCharacters(in: .whitespaces)
        if p == "*" { return catalog.isEmpty ? ["*"] : catalog.actions.map(\.fullName) }
        guard let colon = p.firstIndex(of: ":"), colon != p.startIndex else { throw .malformed(p) }
        let service = String(p[..<colon])
        if catalog.isEmpty { return [p] }
        if !isKnownService(service) { throw .unknownService(service.lowercased()) }
        if !Wildcard.hasWildcard(p) { return [catalog.action(named: p)?.fullName ?? p] }
        let out = catalog.expand(p).map(\.fullName)
        if out.isEmpty { throw .noMatch(p) }
        return out
    }

    /// Whether `action` acts on `resource` (an ARN or `*`); unknown actions apply everywhere.
    func appliesTo(action: String, resource: String) -> Bool {
        guard let a = catalog.action(named: action) else { return true }
        return catalog.appliesTo(action: a, resourceArn: resource)
    }

    /// Whether `action` acts on something a Resource pattern can name.
    func appliesTo(action: String, pattern: ResourcePattern) -> Bool {
        guard let a = catalog.action(named: action) else { return true }
        return catalog.appliesTo(action: a, resourcePattern: pattern)
    }

    func accessLevel(of action: String) -> String? { catalog.accessLevel(of: action)?.rawValue }
}
