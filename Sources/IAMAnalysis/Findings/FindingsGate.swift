/// CI gating: `findings --fail-on public|cross-account` exits non-zero when such active findings exist.
public enum FindingsGate {
    public enum FailOn: String, Sendable, Hashable, CaseIterable {
        /// Active public findings.
        case `public` = "public"
        /// Any active external finding: public access is cross-account access too.
        case crossAccount = "cross-account"
    }

    /// The active findings that trip the gate (empty: pass). Archived findings never do — archiving
    /// is how a reviewer accepts an intended exposure.
    public static func violations(_ findings: [ExternalAccessFinding], failOn: FailOn) -> [ExternalAccessFinding] {
        findings.filter { f in
            guard f.status == .active else { return false }
            switch failOn {
            case .public: return f.isPublic
            case .crossAccount: return true
            }
        }
    }
}
