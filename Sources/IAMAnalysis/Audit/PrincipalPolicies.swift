import Foundation
import IAMPolicy

/// One permission policy that applies to a user or role, and where it comes from.
public struct AppliedPolicy: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case managed, inline }
    public var kind: Kind
    public var name: String
    /// The managed policy's ARN; nil for inline policies.
    public var arn: String?
    /// The group it comes through; nil when attached to or embedded in the principal itself.
    public var viaGroup: String?
    /// The document in force (the default version of a managed policy); nil when an attached
    /// managed policy is not in the snapshot.
    public var document: PolicyDocument?

    /// "AdministratorAccess", "inline deploy", "AdministratorAccess (group admins)".
    public var label: String {
        let base = kind == .inline ? "inline \(name)" : name
        return viaGroup.map { "\(base) (group \($0))" } ?? base
    }
}

/// The identity-based permission policies of a principal: attached managed policies (default
/// version only) and inline policies, the user's own and those of its groups. Permission
/// boundaries are not permission policies and are left out.
public enum PrincipalPolicies {
    public static func of(_ principalArn: String, in snapshot: Snapshot) -> [AppliedPolicy] {
        if let u = snapshot.user(arn: principalArn) {
            var out = own(u.attachedPolicyArns, u.inlinePolicies, via: nil, snapshot)
            for g in u.groups {
                guard let group = snapshot.group(named: g, account: u.account) else { continue }
                out += own(group.attachedPolicyArns, group.inlinePolicies, via: g, snapshot)
            }
            return out
        }
        if let r = snapshot.role(arn: principalArn) { return own(r.attachedPolicyArns, r.inlinePolicies, via: nil, snapshot) }
        if let g = snapshot.group(arn: principalArn) { return own(g.attachedPolicyArns, g.inlinePolicies, via: nil, snapshot) }
        return []
    }

    static func own(_ attached: [String], _ inline: [InlinePolicy], via: String?, _ s: Snapshot) -> [AppliedPolicy] {
        var out: [AppliedPolicy] = attached.map { arn in
            let p = s.policy(arn: arn)
            return AppliedPolicy(kind: .managed, name: p?.name ?? ARN(arn)?.lastComponent ?? arn, arn: arn, viaGroup: via,
                                 document: p?.document)
        }
        out += inline.map { AppliedPolicy(kind: .inline, name: $0.name, arn: nil, viaGroup: via, document: $0.document) }
        return out
    }
}
