import Foundation
import IAMPolicy

/// An inline policy embedded in a user, group or role.
public struct InlinePolicy: Sendable, Hashable {
    public var name: String
    public var document: PolicyDocument
    public init(name: String, document: PolicyDocument) { self.name = name; self.document = document }
}

public struct IAMUser: Sendable, Hashable {
    public var arn: String
    public var name: String
    public var id: String               // unique ID (AIDA…)
    public var path: String
    public var account: String
    public var createDate: Date?
    public var groups: [String]         // group names (same account)
    public var attachedPolicyArns: [String]
    public var inlinePolicies: [InlinePolicy]
    public var boundaryArn: String?
    public var tags: [String: String]
    public init(arn: String, name: String, id: String = "", path: String = "/", account: String,
                createDate: Date? = nil, groups: [String] = [], attachedPolicyArns: [String] = [],
                inlinePolicies: [InlinePolicy] = [], boundaryArn: String? = nil, tags: [String: String] = [:]) {
        self.arn = arn; self.name = name; self.id = id; self.path = path; self.account = account
        self.createDate = createDate; self.groups = groups; self.attachedPolicyArns = attachedPolicyArns
        self.inlinePolicies = inlinePolicies; self.boundaryArn = boundaryArn; self.tags = tags
    }
}

public struct IAMGroup: Sendable, Hashable {
    public var arn: String
    public var name: String
    public var id: String
    public var path: String
    public var account: String
    public var createDate: Date?
    public var attachedPolicyArns: [String]
    public var inlinePolicies: [InlinePolicy]
    public init(arn: String, name: String, id: String = "", path: String = "/", account: String,
                createDate: Date? = nil, attachedPolicyArns: [String] = [], inlinePolicies: [InlinePolicy] = []) {
        self.arn = arn; self.name = name; self.id = id; self.path = path; self.account = account
        self.createDate = createDate; self.attachedPolicyArns = attachedPolicyArns; self.inlinePolicies = inlinePolicies
    }
}

public struct IAMRole: Sendable, Hashable {
    public var arn: String
    public var name: String
    public var id: String               // unique ID (AROA…)
    public var path: String
    public var account: String
    public var createDate: Date?
    public var description: String?
    public var maxSessionDuration: Int?
    public var trustPolicy: PolicyDocument?
    public var attachedPolicyArns: [String]
    public var inlinePolicies: [InlinePolicy]
    public var boundaryArn: String?
    public var tags: [String: String]
    public var lastUsed: Date?
    public var lastUsedRegion: String?
    public var instanceProfileArns: [String]
    public init(arn: String, name: String, id: String = "", path: String = "/", account: String,
                createDate: Date? = nil, description: String? = nil, maxSessionDuration: Int? = nil,
                trustPolicy: PolicyDocument? = nil, attachedPolicyArns: [String] = [],
                inlinePolicies: [InlinePolicy] = [], boundaryArn: String? = nil, tags: [String: String] = [:],
                lastUsed: Date? = nil, lastUsedRegion: String? = nil, instanceProfileArns: [String] = []) {
        self.arn = arn; self.name = name; self.id = id; self.path = path; self.account = account
        self.createDate = createDate; self.description = description; self.maxSessionDuration = maxSessionDuration
        self.trustPolicy = trustPolicy; self.attachedPolicyArns = attachedPolicyArns
        self.inlinePolicies = inlinePolicies; self.boundaryArn = boundaryArn; self.tags = tags
        self.lastUsed = lastUsed; self.lastUsedRegion = lastUsedRegion; self.instanceProfileArns = instanceProfileArns
    }

    /// Service-linked roles live under `/aws-service-role/`; SCPs do not restrict them.
    public var isServiceLinked: Bool { path.hasPrefix("/aws-service-role/") }
}

public struct InstanceProfile: Sendable, Hashable {
    public var arn: String
    public var name: String
    public var id: String
    public var path: String
    public var account: String
    public var roleArns: [String]
    public init(arn: String, name: String, id: String = "", path: String = "/", account: String, roleArns: [String] = []) {
        self.arn = arn; self.name = name; self.id = id; self.path = path; self.account = account; self.roleArns = roleArns
    }
}

public struct PolicyVersion: Sendable, Hashable {
    public var versionId: String
    public var isDefault: Bool
    public var createDate: Date?
    public var document: PolicyDocument?
    public init(versionId: String, isDefault: Bool, createDate: Date? = nil, document: PolicyDocument?) {
        self.versionId = versionId; self.isDefault = isDefault; self.createDate = createDate; self.document = document
    }
}

/// A managed policy (customer or AWS managed). Only the default version is in force.
public struct ManagedPolicy: Sendable, Hashable {
    public var arn: String
    public var name: String
    public var id: String
    public var path: String
    /// The owning account, or `aws` for AWS managed policies.
    public var account: String
    public var defaultVersionId: String?
    public var versions: [PolicyVersion]
    public var attachmentCount: Int?
    public var boundaryUsageCount: Int?
    public var isAttachable: Bool
    public var createDate: Date?
    public var updateDate: Date?
    public var description: String?
    public init(arn: String, name: String, id: String = "", path: String = "/", account: String,
                defaultVersionId: String? = nil, versions: [PolicyVersion] = [], attachmentCount: Int? = nil,
                boundaryUsageCount: Int? = nil, isAttachable: Bool = true, createDate: Date? = nil,
                updateDate: Date? = nil, description: String? = nil) {
        self.arn = arn; self.name = name; self.id = id; self.path = path; self.account = account
        self.defaultVersionId = defaultVersionId; self.versions = versions; self.attachmentCount = attachmentCount
        self.boundaryUsageCount = boundaryUsageCount; self.isAttachable = isAttachable
        self.createDate = createDate; self.updateDate = updateDate; self.description = description
    }

    public var isAWSManaged: Bool { account == "aws" }

    /// The document in force: the default version's.
    public var document: PolicyDocument? {
        if let d = versions.first(where: { $0.isDefault }) { return d.document }
        if let id = defaultVersionId, let d = versions.first(where: { $0.versionId == id }) { return d.document }
        return versions.count == 1 ? versions[0].document : nil
    }
}
