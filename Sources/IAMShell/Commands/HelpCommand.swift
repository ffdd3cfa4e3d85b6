/// `help [TOPIC|COMMAND]`: the same as `.help`.
struct HelpCommand: ShellCommand {
    let spec = CommandSpec(
        name: "help",
        summary: "list commands and topics, or explain one (same as .help)",
        usage: "help [TOPIC|COMMAND]",
        arguments: [.choice(HelpTopics.all.map(\.name))],
        maxArguments: 1)

    func run(_ args: Arguments, in session: Session) throws -> CommandResult {
        .text(try Help.text(for: args[0], commands: session.commands))
    }
}
