import IAMPolicy

/// One node of the graph with what the edge builder needs to know about it.
struct Node: Sendable, Hashable {
    var arn: String
    var kind: NodeKind
    var account: String
    /// `user/NAME`, `role/NAME`, `group/NAME` or the provider as written: for labels.
    var label: String
    var boundaryArn: String?
    var isServiceLinked: Bool
}

/// The principals of every loaded account (users, then roles) with dense integer ids, plus the
/// group and provider nodes added while edges are built.
struct NodeTable: Sendable {
    private(set) var nodes: [Node] = []
    private(set) var idByArn: [String: Int] = [:]
    /// Ids of users and roles only (the principals that can make requests).
    private(set) var principalIds: [Int] = []
    private(set) var principalsByAccount: [String: [Int]] = [:]

    init(snapshot: Snapshot) {
        for u in snapshot.users {
            add(Node(arn: u.arn, kind: .user, account: u.account, label: "user/\(u.name)",
                     boundaryArn: u.boundaryArn, isServiceLinked: false))
        }
        for r in snapshot.roles {
            add(Node(arn: r.arn, kind: .role, account: r.account, label: "role/\(r.name)",
                     boundaryArn: r.boundaryArn, isServiceLinked: r.isServiceLinked))
        }
    }

    init() {}

    @discardableResult
    mutating func add(_ n: Node) -> Int {
        if let id = idByArn[n.arn] { return id }
        let id = nodes.count
        nodes.append(n)
        idByArn[n.arn] = id
        if n.kind == .user || n.kind == .role {
            principalIds.append(id)
            principalsByAccount[n.account, default: []].append(id)
        }
        return id
    }

    subscript(id: Int) -> Node { nodes[id] }
    var count: Int { nodes.count }
    func id(_ arn: String) -> Int? { idByArn[arn] }
}
