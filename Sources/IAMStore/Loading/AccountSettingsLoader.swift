import Foundation
import IAMAnalysis
import IAMPolicy

/// Account-level outputs: `get-account-summary`, `get-account-password-policy`,
/// `list-account-aliases` and `sts get-caller-identity`. Only the caller identity names its
/// account; the others take it from the path or from the other files of their folder.
enum AccountSettingsLoader {
    static func loadSummary(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        guard case .object(let members)? = json.field("SummaryMap") else {
            s.error(file, "$.SummaryMap", "expected an object of counters"); return
        }
        var summary: [String: Int] = [:]
        for m in members { if let v = m.value.intValue { summary[m.key] = v } }
        s.withAccount(info, file: file, what: "account summary") { acct in
            s.updateAccount(acct, folder: info.directory) { $0.summary = summary }
        }
    }

    static func loadPasswordPolicy(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        guard let p = json.field("PasswordPolicy"), case .object = p else {
            s.error(file, "$.PasswordPolicy", "expected the password policy object"); return
        }
        var pp = PasswordPolicy()
        pp.minimumPasswordLength = p.int("MinimumPasswordLength")
        pp.requireSymbols = p.bool("RequireSymbols")
        pp.requireNumbers = p.bool("RequireNumbers")
        pp.requireUppercaseCharacters = p.bool("RequireUppercaseCharacters")
        pp.requireLowercaseCharacters = p.bool("RequireLowercaseCharacters")
        pp.allowUsersToChangePassword = p.bool("AllowUsersToChangePassword")
        pp.expirePasswords = p.bool("ExpirePasswords")
        pp.maxPasswordAge = p.int("MaxPasswordAge")
        pp.passwordReusePrevention = p.int("PasswordReusePrevention")
        pp.hardExpiry = p.bool("HardExpiry")
        s.withAccount(info, file: file, what: "password policy") { acct in
            s.updateAccount(acct, folder: info.directory) { $0.passwordPolicy = pp; $0.passwordPolicyCollected = true }
        }
    }

    static func loadAliases(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        let aliases = (json.array("AccountAliases") ?? []).compactMap(\.stringValue)
        s.withAccount(info, file: file, what: "account alias list") { acct in
            s.updateAccount(acct, folder: info.directory) { $0.aliases = aliases }
        }
    }

    static func loadCallerIdentity(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        guard let acct = json.str("Account"), AccountID.isValid(acct) else {
            s.error(file, "$.Account", "expected the 12-digit account id"); return
        }
        s.updateAccount(acct, folder: info.directory) { $0.callerArn = json.str("Arn") ?? $0.callerArn }
    }
}

/// The snapshot's `manifest.json`: one entry per collection command with its outcome. Accepted
/// shapes: a top-level array of entries, or an object whose `entries` (or `steps`, `commands`)
/// member is one; entry members `command`, `status`, `exit_code`, `seconds`, `file`, `error`,
/// `account` (camelCase also accepted). A password policy answered with NoSuchEntity means
/// "collected: the account has none".
enum ManifestLoader {
    static func entries(_ json: JSONValue) -> [JSONValue]? {
        if case .array(let items) = json { return items }
        return json.array("entries") ?? json.array("steps") ?? json.array("commands")
    }

    static func isManifest(_ json: JSONValue) -> Bool {
        guard let items = entries(json), let first = items.first else { return false }
        return first.field("command") != nil
    }

    static func load(_ json: JSONValue, file: String, info: PathInfo, session s: LoadSession) {
        let topAccount = json.str("account") ?? json.str("AccountId") ?? info.account
        for (i, e) in (entries(json) ?? []).enumerated() {
            let command: String
            if let c = e.str("command") { command = c }
            else if let parts = e.array("command") { command = parts.compactMap(\.scalarText).joined(separator: " ") }
            else { s.error(file, JSONPath.root.appending(i).description, "a manifest entry needs a command"); continue }
            let exit = e.int("exit_code") ?? e.int("exitCode") ?? e.int("exit_status") ?? e.int("exitStatus") ?? e.int("status_code")
            let error = e.str("error") ?? e.str("stderr")
            let outFile = e.str("file") ?? e.str("output")
            var account = e.str("account") ?? e.str("account_id") ?? e.str("accountId")
            if account == nil, let f = outFile { account = PathInfo(path: f).account }
            account = account ?? topAccount
            let status = self.status(e.str("status"), exit: exit, error: error, file: outFile)
            s.out.collectionSteps.append(CollectionStep(
                command: command, status: status, exitCode: exit,
                seconds: e.field("seconds")?.doubleValue ?? e.field("duration")?.doubleValue,
                file: outFile, error: error, account: account))
            if command.contains("get-account-password-policy"),
               status == .noPolicy || (error ?? "").contains("NoSuchEntity"), let account, AccountID.isValid(account) {
                s.updateAccount(account, folder: "") { a in
                    if a.passwordPolicy == nil { a.passwordPolicyCollected = true }
                }
            }
        }
    }

    static func status(_ text: String?, exit: Int?, error: String?, file: String?) -> CollectionStep.Status {
        if let t = text?.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ") {
            switch t {
            case "ok", "success", "succeeded", "collected": return .ok
            case "no policy", "none", "missing": return .noPolicy
            case "not collected", "skipped", "unsupported": return .notCollected
            case "failed", "error", "failure": return .failed
            case "empty": return .empty
            default: break
            }
        }
        let err = error ?? ""
        if err.contains("NoSuchEntity") || err.contains("NoSuchBucketPolicy") || err.contains("PolicyNotFound")
            || err.contains("ResourceNotFoundException") && err.lowercased().contains("policy") {
            return .noPolicy
        }
        if let exit { return exit == 0 ? (file == nil ? .empty : .ok) : .failed }
        return file == nil ? .notCollected : .ok
    }
}
