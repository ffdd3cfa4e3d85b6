/// A CIS AWS Foundations Benchmark IAM control that iamsh can decide from a snapshot.
/// Numbers are v7.0.0's; `v6`/`v5` give the same control's number in v6.0.0 and v5.0.0
/// (v6.0 renumbered section 1 to section 2; v7.0 added the 2.1.x Organizations controls, dropped
/// "only one active access key" and added 2.21). Numbering follows Prowler's transcriptions of
/// the benchmarks (iam-semantics.md §4), not the CIS PDF.
public struct CISControl: Sendable, Hashable {
    public var id: String
    public var v6: String?
    public var v5: String?
    public var title: String
    public var severity: Severity
    public var remediation: String

    public init(id: String, v6: String?, v5: String?, title: String, severity: Severity, remediation: String) {
        self.id = id; self.v6 = v6; self.v5 = v5; self.title = title; self.severity = severity; self.remediation = remediation
    }
}

extension CISControl {
    public static let noRootAccessKey = CISControl(
        id: "2.4", v6: "2.3", v5: "1.3", title: "No 'root' user access key exists", severity: .critical,
        remediation: "Sign in as root, open Security credentials and delete every root access key (deactivating is not enough).")
    public static let rootMFA = CISControl(
        id: "2.5", v6: "2.4", v5: "1.4", title: "MFA is enabled for the 'root' user", severity: .critical,
        remediation: "Sign in as root and assign an MFA device under Security credentials, or remove root credentials centrally (Organizations).")
    public static let rootHardwareMFA = CISControl(
        id: "2.6", v6: "2.5", v5: "1.5", title: "Hardware MFA is enabled for the 'root' user", severity: .high,
        remediation: "Sign in as root, remove the virtual MFA device and assign a hardware (FIDO or TOTP token) device.")
    public static let avoidRootUse = CISControl(
        id: "2.7", v6: "2.6", v5: "1.6", title: "Eliminate use of the 'root' user for administrative and daily tasks", severity: .high,
        remediation: "Use IAM roles or IAM Identity Center for daily work; keep root for the few tasks that need it and find out why it was used.")
    public static let passwordLength = CISControl(
        id: "2.8", v6: "2.7", v5: "1.7", title: "IAM password policy requires a minimum length of 14 or greater", severity: .medium,
        remediation: "aws iam update-account-password-policy --minimum-password-length 14 (repeat the other settings: the call replaces the policy).")
    public static let passwordReuse = CISControl(
        id: "2.9", v6: "2.8", v5: "1.8", title: "IAM password policy prevents password reuse", severity: .medium,
        remediation: "aws iam update-account-password-policy --password-reuse-prevention 24 (repeat the other settings: the call replaces the policy).")
    public static let consoleUserMFA = CISControl(
        id: "2.10", v6: "2.9", v5: "1.9", title: "MFA is enabled for all IAM users that have a console password", severity: .high,
        remediation: "Have the user assign an MFA device (aws iam enable-mfa-device), or remove the console password (aws iam delete-login-profile).")
    public static let unusedCredentials = CISControl(
        id: "2.11", v6: "2.11", v5: "1.11", title: "Credentials unused for 45 days or more are disabled", severity: .medium,
        remediation: "Deactivate the key (aws iam update-access-key --status Inactive) or remove the password (aws iam delete-login-profile).")
    public static let oneActiveKey = CISControl(
        id: "v6.0-2.12", v6: "2.12", v5: "1.12", title: "There is only one active access key for any single IAM user", severity: .medium,
        remediation: "Deactivate and delete the key that is not in use (aws iam update-access-key --status Inactive, then delete-access-key).")
    public static let keyRotation = CISControl(
        id: "2.12", v6: "2.13", v5: "1.13", title: "Access keys are rotated every 90 days or less", severity: .medium,
        remediation: "Create a new key, move its users to it, then deactivate and delete the old one (aws iam create-access-key / update-access-key / delete-access-key).")
    public static let groupsOnly = CISControl(
        id: "2.13", v6: "2.14", v5: "1.14", title: "IAM users receive permissions only through groups", severity: .low,
        remediation: "Move the user's policies to a group, add the user to it, then detach-user-policy / delete-user-policy.")
    public static let noFullAdmin = CISControl(
        id: "2.14", v6: "2.15", v5: "1.15", title: "IAM policies that allow full \"*:*\" administrative privileges are not attached", severity: .high,
        remediation: "Detach the policy (detach-user-/group-/role-policy) or delete the inline policy, and grant only the actions needed.")
    public static let supportRole = CISControl(
        id: "2.15", v6: "2.16", v5: "1.16", title: "A support role has been created to manage incidents with AWS Support", severity: .medium,
        remediation: "aws iam create-role (trusted by your incident responders), then attach-role-policy --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess.")
    public static let expiredCertificates = CISControl(
        id: "2.17", v6: "2.18", v5: "1.18", title: "All expired SSL/TLS certificates stored in AWS IAM are removed", severity: .high,
        remediation: "aws iam delete-server-certificate --server-certificate-name NAME (after moving any load balancer off it).")
    public static let accessAnalyzer = CISControl(
        id: "2.18", v6: "2.19", v5: "1.19", title: "IAM External Access Analyzer is enabled for all regions", severity: .low,
        remediation: "aws accessanalyzer create-analyzer --analyzer-name external --type ACCOUNT (or ORGANIZATION) --region REGION, in every region in use.")
    public static let resourcePolicyPrincipal = CISControl(
        id: "2.21", v6: nil, v5: nil, title: "AWS resource policies do not allow unrestricted access using 'Principal': '*'", severity: .high,
        remediation: "Name the principals, or add a condition that limits them (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceArn, aws:SourceAccount).")

    /// Every control `CISAudit` judges, in benchmark order. v7.0 dropped the one-active-key control:
    /// its id is `v6.0-2.12` and it is listed before v7.0's 2.12.
    public static let all: [CISControl] = [
        .noRootAccessKey, .rootMFA, .rootHardwareMFA, .avoidRootUse, .passwordLength, .passwordReuse,
        .consoleUserMFA, .unusedCredentials, .oneActiveKey, .keyRotation, .groupsOnly, .noFullAdmin, .supportRole,
        .expiredCertificates, .accessAnalyzer, .resourcePolicyPrincipal,
    ]
}
