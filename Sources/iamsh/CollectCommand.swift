import ArgumentParser
import Foundation
import IAMStore

/// `iamsh collect`: runs the AWS CLI against an account and writes a snapshot folder.
struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Collect a snapshot of an AWS account with the AWS CLI.",
        discussion: "Writes the CLI's output unmodified into the snapshot layout, with a manifest of every step.")

    @Option(name: .long, help: "The snapshot folder to write.")
    var output: String

    @Option(name: .long, help: "The AWS CLI profile.")
    var profile: String?

    @Option(name: .customLong("region"), help: "A region to collect regional resources from (repeatable).")
    var regions: [String] = []

    @Option(name: .customLong("endpoint-url"), help: "Send every AWS CLI call to this endpoint (a local mock in tests).")
    var endpointURL: String?

    @Option(name: .customLong("aws"), help: "The AWS CLI executable.")
    var awsExecutable: String = "aws"

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output needs a folder") }
    }

    /// Progress and the summary go to stderr. A collection that ran exits 0 even when some steps
    /// failed (they are in the manifest and counted in the summary); one that could not run exits 1.
    func run() throws {
        let options = CollectOptions(output: output, profile: profile, regions: regions, endpointURL: endpointURL,
                                     awsExecutable: awsExecutable)
        let collector = Collector(options: options) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        do {
            let summary = try collector.run()
            FileHandle.standardError.write(Data((summary.line + "\n").utf8))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
