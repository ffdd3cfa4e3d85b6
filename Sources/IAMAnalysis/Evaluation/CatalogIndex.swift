import Foundation
import IAMPolicy

/// The action catalog compiled for the solver: actions by lowercased name and by service, and the
/// ARN patterns of each action's resource types as globs. Used to expand wildcard actions, to scope
/// `NotAction` grants to the actions that apply to a statement's resources, and to report unknown
/// service prefixes instead of silently matching nothing.
public final class CatalogIndex: @unchecked Sendable {
    public let catalog: ActionCatalog
    /// Lowercased `service:action` → index into `catalog.actions`.
    private var byName: [String: Int] = [:]
    /// Lowercased service prefix → indices of its actions.
    private var byService: [String: [Int]] = [:]
    /// Per action: the ARN patterns of the resource types it applies to, as lowercased-free globs
    /// (`${…}` placeholders become `*`). Empty: the action applies only to `*`.
    private var resourceGlobs: [[[UInt8]]] = []
    /// Lowercased action names, parallel to `catalog.actions`.
    private var lowerNames: [[UInt8]] = []
    public let knownServices: Set<String>

    public init(_ catalog: ActionCatalog) {
        self.catalog = catalog
        var services = Set(catalog.services.keys.map { $0.lowercased() })
        var typePatterns: [String: [String: String]] = [:]
        for (svc, types) in catalog.resourceTypes {
            var m: [String: String] = [:]
            for t in types { m[t.name.lowercased()] = t.arnPattern }
            typePatterns[svc.lowercased()] = m
        }
        resourceGlobs.reserveCapacity(catalog.actions.count)
        for (i, a) in catalog.actions.enumerated() {
            let svc = a.service.lowercased()
            services.insert(svc)
            let full = "\(svc):\(a.name.lowercased())"
            byName[full] = i
            byService[svc, default: []].append(i)
            lowerNames.append(Array(full.utf8))
            var globs: [[UInt8]] = []
            for rt in a.resourceTypes {
                if let p = typePatterns[svc]?[rt.name.lowercased()] {
                    globs.append(CatalogIndex.glob(fromArnPattern: p))
                } else {
                    // A resource type without a known pattern: any ARN.
                    globs.append(Array("arn:*".utf8))
                }
            }
            resourceGlobs.append(globs)
        }
        knownServices = services
    }

    /// True when no action data is loaded: catalog-dependent refinements are skipped then.
    public var isEmpty: Bool { catalog.actions.isEmpty }

    /// The catalog entry of a concrete action (case-insensitive), if known.
    public func action(named name: String) -> ActionCatalog.Action? {
        index(of: name).map { catalog.actions[$0] }
    }

    func index(of name: String) -> Int? { byName[name.lowercased()] }

    /// Whether the service prefix of `action` (or a pattern's literal prefix) is in the catalog.
    /// Always true for an empty catalog and for prefixes holding wildcards.
    public func isKnownService(_ prefix: String) -> Bool {
        if isEmpty || Wildcard.hasWildcard(prefix) { return true }
        return knownServices.contains(prefix.lowercased())
    }

    public enum ExpansionError: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownService(String)
        case noMatch(String)
        case malformed(String)
        public var description: String {
            switch self {
            case .unknownService(let s):
                return "unknown service prefix \"\(s)\": it is not in the action catalog"
            case .noMatch(let p): return "no action in the catalog matches \"\(p)\""
            case .malformed(let p): return "\"\(p)\" is not an action (expected service:Action)"
            }
        }
    }

    /// Expands an action pattern (`s3:Delete*`, `*`, `iam:PassRole`) into concrete actions as AWS
    /// spells them. A concrete action not in the catalog is returned as given when its service is
    /// known (catalogs lag behind AWS); an unknown service prefix is an error, never "no match".
    public func expand(_ pattern: String) throws(ExpansionError) -> [String] {
        let p = pattern.trimmingCharacters(in: .whitespaces)
        if p == "*" {
            if isEmpty { return ["*"] }
            return catalog.actions.map(\.fullName)
        }
        guard let colon = p.firstIndex(of: ":"), colon != p.startIndex else { throw .malformed(p) }
        let svc = String(p[..<colon]).lowercased()
        let hasWild = Wildcard.hasWildcard(p)
        if isEmpty { return [p] }
        if !isKnownService(svc) { throw .unknownService(svc) }
        if !hasWild {
            if let i = index(of: p) { return [catalog.actions[i].fullName] }
            return [p]
        }
        let pat = Array(p.lowercased().utf8)
        let candidates: [Int]
        if Wildcard.hasWildcard(svc) { candidates = Array(catalog.actions.indices) } else { candidates = byService[svc] ?? [] }
        let out = candidates.filter { Glob.match(pat, lowerNames[$0]) }.map { catalog.actions[$0].fullName }
        if out.isEmpty { throw .noMatch(p) }
        return out
    }

    /// Whether `action` applies to resources matching `resource` (an ARN, a pattern, or `*`):
    /// some resource type of the action has an ARN pattern that overlaps it. An action with no
    /// resource types applies only to `*`. Unknown actions (or an empty catalog) apply everywhere.
    public func appliesTo(action: String, resource: String) -> Bool {
        guard let i = index(of: action) else { return true }
        return appliesTo(index: i, resource: resource)
    }

    func appliesTo(index i: Int, resource: String) -> Bool {
        if resource == "*" { return true }
        let r = Array(resource.utf8)
        let globs = resourceGlobs[i]
        if globs.isEmpty { return Glob.overlaps(r, Array("*".utf8)) }
        for g in globs where Glob.overlaps(g, r) { return true }
        return false
    }

    public func accessLevel(of action: String) -> String? {
        index(of: action).map { catalog.actions[$0].accessLevel.rawValue }
    }

    /// Placeholders whose values never hold `/` or `:` (so a bucket ARN never matches an object ARN).
    static let segmentPlaceholders: Set<String> = ["Partition", "Region", "Account", "BucketName"]

    /// `arn:${Partition}:s3:::${BucketName}/${ObjectName}` → `arn:◦:s3:::◦/*`, where `◦` is
    /// `Glob.segmentStar` and other placeholders become `*`.
    static func glob(fromArnPattern p: String) -> [UInt8] {
        var out: [UInt8] = []
        let bytes = Array(p.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
               let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) {
                let name = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
                out.append(segmentPlaceholders.contains(name) ? Glob.segmentStar : Glob.star)
                i = close + 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}
