/// An Amazon Resource Name split into its six colon-separated parts:
/// `arn:partition:service:region:account:resource` (the resource part may itself contain colons).
public struct ARN: Sendable, Hashable, CustomStringConvertible {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    public init(partition: String = "aws", service: String, region: String = "", account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// Parses `arn:…`; nil when the text is not an ARN (fewer than six parts or no `arn:` prefix).
    public init?(_ text: String) {
        guard text.hasPrefix("arn:") else { return nil }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
    }

    public var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

    /// The resource type for `type/name` and `type:name` resources (`role`, `user`, `key`, `function`…);
    /// empty for S3 buckets and other type-less resources.
    public var resourceType: String {
        if service == "s3" { return resource.contains("/") ? "object" : "bucket" }
        if let i = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) { return String(resource[..<i]) }
        return ""
    }

    /// The part after the resource type (`path/name` for IAM, the name for most others).
    public var resourceName: String {
        if service == "s3" { return resource }
        if let i = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) { return String(resource[resource.index(after: i)...]) }
        return resource
    }

    /// The last path component of an IAM-style resource: the user, role, group or policy name.
    public var lastComponent: String {
        if let i = resource.lastIndex(of: "/") { return String(resource[resource.index(after: i)...]) }
        return resourceName
    }
}

/// Helpers for the shapes of account IDs and principal strings that appear in policies.
public enum AccountID {
    /// Twelve decimal digits.
    public static func isValid(_ s: String) -> Bool {
        s.utf8.count == 12 && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The account a principal string refers to: `123456789012`, `arn:aws:iam::123456789012:root`,
    /// a user/role ARN, or a role-session ARN. Nil for `*`, service names and unique IDs.
    public static func of(principal: String) -> String? {
        if isValid(principal) { return principal }
        if let arn = ARN(principal), isValid(arn.account) { return arn.account }
        return nil
    }
}
