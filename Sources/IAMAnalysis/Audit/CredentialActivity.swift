import Foundation
import IAMPolicy

/// "1 user", "3 users"; `plural` for irregular nouns ("policy" → "policies").
func counted(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
}

/// Whole days from `date` to `now`, rounded down (negative when `date` is later than `now`).
func daysBetween(_ date: Date, _ now: Date) -> Int {
    Int((now.timeIntervalSince(date) / 86400).rounded(.down))
}

/// When a credential was last active, as far as the credential report tells. A credential that was
/// never used is judged by its age (CIS 2.11: "if no_information, use password_last_changed";
/// keys: "if N/A, use access_key_n_last_rotated"), falling back to the user's creation time —
/// so a never-used credential is never a pass just because it has no last-used date (a Prowler
/// mistake, peer-tools.md).
public struct CredentialActivity: Sendable, Hashable {
    /// The date judged: the last use, or for a never-used credential the date it was set or created.
    public var date: Date?
    public var neverUsed: Bool
    /// What `date` is: "last used", "set", "created", "user created".
    public var basis: String

    /// "last used 2025-01-02 (120 days ago)" / "never used; set 2025-01-02 (120 days ago)".
    public func describe(now: Date) -> String {
        guard let date else { return neverUsed ? "never used; age unknown" : "last use unknown" }
        let when = "\(Timestamp.format(date).prefix(10)) (\(daysBetween(date, now)) days ago)"
        return neverUsed ? "never used; \(basis) \(when)" : "\(basis) \(when)"
    }

    /// Days since the credential was last active (or, never used, since it was set); nil when unknown.
    public func idleDays(now: Date) -> Int? { date.map { daysBetween($0, now) } }
}

extension CredentialReportRow {
    /// The console password's activity; nil when the user has no password. Root's
    /// `password_enabled` is `not_supported`: root counts as having a password when it was used.
    public var passwordActivity: CredentialActivity? {
        let enabled = passwordEnabled ?? (isRoot && passwordLastUsed != nil)
        guard enabled else { return nil }
        if let used = passwordLastUsed { return CredentialActivity(date: used, neverUsed: false, basis: "last used") }
        if let set = passwordLastChanged { return CredentialActivity(date: set, neverUsed: true, basis: "set") }
        return CredentialActivity(date: userCreationTime, neverUsed: true, basis: "user created")
    }

    /// Whether access key `slot` (1 or 2) is active.
    public func keyActive(_ slot: Int) -> Bool {
        (slot == 1 ? accessKey1Active : accessKey2Active) ?? false
    }

    /// When key `slot` was created or last rotated (falling back to the user's creation time).
    public func keyCreated(_ slot: Int) -> (date: Date?, basis: String) {
        if let d = slot == 1 ? accessKey1LastRotated : accessKey2LastRotated { return (d, "created") }
        return (userCreationTime, "user created")
    }

    /// Key `slot`'s activity; nil when the key is not active.
    public func keyActivity(_ slot: Int) -> CredentialActivity? {
        guard keyActive(slot) else { return nil }
        if let used = slot == 1 ? accessKey1LastUsedDate : accessKey2LastUsedDate {
            return CredentialActivity(date: used, neverUsed: false, basis: "last used")
        }
        let created = keyCreated(slot)
        return CredentialActivity(date: created.date, neverUsed: true, basis: created.basis)
    }

    /// The latest use of any root credential: password, key 1 or key 2 (CIS 2.7 looks at the
    /// latest, not the first non-empty column as Prowler does).
    public var latestUse: (date: Date, credential: String)? {
        var best: (Date, String)?
        for (d, name) in [(passwordLastUsed, "password"), (accessKey1LastUsedDate, "access key 1"),
                          (accessKey2LastUsedDate, "access key 2")] {
            guard let d else { continue }
            if let b = best, b.0 >= d { continue }
            best = (d, name)
        }
        return best.map { (date: $0.0, credential: $0.1) }
    }
}

/// Access key IDs by user and credential-report slot, when the loaded data carries them (the
/// credential report itself does not). Built once per analysis: a lookup per key stays O(1).
struct AccessKeyIds {
    private var ids: [String: String] = [:]

    init(_ s: Snapshot, user: String? = nil) {
        for k in s.accessKeys where user == nil || k.userArn == user {
            if let slot = k.slot, let id = k.accessKeyId { ids["\(k.userArn)#\(slot)"] = id }
        }
    }

    /// " (AKIA…)" for the key in `slot`, or "" when its ID is not known.
    func label(_ userArn: String, _ slot: Int) -> String {
        ids["\(userArn)#\(slot)"].map { " (\($0))" } ?? ""
    }
}
