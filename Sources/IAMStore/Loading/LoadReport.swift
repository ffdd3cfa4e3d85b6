import IAMAnalysis

/// One problem found while loading: which file, where in it (JSON path or CSV line), and what was expected.
public struct LoadDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }
    public var file: String
    public var location: String?        // "$.RoleDetailList[3].AssumeRolePolicyDocument" or "line 7"
    public var message: String
    public var severity: Severity
    public init(file: String, location: String? = nil, message: String, severity: Severity = .error) {
        self.file = file; self.location = location; self.message = message; self.severity = severity
    }
    public var description: String {
        "\(severity.rawValue): \(file)\(location.map { " at \($0)" } ?? ""): \(message)"
    }
}

/// What a load added, and what it skipped.
public struct LoadCounts: Sendable, Hashable {
    public var accounts = 0
    public var users = 0
    public var groups = 0
    public var roles = 0
    public var policies = 0
    public var resourcePolicies = 0
    public var credentialReportRows = 0
    public var lastAccessedRows = 0
    public var findings = 0
    public var files = 0
    public var skippedFiles = 0
    public init() {}
}

public struct LoadReport: Sendable {
    public var counts = LoadCounts()
    public var diagnostics: [LoadDiagnostic] = []
    public var seconds: Double = 0
    /// Of `seconds`, the time spent computing iamsh's external access findings after the merge.
    public var findingsSeconds: Double = 0
    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The one-line summary printed after a load.
    public var summaryLine: String {
        let c = counts
        var s = "loaded \(c.accounts) accounts, \(c.users) users, \(c.groups) groups, \(c.roles) roles, \(c.policies) policies, "
        s += "\(c.resourcePolicies) resource policies, \(c.credentialReportRows) credential-report rows, "
        s += "\(c.lastAccessedRows) last-accessed rows, \(c.findings) findings"
        s += "; \(c.skippedFiles) \(c.skippedFiles == 1 ? "file" : "files") skipped"
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 0 { s += ", \(errors) errors" }
        return s
    }
}

/// Progress of a long load, for a terminal progress line: files and bytes read so far, and the
/// stage (`reading` the files, then `building tables`). One large file moves `bytesDone` only
/// when it is done, so a line should show the stage as well.
public struct LoadProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var currentFile: String
    public var bytesDone: Int
    public var bytesTotal: Int
    public var stage: String
    public init(filesDone: Int, filesTotal: Int, currentFile: String, bytesDone: Int = 0, bytesTotal: Int = 0, stage: String = "reading") {
        self.filesDone = filesDone; self.filesTotal = filesTotal; self.currentFile = currentFile
        self.bytesDone = bytesDone; self.bytesTotal = bytesTotal; self.stage = stage
    }
}
