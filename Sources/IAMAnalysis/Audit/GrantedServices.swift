import IAMPolicy

/// Which service namespaces a set of permission policies allows something in, read from the
/// `Action` patterns of their Allow statements (`s3:Get*` → s3, `*` → every service, `ec2:*` → ec2).
/// An Allow with `NotAction` allows every service except those it excludes whole (`iam:*`).
struct GrantedServices {
    private var patterns: [String] = []     // service-part patterns, e.g. "s3", "ec*", "*"
    private var notActionExclusions: [[String]] = []

    init(_ policies: [AppliedPolicy]) {
        for p in policies {
            for st in p.document?.statements ?? [] where st.effect == .allow {
                if st.actionsNegated {
                    notActionExclusions.append(st.actions.compactMap { a in
                        let parts = a.split(separator: ":", maxSplits: 1)
                        return parts.count == 2 && parts[1] == "*" ? parts[0].lowercased() : nil
                    })
                } else {
                    patterns += st.actions.map { a in
                        a.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? "*"
                    }
                }
            }
        }
    }

    var isEmpty: Bool { patterns.isEmpty && notActionExclusions.isEmpty }

    func grants(_ namespace: String) -> Bool {
        let ns = namespace.lowercased()
        if patterns.contains(where: { Wildcard.matches($0, ns) }) { return true }
        return notActionExclusions.contains { excluded in !excluded.contains { Wildcard.matches($0, ns) } }
    }
}
