import Foundation

/// One finished AWS CLI call: its exit status, its stdout bytes exactly as printed, its stderr.
struct AWSCallResult: Sendable {
    var arguments: [String]
    var exitCode: Int32
    var stdout: [UInt8]
    var stderr: String
    var seconds: Double
    var timedOut: Bool

    var succeeded: Bool { exitCode == 0 && !timedOut }

    /// The AWS error code of a failed call, from the CLI's message
    /// `An error occurred (NoSuchBucketPolicy) when calling the GetBucketPolicy operation: …`.
    var errorCode: String? {
        guard let open = stderr.range(of: "An error occurred ("),
              let close = stderr[open.upperBound...].firstIndex(of: ")") else { return nil }
        return String(stderr[open.upperBound..<close])
    }

    /// The error text for the manifest: the CLI's last non-empty stderr lines, shortened.
    var errorText: String {
        if timedOut { return "timed out after \(Int(seconds)) s" }
        let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let text = lines.suffix(3).joined(separator: " ")
        if text.isEmpty { return "exit status \(exitCode)" }
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}

/// Runs the AWS CLI as a child process with the collector's common options
/// (`--output json`, `--profile`, `--endpoint-url`, `--region`). Stdout goes to a temporary file,
/// not a pipe, so a large answer (authorization details of a big account) cannot block the child.
struct AWSCLI: Sendable {
    let executable: String
    let profile: String?
    let endpointURL: String?
    let timeout: Double
    let environment: [String: String]
    let scratch: URL

    init(options: CollectOptions, scratch: URL) {
        executable = options.awsExecutable
        profile = options.profile
        endpointURL = options.endpointURL
        timeout = options.commandTimeout
        self.scratch = scratch
        var env = ProcessInfo.processInfo.environment.merging(options.environment) { _, extra in extra }
            .filter { !$0.value.isEmpty }
        env["AWS_PAGER"] = ""                       // CLI v2 would otherwise page long answers
        // Against a mock, unsupported calls are retried with backoff: one attempt is enough there.
        if options.endpointURL != nil, env["AWS_MAX_ATTEMPTS"] == nil { env["AWS_MAX_ATTEMPTS"] = "1" }
        environment = env
    }

    /// The full argument list of a call, as the manifest records it (`aws` first).
    func arguments(_ command: [String], region: String?) -> [String] {
        var args = command + ["--output", "json"]
        if let profile { args += ["--profile", profile] }
        if let region { args += ["--region", region] }
        if let endpointURL { args += ["--endpoint-url", endpointURL] }
        return args
    }

    /// Runs `aws <command> …`; throws only when the CLI cannot be started at all.
    func run(_ command: [String], region: String?) throws -> AWSCallResult {
        let args = arguments(command, region: region)
        let id = UUID().uuidString
        let outURL = scratch.appendingPathComponent("\(id).out")
        let errURL = scratch.appendingPathComponent("\(id).err")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil),
              let out = FileHandle(forWritingAtPath: outURL.path),
              let err = FileHandle(forWritingAtPath: errURL.path) else {
            throw CollectorError.write(path: scratch.path, reason: "cannot create temporary files")
        }

        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = args
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + args
        }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }

        let start = Date()
        do {
            try process.run()
        } catch {
            try? out.close(); try? err.close()
            throw CollectorError.cliUnavailable("\(executable): \(error)")
        }
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            // SIGKILL: a child may inherit a signal mask that blocks SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            done.wait()
        }
        let seconds = Date().timeIntervalSince(start)
        try? out.close(); try? err.close()

        let stdout = (try? Data(contentsOf: outURL)).map { [UInt8]($0) } ?? []
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        // `env` answers 127 when the executable is not in PATH.
        if !executable.contains("/"), process.terminationStatus == 127, stdout.isEmpty,
           stderr.contains("No such file") || stderr.contains("not found") {
            throw CollectorError.cliUnavailable("\(executable) is not in PATH")
        }
        return AWSCallResult(arguments: ["aws"] + args, exitCode: process.terminationStatus, stdout: stdout,
                             stderr: stderr, seconds: seconds, timedOut: timedOut)
    }
}
