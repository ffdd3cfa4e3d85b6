/// A unique ID (`AIDA…`, `AROA…`) named in a resource or trust policy that resolves to no loaded
/// principal: IAM stores the ID when the policy names a user or role, so a deleted and recreated
/// entity leaves the raw ID behind, and the entry matches nothing (IAM User Guide, Principal element).
public struct OrphanedPrincipal: Sendable, Hashable {
    /// The policy, as explanations name it ("trust policy of role x", "resource policy of bucket").
    public var policy: String
    /// The role ARN for trust policies, the resource ARN for resource policies.
    public var resourceArn: String?
    public var statement: String
    public var uniqueId: String
    public init(policy: String, resourceArn: String?, statement: String, uniqueId: String) {
        self.policy = policy; self.resourceArn = resourceArn; self.statement = statement; self.uniqueId = uniqueId
    }
}
