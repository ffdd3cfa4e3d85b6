import Foundation

/// What a dot-command gets: its words after the name, and the engine (dot-commands change the
/// session itself: modes, output files, scripts, quitting).
public struct DotInvocation {
    public var arguments: [String]
    public let engine: ShellEngine
    public var session: Session { engine.session }
}

/// A dot-command in the sqlite3 tradition: `.mode csv`, `.tables`, `.read FILE`…
public struct DotCommand: Sendable {
    public var name: String
    public var aliases: [String] = []
    public var usage: String
    public var summary: String
    /// Kinds of the arguments, for completion.
    public var arguments: [ArgumentKind] = []
    public var minArguments = 0
    public var maxArguments = 0
    public var run: @Sendable (DotInvocation) throws -> CommandResult

    /// The kind of argument `index`; the last one repeats for commands that take several.
    func argumentKind(at index: Int) -> ArgumentKind {
        if index < arguments.count { return arguments[index] }
        return maxArguments > arguments.count ? (arguments.last ?? .text) : .text
    }
}

/// Every dot-command. The groups live in `DotCommands+*.swift`.
public enum DotCommands {
    public static let all: [DotCommand] = {
        let order = ["help", "tables", "schema", "mode", "headers", "output", "once", "read", "load", "timer", "bail", "now", "context", "quit", "exit"]
        return (sessionCommands + outputCommands + dataCommands).sorted {
            (order.firstIndex(of: $0.name) ?? order.count) < (order.firstIndex(of: $1.name) ?? order.count)
        }
    }()

    private static let byName: [String: Int] = {
        var m: [String: Int] = [:]
        for (i, c) in all.enumerated() { for n in [c.name] + c.aliases { m[n] = i } }
        return m
    }()

    /// Looks a dot-command up by name without its dot.
    public static func find(_ name: String) -> DotCommand? { byName[name.lowercased()].map { all[$0] } }

    /// Every name with its dot, for suggestions and completion.
    public static var names: [String] { all.flatMap { [$0.name] + $0.aliases }.map { "." + $0 } }

    /// `on`/`off` and their usual spellings.
    static func parseSwitch(_ word: String, _ usage: String) throws -> Bool {
        switch word.lowercased() {
        case "on", "yes", "true", "1": return true
        case "off", "no", "false", "0": return false
        default: throw ShellError.usage("expected on or off, got \"\(word)\"; usage: \(usage)")
        }
    }

    static let switchWords: ArgumentKind = .choice(["on", "off"])

    /// `~` and `~/…` expanded to the home folder.
    static func expandPath(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }
}
