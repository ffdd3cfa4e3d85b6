import IAMPolicy

/// The statements of one effect that apply to a request: yes if one applies outright, unknown if
/// some apply only under undecided conditions, no otherwise. Holds statement references only; the
/// text of reasons and conditions is built later, for the answers that are shown.
struct Hit {
    var tri: Tri = .no
    /// The first statement that applies outright, else the first undecided one.
    var first: CompiledStatement?
    /// While `tri == .unknown`: the undecided statements (alternatives).
    var undecided: [CompiledStatement] = []

    @inline(__always)
    mutating func add(_ t: Tri, _ s: CompiledStatement) {
        switch t {
        case .yes:
            if tri != .yes { tri = .yes; first = s; if !undecided.isEmpty { undecided = [] } }
        case .unknown:
            if tri == .no { tri = .unknown; first = s }
            if tri == .unknown { undecided.append(s) }
        case .no:
            break
        }
    }

    @inline(__always)
    mutating func merge(_ o: Hit) {
        switch o.tri {
        case .yes:
            if tri != .yes { tri = .yes; first = o.first; if !undecided.isEmpty { undecided = [] } }
        case .unknown:
            if tri == .no { tri = .unknown; first = o.first }
            if tri == .unknown { undecided += o.undecided }
        case .no:
            break
        }
    }

    /// "Not denied": true when no deny applies.
    var notDenied: Tri { tri.negated }
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
struct ChainResult {
    struct Level {
        let label: String
        var allow: Hit
    }
    var deny = Hit()
    var levels: [Level] = []
    var gate: Tri = .yes

    var failedLevel: String? { levels.first { $0.allow.tri == .no }?.label }
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
