import Foundation
import IAMPolicy

/// The zone of trust of an external-access analysis: the resource's own account, or the whole
/// organization when Organizations data is loaded. Principals inside the zone are trusted and
/// sharing with them gives no finding.
/// Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html
/// ("Any sharing that is within the zone of trust is considered safe, so IAM Access Analyzer does
/// not generate a finding"; iam-semantics.md §2.1).
public struct ZoneOfTrust: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case account
        case organization
    }

    public var kind: Kind
    /// The loaded organization's ID (also known for `kind == .account`, to read org conditions).
    public var organizationId: String?
    /// Accounts of the loaded organization (empty when no Organizations data is loaded).
    public var organizationAccounts: Set<String>

    /// Builds the zone for a snapshot. `requested == nil` picks organization when Organizations
    /// data is loaded and account otherwise; asking for organization without data falls back to account.
    public init(snapshot: Snapshot, requested: Kind? = nil) {
        let org = snapshot.organization
        var members = Set(org?.nodes.filter { $0.kind == .account }.map(\.id) ?? [])
        if let m = org?.managementAccountId { members.insert(m) }
        organizationId = org?.id
        organizationAccounts = members
        let orgKnown = org != nil && !members.isEmpty
        switch requested {
        case .account?: kind = .account
        case .organization?: kind = orgKnown ? .organization : .account
        case nil: kind = orgKnown ? .organization : .account
        }
    }

    public init(kind: Kind, organizationId: String? = nil, organizationAccounts: Set<String> = []) {
        self.kind = kind; self.organizationId = organizationId; self.organizationAccounts = organizationAccounts
    }

    /// Whether a principal of `account` is trusted for a resource owned by `resourceAccount`.
    public func contains(account: String, resourceAccount: String) -> Bool {
        if account == resourceAccount { return true }
        guard kind == .organization, organizationAccounts.contains(resourceAccount) else { return false }
        return organizationAccounts.contains(account)
    }

    /// Whether `account` is a member of the loaded organization. nil when no organization is loaded.
    public func isOrganizationMember(_ account: String) -> Bool? {
        organizationId == nil || organizationAccounts.isEmpty ? nil : organizationAccounts.contains(account)
    }

    /// The organization ID whose members are trusted for a resource of `resourceAccount`, if any.
    public func trustedOrganization(resourceAccount: String) -> String? {
        guard kind == .organization, organizationAccounts.contains(resourceAccount) else { return nil }
        return organizationId
    }

    /// `${aws:ResourceOrgID}` for a resource of this account, when known.
    public func resourceOrgId(resourceAccount: String) -> String? {
        organizationAccounts.contains(resourceAccount) ? organizationId : nil
    }
}
