import IAMPolicy

/// The kinds of policy the solver evaluates, in the order explanations list them.
public enum PolicyLayer: String, Sendable, Hashable, CaseIterable {
    case scp = "SCP"
    case rcp = "RCP"
    case resource = "resource policy"
    case trust = "trust policy"
    case keyPolicy = "key policy"
    case identity = "identity"
    case boundary = "boundary"
    case session = "session"
}

/// An action pattern of a statement, lowercased, with its service prefix split off so that most
/// statements are rejected by comparing prefixes.
struct ActionPattern: Sendable {
    let text: [UInt8]           // lowercased `service:action` pattern
    let service: String?        // lowercased prefix when it holds no wildcard
    let isWildcard: Bool

    init(_ raw: String) {
        let lower = raw.lowercased()
        text = Array(lower.utf8)
        isWildcard = Wildcard.hasWildcard(lower)
        if let c = lower.firstIndex(of: ":") {
            let s = String(lower[..<c])
            service = Wildcard.hasWildcard(s) ? nil : s
        } else {
            service = nil
        }
    }

    func matches(_ action: [UInt8]) -> Bool {
        isWildcard ? Glob.match(text, action) : text == action
    }
}

/// A statement prepared for repeated evaluation.
final class CompiledStatement: @unchecked Sendable {
    let statement: Statement
    let id: Int                             // global, for per-query caches
    let actions: [ActionPattern]
    /// For statements naming many actions (AWS's ReadOnlyAccess names about 1,300 patterns): the
    /// patterns by service prefix, so that matching an action looks at its service's patterns only.
    private let actionsByService: [String: [ActionPattern]]?
    /// With `actionsByService`: the patterns whose service part has a wildcard (or that have none).
    private let anyServiceActions: [ActionPattern]
    let resourceIsAny: Bool                 // Resource is exactly ["*"]
    let resourcePatterns: [ResourcePattern]?
    /// Per pattern: its literal text before the first `$`, `*` or `?` — a resource that does not
    /// start with it cannot match, whatever the variables resolve to.
    let resourcePrefixes: [[UInt8]]
    let conditions: CompiledConditions
    /// Whether its resources or conditions read the requesting principal's keys (principal keys in
    /// conditions, variables in resources or condition values).
    let needsPrincipalContext: Bool
    /// Whether evaluating it needs the requesting principal at all (also: a Principal element).
    let principalDependent: Bool
    let variablesEnabled: Bool
    /// The Principal / NotPrincipal element with unique IDs resolved (resource and trust policies).
    let principals: ResolvedPrincipals?
    /// Lowercased context keys its conditions and variables read.
    let contextKeys: Set<String>
    /// Every key it reads is determined by the principal (so the principal's own context suffices).
    let readsOnlyPrincipalKeys: Bool
    /// The policy holding it (set once the policy is built; policies outlive their statements' use).
    private var policyRef: Unmanaged<CompiledPolicy>?
    var policy: CompiledPolicy? {
        get { policyRef?.takeUnretainedValue() }
        set {
            policyRef = newValue.map { Unmanaged.passUnretained($0) }
            reference = "\(newValue?.qualifiedName ?? "a policy") statement \(statement.label)"
        }
    }

    init(_ s: Statement, id: Int, variablesEnabled: Bool, resolveUniqueId: (String) -> String?, cache: CompileCache? = nil) {
        statement = s
        self.id = id
        self.variablesEnabled = variablesEnabled
        resourceIsAny = !s.resourcesNegated && s.resources == ["*"]
        if let cache {
            actions = s.actions.map(cache.action)
            resourcePatterns = s.resources.map { $0.map { cache.resource($0, variablesEnabled: variablesEnabled) } }
            resourcePrefixes = (s.resources ?? []).map(cache.prefix)
            conditions = cache.conditions(s.conditions, variablesEnabled: variablesEnabled)
        } else {
            actions = s.actions.map(ActionPattern.init)
            resourcePatterns = s.resources.map { $0.map { ResourcePattern($0, variablesEnabled: variablesEnabled) } }
            resourcePrefixes = (s.resources ?? []).map(CompiledStatement.literalPrefix)
            conditions = CompiledConditions(s.conditions, variablesEnabled: variablesEnabled)
        }
        if actions.count > 16 {
            var byService: [String: [ActionPattern]] = [:]
            var any: [ActionPattern] = []
            for a in actions {
                if let svc = a.service { byService[svc, default: []].append(a) } else { any.append(a) }
            }
            actionsByService = byService
            anyServiceActions = any
        } else {
            actionsByService = nil
            anyServiceActions = []
        }
        var dep = false
        if variablesEnabled, let rs = s.resources, rs.contains(where: PolicyVariables.containsVariable) { dep = true }
        for c in s.conditions {
            if RequestContextBuilder.isPrincipalKey(c.key) { dep = true }
            if variablesEnabled, c.values.contains(where: PolicyVariables.containsVariable) { dep = true }
        }
        var keys = Set<String>()
        for c in s.conditions {
            keys.insert(c.key.lowercased())
            if variablesEnabled { for v in c.values { CompiledStatement.variableKeys(v, into: &keys) } }
        }
        if variablesEnabled { for r in s.resources ?? [] { CompiledStatement.variableKeys(r, into: &keys) } }
        contextKeys = cache?.keys(keys) ?? keys
        readsOnlyPrincipalKeys = keys.allSatisfy(RequestContextBuilder.isPrincipalKey)
        needsPrincipalContext = dep
        // "Principal": "*" names everyone: it does not make the statement depend on the principal.
        let namesEveryone = s.principal.map { $0.anyone && !s.principalNegated } ?? false
        principalDependent = dep || (s.principal != nil && !namesEveryone)
        principals = s.principal.map { ResolvedPrincipals($0, resolveUniqueId: resolveUniqueId) }
    }

    var effect: Effect { statement.effect }
    var label: String { statement.label }

    /// "policy S3Read statement #0" — how reasons name it (set with `policy`).
    private(set) var reference = ""

    /// The literal text of a resource pattern before its first `$`, `*` or `?`.
    static func literalPrefix(_ text: String) -> [UInt8] {
        Array(text.utf8.prefix { $0 != UInt8(ascii: "$") && $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "?") })
    }

    static func variableKeys(_ text: String, into keys: inout Set<String>) {
        guard PolicyVariables.containsVariable(text) else { return }
        for piece in PolicyVariables.parse(text) {
            if case .variable(let key, _, _) = piece { keys.insert(key.lowercased()) }
        }
    }

    /// Services this statement can match, or nil when it can match any service (NotAction, or a
    /// wildcard in a prefix).
    var services: Set<String>? {
        if statement.actionsNegated { return nil }
        var out = Set<String>()
        for a in actions {
            guard let s = a.service else { return nil }
            out.insert(s)
        }
        return out
    }

    /// Action element match (before NotAction scoping). `action` is lowercased `service:Name`.
    func actionListMatches(_ action: [UInt8]) -> Bool {
        if let byService = actionsByService {
            if let colon = action.firstIndex(of: UInt8(ascii: ":")),
               let list = byService[String(decoding: action[..<colon], as: UTF8.self)],
               list.contains(where: { $0.matches(action) }) {
                return true
            }
            return anyServiceActions.contains { $0.matches(action) }
        }
        for a in actions where a.matches(action) { return true }
        return false
    }
}

/// Service prefixes numbered once per snapshot, so statement lookups hash integers, not strings.
final class ServiceTable: @unchecked Sendable {
    private(set) var ids: [String: Int] = [:]

    init() {}

    /// A table that numbers as `other` does, to extend without touching `other` (which queries may
    /// be reading on other threads).
    init(copying other: ServiceTable) { ids = other.ids }

    /// The number of a lowercased prefix, numbering it on first sight (only while building).
    func id(_ service: String) -> Int {
        if let i = ids[service] { return i }
        let i = ids.count
        ids[service] = i
        return i
    }

    /// The number of a prefix, or -1 when no statement names it literally.
    func lookup(_ service: String) -> Int { ids[service] ?? -1 }
}

/// A policy prepared for repeated evaluation: its statements and an index from service prefix to
/// the statements that can match an action of that service.
final class CompiledPolicy: @unchecked Sendable {
    let id: Int
    let name: String                        // what explanations call it
    let arn: String?
    let layer: PolicyLayer
    let statements: [CompiledStatement]
    let document: PolicyDocument
    /// (service number, candidate statement indices) — a handful per policy, scanned linearly.
    private let byService: [(service: Int, indices: [Int])]
    private let anyService: [Int]
    /// Set for policies compiled without the snapshot's service table (session policies): every
    /// statement is a candidate.
    private let allIndices: [Int]?
    /// No statement needs the requesting principal: one evaluation per request serves everyone.
    let principalIndependent: Bool

    init(id: Int, name: String, arn: String?, layer: PolicyLayer, document: PolicyDocument, nextStatementId: inout Int,
         services: ServiceTable? = nil, resolveUniqueId: (String) -> String? = { _ in nil }, cache: CompileCache? = nil) {
        self.id = id
        self.name = name
        self.arn = arn
        self.layer = layer
        self.document = document
        var stmts: [CompiledStatement] = []
        var bySvc: [Int: [Int]] = [:]
        var any: [Int] = []
        for (i, s) in document.statements.enumerated() {
            let c = CompiledStatement(s, id: nextStatementId, variablesEnabled: document.supportsVariables,
                                      resolveUniqueId: resolveUniqueId, cache: cache)
            nextStatementId += 1
            stmts.append(c)
            if let svcs = c.services, let services {
                for svc in svcs { bySvc[services.id(svc), default: []].append(i) }
            } else {
                any.append(i)
            }
        }
        statements = stmts
        // Merge the any-service statements in now, so lookups do not allocate.
        byService = bySvc.map { entry in
            let list = (entry.value + any).sorted()
            return (service: entry.key, indices: cache?.indices(list) ?? list)
        }.sorted { $0.service < $1.service }
        anyService = cache?.indices(any) ?? any
        allIndices = services == nil ? Array(stmts.indices) : nil
        principalIndependent = !stmts.contains { $0.principalDependent }
        for st in stmts { st.policy = self }
    }

    /// Indices of the statements that can match an action of `service`, in document order.
    func candidates(serviceId: Int) -> [Int] {
        if let allIndices { return allIndices }
        for entry in byService where entry.service == serviceId { return entry.indices }
        return anyService
    }

    /// How reasons name it: "policy S3Read", "inline policy x of user y", "SCP DenyRegions",
    /// "boundary DevBoundary", "the session policy", "resource policy of bucket".
    var qualifiedName: String {
        switch layer {
        case .identity: return name.hasPrefix("inline policy") ? name : "policy \(name)"
        case .scp: return "SCP \(name)"
        case .rcp: return "RCP \(name)"
        case .boundary: return "boundary \(name)"
        case .session: return "the session policy"
        case .resource, .trust, .keyPolicy: return name
        }
    }
}
