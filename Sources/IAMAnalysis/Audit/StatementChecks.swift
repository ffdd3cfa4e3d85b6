import IAMPolicy

extension Statement {
    /// CIS 2.14's full administrator statement: `Effect Allow`, `Action "*"` (or `"*:*"`), `Resource "*"`.
    var allowsFullAdministration: Bool {
        effect == .allow && !actionsNegated && actions.contains { $0 == "*" || $0 == "*:*" }
            && !resourcesNegated && (resources?.contains("*") ?? false)
    }

    /// A resource-policy statement that allows every principal (`"*"`, `{"AWS":"*"}`, or an Allow
    /// with NotPrincipal) with no condition that limits who the caller is (CIS 2.21).
    var allowsUnrestrictedPrincipal: Bool {
        guard effect == .allow, let p = principal else { return false }
        guard principalNegated || p.anyone || p.aws.contains("*") else { return false }
        return !conditions.contains { $0.restrictsPrincipal }
    }
}

extension ConditionClause {
    /// Keys that pin the caller (or the calling resource, for service principals) to known accounts,
    /// organizations or ARNs. Network keys (`aws:SourceIp`, `aws:SourceVpc`) are not among them:
    /// any principal on that network still gets in, and Access Analyzer still reports them
    /// (iam-semantics.md §2.3).
    static let principalRestrictingKeys: Set<String> = [
        "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths",
        "aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths", "aws:userid",
        "kms:calleraccount",
    ]

    /// A positive match (`StringEquals`, `StringLike`, `ArnEquals`, `ArnLike`, their set forms) on a
    /// restricting key, without `IfExists` (an absent key would pass) and with no value that is a
    /// bare `*`.
    var restrictsPrincipal: Bool {
        guard Self.principalRestrictingKeys.contains(key.lowercased()) else { return false }
        var op = operatorName
        for prefix in ["ForAnyValue:", "ForAllValues:"] where op.hasPrefix(prefix) {
            if prefix == "ForAllValues:" { return false }   // true when the key is absent
            op.removeFirst(prefix.count)
        }
        guard ["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike"].contains(op) else { return false }
        return !values.isEmpty && !values.contains { $0.allSatisfy { $0 == "*" || $0 == "?" } }
    }
}
