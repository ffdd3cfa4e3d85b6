import Foundation
import IAMPolicy

/// One AWS account of the snapshot, with the account-level settings that were collected.
public struct Account: Sendable, Hashable {
    public var id: String
    public var name: String?            // from Organizations list-accounts
    public var email: String?
    public var status: String?
    public var aliases: [String]
    public var callerArn: String?       // sts get-caller-identity of the collecting session
    public var passwordPolicy: PasswordPolicy?
    /// nil: not collected; present but `exists == false`: collected, and the account has none (NoSuchEntity).
    public var passwordPolicyCollected: Bool
    public var summary: [String: Int]   // get-account-summary SummaryMap
    public var joinedTimestamp: Date?
    /// `iam list-server-certificates`; nil: not collected.
    public var serverCertificates: [ServerCertificate]? = nil
    /// `iam list-virtual-mfa-devices`; nil: not collected. Tells whether root's MFA is virtual (CIS 2.6).
    public var virtualMFADevices: [VirtualMFADevice]? = nil
    /// Account-level S3 Block Public Access (`s3control get-public-access-block`); nil: not collected or none set.
    public var s3PublicAccessBlock: PublicAccessBlock? = nil
    public init(id: String, name: String? = nil, email: String? = nil, status: String? = nil, aliases: [String] = [],
                callerArn: String? = nil, passwordPolicy: PasswordPolicy? = nil, passwordPolicyCollected: Bool = false,
                summary: [String: Int] = [:], joinedTimestamp: Date? = nil) {
        self.id = id; self.name = name; self.email = email; self.status = status; self.aliases = aliases
        self.callerArn = callerArn; self.passwordPolicy = passwordPolicy; self.passwordPolicyCollected = passwordPolicyCollected
        self.summary = summary; self.joinedTimestamp = joinedTimestamp
    }
}

/// `get-account-password-policy` PasswordPolicy.
public struct PasswordPolicy: Sendable, Hashable {
    public var minimumPasswordLength: Int?
    public var requireSymbols: Bool?
    public var requireNumbers: Bool?
    public var requireUppercaseCharacters: Bool?
    public var requireLowercaseCharacters: Bool?
    public var allowUsersToChangePassword: Bool?
    public var expirePasswords: Bool?
    public var maxPasswordAge: Int?
    public var passwordReusePrevention: Int?
    public var hardExpiry: Bool?
    public init() {}
}

/// An SSL/TLS server certificate stored in IAM (`list-server-certificates` ServerCertificateMetadataList).
public struct ServerCertificate: Sendable, Hashable {
    public var arn: String
    public var name: String
    public var id: String
    public var path: String
    public var uploadDate: Date?
    public var expiration: Date?
    public init(arn: String, name: String, id: String = "", path: String = "/", uploadDate: Date? = nil, expiration: Date? = nil) {
        self.arn = arn; self.name = name; self.id = id; self.path = path; self.uploadDate = uploadDate; self.expiration = expiration
    }
}

/// A virtual MFA device (`list-virtual-mfa-devices` VirtualMFADevices). `userArn` is the user it is
/// assigned to (`arn:aws:iam::ACCOUNT:root` for the root user), nil when unassigned.
public struct VirtualMFADevice: Sendable, Hashable {
    public var serialNumber: String
    public var userArn: String?
    public var enableDate: Date?
    public init(serialNumber: String, userArn: String? = nil, enableDate: Date? = nil) {
        self.serialNumber = serialNumber; self.userArn = userArn; self.enableDate = enableDate
    }
}
