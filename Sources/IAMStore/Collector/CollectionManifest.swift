import Foundation
import IAMAnalysis
import IAMPolicy

/// The snapshot's `manifest.json`: one entry per CLI command with its outcome, so a loader can tell
/// "no policy", "not collected" and "collection failed" apart from a file that is simply absent.
///
/// ```json
/// {"collector": "iamsh collect", "started": "…Z", "finished": "…Z", "regions": ["us-east-1"],
///  "steps": [{"account": "111122223333", "command": "aws s3api get-bucket-policy --bucket b --output json",
///             "status": "no policy", "exit_code": 254, "seconds": 0.52, "file": null,
///             "error": "An error occurred (NoSuchBucketPolicy) …"}]}
/// ```
/// `file` is relative to the snapshot folder. Collecting another account into the same folder keeps
/// the other accounts' steps and replaces this account's.
struct CollectionManifest {
    struct Step {
        var account: String?
        var command: String
        var status: CollectionStep.Status
        var exitCode: Int32?
        var seconds: Double
        var file: String?
        var error: String?
    }

    var started: Date
    var regions: [String]
    var steps: [Step] = []
    /// Steps of other accounts found in an existing manifest, kept as they were.
    var keptSteps: [JSONValue] = []

    init(started: Date, regions: [String]) {
        self.started = started
        self.regions = regions
    }

    /// Keeps the steps of an existing manifest that belong to other accounts.
    mutating func keepSteps(from url: URL, except account: String) {
        guard let data = try? Data(contentsOf: url),
              let json = try? JSONParser.parse(bytes: [UInt8](data)),
              let old = json["steps"]?.arrayValue else { return }
        keptSteps = old.filter { $0["account"]?.stringValue != account }
    }

    func json(finished: Date) -> JSONValue {
        let stepValues: [JSONValue] = keptSteps + steps.map { s in
            .object([
                JSONMember("account", s.account.map { .string($0) } ?? .null),
                JSONMember("command", .string(s.command)),
                JSONMember("status", .string(s.status.rawValue)),
                JSONMember("exit_code", s.exitCode.map { .number(String($0)) } ?? .null),
                JSONMember("seconds", .number(String(format: "%.2f", s.seconds))),
                JSONMember("file", s.file.map { .string($0) } ?? .null),
                JSONMember("error", s.error.map { .string($0) } ?? .null),
            ])
        }
        return .object([
            JSONMember("collector", "iamsh collect"),
            JSONMember("started", .string(Self.timestamp(started))),
            JSONMember("finished", .string(Self.timestamp(finished))),
            JSONMember("regions", .array(regions.map { .string($0) })),
            JSONMember("steps", .array(stepValues)),
        ])
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
