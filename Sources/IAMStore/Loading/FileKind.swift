import IAMPolicy

/// What an input file holds, recognised by its content (top-level members, CSV header), so
/// loose files load whatever their names.
enum FileKind {
    case authorizationDetails, credentialReportJSON
    case policyString, queueOrTopicAttributes, secretPolicy, genericResourcePolicy
    case lastAccessed, analyzers, findings
    case organization, orgAccounts, orgRoots, orgUnits, orgChildren, orgPolicies, orgPolicy, orgTargets
    case accountSummary, passwordPolicy, publicAccessBlock, accountAliases, callerIdentity, manifest
    case virtualMFADevices, serverCertificates

    /// The sentence an unknown file's message ends with.
    static let recognisedList = "recognised inputs: get-account-authorization-details; the credential report (CSV or "
        + "get-credential-report JSON); resource policies (s3 get-bucket-policy, kms get-key-policy, lambda get-policy, "
        + "sqs/sns get-*-attributes, secretsmanager get-resource-policy, {\"arn\", \"policy\"}); "
        + "get-service-last-accessed-details; accessanalyzer list-analyzers, list-findings(-v2); organizations "
        + "describe-organization, list-accounts, list-roots, OUs, list-children, list-policies, describe-policy, "
        + "list-targets-for-policy; get-account-summary; get-account-password-policy; list-account-aliases; "
        + "list-virtual-mfa-devices; list-server-certificates; s3api/s3control get-public-access-block; "
        + "sts get-caller-identity; manifest.json"

    static func recognise(_ json: JSONValue) -> FileKind? {
        if ManifestLoader.isManifest(json) { return .manifest }
        let k = json.keys
        if k.isEmpty { return nil }
        if k.contains("UserDetailList") || k.contains("GroupDetailList") || k.contains("RoleDetailList") { return .authorizationDetails }
        if k.contains("Policies"), let first = json.array("Policies")?.first {
            if first.field("AwsManaged") != nil || first.field("Type") != nil || (first.str("Arn") ?? "").contains(":organizations:") {
                return .orgPolicies
            }
            return .authorizationDetails
        }
        if k.contains("Policies") { return .authorizationDetails }  // an empty page
        if k.contains("Content"), k.contains("ReportFormat") || k.contains("GeneratedTime") { return .credentialReportJSON }
        if let p = json["Policy"] {
            if case .object = p { return p.field("PolicySummary") != nil ? .orgPolicy : nil }
            if case .string = p { return .policyString }
        }
        if k.contains("Attributes") { return .queueOrTopicAttributes }
        if k.contains("ResourcePolicy") || (k.contains("ARN") && k.contains("Name") && k.count <= 3) { return .secretPolicy }
        if k.contains("arn"), k.contains("policy") { return .genericResourcePolicy }
        if k.contains("ServicesLastAccessed") || k.contains("JobType") && k.contains("JobStatus") { return .lastAccessed }
        if k.contains("analyzers") { return .analyzers }
        if k.contains("findings") || (k.contains("findingType") && k.contains("id")) { return .findings }
        if k.contains("Organization") { return .organization }
        if k.contains("Accounts") { return .orgAccounts }
        if k.contains("Roots") { return .orgRoots }
        if k.contains("OrganizationalUnits") { return .orgUnits }
        if k.contains("Children") { return .orgChildren }
        if k.contains("Targets") { return .orgTargets }
        if k.contains("SummaryMap") { return .accountSummary }
        if k.contains("PasswordPolicy") { return .passwordPolicy }
        if k.contains("PublicAccessBlockConfiguration") { return .publicAccessBlock }
        if k.contains("AccountAliases") { return .accountAliases }
        if k.contains("VirtualMFADevices") { return .virtualMFADevices }
        if k.contains("ServerCertificateMetadataList") { return .serverCertificates }
        if k.contains("Account"), k.contains("Arn"), k.contains("UserId") { return .callerIdentity }
        return nil
    }

    /// A CSV whose header is the credential report's (it starts with `user,arn`).
    static func looksLikeCredentialReport(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        let prefix = Array("user,arn".utf8)
        guard bytes.count >= i + prefix.count else { return false }
        return Array(bytes[i..<(i + prefix.count)]) == prefix
    }
}
