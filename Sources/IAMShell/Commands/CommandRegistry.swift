/// The domain commands the shell knows. A new command is one file under `Commands/` and one line
/// in `standard`.
public struct CommandRegistry: Sendable {
    public private(set) var commands: [any ShellCommand]
    private var byName: [String: Int] = [:]

    public init(_ commands: [any ShellCommand]) {
        self.commands = []
        for c in commands { register(c) }
    }

    /// Adds a command (a later registration of the same name replaces the earlier one).
    public mutating func register(_ command: any ShellCommand) {
        let index: Int
        if let existing = byName[command.spec.name.lowercased()] {
            commands[existing] = command
            index = existing
        } else {
            index = commands.count
            commands.append(command)
        }
        for name in [command.spec.name] + command.spec.aliases { byName[name.lowercased()] = index }
    }

    public func command(named name: String) -> (any ShellCommand)? {
        byName[name.lowercased()].map { commands[$0] }
    }

    /// Every name and alias, for suggestions and completion.
    public var names: [String] { commands.flatMap { [$0.spec.name] + $0.spec.aliases } }

    public static let standard = CommandRegistry([
        LoadCommand(),
        SummaryCommand(),
        ShowCommand(),
        CanCommand(),
        WhoCanCommand(),
        WhatCanCommand(),
        PathsCommand(),
        PrivescCommand(),
        AdminsCommand(),
        HelpCommand(),
        AuditCommand(),
        UnusedCommand(),
        LeastPrivilegeCommand(),
        ReportCommand(),
        FindingsCommand(),
        ArchiveCommand(archive: true),
        ArchiveCommand(archive: false),
        AccessCommand(),
    ])
}
