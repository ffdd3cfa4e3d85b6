/// The arguments of one command invocation after option parsing.
public struct Arguments: Sendable {
    /// Positional arguments in order.
    public var positional: [String]
    /// Option name (without dashes) → values in order; flags have one empty value per use.
    public var options: [String: [String]]

    public init(positional: [String] = [], options: [String: [String]] = [:]) {
        self.positional = positional
        self.options = options
    }

    public func has(_ name: String) -> Bool { options[name] != nil }
    /// The last value given for an option (a later `--x` overrides an earlier one).
    public func value(_ name: String) -> String? { options[name]?.last }
    /// Every value of a repeatable option, in order.
    public func values(_ name: String) -> [String] { options[name] ?? [] }

    public subscript(_ i: Int) -> String? { i < positional.count ? positional[i] : nil }

    /// An integer option, with a usage error naming the option when the value is not a number.
    public func int(_ name: String) throws -> Int? {
        guard let v = value(name) else { return nil }
        guard let n = Int(v) else { throw ShellError.usage("--\(name) expects a whole number, got \"\(v)\"") }
        return n
    }

    /// A whole-number option that must be at least `minimum` (0 for days, 1 for depths and limits).
    public func int(_ name: String, atLeast minimum: Int) throws -> Int? {
        guard let n = try int(name) else { return nil }
        guard n >= minimum else { throw ShellError.usage("--\(name) expects a number of \(minimum) or more, got \(n)") }
        return n
    }

    /// `KEY=VALUE` pairs of a repeatable option such as `--context`.
    public func pairs(_ name: String) throws -> [(key: String, value: String)] {
        try values(name).map { v in
            guard let eq = v.firstIndex(of: "="), eq != v.startIndex else {
                throw ShellError.usage("--\(name) expects KEY=VALUE, got \"\(v)\"")
            }
            return (String(v[..<eq]), String(v[v.index(after: eq)...]))
        }
    }
}

/// Parses words into arguments against a command's option specs: `--name value`, `--name=value`,
/// `--flag`, repeatable options, and `--` to end options.
enum ArgumentParser {
    static func parse(_ words: [Word], spec: CommandSpec) throws -> Arguments {
        var args = Arguments()
        var i = 0
        var optionsEnded = false
        while i < words.count {
            let w = words[i]
            i += 1
            if optionsEnded || w.quoted || !w.text.hasPrefix("--") || w.text == "-" {
                args.positional.append(w.text)
                continue
            }
            if w.text == "--" { optionsEnded = true; continue }
            var name = String(w.text.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let opt = spec.option(named: name) else {
                let known = spec.allOptions.map { "--" + $0.name }
                var msg = "\(spec.name): unknown option --\(name)"
                if let near = Suggest.nearest("--" + name, in: known) { msg += "; did you mean \(near)?" }
                throw ShellError.usage(msg)
            }
            if opt.takesValue {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard i < words.count else { throw ShellError.usage("\(spec.name): --\(opt.name) needs a value (\(opt.valueName))") }
                    value = words[i].text
                    i += 1
                }
                // A repeated single-valued option: the last one wins, as in most CLIs.
                if opt.repeatable { args.options[opt.name, default: []].append(value) } else { args.options[opt.name] = [value] }
            } else {
                if let inlineValue { throw ShellError.usage("\(spec.name): --\(opt.name) takes no value (got \"\(inlineValue)\")") }
                args.options[opt.name] = [""]
            }
        }
        if args.positional.count < spec.minArguments || (spec.maxArguments.map { args.positional.count > $0 } ?? false) {
            throw ShellError.usage("usage: \(spec.usage)")
        }
        return args
    }
}
