import IAMPolicy

/// A three-valued fact with the conditions (ANDed; an entry may itself be an "or") under which an
/// `unknown` would become true.
struct Term {
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

/// Statements of one effect that apply to a request: yes if one applies outright, unknown if some
/// apply under conditions (the alternatives), no otherwise.
struct Slot {
    var tri: Tri = .no
    var by: StatementRef?
    var alternatives: [String] = []

    mutating func add(_ t: Tri, _ ref: StatementRef?, cond: String?) {
        switch t {
        case .yes:
            if tri != .yes { tri = .yes; by = ref; alternatives = [] }
        case .unknown:
            if tri == .no { tri = .unknown; by = ref }
            if tri == .unknown, let cond { alternatives.append(cond) }
        case .no:
            break
        }
    }

    mutating func merge(_ o: Slot) {
        switch o.tri {
        case .yes: if tri != .yes { tri = .yes; by = o.by; alternatives = [] }
        case .unknown:
            if tri == .no { tri = .unknown; by = o.by }
            if tri == .unknown { alternatives += o.alternatives }
        case .no: break
        }
    }

    /// As an allow: holds if any alternative holds.
    var term: Term {
        switch tri {
        case .yes: return .yes
        case .no: return .no
        case .unknown:
            let alts = alternatives.isEmpty ? ["an undecided statement applies"] : alternatives
            return Term(tri: .unknown, conds: [alts.count == 1 ? alts[0] : alts.map { "(\($0))" }.joined(separator: " or ")])
        }
    }

    /// As a deny: "not denied" holds if no alternative holds.
    var notDenied: Term {
        switch tri {
        case .yes: return .no
        case .no: return .yes
        case .unknown: return Term(tri: .unknown, conds: alternatives.map { "NOT \($0)" })
        }
    }
}

/// The statements of one policy (or layer) that apply, split by effect; for resource-based
/// policies the allows are also split by how the principal was named.
struct Tally {
    var allow = Slot()
    var deny = Slot()
    /// Indexed by `PrincipalGrant.rawValue`: account, role, direct.
    var grants = [Slot(), Slot(), Slot()]

    mutating func merge(_ o: Tally) {
        allow.merge(o.allow)
        deny.merge(o.deny)
        for i in 0..<3 { grants[i].merge(o.grants[i]) }
    }

    func grant(_ g: PrincipalGrant) -> Slot { grants[g.rawValue] }
}

/// SCPs or RCPs along an organization path: explicit denies anywhere, and the per-level allow gate.
struct ChainOutcome {
    var deny = Slot()
    var gate = Term.yes
    var failedLevel: String?
}
