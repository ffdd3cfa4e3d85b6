import Foundation
import IAMPolicy

/// CIS 2.8–2.12: the password policy and the credentials of IAM users (credential report).
extension AccountAudit {
    /// The password policy, or the row to return when there is none to judge.
    private func passwordPolicy(_ c: CISControl) -> PasswordPolicyState {
        guard let acct = facts.account, acct.passwordPolicyCollected else {
            return .settled(row(c, .notCollected, nil, "the password policy was not collected for this account"))
        }
        guard let policy = acct.passwordPolicy else {
            return .settled(row(c, .fail, nil, "the account has no password policy (AWS defaults apply: 8 characters, reuse allowed)"))
        }
        return .policy(policy)
    }

    /// 2.8: `MinimumPasswordLength` ≥ the option (14).
    func passwordLength() -> ControlResult {
        let c = CISControl.passwordLength
        switch passwordPolicy(c) {
        case .settled(let r): return r
        case .policy(let p):
            guard let n = p.minimumPasswordLength else {
                return row(c, .fail, nil, "the password policy sets no minimum length (AWS default: 8)")
            }
            return n >= options.minPasswordLength
                ? row(c, .pass, nil, "minimum password length \(n)")
                : row(c, .fail, nil, "minimum password length \(n), below \(options.minPasswordLength)")
        }
    }

    /// 2.9: `PasswordReusePrevention` ≥ the option (24).
    func passwordReuse() -> ControlResult {
        let c = CISControl.passwordReuse
        switch passwordPolicy(c) {
        case .settled(let r): return r
        case .policy(let p):
            guard let n = p.passwordReusePrevention else {
                return row(c, .fail, nil, "the password policy does not prevent password reuse")
            }
            return n >= options.passwordReuse
                ? row(c, .pass, nil, "the last \(n) passwords cannot be reused")
                : row(c, .fail, nil, "only the last \(n) passwords are remembered, below \(options.passwordReuse)")
        }
    }

    /// 2.10: every user with a console password has `mfa_active`.
    func consoleUserMFA() -> [ControlResult] {
        let c = CISControl.consoleUserMFA
        guard !facts.reportRows.isEmpty else { return [row(c, .notCollected, nil, Self.noReport)] }
        let console = facts.userRows.filter { $0.passwordActivity != nil }
        let failing = console.filter { $0.mfaActive != true }
        if failing.isEmpty {
            return [row(c, .pass, nil, console.isEmpty ? "no IAM user has a console password"
                                                        : "every console user has MFA (\(counted(console.count, "user")))")]
        }
        return failing.map { r in
            row(c, .fail, r.arn, "console password without MFA (password \(r.passwordActivity?.describe(now: now) ?? "use unknown"))")
        }
    }

    /// 2.11: passwords and active keys idle for `unusedDays` or more. A never-used credential is
    /// judged by its age (password_last_changed, access_key_N_last_rotated, else user_creation_time).
    func unusedCredentials() -> [ControlResult] {
        let c = CISControl.unusedCredentials
        guard !facts.reportRows.isEmpty else { return [row(c, .notCollected, nil, Self.noReport)] }
        var out: [ControlResult] = []
        var judged = 0
        for r in facts.userRows {
            var creds: [(String, CredentialActivity)] = []
            if let p = r.passwordActivity { creds.append(("console password", p)) }
            for slot in [1, 2] {
                guard let k = r.keyActivity(slot) else { continue }
                let id = keyIds.label(r.arn, slot)
                creds.append(("access key \(slot)\(id)", k))
            }
            for (name, activity) in creds {
                judged += 1
                guard let idle = activity.idleDays(now: now) else {
                    out.append(row(c, .manual, r.arn, "\(name): \(activity.describe(now: now)); the report gives no date to judge"))
                    continue
                }
                if idle >= options.unusedDays {
                    out.append(row(c, .fail, r.arn, "\(name) \(activity.describe(now: now)), unused \(options.unusedDays) days or more"))
                }
            }
        }
        if out.isEmpty {
            out.append(row(c, .pass, nil, judged == 0 ? "no IAM user has a password or an active key"
                                                      : "every password and active key (\(judged)) used within \(options.unusedDays) days"))
        }
        return out
    }

    /// v6.0 2.12 (dropped in v7.0): at most one active access key per user.
    func oneActiveKey() -> [ControlResult] {
        let c = CISControl.oneActiveKey
        guard !facts.reportRows.isEmpty else { return [row(c, .notCollected, nil, Self.noReport)] }
        let failing = facts.userRows.filter { $0.keyActive(1) && $0.keyActive(2) }
        if failing.isEmpty { return [row(c, .pass, nil, "no IAM user has two active access keys")] }
        return failing.map { r in
            let k1 = r.keyActivity(1)?.describe(now: now) ?? "", k2 = r.keyActivity(2)?.describe(now: now) ?? ""
            return row(c, .fail, r.arn, "two active access keys (key 1 \(k1); key 2 \(k2))")
        }
    }

    /// 2.12: every active key created or rotated within `rotationDays`, root's included (its key
    /// also fails 2.4, but an old one is worse still).
    func keyRotation() -> [ControlResult] {
        let c = CISControl.keyRotation
        guard !facts.reportRows.isEmpty else { return [row(c, .notCollected, nil, Self.noReport)] }
        var out: [ControlResult] = []
        var active = 0
        for r in facts.reportRows {
            for slot in [1, 2] where r.keyActive(slot) {
                active += 1
                let id = keyIds.label(r.arn, slot)
                let created = r.keyCreated(slot)
                guard let date = created.date else {
                    out.append(row(c, .manual, r.arn, "access key \(slot)\(id) is active; the report gives no creation date"))
                    continue
                }
                if daysBetween(date, now) > options.rotationDays {
                    out.append(row(c, .fail, r.arn, "access key \(slot)\(id) \(created.basis) \(ago(date)), not rotated within \(options.rotationDays) days"))
                }
            }
        }
        if out.isEmpty {
            out.append(row(c, .pass, nil, active == 0 ? "no IAM user has an active access key"
                                                      : "every active key (\(active)) rotated within \(options.rotationDays) days"))
        }
        return out
    }
}

enum PasswordPolicyState {
    case policy(PasswordPolicy)
    case settled(ControlResult)
}
