/// `load PATH...`: loads snapshot folders, loose files or single files and merges them in. The
/// summary line goes to the info stream and each problem to the error stream; a load with errors
/// still keeps everything valid, and fails the command (a script exits 1).
struct LoadCommand: ShellCommand {
    let spec = CommandSpec(
        name: "load",
        summary: "load snapshot folders or exported files",
        usage: "load PATH...",
        arguments: [.path],
        minArguments: 1,
        maxArguments: nil,
        details: """
        Each file is recognised by its content: get-account-authorization-details, the credential
        report (CSV or JSON), resource policies, last-accessed details, Access Analyzer findings,
        Organizations data, account settings. Loading the same account again replaces its entities.
        """)

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        let report = session.load(paths: args.positional.map(DotCommands.expandPath))
        return CommandResult(failed: report.hasErrors)
    }
}
