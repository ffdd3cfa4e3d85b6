import Foundation
import IAMPolicy

/// Everything loaded from one or more exported accounts: the model the solver and analyses read.
/// Built by the store's loaders; merged when several inputs are loaded. Lookups go through `index`,
/// which `reindex()` rebuilds after a change.
public struct Snapshot: Sendable {
    public var accounts: [Account] = []
    public var users: [IAMUser] = []
    public var groups: [IAMGroup] = []
    public var roles: [IAMRole] = []
    public var instanceProfiles: [InstanceProfile] = []
    public var policies: [ManagedPolicy] = []
    public var resourcePolicies: [ResourcePolicy] = []
    public var organization: Organization?
    public var credentialReport: [CredentialReportRow] = []
    public var accessKeys: [AccessKey] = []
    public var lastAccessed: [LastAccessedEntry] = []
    public var analyzers: [Analyzer] = []
    public var findings: [Finding] = []
    public var collectionSteps: [CollectionStep] = []

    public private(set) var index = SnapshotIndex()

    public init() {}

    /// Adds everything of `other`; an entity with the same ARN replaces the earlier one
    /// (loading a newer export of the same account updates it).
    public mutating func merge(_ other: Snapshot) {
        func mergeList<T>(_ a: inout [T], _ b: [T], key: (T) -> String) {
            guard !b.isEmpty else { return }
            var pos: [String: Int] = [:]
            for (i, x) in a.enumerated() { pos[key(x)] = i }
            for x in b {
                if let i = pos[key(x)] { a[i] = x } else { pos[key(x)] = a.count; a.append(x) }
            }
        }
        for acct in other.accounts {
            if let i = accounts.firstIndex(where: { $0.id == acct.id }) {
                accounts[i] = Snapshot.mergeAccount(accounts[i], acct)
            } else {
                accounts.append(acct)
            }
        }
        mergeList(&users, other.users) { $0.arn }
        mergeList(&groups, other.groups) { $0.arn }
        mergeList(&roles, other.roles) { $0.arn }
        mergeList(&instanceProfiles, other.instanceProfiles) { $0.arn }
        mergeList(&policies, other.policies) { $0.arn }
        // A bucket's policy and its Block Public Access settings come from two files: fold the pieces.
        if !other.resourcePolicies.isEmpty {
            var pos: [String: Int] = [:]
            for (i, x) in resourcePolicies.enumerated() { pos[x.arn] = i }
            for x in other.resourcePolicies {
                if let i = pos[x.arn] {
                    resourcePolicies[i] = Snapshot.mergeResourcePolicy(resourcePolicies[i], x)
                } else {
                    pos[x.arn] = resourcePolicies.count
                    resourcePolicies.append(x)
                }
            }
        }
        mergeList(&credentialReport, other.credentialReport) { $0.arn }
        mergeList(&accessKeys, other.accessKeys) { "\($0.userArn)#\($0.slot ?? 0)#\($0.accessKeyId ?? "")" }
        mergeList(&lastAccessed, other.lastAccessed) { "\($0.entityArn)#\($0.serviceNamespace)#\($0.actionName ?? "")" }
        mergeList(&analyzers, other.analyzers) { $0.arn }
        mergeList(&findings, other.findings) { "\($0.source)#\($0.id)" }
        collectionSteps += other.collectionSteps
        if let o = other.organization {
            if var mine = organization, mine.id == o.id {
                mergeList(&mine.nodes, o.nodes) { $0.id }
                mergeList(&mine.policies, o.policies) { $0.id }
                mine.arn = o.arn ?? mine.arn
                mine.managementAccountId = o.managementAccountId ?? mine.managementAccountId
                mine.managementAccountEmail = o.managementAccountEmail ?? mine.managementAccountEmail
                mine.featureSet = o.featureSet ?? mine.featureSet
                organization = mine
            } else {
                organization = o
            }
        }
        reindex()
    }

    static func mergeAccount(_ a: Account, _ b: Account) -> Account {
        var r = a
        r.name = b.name ?? a.name
        r.email = b.email ?? a.email
        r.status = b.status ?? a.status
        if !b.aliases.isEmpty { r.aliases = b.aliases }
        r.callerArn = b.callerArn ?? a.callerArn
        if b.passwordPolicyCollected { r.passwordPolicy = b.passwordPolicy; r.passwordPolicyCollected = true }
        if !b.summary.isEmpty { r.summary = b.summary }
        r.joinedTimestamp = b.joinedTimestamp ?? a.joinedTimestamp
        r.serverCertificates = b.serverCertificates ?? a.serverCertificates
        r.virtualMFADevices = b.virtualMFADevices ?? a.virtualMFADevices
        r.s3PublicAccessBlock = b.s3PublicAccessBlock ?? a.s3PublicAccessBlock
        return r
    }

    /// The newer entry of a resource replaces the older one, except for the pieces a file of the
    /// other kind supplies: a Block Public Access file (no policy) keeps the bucket's policy, and a
    /// policy file keeps the bucket's Block Public Access settings.
    public static func mergeResourcePolicy(_ a: ResourcePolicy, _ b: ResourcePolicy) -> ResourcePolicy {
        var r = b
        if b.policy == nil, b.publicAccessBlock != nil, a.policy != nil {
            r.policy = a.policy; r.source = a.source; r.tags = a.tags
        }
        if r.publicAccessBlock == nil { r.publicAccessBlock = a.publicAccessBlock }
        return r
    }

    /// Rebuilds the lookup tables. Call after editing the arrays directly.
    public mutating func reindex() {
        index = SnapshotIndex(self)
    }

    // MARK: Lookups

    public func user(arn: String) -> IAMUser? { index.userByArn[arn].map { users[$0] } }
    public func role(arn: String) -> IAMRole? { index.roleByArn[arn].map { roles[$0] } }
    public func group(arn: String) -> IAMGroup? { index.groupByArn[arn].map { groups[$0] } }
    public func policy(arn: String) -> ManagedPolicy? { index.policyByArn[arn].map { policies[$0] } }
    public func resourcePolicy(arn: String) -> ResourcePolicy? { index.resourcePolicyByArn[arn].map { resourcePolicies[$0] } }
    public func account(id: String) -> Account? { accounts.first { $0.id == id } }

    /// The group of a user, by name in the user's account.
    public func group(named name: String, account: String) -> IAMGroup? {
        index.groupByAccountName["\(account)/\(name)"].map { groups[$0] }
    }

    /// Users that are members of a group.
    public func members(of group: IAMGroup) -> [IAMUser] {
        users.filter { $0.account == group.account && $0.groups.contains(group.name) }
    }

    /// The ARN of a user or role with this unique ID (`AIDA…`, `AROA…`), if loaded.
    public func arn(forUniqueId id: String) -> String? { index.arnByUniqueId[id] }

    /// The account IDs of the whole snapshot (accounts table plus every account that owns an entity).
    public var accountIds: [String] { index.accountIds }
}

/// Precomputed lookup tables of a snapshot.
public struct SnapshotIndex: Sendable {
    public var userByArn: [String: Int] = [:]
    public var roleByArn: [String: Int] = [:]
    public var groupByArn: [String: Int] = [:]
    public var policyByArn: [String: Int] = [:]
    public var resourcePolicyByArn: [String: Int] = [:]
    public var groupByAccountName: [String: Int] = [:]
    public var arnByUniqueId: [String: String] = [:]
    public var accountIds: [String] = []

    init() {}

    init(_ s: Snapshot) {
        var accts = Set(s.accounts.map(\.id))
        for (i, u) in s.users.enumerated() {
            userByArn[u.arn] = i
            if !u.id.isEmpty { arnByUniqueId[u.id] = u.arn }
            accts.insert(u.account)
        }
        for (i, r) in s.roles.enumerated() {
            roleByArn[r.arn] = i
            if !r.id.isEmpty { arnByUniqueId[r.id] = r.arn }
            accts.insert(r.account)
        }
        for (i, g) in s.groups.enumerated() {
            groupByArn[g.arn] = i
            groupByAccountName["\(g.account)/\(g.name)"] = i
            if !g.id.isEmpty { arnByUniqueId[g.id] = g.arn }
            accts.insert(g.account)
        }
        for (i, p) in s.policies.enumerated() { policyByArn[p.arn] = i }
        for (i, r) in s.resourcePolicies.enumerated() { resourcePolicyByArn[r.arn] = i; accts.insert(r.account) }
        accts.remove("")
        accts.remove("aws")
        accountIds = accts.sorted()
    }
}
