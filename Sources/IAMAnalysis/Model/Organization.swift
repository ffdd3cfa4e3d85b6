import Foundation
import IAMPolicy

/// AWS Organizations data: the tree of roots, OUs and accounts, and the SCPs/RCPs attached to it.
public struct Organization: Sendable, Hashable {
    public var id: String
    public var arn: String?
    public var managementAccountId: String?
    public var managementAccountEmail: String?
    public var featureSet: String?
    /// Every node of the tree: roots (`r-…`), OUs (`ou-…`) and accounts (12 digits).
    public var nodes: [OrgNode]
    public var policies: [OrgPolicy]
    public init(id: String, arn: String? = nil, managementAccountId: String? = nil, managementAccountEmail: String? = nil,
                featureSet: String? = nil, nodes: [OrgNode] = [], policies: [OrgPolicy] = []) {
        self.id = id; self.arn = arn; self.managementAccountId = managementAccountId
        self.managementAccountEmail = managementAccountEmail; self.featureSet = featureSet
        self.nodes = nodes; self.policies = policies
    }

    /// Node IDs from the root down to `nodeId` (inclusive), e.g. `[r-ab12, ou-ab12-prod, 222233334444]`.
    public func pathToRoot(of nodeId: String) -> [String] {
        var chain: [String] = []
        var current: String? = nodeId
        var guardCount = 0
        while let c = current, guardCount < 64 {
            chain.append(c)
            current = nodes.first(where: { $0.id == c })?.parentId
            guardCount += 1
        }
        return chain.reversed()
    }

    /// `aws:PrincipalOrgPaths` value for an account: `o-xxx/r-xxx/ou-xxx/…/` (the account itself excluded).
    public func orgPath(of accountId: String) -> String? {
        let chain = pathToRoot(of: accountId)
        guard chain.count >= 2 else { return nil }
        return ([id] + chain.dropLast()).joined(separator: "/") + "/"
    }
}

public struct OrgNode: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case root, organizationalUnit = "ou", account }
    public var id: String
    public var kind: Kind
    public var name: String?
    public var arn: String?
    public var parentId: String?
    public init(id: String, kind: Kind, name: String? = nil, arn: String? = nil, parentId: String? = nil) {
        self.id = id; self.kind = kind; self.name = name; self.arn = arn; self.parentId = parentId
    }
}

/// A service control policy or resource control policy and where it is attached.
public struct OrgPolicy: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case scp = "SERVICE_CONTROL_POLICY"
        case rcp = "RESOURCE_CONTROL_POLICY"
    }
    public var id: String
    public var arn: String?
    public var name: String
    public var kind: Kind
    public var awsManaged: Bool
    public var description: String?
    public var document: PolicyDocument?
    /// Target IDs: roots, OUs and accounts.
    public var targets: [String]
    public init(id: String, arn: String? = nil, name: String, kind: Kind, awsManaged: Bool = false,
                description: String? = nil, document: PolicyDocument?, targets: [String] = []) {
        self.id = id; self.arn = arn; self.name = name; self.kind = kind; self.awsManaged = awsManaged
        self.description = description; self.document = document; self.targets = targets
    }
}
