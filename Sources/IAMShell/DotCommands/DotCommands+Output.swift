extension DotCommands {
    /// Where results go and how they look.
    static let outputCommands: [DotCommand] = [
        DotCommand(name: "mode", usage: ".mode [" + OutputMode.names.joined(separator: "|") + "]",
                   summary: "show or set the output mode", arguments: [.choice(OutputMode.names)], maxArguments: 1) { inv in
            guard let word = inv.arguments.first else { return .text(inv.engine.settings.mode.rawValue) }
            guard let mode = OutputMode(name: word) else {
                var msg = "unknown mode \"\(word)\" (modes: \(OutputMode.names.joined(separator: ", ")))"
                if let near = Suggest.nearest(word, in: OutputMode.names) { msg += "; did you mean \(near)?" }
                throw ShellError.usage(msg)
            }
            inv.engine.settings.mode = mode
            return .empty
        },
        DotCommand(name: "headers", aliases: ["header"], usage: ".headers on|off", summary: "show or hide column names",
                   arguments: [switchWords], minArguments: 1, maxArguments: 1) { inv in
            inv.engine.settings.headers = try parseSwitch(inv.arguments[0], ".headers on|off")
            return .empty
        },
        DotCommand(name: "output", usage: ".output [FILE]", summary: "send results to FILE, or back to the screen",
                   arguments: [.path], maxArguments: 1) { inv in
            if let path = inv.arguments.first, path != "stdout", path != "-" {
                let sink = try FileDescriptorSink(path: expandPath(path))
                inv.engine.redirect?.flush()
                inv.engine.redirect = sink
            } else {
                inv.engine.redirect?.flush()
                inv.engine.redirect = nil
            }
            return .empty
        },
        DotCommand(name: "once", usage: ".once FILE", summary: "send the next command's results to FILE",
                   arguments: [.path], minArguments: 1, maxArguments: 1) { inv in
            inv.engine.onceSink = try FileDescriptorSink(path: expandPath(inv.arguments[0]))
            return .empty
        },
    ]
}
