import Foundation
import IAMAnalysis
import IAMPolicy

/// The IAM part of a collection: authorization details, the credential report, account settings,
/// virtual MFA devices, server certificates and last-accessed reports.
extension Collector {
    func collectIAM() throws {
        let region = regions[0]
        let details = try step(["iam", "get-account-authorization-details"], region: region,
                               file: accountPath("iam/authorization-details.json"))
        try collectCredentialReport(region)
        try step(["iam", "get-account-summary"], region: region, file: accountPath("iam/account-summary.json"))
        // NoSuchEntity: the account has no password policy ("no policy", which the loader reads as such).
        try step(["iam", "get-account-password-policy"], region: region, file: accountPath("iam/password-policy.json"))
        try step(["iam", "list-account-aliases"], region: region, file: accountPath("iam/account-aliases.json"))
        // Account-wide lists the CIS audit reads: is root's MFA a virtual device (2.6), expired certificates (2.17).
        try step(["iam", "list-virtual-mfa-devices"], region: region, file: accountPath("iam/virtual-mfa-devices.json"))
        try step(["iam", "list-server-certificates"], region: region, file: accountPath("iam/server-certificates.json"))
        if let json = details?.json {
            try collectLastAccessed(Self.lastAccessedEntities(json), region: region)
        }
    }

    /// Generates the report (polling its State), then writes the raw answer and the decoded CSV.
    func collectCredentialReport(_ region: String) throws {
        let generate = ["iam", "generate-credential-report"]
        var state = ""
        var last: AWSCallResult?
        for attempt in 0..<30 {
            if attempt > 0 { Thread.sleep(forTimeInterval: attempt < 3 ? 1 : 3) }
            let result = try cli.run(generate, region: region)
            last = result
            guard result.succeeded else { break }
            state = (try? JSONParser.parse(bytes: result.stdout))?["State"]?.stringValue ?? ""
            if state == "COMPLETE" { break }
        }
        guard let last else { return }
        guard last.succeeded, state == "COMPLETE" else {
            record(last, status: .failed, file: nil,
                   error: last.succeeded ? "the report did not complete (State \(state.isEmpty ? "?" : state))" : last.errorText)
            return
        }
        record(last, status: .ok, file: nil, error: nil)

        let rawFile = accountPath("iam/credential-report.json")
        guard let answer = try step(["iam", "get-credential-report"], region: region, file: rawFile),
              let content = answer.json?["Content"]?.stringValue else { return }
        let csvFile = accountPath("iam/credential-report.csv")
        guard let csv = Data(base64Encoded: content, options: .ignoreUnknownCharacters) else {
            manifest.steps.append(.init(account: account, command: "decode Content of \(rawFile)", status: .failed,
                                        exitCode: nil, seconds: 0, file: nil, error: "Content is not base64"))
            summary.failed += 1
            return
        }
        try write([UInt8](csv), to: outputURL.appendingPathComponent(csvFile))
        manifest.steps.append(.init(account: account, command: "decode Content of \(rawFile)", status: .ok,
                                    exitCode: nil, seconds: 0, file: csvFile, error: nil))
        summary.ok += 1
        summary.filesWritten += 1
    }

    /// A user, role, group or customer managed policy whose last-accessed report is collected.
    struct LastAccessedEntity {
        var kind: String    // users, roles, groups, policies
        var name: String
        var arn: String
    }

    static func lastAccessedEntities(_ details: JSONValue) -> [LastAccessedEntity] {
        var out: [LastAccessedEntity] = []
        let lists: [(String, String, String)] = [("UserDetailList", "UserName", "users"), ("RoleDetailList", "RoleName", "roles"),
                                                 ("GroupDetailList", "GroupName", "groups")]
        for (list, nameKey, kind) in lists {
            for item in details[list]?.arrayValue ?? [] {
                if let name = item[nameKey]?.stringValue, let arn = item["Arn"]?.stringValue {
                    out.append(LastAccessedEntity(kind: kind, name: name, arn: arn))
                }
            }
        }
        // Customer managed policies only: AWS managed ones are the same in every account.
        for item in details["Policies"]?.arrayValue ?? [] {
            guard let arn = item["Arn"]?.stringValue, !arn.hasPrefix("arn:aws:iam::aws:") else { continue }
            let name = item["PolicyName"]?.stringValue ?? String(arn.split(separator: "/").last ?? "")
            out.append(LastAccessedEntity(kind: "policies", name: name, arn: arn))
        }
        return out
    }

    /// Starts one ACTION_LEVEL job per entity (AWS runs them side by side), then reads each. When
    /// every call of the first batch fails (a service that does not offer the call, as the local
    /// mock does not, or missing permissions), the remaining entities are recorded as not collected.
    func collectLastAccessed(_ entities: [LastAccessedEntity], region: String) throws {
        func generate(_ e: LastAccessedEntity) -> [String] {
            ["iam", "generate-service-last-accessed-details", "--arn", e.arn, "--granularity", "ACTION_LEVEL"]
        }
        let batch = max(3, options.parallelCalls)
        var jobs: [(LastAccessedEntity, String)] = []
        var start = 0
        while start < entities.count {
            let slice = Array(entities[start..<min(start + batch, entities.count)])
            let results = try runAll(slice.map(generate), region: region)
            for (entity, result) in zip(slice, results) {
                if let job = try finish(result)?.json?["JobId"]?.stringValue { jobs.append((entity, job)) }
            }
            start += slice.count
            if start == slice.count, results.allSatisfy({ !$0.succeeded }) {
                let reason = "skipped: the first \(slice.count) calls failed (\(results.last?.errorText ?? ""))"
                for entity in entities[start...] { skip(generate(entity), region: region, reason: reason) }
                break
            }
        }
        let outcomes = try readJobs(jobs, region: region)
        for ((entity, _), outcome) in zip(jobs, outcomes) {
            try recordLastAccessed(entity, outcome)
        }
    }

    /// The outcome of reading one job: its final answer, or the command that found it still running.
    enum JobOutcome: Sendable {
        case answer(AWSCallResult)
        case stillRunning(command: [String])
    }

    /// Reads the jobs side by side, each polled until it is no longer IN_PROGRESS.
    func readJobs(_ jobs: [(LastAccessedEntity, String)], region: String) throws -> [JobOutcome] {
        let cli = self.cli
        let commands = jobs.map { ["iam", "get-service-last-accessed-details", "--job-id", $0.1, "--max-items", "1000"] }
        let box = IndexedResults<JobOutcome>(count: commands.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, options.parallelCalls)
        for (i, command) in commands.enumerated() {
            queue.addOperation {
                box.set(i, Result {
                    for attempt in 0..<60 {
                        if attempt > 0 { Thread.sleep(forTimeInterval: attempt < 5 ? 1 : 3) }
                        let result = try cli.run(command, region: region)
                        let status = result.succeeded ? (try? JSONParser.parse(bytes: result.stdout))?["JobStatus"]?.stringValue : nil
                        if status != "IN_PROGRESS" { return .answer(result) }
                    }
                    return .stillRunning(command: command)
                })
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return try box.results.map { try $0.get() }
    }

    func recordLastAccessed(_ entity: LastAccessedEntity, _ outcome: JobOutcome) throws {
        let file = accountPath("iam/last-accessed/\(entity.kind)/\(Self.fileName(entity.name)).json")
        switch outcome {
        case .stillRunning(let command):
            skip(command, region: regions[0], reason: "the job was still in progress after several minutes")
        case .answer(let result):
            guard result.succeeded else {
                record(result, status: .failed, file: nil, error: result.errorText)
                return
            }
            let json = try? JSONParser.parse(bytes: result.stdout)
            if json?["JobStatus"]?.stringValue == "COMPLETED" {
                try write(result.stdout, to: outputURL.appendingPathComponent(file))
                record(result, status: .ok, file: file, error: nil)
            } else {
                let message = json?["Error"]?["Message"]?.stringValue ?? "JobStatus \(json?["JobStatus"]?.stringValue ?? "missing")"
                record(result, status: .failed, file: nil, error: message)
            }
        }
    }
}
