/// What kind of thing an argument names, so completion can offer the right words.
public enum ArgumentKind: Sendable, Hashable {
    /// A user or role (ARN, `user/NAME`, `role/NAME`, bare name).
    case principal
    /// Any named thing `show` accepts: principals, groups, policies, resources, accounts.
    case entity
    /// An action such as `s3:GetObject` or a pattern `s3:Get*`.
    case action
    /// A resource ARN.
    case resource
    /// A file or folder path.
    case path
    /// A table name.
    case table
    /// One of a fixed list of words.
    case choice([String])
    /// `KEY=VALUE` with a condition key.
    case contextPair
    /// Free text: nothing to complete.
    case text
}

/// An option of a command: `--name VALUE` or a `--flag`.
public struct OptionSpec: Sendable, Hashable {
    public var name: String
    public var valueName: String
    public var takesValue: Bool
    public var repeatable: Bool
    public var summary: String
    public var kind: ArgumentKind

    public static func value(_ name: String, _ valueName: String, _ summary: String, kind: ArgumentKind = .text, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, takesValue: true, repeatable: repeatable, summary: summary, kind: kind)
    }

    public static func flag(_ name: String, _ summary: String) -> OptionSpec {
        OptionSpec(name: name, valueName: "", takesValue: false, repeatable: false, summary: summary, kind: .text)
    }
}

/// The declaration of a domain command: its name, usage, arguments and options. The engine uses it
/// to parse arguments, print help and drive completion.
public struct CommandSpec: Sendable {
    public var name: String
    public var aliases: [String]
    /// One line for `.help`.
    public var summary: String
    /// The usage line, e.g. `show PRINCIPAL|POLICY|RESOURCE`.
    public var usage: String
    /// What the positional arguments name, in order; the last kind repeats when `maxArguments` allows more.
    public var arguments: [ArgumentKind]
    public var minArguments: Int
    /// nil: any number.
    public var maxArguments: Int?
    public var options: [OptionSpec]
    /// Formats beyond the table modes that this command renders itself (e.g. `dot`, `mermaid`).
    public var extraFormats: [String]
    /// Longer help: a few lines shown by `.help NAME`.
    public var details: String

    public init(name: String, aliases: [String] = [], summary: String, usage: String, arguments: [ArgumentKind] = [],
                minArguments: Int = 0, maxArguments: Int? = 0, options: [OptionSpec] = [], extraFormats: [String] = [],
                details: String = "") {
        self.name = name; self.aliases = aliases; self.summary = summary; self.usage = usage
        self.arguments = arguments; self.minArguments = minArguments; self.maxArguments = maxArguments
        self.options = options; self.extraFormats = extraFormats; self.details = details
    }

    /// The option every command accepts: `--format MODE` overrides the output mode for this command.
    public var formatOption: OptionSpec {
        .value("format", "MODE", "output format for this command", kind: .choice(OutputMode.names + extraFormats))
    }

    public var allOptions: [OptionSpec] { options + [formatOption] }

    public func option(named name: String) -> OptionSpec? { allOptions.first { $0.name == name } }

    /// The kind of the positional argument at `index`.
    public func argumentKind(at index: Int) -> ArgumentKind {
        if index < arguments.count { return arguments[index] }
        if maxArguments == nil, let last = arguments.last { return last }
        return .text
    }
}

/// A domain command. Each command is one file under `Commands/` and one line in `CommandRegistry`.
public protocol ShellCommand: Sendable {
    var spec: CommandSpec { get }
    /// Runs the command. Throw `ShellError` for a failure; return `failed: true` for a partial success.
    func run(_ args: Arguments, in session: Session) throws -> CommandResult
}
