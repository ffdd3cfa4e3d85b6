import Foundation

/// How bad a failed control is. Ordered: `low < medium < high < critical`, so `--fail-on high`
/// means "high or critical".
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case low, medium, high, critical

    private var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        case .critical: return 3
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The outcome of a control for one account or resource. `manual`: the data cannot decide it and a
/// person has to look; `notCollected`: the input the control needs was not in the snapshot. Neither
/// is ever reported as a pass.
public enum ControlStatus: String, Sendable, Hashable, CaseIterable {
    case pass
    case fail
    case manual
    case notCollected = "not-collected"
}

/// One row of an audit: a control judged for one account or one offending resource.
public struct ControlResult: Sendable, Hashable {
    public var control: String          // CIS v7.0 id, or the earliest id when v7.0 dropped the control
    public var v6: String?              // the CIS v6.0.0 id of the same control
    public var v5: String?              // the CIS v5.0.0 id
    public var title: String
    public var status: ControlStatus
    public var severity: Severity
    public var account: String
    public var resource: String         // the offending ARN, or the account (root ARN / account ID)
    public var detail: String
    public var remediation: String

    public init(control: CISControl, status: ControlStatus, account: String, resource: String, detail: String) {
        self.control = control.id; self.v6 = control.v6; self.v5 = control.v5; self.title = control.title
        self.status = status; self.severity = control.severity; self.account = account; self.resource = resource
        self.detail = detail; self.remediation = control.remediation
    }
}

/// Counts over a list of results, for the line under an audit table and for `--fail-on`.
public struct AuditSummary: Sendable, Hashable {
    public var controls: Int            // distinct control ids judged
    public var accounts: Int
    public var byStatus: [ControlStatus: Int]
    /// Failed rows per severity.
    public var failuresBySeverity: [Severity: Int]

    public init(_ results: [ControlResult]) {
        controls = Set(results.map(\.control)).count
        accounts = Set(results.map(\.account)).count
        var s: [ControlStatus: Int] = [:]
        var f: [Severity: Int] = [:]
        for r in results {
            s[r.status, default: 0] += 1
            if r.status == .fail { f[r.severity, default: 0] += 1 }
        }
        byStatus = s
        failuresBySeverity = f
    }

    /// True when a failed row has `threshold` severity or worse.
    public func hasFailure(atOrAbove threshold: Severity) -> Bool {
        failuresBySeverity.contains { $0.key >= threshold && $0.value > 0 }
    }

    /// "12 controls over 3 accounts: 20 pass, 9 fail (2 critical, 3 high, 4 medium), 1 manual, 2 not-collected"
    public var line: String {
        let fails = Severity.allCases.reversed().compactMap { sev in
            failuresBySeverity[sev].map { "\($0) \(sev.rawValue)" }
        }
        var parts = ["\(byStatus[.pass] ?? 0) pass"]
        parts.append("\(byStatus[.fail] ?? 0) fail" + (fails.isEmpty ? "" : " (" + fails.joined(separator: ", ") + ")"))
        parts.append("\(byStatus[.manual] ?? 0) manual")
        parts.append("\(byStatus[.notCollected] ?? 0) not-collected")
        let acct = accounts == 1 ? "account" : "accounts"
        return "\(controls) controls over \(accounts) \(acct): " + parts.joined(separator: ", ")
    }
}
