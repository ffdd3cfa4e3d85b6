import Foundation
import IAMPolicy

/// CIS 2.4–2.7: the root user. Each gives a row for every account, whether or not root has keys
/// (Prowler's root checks go silent when root has no keys: peer-tools.md).
extension AccountAudit {
    var summary: [String: Int] { facts.account?.summary ?? [:] }

    /// 2.4. The credential report's `access_key_{1,2}_active` and the summary's `AccountAccessKeysPresent`
    /// (which also counts an inactive key: the control asks that none exists).
    func noRootAccessKey() -> ControlResult {
        let c = CISControl.noRootAccessKey
        let present = summary["AccountAccessKeysPresent"]
        if let root = facts.root {
            let active = [1, 2].filter { root.keyActive($0) }
            if !active.isEmpty {
                let keys = active.map { slot in
                    "access key \(slot) is active (\(root.keyActivity(slot)?.describe(now: now) ?? "use unknown"))"
                }
                return row(c, .fail, facts.rootArn, "root " + keys.joined(separator: "; root "))
            }
            if let present, present > 0 {
                return row(c, .fail, facts.rootArn, "root has an inactive access key (AccountAccessKeysPresent = \(present)): delete it")
            }
            return row(c, .pass, facts.rootArn, "root has no active access key" + (present == 0 ? " (AccountAccessKeysPresent = 0)" : ""))
        }
        if let present {
            return present > 0
                ? row(c, .fail, facts.rootArn, "root has an access key (AccountAccessKeysPresent = \(present))")
                : row(c, .pass, facts.rootArn, "root has no access key (AccountAccessKeysPresent = 0)")
        }
        return row(c, .notCollected, facts.rootArn, "neither a credential report root row nor an account summary was loaded")
    }

    /// Root's MFA: true/false when the report row or the summary tells, nil otherwise.
    var rootMFAEnabled: Bool? {
        if let v = facts.root?.mfaActive { return v }
        if let v = summary["AccountMFAEnabled"] { return v > 0 }
        return nil
    }

    /// Root has no password at all (root credentials removed centrally): `AccountPasswordPresent = 0`.
    var rootHasNoPassword: Bool { summary["AccountPasswordPresent"] == 0 }

    /// 2.5: `mfa_active` of the root row (or `AccountMFAEnabled`); a root without a password passes.
    func rootMFA() -> ControlResult {
        let c = CISControl.rootMFA
        switch rootMFAEnabled {
        case true?: return row(c, .pass, facts.rootArn, "root has MFA enabled")
        case false? where rootHasNoPassword:
            return row(c, .pass, facts.rootArn, "root has no password (AccountPasswordPresent = 0), so no MFA is needed")
        case false?: return row(c, .fail, facts.rootArn, "root has no MFA device")
        case nil:
            return row(c, .notCollected, facts.rootArn, "neither a credential report root row nor an account summary was loaded")
        }
    }

    /// 2.6: root's MFA is not a virtual device. Decidable only when `list-virtual-mfa-devices` was
    /// collected; otherwise a person has to look (manual).
    func rootHardwareMFA() -> ControlResult {
        let c = CISControl.rootHardwareMFA
        switch rootMFAEnabled {
        case nil:
            return row(c, .notCollected, facts.rootArn, "neither a credential report root row nor an account summary was loaded")
        case false? where rootHasNoPassword:
            return row(c, .pass, facts.rootArn, "root has no password (AccountPasswordPresent = 0), so no MFA is needed")
        case false?:
            return row(c, .fail, facts.rootArn, "root has no MFA device at all")
        case true?:
            guard let devices = facts.account?.virtualMFADevices else {
                return row(c, .manual, facts.rootArn,
                           "root has MFA; whether it is a hardware device cannot be told without list-virtual-mfa-devices")
            }
            if let v = devices.first(where: { $0.userArn == facts.rootArn || $0.serialNumber.hasSuffix(":mfa/root-account-mfa-device") }) {
                return row(c, .fail, facts.rootArn, "root's MFA is the virtual device \(v.serialNumber)")
            }
            return row(c, .pass, facts.rootArn, "root has MFA and no virtual MFA device is assigned to it: a hardware device")
        }
    }

    /// 2.7: the latest of root's password and key last-used dates, against `rootUseDays`.
    func avoidRootUse() -> ControlResult {
        let c = CISControl.avoidRootUse
        guard let root = facts.root else {
            return row(c, .notCollected, facts.rootArn,
                       facts.reportRows.isEmpty ? Self.noReport : "the credential report has no <root_account> row")
        }
        guard let last = root.latestUse else {
            return row(c, .pass, facts.rootArn, "root has no recorded use (password and keys never used)")
        }
        let days = daysBetween(last.date, now)
        let text = "root last used \(ago(last.date)) with its \(last.credential)"
        return days < options.rootUseDays
            ? row(c, .fail, facts.rootArn, text + ", within \(options.rootUseDays) days")
            : row(c, .pass, facts.rootArn, text)
    }
}
