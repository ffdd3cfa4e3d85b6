import Foundation
import IAMPolicy

/// Thresholds of the CIS audit (the benchmark's values by default).
public struct CISAuditOptions: Sendable, Hashable {
    /// 2.11: a credential idle this many days or more fails.
    public var unusedDays: Int
    /// 2.12: an active key older than this many days fails.
    public var rotationDays: Int
    /// 2.8: minimum `MinimumPasswordLength`.
    public var minPasswordLength: Int
    /// 2.9: minimum `PasswordReusePrevention`.
    public var passwordReuse: Int
    /// 2.7: root used within this many days fails (the benchmark leaves the window to the auditor).
    public var rootUseDays: Int

    public init(unusedDays: Int = 45, rotationDays: Int = 90, minPasswordLength: Int = 14, passwordReuse: Int = 24,
                rootUseDays: Int = 90) {
        self.unusedDays = unusedDays; self.rotationDays = rotationDays; self.minPasswordLength = minPasswordLength
        self.passwordReuse = passwordReuse; self.rootUseDays = rootUseDays
    }
}

/// The CIS AWS Foundations Benchmark v7.0 IAM controls that a snapshot can decide. Every account is
/// judged on its own; a control whose input is missing for an account is `not-collected`, never a pass.
/// Rows come in benchmark order, then by account, failures before passes.
public enum CISAudit {
    public static func run(snapshot: Snapshot, now: Date, options: CISAuditOptions = CISAuditOptions()) -> [ControlResult] {
        let facts = AccountFacts.build(snapshot)
        let keyIds = AccessKeyIds(snapshot)
        var results: [ControlResult] = []
        for control in CISControl.all {
            for account in facts {
                let judge = AccountAudit(snapshot: snapshot, facts: account, keyIds: keyIds, now: now, options: options)
                var rows = judge.evaluate(control)
                rows.sort { ($0.status == .fail ? 0 : 1, $0.resource) < ($1.status == .fail ? 0 : 1, $1.resource) }
                results += rows
            }
        }
        return results
    }
}

/// What one account of the snapshot holds, gathered once for all controls.
struct AccountFacts {
    var id: String
    var account: Account?
    var reportRows: [CredentialReportRow] = []
    var users: [IAMUser] = []
    var groups: [IAMGroup] = []
    var roles: [IAMRole] = []
    var resourcePolicies: [ResourcePolicy] = []
    var analyzers: [Analyzer] = []
    var steps: [CollectionStep] = []

    var root: CredentialReportRow? { reportRows.first { $0.isRoot } }
    var userRows: [CredentialReportRow] { reportRows.filter { !$0.isRoot } }
    var rootArn: String { "arn:aws:iam::\(id):root" }
    /// Authorization details were loaded for the account (every real account has roles).
    var hasIAMEntities: Bool { !users.isEmpty || !roles.isEmpty || !groups.isEmpty }

    static func build(_ s: Snapshot) -> [AccountFacts] {
        var byId: [String: AccountFacts] = [:]
        func touch(_ id: String) {
            if byId[id] == nil { byId[id] = AccountFacts(id: id, account: s.account(id: id)) }
        }
        for id in s.accountIds { touch(id) }
        for r in s.credentialReport where AccountID.isValid(r.account) { touch(r.account); byId[r.account]?.reportRows.append(r) }
        for u in s.users { byId[u.account]?.users.append(u) }
        for g in s.groups { byId[g.account]?.groups.append(g) }
        for r in s.roles { byId[r.account]?.roles.append(r) }
        for p in s.resourcePolicies { byId[p.account]?.resourcePolicies.append(p) }
        for a in s.analyzers where AccountID.isValid(a.account) { touch(a.account); byId[a.account]?.analyzers.append(a) }
        for st in s.collectionSteps { if let a = st.account { byId[a]?.steps.append(st) } }
        return byId.values.sorted { $0.id < $1.id }
    }
}

/// Judges the controls for one account.
struct AccountAudit {
    let snapshot: Snapshot
    let facts: AccountFacts
    let keyIds: AccessKeyIds
    let now: Date
    let options: CISAuditOptions

    func evaluate(_ control: CISControl) -> [ControlResult] {
        switch control.id {
        case CISControl.noRootAccessKey.id: return [noRootAccessKey()]
        case CISControl.rootMFA.id: return [rootMFA()]
        case CISControl.rootHardwareMFA.id: return [rootHardwareMFA()]
        case CISControl.avoidRootUse.id: return [avoidRootUse()]
        case CISControl.passwordLength.id: return [passwordLength()]
        case CISControl.passwordReuse.id: return [passwordReuse()]
        case CISControl.consoleUserMFA.id: return consoleUserMFA()
        case CISControl.unusedCredentials.id: return unusedCredentials()
        case CISControl.oneActiveKey.id: return oneActiveKey()
        case CISControl.keyRotation.id: return keyRotation()
        case CISControl.groupsOnly.id: return groupsOnly()
        case CISControl.noFullAdmin.id: return noFullAdmin()
        case CISControl.supportRole.id: return [supportRole()]
        case CISControl.expiredCertificates.id: return expiredCertificates()
        case CISControl.accessAnalyzer.id: return accessAnalyzer()
        case CISControl.resourcePolicyPrincipal.id: return resourcePolicyPrincipal()
        default: return []
        }
    }

    func row(_ c: CISControl, _ status: ControlStatus, _ resource: String? = nil, _ detail: String) -> ControlResult {
        ControlResult(control: c, status: status, account: facts.id, resource: resource ?? facts.id, detail: detail)
    }

    /// "2025-01-02 (120 days ago)".
    func ago(_ d: Date) -> String { "\(Timestamp.format(d).prefix(10)) (\(daysBetween(d, now)) days ago)" }

    static let noReport = "no credential report was loaded for this account"
    static let noAuthDetails = "no authorization details (users, groups, roles) were loaded for this account"
}
