import IAMAnalysis
import IAMStore

/// Everything TAB can offer on the loaded data, built once per load.
public struct CompletionVocabulary: Sendable {
    public var tables: [String] = []
    /// Lowercased table name → its columns.
    public var columns: [String: [String]] = [:]
    /// `s3:GetObject`… from the catalog.
    public var actions = SortedWords([])
    /// Users and roles: ARNs, `user/NAME`, `role/NAME` and bare names.
    public var principals = SortedWords([])
    /// Everything `show` accepts: principals, groups, policies, resources, accounts.
    public var entities = SortedWords([])
    /// Every loaded ARN (resources, principals, policies).
    public var resources = SortedWords([])
    /// Condition keys for `--context KEY=VALUE`.
    public var conditionKeys = SortedWords([])

    public init() {}

    /// Reads tables and columns from the store, actions from the catalog, names from the snapshot.
    public init(store: Store, catalogActions: [String], conditionKeys: [String]) {
        tables = (try? store.tableNames()) ?? []
        for t in tables { columns[t.lowercased()] = (try? store.columnNames(of: t)) ?? [] }
        actions = SortedWords(catalogActions)
        self.conditionKeys = SortedWords(conditionKeys + Self.globalConditionKeys)
        let s = store.snapshot
        var principalWords: [String] = []
        var arns: [String] = []
        for u in s.users { principalWords += [u.arn, "user/" + u.name, u.name] }
        for r in s.roles { principalWords += [r.arn, "role/" + r.name, r.name] }
        principals = SortedWords(principalWords)
        var entityWords = principalWords
        for g in s.groups { entityWords += [g.arn, "group/" + g.name, g.name]; arns.append(g.arn) }
        for p in s.policies { entityWords += [p.arn, "policy/" + p.name]; arns.append(p.arn) }
        for r in s.resourcePolicies { entityWords += [r.arn, r.name]; arns.append(r.arn) }
        for a in s.accounts { entityWords.append(a.id) }
        entities = SortedWords(entityWords)
        arns += s.users.map(\.arn) + s.roles.map(\.arn)
        resources = SortedWords(arns)
    }

    /// The global condition keys people set most with `--context` / `.context`.
    static let globalConditionKeys = [
        "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID",
        "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalTag/",
        "aws:PrincipalType", "aws:PrincipalIsAWSService", "aws:PrincipalServiceName", "aws:RequestTag/", "aws:ResourceTag/",
        "aws:ResourceAccount", "aws:ResourceOrgID", "aws:TagKeys", "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge",
        "aws:SecureTransport", "aws:CurrentTime", "aws:EpochTime", "aws:RequestedRegion", "aws:CalledVia", "aws:ViaAWSService",
        "aws:userid", "aws:username", "aws:TokenIssueTime", "aws:SourceIdentity", "aws:FederatedProvider", "aws:Referer", "aws:UserAgent",
    ]
}
