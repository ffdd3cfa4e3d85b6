/// The text of `.help` and `help`: the command list, a command's usage, or a topic.
enum Help {
    static func text(for word: String?, commands: CommandRegistry) throws -> String {
        guard let word, !word.isEmpty else { return overview(commands) }
        let name = word.hasPrefix(".") ? String(word.dropFirst()) : word
        if let topic = HelpTopics.find(name) { return text(of: topic, commands: commands) }
        if !word.hasPrefix("."), let command = commands.command(named: name) { return text(of: command.spec) }
        if let dot = DotCommands.find(name) { return dot.usage + "\n  " + dot.summary + "\n" }
        if InputClassifier.isSQLKeyword(name) {
            return "SQL statements run on the loaded snapshot and continue over lines until ';'.\nSee .help schema, or .schema TABLE.\n"
        }
        var msg = "no help for \"\(word)\""
        let candidates = HelpTopics.all.map(\.name) + commands.names + DotCommands.names
        if let near = Suggest.nearest(word, in: candidates) { msg += "; did you mean \(near)?" } else { msg += "; .help lists the topics" }
        throw ShellError.failed(msg)
    }

    static func overview(_ commands: CommandRegistry) -> String {
        var out = "SQL\n"
        out += row("SELECT … ;", "any SQL on the loaded snapshot; continues over lines until ';'")
        out += "\nCommands (options as --name value; every command takes --format MODE)\n"
        for c in commands.commands { out += row(c.spec.usage, c.spec.summary) }
        out += "\nDot-commands\n"
        for d in DotCommands.all { out += row(d.usage, d.summary) }
        out += "\nTopics (.help TOPIC: the concept, and the queries that answer its questions)\n"
        for t in HelpTopics.all { out += row(t.name, t.summary) }
        return out
    }

    private static func row(_ left: String, _ right: String) -> String {
        let width = 34
        if left.count >= width { return "  " + left + "\n  " + String(repeating: " ", count: width) + right + "\n" }
        return "  " + left + String(repeating: " ", count: width - left.count) + right + "\n"
    }

    static func text(of spec: CommandSpec) -> String {
        var out = "usage: \(spec.usage)\n  \(spec.summary)\n"
        if !spec.details.isEmpty { out += "\n" + spec.details + "\n" }
        if !spec.aliases.isEmpty { out += "\nalso: \(spec.aliases.joined(separator: ", "))\n" }
        out += "\noptions:\n"
        for o in spec.allOptions {
            let left = "--" + o.name + (o.takesValue ? " " + o.valueName : "") + (o.repeatable ? " (repeatable)" : "")
            out += row(left, o.summary)
        }
        return out
    }

    static func text(of topic: HelpTopic, commands: CommandRegistry) -> String {
        var out = "\(topic.name): \(topic.summary)\n\n\(topic.explanation)\n"
        let answers = topic.answers.filter { a in a.requires.map { commands.command(named: $0) != nil } ?? true }
        if !answers.isEmpty {
            out += "\nAnswer it on the loaded data:\n"
            for a in answers { out += "  -- \(a.question)\n  \(a.command)\n" }
        }
        return out
    }
}
