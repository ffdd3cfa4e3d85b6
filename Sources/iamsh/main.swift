import ArgumentParser
import Foundation

/// `iamsh`: the shell (default) and `iamsh collect`.
struct IAMSH: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iamsh",
        abstract: "An interactive shell for AWS IAM access analysis.",
        usage: """
        iamsh [PATH ...] [-c COMMAND]... [-f SCRIPT] [--format MODE] [--now DATE] [--bail] [--context KEY=VALUE]...
          iamsh collect --output DIR [--profile PROFILE] [--region REGION]... [--endpoint-url URL]
        """,
        discussion: "With no PATH the bundled demo organization is loaded. 'iamsh shell --help' lists the shell's options.",
        subcommands: [ShellRunCommand.self, CollectCommand.self],
        defaultSubcommand: ShellRunCommand.self)
}

// Usage errors exit 2 (ArgumentParser's default would be 64); help and version exit 0.
do {
    var command = try IAMSH.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let status = IAMSH.exitCode(for: error)
    let message = IAMSH.fullMessage(for: error)
    if status == .success {
        print(message)
        exit(0)
    }
    if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    exit(error is CleanExit ? 0 : 2)
}
