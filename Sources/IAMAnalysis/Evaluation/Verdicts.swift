import IAMPolicy

/// The statements of one effect that apply to a request: yes if one applies outright, unknown if
/// some apply only under undecided conditions, no otherwise. Holds statement references only (no
/// reference counting on the hot path); the text of reasons and conditions is built later, for the
/// answers that are shown.
struct Hit {
    var tri: Tri = .no
    /// The first statement that applies outright, else the first undecided one. Held unretained:
    /// statements live as long as the authorizer (or the query, for a session policy) evaluating them.
    private var firstRef: Unmanaged<CompiledStatement>?
    var first: CompiledStatement? {
        get { firstRef?.takeUnretainedValue() }
        set { firstRef = newValue.map { Unmanaged.passUnretained($0) } }
    }
    /// While `tri == .unknown`: the undecided statements (alternatives); nil otherwise.
    var alternatives: StatementList?

    var undecided: [CompiledStatement] { alternatives?.items ?? [] }

    @inline(__always)
    mutating func add(_ t: Tri, _ s: CompiledStatement) {
        switch t {
        case .yes:
            if tri != .yes { tri = .yes; first = s; alternatives = nil }
        case .unknown:
            if tri == .no { tri = .unknown; first = s }
            if tri == .unknown { append([s]) }
        case .no:
            break
        }
    }

    @inline(__always)
    mutating func merge(_ o: Hit) {
        switch o.tri {
        case .yes:
            if tri != .yes { tri = .yes; first = o.first; alternatives = nil }
        case .unknown:
            if tri == .no { tri = .unknown; first = o.first }
            if tri == .unknown { append(o.undecided) }
        case .no:
            break
        }
    }

    private mutating func append(_ items: [CompiledStatement]) {
        // Copy on write: a cached verdict's list is never changed in place.
        alternatives = StatementList((alternatives?.items ?? []) + items)
    }

    /// "Not denied": true when no deny applies.
    var notDenied: Tri { tri.negated }
}

/// An immutable list of statements (boxed so that `Hit` copies cost nothing when it is nil).
final class StatementList {
    let items: [CompiledStatement]
    init(_ items: [CompiledStatement]) { self.items = items }
}

/// What one policy (or several, merged) does to a request. The three grant hits split the allows
/// of a resource-based policy by how the principal is named.
struct PolicyVerdict {
    var allow = Hit()
    var deny = Hit()
    var direct = Hit()
    var role = Hit()
    var account = Hit()

    @inline(__always)
    mutating func merge(_ o: PolicyVerdict) {
        allow.merge(o.allow)
        deny.merge(o.deny)
        direct.merge(o.direct)
        role.merge(o.role)
        account.merge(o.account)
    }

    func grant(_ g: PrincipalGrant) -> Hit {
        switch g {
        case .direct: return direct
        case .role: return role
        case .account: return account
        }
    }
}

/// SCPs or RCPs along an organization path: denies at any level; an allow needed at each level.
/// `levels` (the allow of each level) is filled only when conditions or an explanation are wanted.
struct ChainResult {
    let chain: OrgChain
    let layer: PolicyLayer
    var deny = Hit()
    var gate: Tri = .yes
    /// Index into `chain.levels` of the first level without an allow.
    var failedLevel: Int?
    var levels: [Hit]?

    var failedLevelLabel: String? { failedLevel.map { chain.levels[$0].label } }
}

/// Three-valued values combined the same way whether only the decision is wanted (`Tri`) or also
/// the conditions still to be met (`Term`).
protocol Logic {
    static var yes: Self { get }
    static var no: Self { get }
    static func && (a: Self, b: Self) -> Self
    static func || (a: Self, b: Self) -> Self
    var tri: Tri { get }
}

extension Tri: Logic {
    static func && (a: Tri, b: Tri) -> Tri { Tri.and(a, b) }
    static func || (a: Tri, b: Tri) -> Tri { Tri.or(a, b) }
    var tri: Tri { self }
}

/// A three-valued fact with the conditions (ANDed; an entry may itself be an "or") under which an
/// `unknown` would become true.
struct Term: Logic {
    var tri: Tri
    var conds: [String]

    static let yes = Term(tri: .yes, conds: [])
    static let no = Term(tri: .no, conds: [])
    static func unknown(_ cond: String) -> Term { Term(tri: .unknown, conds: [cond]) }

    static func && (a: Term, b: Term) -> Term {
        let t = Tri.and(a.tri, b.tri)
        guard t == .unknown else { return Term(tri: t, conds: []) }
        return Term(tri: t, conds: (a.tri == .unknown ? a.conds : []) + (b.tri == .unknown ? b.conds : []))
    }

    static func || (a: Term, b: Term) -> Term {
        let t = Tri.or(a.tri, b.tri)
        guard t == .unknown else { return Term(tri: t, conds: []) }
        if a.tri == .unknown && b.tri == .unknown {
            if a.conds == b.conds { return a }
            return Term(tri: .unknown, conds: ["(\(a.conds.joined(separator: " and "))) or (\(b.conds.joined(separator: " and ")))"])
        }
        return a.tri == .unknown ? a : b
    }
}
