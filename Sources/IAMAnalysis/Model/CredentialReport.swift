import Foundation

/// One row of the IAM credential report (22 columns). Dates are nil when the column held
/// `N/A`, `no_information` or `not_supported`; the raw text of every column stays in `raw`.
public struct CredentialReportRow: Sendable, Hashable {
    public static let columns = [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used",
        "password_last_changed", "password_next_rotation", "mfa_active",
        "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
        "access_key_1_last_used_region", "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
        "access_key_2_last_used_region", "access_key_2_last_used_service",
        "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ]

    public var account: String
    public var user: String
    public var arn: String
    public var userCreationTime: Date?
    public var passwordEnabled: Bool?
    public var passwordLastUsed: Date?
    public var passwordLastChanged: Date?
    public var passwordNextRotation: Date?
    public var mfaActive: Bool?
    public var accessKey1Active: Bool?
    public var accessKey1LastRotated: Date?
    public var accessKey1LastUsedDate: Date?
    public var accessKey1LastUsedRegion: String?
    public var accessKey1LastUsedService: String?
    public var accessKey2Active: Bool?
    public var accessKey2LastRotated: Date?
    public var accessKey2LastUsedDate: Date?
    public var accessKey2LastUsedRegion: String?
    public var accessKey2LastUsedService: String?
    public var cert1Active: Bool?
    public var cert1LastRotated: Date?
    public var cert2Active: Bool?
    public var cert2LastRotated: Date?
    /// Column name → the text exactly as in the report.
    public var raw: [String: String]
    public var generatedTime: Date?

    public init(account: String, user: String, arn: String, raw: [String: String] = [:]) {
        self.account = account; self.user = user; self.arn = arn; self.raw = raw
    }

    public var isRoot: Bool { user == "<root_account>" }
}

/// Service last accessed data for one entity (user, role, group or policy) at one service.
public struct LastAccessedEntry: Sendable, Hashable {
    public enum Granularity: String, Sendable, Hashable { case service = "SERVICE_LEVEL", action = "ACTION_LEVEL" }
    public var entityArn: String
    public var serviceNamespace: String
    public var serviceName: String?
    /// nil for service-level rows; the action name (without prefix) for action-level rows.
    public var actionName: String?
    public var lastAccessed: Date?
    public var lastAccessedEntity: String?
    public var lastAccessedRegion: String?
    public var totalAuthenticatedEntities: Int?
    public var granularity: Granularity
    public var jobCompletionDate: Date?
    public var source: String
    public init(entityArn: String, serviceNamespace: String, serviceName: String? = nil, actionName: String? = nil,
                lastAccessed: Date? = nil, lastAccessedEntity: String? = nil, lastAccessedRegion: String? = nil,
                totalAuthenticatedEntities: Int? = nil, granularity: Granularity, jobCompletionDate: Date? = nil,
                source: String = "") {
        self.entityArn = entityArn; self.serviceNamespace = serviceNamespace; self.serviceName = serviceName
        self.actionName = actionName; self.lastAccessed = lastAccessed; self.lastAccessedEntity = lastAccessedEntity
        self.lastAccessedRegion = lastAccessedRegion; self.totalAuthenticatedEntities = totalAuthenticatedEntities
        self.granularity = granularity; self.jobCompletionDate = jobCompletionDate; self.source = source
    }
}

/// An access key of a user. From the credential report (key slots 1/2) unless a richer source is loaded.
public struct AccessKey: Sendable, Hashable {
    public var userArn: String
    public var userName: String
    public var account: String
    public var slot: Int?               // 1 or 2 in the credential report
    public var accessKeyId: String?
    public var active: Bool
    public var createdOrRotated: Date?
    public var lastUsed: Date?
    public var lastUsedRegion: String?
    public var lastUsedService: String?
    public init(userArn: String, userName: String, account: String, slot: Int? = nil, accessKeyId: String? = nil,
                active: Bool, createdOrRotated: Date? = nil, lastUsed: Date? = nil, lastUsedRegion: String? = nil,
                lastUsedService: String? = nil) {
        self.userArn = userArn; self.userName = userName; self.account = account; self.slot = slot
        self.accessKeyId = accessKeyId; self.active = active; self.createdOrRotated = createdOrRotated
        self.lastUsed = lastUsed; self.lastUsedRegion = lastUsedRegion; self.lastUsedService = lastUsedService
    }
}
