import Foundation
import IAMAnalysis
import IAMPolicy

/// `iamsh collect`: runs the real AWS CLI against one account and writes a snapshot folder in the
/// layout the loader reads (README, "Snapshot layout"):
///
/// ```
/// manifest.json
/// accounts/<id>/caller-identity.json
/// accounts/<id>/iam/{authorization-details,credential-report,account-summary,password-policy,account-aliases}.json
/// accounts/<id>/iam/{virtual-mfa-devices,server-certificates}.json
/// accounts/<id>/iam/credential-report.csv                       (the report's Content, decoded)
/// accounts/<id>/iam/last-accessed/{users,roles,groups,policies}/<name>.json
/// accounts/<id>/s3-public-access-block.json                 (s3control get-public-access-block: account level)
/// accounts/<id>/resource-policies/s3/<bucket>.json
/// accounts/<id>/resource-policies/s3/<bucket>.public-access-block.json   (s3api get-public-access-block)
/// accounts/<id>/resource-policies/{kms,lambda,sqs,sns,secretsmanager}/<region>/<name>.json
/// accounts/<id>/access-analyzer/<region>/analyzers.json
/// accounts/<id>/access-analyzer/<region>/<analyzer>/findings.json      (external access: list-findings)
/// accounts/<id>/access-analyzer/<region>/<analyzer>/findings-v2.json   (other analyzers: list-findings-v2)
/// organization/{describe-organization,accounts,roots}.json
/// organization/ou-children/<parent-id>.json   (list-organizational-units-for-parent, one per root or OU)
/// organization/children/<parent-id>.json      (list-children --child-type ACCOUNT, one per root or OU)
/// organization/{scps,rcps}/list-policies.json, <policy-id>.json, <policy-id>.targets.json
/// ```
/// Every file holds the CLI's stdout bytes unmodified (the decoded CSV excepted). Every command is a
/// manifest step; a missing policy (NoSuchBucketPolicy, NoSuchPublicAccessBlockConfiguration, ResourceNotFoundException, an answer without a
/// policy) is a "no policy" step and never a file; any other error is a "failed" step. Names are
/// percent-encoded in file names (`/` as `%2F`).
public final class Collector {
    let options: CollectOptions
    let log: @Sendable (String) -> Void
    let outputURL: URL
    var cli: AWSCLI
    var manifest: CollectionManifest
    var summary: CollectSummary
    var account = ""
    var regions: [String] = []

    /// Services whose "not found" answers mean "this resource has no policy".
    static let noPolicyCodes: Set<String> = ["NoSuchBucketPolicy", "ResourceNotFoundException", "NoSuchEntity",
                                             "PolicyNotFound", "NotFoundException", "NoSuchPublicAccessBlockConfiguration"]

    public init(options: CollectOptions, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
        outputURL = URL(fileURLWithPath: options.output, isDirectory: true).standardizedFileURL
        let scratch = outputURL.appendingPathComponent(".iamsh-collect-tmp", isDirectory: true)
        cli = AWSCLI(options: options, scratch: scratch)
        manifest = CollectionManifest(started: Date(), regions: [])
        summary = CollectSummary(account: "", output: options.output, manifestPath: "", regions: [])
    }

    /// Collects the account the credentials belong to. Throws when the CLI cannot run, the
    /// account cannot be identified, or the folder cannot be written; every other failure is a
    /// manifest step and the collection goes on.
    public func run() throws -> CollectSummary {
        let start = Date()
        manifest = CollectionManifest(started: start, regions: [])
        try makeDirectory(cli.scratch)
        defer { try? FileManager.default.removeItem(at: cli.scratch) }

        regions = try resolveRegions()
        manifest.regions = regions
        summary.regions = regions
        log("collect: regions \(regions.joined(separator: ", "))\(options.endpointURL.map { ", endpoint \($0)" } ?? "")")

        try identifyAccount()
        try collectIAM()
        try collectS3()
        for region in regions {
            try collectKMS(region)
            try collectLambda(region)
            try collectSQS(region)
            try collectSNS(region)
            try collectSecrets(region)
            try collectAccessAnalyzer(region)
        }
        try collectOrganization()

        let manifestURL = outputURL.appendingPathComponent("manifest.json")
        try write(Array((JSONWriter.pretty(manifest.json(finished: Date())) + "\n").utf8), to: manifestURL)
        summary.manifestPath = manifestURL.path
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }

    // MARK: Account and regions

    /// The regions to walk: as given, else the environment's, the profile's, or us-east-1.
    func resolveRegions() throws -> [String] {
        if !options.regions.isEmpty { return options.regions }
        let env = ProcessInfo.processInfo.environment.merging(options.environment) { _, extra in extra }
            .filter { !$0.value.isEmpty }
        if let r = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"], !r.isEmpty { return [r] }
        var command = ["configure", "get", "region"]
        if let profile = options.profile { command += ["--profile", profile] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: options.awsExecutable.contains("/") ? options.awsExecutable : "/usr/bin/env")
        process.arguments = options.awsExecutable.contains("/") ? command : [options.awsExecutable] + command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.environment = env
        do { try process.run() } catch { throw CollectorError.cliUnavailable("\(options.awsExecutable): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let region = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return [region.isEmpty ? "us-east-1" : region]
    }

    /// `sts get-caller-identity` first: it names the account every other file is placed under.
    func identifyAccount() throws {
        let result = try cli.run(["sts", "get-caller-identity"], region: regions[0])
        let json = result.succeeded ? try? JSONParser.parse(bytes: result.stdout) : nil
        guard let id = json?["Account"]?.stringValue, AccountID.isValid(id) else {
            let why = result.succeeded ? "the answer has no 12-digit Account" : result.errorText
            record(result, status: .failed, file: nil, error: why)
            try? write(Array((JSONWriter.pretty(manifest.json(finished: Date())) + "\n").utf8),
                       to: outputURL.appendingPathComponent("manifest.json"))
            throw CollectorError.noAccount(why)
        }
        account = id
        summary.account = id
        log("collect: account \(id) (\(json?["Arn"]?.stringValue ?? "?"))")
        // A new collection of this account replaces the previous one in the same folder.
        try? FileManager.default.removeItem(at: outputURL.appendingPathComponent("accounts/\(id)", isDirectory: true))
        manifest.keepSteps(from: outputURL.appendingPathComponent("manifest.json"), except: id)
        let file = accountPath("caller-identity.json")
        try write(result.stdout, to: outputURL.appendingPathComponent(file))
        record(result, status: .ok, file: file, error: nil)
    }

    // MARK: Steps

    /// What one step's answer turned out to be.
    struct Answer {
        var result: AWSCallResult
        var json: JSONValue?
    }

    /// Runs one command and records it (see `finish`). Returns the answer when the command succeeded.
    @discardableResult
    func step(_ command: [String], region: String?, file: String? = nil,
              hasPolicy: ((JSONValue) -> Bool)? = nil) throws -> Answer? {
        try finish(try cli.run(command, region: region), file: file, hasPolicy: hasPolicy)
    }

    /// Runs several commands side by side (at most `parallelCalls` at once: real collections spend
    /// their time waiting on process start and the network); the answers come back in input order.
    func runAll(_ commands: [[String]], region: String?) throws -> [AWSCallResult] {
        let box = IndexedResults<AWSCallResult>(count: commands.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, options.parallelCalls)
        let cli = self.cli
        for (i, command) in commands.enumerated() {
            queue.addOperation { box.set(i, Result { try cli.run(command, region: region) }) }
        }
        queue.waitUntilAllOperationsAreFinished()
        return try box.results.map { try $0.get() }
    }

    /// Records a finished command. With `file`, a successful answer is written there unmodified —
    /// unless `hasPolicy` says the answer carries no policy ("no policy", nothing written). A failure
    /// whose error code means "not found" is "no policy" when a policy file was expected, else "failed".
    @discardableResult
    func finish(_ result: AWSCallResult, file: String? = nil, hasPolicy: ((JSONValue) -> Bool)? = nil) throws -> Answer? {
        guard result.succeeded else {
            let status: CollectionStep.Status = Self.noPolicyCodes.contains(result.errorCode ?? "") && (file != nil)
                ? .noPolicy : .failed
            record(result, status: status, file: nil, error: result.errorText)
            return nil
        }
        var json: JSONValue?
        if !result.stdout.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            do {
                json = try JSONParser.parse(bytes: result.stdout)
            } catch {
                record(result, status: .failed, file: nil, error: "the CLI printed something that is not JSON: \(error)")
                return nil
            }
        }
        if let hasPolicy {
            guard let json, hasPolicy(json) else {
                record(result, status: .noPolicy, file: nil, error: "the answer carries no policy")
                return Answer(result: result, json: json)
            }
        }
        if let file {
            guard json != nil else {
                record(result, status: .empty, file: nil, error: "the CLI printed nothing")
                return Answer(result: result, json: nil)
            }
            try write(result.stdout, to: outputURL.appendingPathComponent(file))
        }
        record(result, status: .ok, file: file, error: nil)
        return Answer(result: result, json: json)
    }

    /// Runs one command per item side by side and records each in item order; `file` names an item's
    /// policy file.
    func fetchPolicies<Item>(_ items: [Item], region: String?, command: (Item) -> [String], file: (Item) -> String,
                             hasPolicy: ((JSONValue) -> Bool)? = nil) throws {
        let results = try runAll(items.map(command), region: region)
        for (item, result) in zip(items, results) {
            try finish(result, file: file(item), hasPolicy: hasPolicy)
        }
    }

    /// Records a manifest step without running anything (a step skipped for a reason).
    func skip(_ command: [String], region: String?, reason: String) {
        let args = ["aws"] + cli.arguments(command, region: region)
        manifest.steps.append(.init(account: account.isEmpty ? nil : account, command: Self.commandLine(args),
                                    status: .notCollected, exitCode: nil, seconds: 0, file: nil, error: reason))
        summary.notCollected += 1
        log("collect: \(Self.shortName(args)): not collected (\(reason))")
    }

    func record(_ result: AWSCallResult, status: CollectionStep.Status, file: String?, error: String?) {
        manifest.steps.append(.init(account: account.isEmpty ? nil : account, command: Self.commandLine(result.arguments),
                                    status: status, exitCode: result.timedOut ? nil : result.exitCode,
                                    seconds: result.seconds, file: file, error: error))
        switch status {
        case .ok: summary.ok += 1
        case .noPolicy: summary.noPolicy += 1
        case .notCollected: summary.notCollected += 1
        case .failed: summary.failed += 1
        case .empty: summary.empty += 1
        }
        if file != nil { summary.filesWritten += 1 }
        let seconds = String(format: "%.1f s", result.seconds)
        switch status {
        case .ok: log("collect: \(Self.shortName(result.arguments)): ok (\(seconds))\(file.map { " → \($0)" } ?? "")")
        default: log("collect: \(Self.shortName(result.arguments)): \(status.rawValue) (\(seconds))\(error.map { ": \($0)" } ?? "")")
        }
    }

    // MARK: Files

    func accountPath(_ relative: String) -> String { "accounts/\(account)/\(relative)" }

    /// A resource or entity name as a file name: `%` and `/` percent-encoded, so it decodes back.
    static func fileName(_ name: String) -> String {
        name.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    }

    func write(_ bytes: [UInt8], to url: URL) throws {
        try makeDirectory(url.deletingLastPathComponent())
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw CollectorError.write(path: url.path, reason: "\(error)")
        }
    }

    func makeDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw CollectorError.write(path: url.path, reason: "\(error)")
        }
    }

    // MARK: Command text

    static func commandLine(_ args: [String]) -> String {
        args.map { arg in
            arg.isEmpty || arg.contains(where: { " \"'\\$`*?[]{}()<>|&;#~".contains($0) })
                ? "'" + arg.replacingOccurrences(of: "'", with: "'\\''") + "'" : arg
        }.joined(separator: " ")
    }

    /// `s3api get-bucket-policy --bucket b` for progress lines: the command without the common options.
    static func shortName(_ args: [String]) -> String {
        var out: [String] = []
        var i = 1
        while i < args.count {
            if ["--output", "--profile", "--region", "--endpoint-url"].contains(args[i]) { i += 2; continue }
            out.append(args[i]); i += 1
        }
        return out.joined(separator: " ")
    }
}

/// Results of work run side by side, stored by index.
final class IndexedResults<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<Value, Error>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Result<Value, Error>) {
        lock.lock(); values[i] = value; lock.unlock()
    }

    var results: [Result<Value, Error>] {
        lock.lock(); defer { lock.unlock() }
        return values.map { $0 ?? .failure(CollectorError.cliUnavailable("a call did not finish")) }
    }
}
