import IAMPolicy

/// The action catalog indexed by service, for expanding `Action` patterns into actions.
/// TODO(policy branch): switch to `ActionCatalog.expand` once it lands; the semantics are the same
/// (case-insensitive glob over `service:Action`).
struct CatalogActions {
    private var byService: [String: [String]] = [:]     // lowercased prefix → full names as AWS spells them

    init(_ catalog: ActionCatalog) {
        for a in catalog.actions { byService[a.service.lowercased(), default: []].append(a.fullName) }
    }

    var isEmpty: Bool { byService.isEmpty }
    var services: [String] { byService.keys.sorted() }
    func knows(_ service: String) -> Bool { byService[service.lowercased()] != nil }

    /// The actions of `service` matching `pattern` (whose service part may itself be a wildcard).
    func expand(_ pattern: String, in service: String) -> [String] {
        (byService[service.lowercased()] ?? []).filter { Wildcard.matchesAction(pattern, $0) }
    }
}
