import Foundation
import IAMPolicy

/// An IAM Access Analyzer analyzer (`list-analyzers`).
public struct Analyzer: Sendable, Hashable {
    public var arn: String
    public var name: String
    public var type: String             // ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, …
    public var status: String?
    public var region: String
    public var account: String
    public var createdAt: Date?
    public init(arn: String, name: String, type: String, status: String? = nil, region: String, account: String, createdAt: Date? = nil) {
        self.arn = arn; self.name = name; self.type = type; self.status = status; self.region = region
        self.account = account; self.createdAt = createdAt
    }
}

/// A finding: collected from Access Analyzer (`source == "access-analyzer"`), or computed by iamsh
/// (`source == "iamsh"`, filled in by the findings analysis).
public struct Finding: Sendable, Hashable {
    public var id: String
    public var source: String
    public var analyzerArn: String?
    public var findingType: String      // ExternalAccess, UnusedIAMRole, UnusedPermission, …
    public var resource: String?
    public var resourceType: String?
    public var account: String?
    public var principal: String?       // JSON text of the principal map, or an ARN
    public var actions: [String]
    public var conditions: String?      // JSON text
    public var isPublic: Bool?
    public var status: String           // ACTIVE, ARCHIVED, RESOLVED
    public var createdAt: Date?
    public var updatedAt: Date?
    public var analyzedAt: Date?
    public var details: JSONValue       // the finding as collected / computed
    public init(id: String, source: String, analyzerArn: String? = nil, findingType: String, resource: String? = nil,
                resourceType: String? = nil, account: String? = nil, principal: String? = nil, actions: [String] = [],
                conditions: String? = nil, isPublic: Bool? = nil, status: String, createdAt: Date? = nil,
                updatedAt: Date? = nil, analyzedAt: Date? = nil, details: JSONValue = .null) {
        self.id = id; self.source = source; self.analyzerArn = analyzerArn; self.findingType = findingType
        self.resource = resource; self.resourceType = resourceType; self.account = account; self.principal = principal
        self.actions = actions; self.conditions = conditions; self.isPublic = isPublic; self.status = status
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.analyzedAt = analyzedAt; self.details = details
    }
}
