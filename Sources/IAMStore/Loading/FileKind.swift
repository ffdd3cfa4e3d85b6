import IAMPolicy

/// What an input file holds, recognised by its content (top-level members, CSV header), so
/// loose files load whatever their names.
enum FileKind: String, CaseIterable {
    case authorizationDetails = "get-account-authorization-details"
    case credentialReportJSON = "get-credential-report"
    case credentialReportCSV = "credential report CSV"
    case policyString = "get-bucket-policy / get-key-policy / lambda get-policy"
    case queueOrTopicAttributes = "sqs get-queue-attributes / sns get-topic-attributes"
    case secretPolicy = "secretsmanager get-resource-policy"
    case genericResourcePolicy = "{\"arn\", \"policy\"} resource policy"
    case lastAccessed = "get-service-last-accessed-details"
    case analyzers = "accessanalyzer list-analyzers"
    case findings = "accessanalyzer list-findings / list-findings-v2 / get-finding-v2"
    case organization = "organizations describe-organization"
    case orgAccounts = "organizations list-accounts"
    case orgRoots = "organizations list-roots"
    case orgUnits = "organizational units"
    case orgChildren = "organizations list-children"
    case orgPolicies = "organizations list-policies"
    case orgPolicy = "organizations describe-policy"
    case orgTargets = "organizations list-targets-for-policy"
    case accountSummary = "get-account-summary"
    case passwordPolicy = "get-account-password-policy"
    case accountAliases = "list-account-aliases"
    case callerIdentity = "sts get-caller-identity"
    case manifest = "snapshot manifest.json"

    /// The sentence an unknown file's message ends with.
    static let recognisedList = "recognised inputs: " + allCases.map(\.rawValue).joined(separator: "; ")

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
        if let p = json.field("Policy") {
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
        if k.contains("AccountAliases") { return .accountAliases }
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
