/// What TAB offers: the candidates for the word before the cursor, and where that word starts.
public struct Completion: Sendable, Equatable {
    /// UTF-8 offset in the line where the word being completed starts (the candidates replace it).
    public var start: Int
    public var candidates: [String]
    /// The word is a file name: the caller should complete it from the file system.
    public var wantsFilenames: Bool

    public init(start: Int, candidates: [String], wantsFilenames: Bool = false) {
        self.start = start; self.candidates = candidates; self.wantsFilenames = wantsFilenames
    }
}

/// Context-aware completion, as a pure function of the text before the cursor and the vocabulary:
/// commands and dot-commands first, then each command's arguments by kind (principals, actions,
/// resources, files, choices); in SQL, tables after FROM/JOIN, `table.` ⇒ its columns, and inside a
/// string literal actions, ARNs and names.
public enum Completer {
    public static func complete(line: String, cursor: Int, pendingSQL: String? = nil,
                                vocabulary v: CompletionVocabulary, commands: CommandRegistry) -> Completion {
        let bytes = Array(line.utf8)
        let cut = max(0, min(cursor, bytes.count))
        let before = String(decoding: bytes[0..<cut], as: UTF8.self)
        if let pendingSQL { return sql(statement: pendingSQL + "\n" + before, lineStart: pendingSQL.utf8.count + 1, v) }

        let trimmed = before.drop { $0 == " " || $0 == "\t" }
        let leading = before.utf8.count - trimmed.utf8.count
        let words = Lexer.scan(before)
        let endsInSpace = before.last.map { $0 == " " || $0 == "\t" } ?? true
        // The first word: a command, a dot-command or an SQL keyword.
        if words.isEmpty || (words.count == 1 && !endsInSpace) {
            let typed = words.first?.text ?? ""
            var names = DotCommands.names
            if !typed.hasPrefix(".") {
                names += commands.names
                names += InputClassifier.sqlKeywords.map { typed.first?.isLowercase == true ? $0.lowercased() : $0 }
            }
            return Completion(start: leading, candidates: matching(typed, names))
        }
        let first = words[0].text
        if InputClassifier.isSQLKeyword(first) || trimmed.hasPrefix("(") {
            return sql(statement: before, lineStart: 0, v)
        }
        let current = endsInSpace ? nil : words.last
        let start = current?.start ?? cut
        let typed = current?.text ?? ""
        let previous = Array(words.dropFirst().dropLast(current == nil ? 0 : 1))

        if first.hasPrefix(".") {
            guard let dot = DotCommands.find(String(first.dropFirst())) else { return Completion(start: start, candidates: []) }
            return candidates(for: dot.argumentKind(at: previous.count), typed: typed, start: start, v)
        }
        guard let command = commands.command(named: first) else { return Completion(start: start, candidates: []) }
        let spec = command.spec
        // Walk the words so far to know whether the current one is an option value or the n-th argument.
        var positional = 0
        var pendingOption: OptionSpec?
        for w in previous {
            if let o = pendingOption { _ = o; pendingOption = nil; continue }
            if !w.quoted, w.text.hasPrefix("--"), !w.text.contains("=") {
                if let o = spec.option(named: String(w.text.dropFirst(2))), o.takesValue { pendingOption = o }
                continue
            }
            if !w.quoted, w.text.hasPrefix("--") { continue }
            positional += 1
        }
        if let o = pendingOption { return candidates(for: o.kind, typed: typed, start: start, v) }
        if typed.hasPrefix("--") {
            if let eq = typed.firstIndex(of: "="), let o = spec.option(named: String(typed[typed.index(typed.startIndex, offsetBy: 2)..<eq])) {
                let valueStart = start + typed[..<typed.index(after: eq)].utf8.count
                return candidates(for: o.kind, typed: String(typed[typed.index(after: eq)...]), start: valueStart, v)
            }
            let names = spec.allOptions.map { "--" + $0.name }
            return Completion(start: start, candidates: matching(typed, names))
        }
        return candidates(for: spec.argumentKind(at: positional), typed: typed, start: start, v)
    }

    static func candidates(for kind: ArgumentKind, typed: String, start: Int, _ v: CompletionVocabulary) -> Completion {
        let list: [String]
        switch kind {
        case .principal: list = v.principals.withPrefix(typed)
        case .entity: list = v.entities.withPrefix(typed)
        case .action: list = v.actions.withPrefix(typed)
        case .resource: list = v.resources.withPrefix(typed)
        case .table: list = matching(typed, v.tables)
        case .choice(let words): list = matching(typed, words)
        case .contextPair:
            if typed.contains("=") { return Completion(start: start, candidates: []) }
            list = v.conditionKeys.withPrefix(typed).map { $0.hasSuffix("/") ? $0 : $0 + "=" }
        case .path: return Completion(start: start, candidates: [], wantsFilenames: true)
        case .text: list = []
        }
        return Completion(start: start, candidates: list.map(Lexer.quoteIfNeeded))
    }

    static func matching(_ typed: String, _ words: [String]) -> [String] {
        let t = typed.lowercased()
        var seen = Set<String>()
        return words.filter { $0.lowercased().hasPrefix(t) && seen.insert($0).inserted }.sorted()
    }

    // MARK: SQL

    static let sqlWords = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "JOIN", "LEFT", "INNER", "CROSS",
        "ON", "USING", "AS", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "GLOB", "BETWEEN", "DISTINCT", "CASE", "WHEN",
        "THEN", "ELSE", "END", "EXISTS", "UNION", "ALL", "WITH", "RECURSIVE", "DESC", "ASC", "VALUES", "INSERT", "INTO",
        "UPDATE", "SET", "DELETE", "CREATE", "TABLE", "VIEW", "INDEX", "DROP", "PRAGMA", "EXPLAIN",
    ]
    static let sqlFunctions = [
        "days_since(", "arn_account(", "arn_resource(", "arn_service(", "iam_match(", "can(", "who_can(",
        "json_each(", "json_extract(", "json_array_length(", "json_group_array(", "json_group_object(", "json_object(",
        "count(", "coalesce(", "ifnull(", "lower(", "upper(", "group_concat(", "min(", "max(", "sum(", "avg(", "substr(",
        "instr(", "replace(", "trim(", "length(", "date(", "datetime(", "julianday(", "strftime(", "printf(",
    ]
    static let tableKeywords: Set<String> = ["FROM", "JOIN", "INTO", "UPDATE", "TABLE", "EXISTS"]

    /// Completes the last word of an SQL statement (text before the cursor). `lineStart` is where the
    /// current line begins in `statement`, so offsets come back relative to the line.
    static func sql(statement full: String, lineStart: Int, _ v: CompletionVocabulary) -> Completion {
        let b = Array(full.utf8)
        // Find whether the cursor is inside a string literal, and where the current statement starts.
        var inString = false
        var stringStart = 0
        var statementStart = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if inString {
                if c == UInt8(ascii: "'") {
                    if i + 1 < b.count, b[i + 1] == UInt8(ascii: "'") { i += 2; continue }
                    inString = false
                }
            } else if c == UInt8(ascii: "'") {
                inString = true
                stringStart = i + 1
            } else if c == UInt8(ascii: "-"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "-") {
                while i < b.count, b[i] != 10 { i += 1 }
                continue
            } else if c == UInt8(ascii: ";") {
                statementStart = i + 1
            }
            i += 1
        }
        if inString {
            let typed = String(decoding: b[stringStart...], as: UTF8.self)
            var list = v.actions.withPrefix(typed, limit: 500) + v.principals.withPrefix(typed, limit: 500)
            list += v.entities.withPrefix(typed, limit: 500)
            list += v.resources.withPrefix(typed, limit: 500)
            var seen = Set<String>()
            // Each candidate closes the literal, so a completed name is ready to use.
            list = list.filter { seen.insert($0).inserted }.map { $0.replacingOccurrences(of: "'", with: "''") + "'" }
            return Completion(start: max(0, stringStart - lineStart), candidates: list)
        }
        // The word being typed: identifier characters and dots.
        var ws = b.count
        while ws > statementStart, isIdentifier(b[ws - 1]) || b[ws - 1] == UInt8(ascii: ".") { ws -= 1 }
        let word = String(decoding: b[ws...], as: UTF8.self)
        let statement = String(decoding: b[statementStart..<ws], as: UTF8.self)
        let tokens = sqlTokens(statement)
        let aliases = tableAliases(tokens, tables: v.tables)
        let start = max(0, ws - lineStart)

        if let dot = word.lastIndex(of: ".") {
            let qualifier = String(word[..<dot]).lowercased()
            let partial = String(word[word.index(after: dot)...])
            let table = aliases[qualifier] ?? qualifier
            let cols = v.columns[table] ?? []
            return Completion(start: start, candidates: matching(partial, cols).map { String(word[...dot]) + $0 })
        }
        let lower = word.first?.isLowercase ?? true
        let keywords = sqlWords.map { lower ? $0.lowercased() : $0 }
        if let last = tokens.last?.uppercased(), tableKeywords.contains(last) || (last == "," && inFromList(tokens)) {
            return Completion(start: start, candidates: matching(word, v.tables))
        }
        var referenced = Set(aliases.values)
        if referenced.isEmpty { referenced = [] }
        var cols: [String] = []
        for t in referenced.sorted() { cols += v.columns[t] ?? [] }
        let all = matching(word, cols) + matching(word, sqlFunctions) + matching(word, keywords) + matching(word, v.tables)
        var seen = Set<String>()
        return Completion(start: start, candidates: all.filter { seen.insert($0).inserted })
    }

    static func isIdentifier(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 36 || c >= 128
    }

    /// Words, commas and parentheses of a statement, strings and comments left out.
    static func sqlTokens(_ s: String) -> [String] {
        let b = Array(s.utf8)
        var out: [String] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                let q = c
                i += 1
                var text: [UInt8] = []
                while i < b.count, b[i] != q { text.append(b[i]); i += 1 }
                i += 1
                if q == UInt8(ascii: "\"") { out.append(String(decoding: text, as: UTF8.self)) } else { out.append("'") }
            } else if c == UInt8(ascii: "-"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "-") {
                while i < b.count, b[i] != 10 { i += 1 }
            } else if isIdentifier(c) {
                let s = i
                while i < b.count, isIdentifier(b[i]) || b[i] == UInt8(ascii: ".") { i += 1 }
                out.append(String(decoding: b[s..<i], as: UTF8.self))
            } else {
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: "=") {
                    out.append(String(UnicodeScalar(c)))
                }
                i += 1
            }
        }
        return out
    }

    /// `FROM users u JOIN roles AS r` ⇒ users→users, u→users, roles→roles, r→roles (lowercased).
    static func tableAliases(_ tokens: [String], tables: [String]) -> [String: String] {
        let known = Set(tables.map { $0.lowercased() })
        var map: [String: String] = [:]
        var i = 0
        let stop: Set<String> = ["WHERE", "ON", "JOIN", "LEFT", "INNER", "CROSS", "GROUP", "ORDER", "LIMIT", "USING",
                                 "UNION", "HAVING", "SELECT", "NATURAL", "OUTER", "FULL", "RIGHT", "SET", "VALUES"]
        while i < tokens.count {
            let t = tokens[i].uppercased()
            if t == "FROM" || t == "JOIN" || (t == "," && inFromList(Array(tokens[..<i]))) || t == "UPDATE" || t == "INTO" {
                if i + 1 < tokens.count {
                    let table = tokens[i + 1].lowercased()
                    if known.contains(table) {
                        map[table] = table
                        var j = i + 2
                        if j < tokens.count, tokens[j].uppercased() == "AS" { j += 1 }
                        if j < tokens.count, !stop.contains(tokens[j].uppercased()), tokens[j] != ",", tokens[j] != "(", tokens[j] != ")" {
                            map[tokens[j].lowercased()] = table
                        }
                    }
                }
            }
            i += 1
        }
        return map
    }

    /// True when the last clause keyword is FROM (so a comma continues a table list).
    static func inFromList(_ tokens: [String]) -> Bool {
        let clauses: Set<String> = ["SELECT", "FROM", "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "ON", "SET", "VALUES"]
        var depth = 0
        for t in tokens.reversed() {
            if t == ")" { depth += 1; continue }
            if t == "(" { if depth == 0 { return false }; depth -= 1; continue }
            if depth == 0, clauses.contains(t.uppercased()) { return t.uppercased() == "FROM" }
        }
        return false
    }
}
