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
