/// What `iamsh collect` collects and where it writes the snapshot.
public struct CollectOptions: Sendable {
    /// The snapshot folder (created when missing; an account already in it is replaced).
    public var output: String
    /// `--profile` for every AWS CLI call; nil uses the CLI's default credentials.
    public var profile: String?
    /// Regions for the regional services (KMS, Lambda, SQS, SNS, Secrets Manager, Access Analyzer).
    /// Empty: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's configured region, else us-east-1.
    public var regions: [String]
    /// `--endpoint-url` for every call (a local AWS mock in tests).
    public var endpointURL: String?
    /// The AWS CLI executable: a name looked up in PATH, or a path.
    public var awsExecutable: String
    /// Seconds before one CLI call is stopped and recorded as failed.
    public var commandTimeout: Double
    /// How many CLI calls may run at once when fetching many policies or reports.
    public var parallelCalls: Int
    /// Extra environment variables for the CLI processes (tests set dummy credentials for a mock);
    /// an empty value removes the variable.
    public var environment: [String: String]

    public init(output: String, profile: String? = nil, regions: [String] = [], endpointURL: String? = nil,
                awsExecutable: String = "aws", commandTimeout: Double = 300, parallelCalls: Int = 4,
                environment: [String: String] = [:]) {
        self.output = output; self.profile = profile; self.regions = regions; self.endpointURL = endpointURL
        self.awsExecutable = awsExecutable; self.commandTimeout = commandTimeout
        self.parallelCalls = parallelCalls; self.environment = environment
    }
}

/// What a collection did, for the final progress line and the exit status.
public struct CollectSummary: Sendable {
    public var account: String
    public var output: String
    public var manifestPath: String
    public var regions: [String]
    /// Counts of the manifest steps this run recorded, by status.
    public var ok = 0
    public var noPolicy = 0
    public var notCollected = 0
    public var failed = 0
    public var empty = 0
    public var filesWritten = 0
    public var seconds = 0.0

    public var steps: Int { ok + noPolicy + notCollected + failed + empty }

    public var line: String {
        "collected account \(account) into \(output): \(filesWritten) files, \(steps) commands "
            + "(\(ok) ok, \(noPolicy) no policy, \(notCollected) not collected, \(failed) failed) "
            + "in \(String(format: "%.1f", seconds)) s"
    }
}
