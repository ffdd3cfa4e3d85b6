import Foundation
import IAMPolicy

extension DotCommands {
    /// Help, quitting, the request context, "now", bail and the timer.
    static let sessionCommands: [DotCommand] = [
        DotCommand(name: "help", usage: ".help [TOPIC|COMMAND]", summary: "list commands and topics, or explain one",
                   arguments: [.choice(HelpTopics.all.map(\.name))], maxArguments: 1) { inv in
            .text(try Help.text(for: inv.arguments.first, commands: inv.engine.commands))
        },
        DotCommand(name: "quit", usage: ".quit", summary: "leave the shell") { inv in
            inv.engine.requestQuit(code: nil)
            return .empty
        },
        DotCommand(name: "exit", usage: ".exit [CODE]", summary: "leave the shell, with an exit status", maxArguments: 1) { inv in
            var code: Int32?
            if let word = inv.arguments.first {
                guard let c = Int32(word), (0...255).contains(c) else { throw ShellError.usage(".exit expects a status from 0 to 255, got \"\(word)\"") }
                code = c
            }
            inv.engine.requestQuit(code: code)
            return .empty
        },
        DotCommand(name: "context", usage: ".context [KEY VALUE | KEY=VALUE | clear [KEY]]",
                   summary: "show, set or clear request-context keys for can, who-can, what-can",
                   arguments: [.contextPair, .text], maxArguments: 2) { inv in
            try context(inv)
        },
        DotCommand(name: "now", usage: ".now [DATE|now]", summary: "show or set the shell's \"now\" (days_since, unused-access windows)",
                   maxArguments: 1) { inv in
            if let word = inv.arguments.first {
                let date: Date
                if word.lowercased() == "now" {
                    date = Date()
                } else {
                    guard let d = Timestamp.parse(word) else {
                        throw ShellError.usage(".now expects an ISO 8601 date such as 2024-06-30 or 2024-06-30T12:00:00Z, got \"\(word)\"")
                    }
                    date = d
                }
                inv.session.setNow(date)
                return .empty
            }
            return .text(Timestamp.format(inv.session.now))
        },
        DotCommand(name: "bail", usage: ".bail on|off", summary: "stop a script at the first error",
                   arguments: [switchWords], minArguments: 1, maxArguments: 1) { inv in
            inv.engine.settings.bail = try parseSwitch(inv.arguments[0], ".bail on|off")
            return .empty
        },
        DotCommand(name: "timer", usage: ".timer on|off", summary: "print how long each command took",
                   arguments: [switchWords], minArguments: 1, maxArguments: 1) { inv in
            inv.engine.settings.timer = try parseSwitch(inv.arguments[0], ".timer on|off")
            return .empty
        },
    ]

    private static func context(_ inv: DotInvocation) throws -> CommandResult {
        let session = inv.session
        let args = inv.arguments
        if args.isEmpty || (args.count == 1 && !args[0].contains("=") && args[0].lowercased() != "clear") {
            let filter = args.first?.lowercased()
            var t = ResultTable(columns: ["key", "value"])
            for p in session.contextPairs where filter == nil || p.key.lowercased() == filter {
                t.append([.text(p.key), .text(p.value)])
            }
            return .table(t)
        }
        if args[0].lowercased() == "clear" {
            if args.count == 2 {
                let key = args[1].lowercased()
                session.contextPairs.removeAll { $0.key.lowercased() == key }
            } else {
                session.contextPairs.removeAll()
            }
            return .empty
        }
        let key: String, value: String
        if args.count == 2 {
            (key, value) = (args[0], args[1])
        } else if let eq = args[0].firstIndex(of: "="), eq != args[0].startIndex {
            (key, value) = (String(args[0][..<eq]), String(args[0][args[0].index(after: eq)...]))
        } else {
            throw ShellError.usage("usage: .context [KEY VALUE | KEY=VALUE | clear [KEY]]")
        }
        session.contextPairs.append((key, value))
        return .empty
    }
}
