@preconcurrency import CLibEdit
import Foundation
import IAMShell

/// The interactive line editor: the only place that calls libedit (through its readline
/// interface). History persists in `~/.iamsh_history` (or `$IAMSH_HISTORY`); TAB asks the engine;
/// Ctrl-C at the prompt cancels the line; Ctrl-D on an empty line ends input.
final class LineEditor {
    enum Input {
        case line(String)
        /// Ctrl-C at the prompt: the typed line is dropped.
        case interrupted
        case endOfInput
    }

    private let historyPath: String
    private var lastHistoryLine: String?

    /// The engine's completion, called from libedit's callback (one editor per process).
    nonisolated(unsafe) static var completer: ((String, Int) -> Completion)?

    init(historyPath: String) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("iamsh"))
        // libedit must not install its own signal handlers: ours cancels the line (see readCharacter).
        rl_catch_signals = 0
        // Completion works on whitespace-separated words; the engine finds the real word start.
        rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n"))
        rl_completer_word_break_characters = strdup(" \t\n")
        rl_attempted_completion_function = { text, start, end in LineEditor.attemptCompletion(text, start, end) }
        rl_getc_function = { _ in LineEditor.readCharacter() }
        rl_initialize()
        using_history()
        stifle_history(2000)
        _ = read_history(historyPath)
    }

    /// Reads one line. The prompt goes to the terminal; the line comes back without its newline.
    func readLine(prompt: String) -> Input {
        InterruptHandler.promptInterrupted = 0
        guard let raw = readline(prompt) else {
            if InterruptHandler.promptInterrupted != 0 {
                InterruptHandler.promptInterrupted = 0
                return .interrupted
            }
            return .endOfInput
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty, line != lastHistoryLine {
            add_history(line)
            lastHistoryLine = line
        }
        return .line(line)
    }

    /// Writes the history file (called on exit).
    func saveHistory() {
        _ = write_history(historyPath)
        _ = history_truncate_file(historyPath, 2000)
    }

    /// Reads a byte from the terminal. A Ctrl-C (EINTR with our flag raised) ends `readline` as if
    /// at end of input; `readLine` tells the two apart by the flag.
    private static func readCharacter() -> Int32 {
        var byte: UInt8 = 0
        while true {
            let n = read(STDIN_FILENO, &byte, 1)
            if n == 1 { return Int32(byte) }
            if n == 0 { return -1 }
            if errno == EINTR {
                if InterruptHandler.promptInterrupted != 0 { return -1 }
                continue
            }
            return -1
        }
    }

    /// libedit's completion callback: returns a malloc'd, NULL-terminated list whose first entry
    /// replaces the word libedit found (which starts at or before the engine's word).
    private static func attemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1
        guard let completer, let buffer = rl_line_buffer else { return nil }
        let line = String(cString: buffer)
        let bytes = Array(line.utf8)
        let cursor = Int(min(max(rl_point, 0), Int32(bytes.count)))
        let completion = completer(line, cursor)
        if completion.wantsFilenames {
            // libedit's own file-name matcher, on the word it found.
            guard let text, let matches = rl_completion_matches(text, rl_filename_completion_function), let first = matches[0] else { return nil }
            // One match: a folder gets a slash, so TAB can go on into it; a file gets a space.
            let single = matches[1].map { second in matches[2] == nil && strcmp(first, second) == 0 } ?? true
            guard single else { rl_completion_append_character = 0; return matches }
            var isDirectory: ObjCBool = false
            let path = (String(cString: first) as NSString).expandingTildeInPath
            let folder = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            rl_completion_append_character = folder ? 47 : 32
            return matches
        }
        // Re-base the candidates on libedit's word start.
        let wordStart = Int(max(0, min(start, Int32(cursor))))
        var items: [String] = []
        for c in completion.candidates {
            if wordStart <= completion.start {
                let prefix = String(decoding: bytes[wordStart..<min(completion.start, bytes.count)], as: UTF8.self)
                items.append(prefix + c)
            } else {
                // libedit's word begins inside ours (a quoted name with a space): drop what is typed.
                let typed = String(decoding: bytes[completion.start..<wordStart], as: UTF8.self)
                if c.lowercased().hasPrefix(typed.lowercased()) { items.append(String(c.dropFirst(typed.count))) }
            }
        }
        guard !items.isEmpty else { return nil }
        let common = commonPrefix(items)
        // No space after a partial word (`aws:PrincipalTag/`, `--format=`, `days_since(`).
        let single = items.count == 1 ? items[0] : nil
        rl_completion_append_character = single.map { $0.hasSuffix("=") || $0.hasSuffix("(") || $0.hasSuffix("/") || $0.hasSuffix(".") } == true ? 0 : 32
        // libedit reads matches[2] even for a single match: one match is [m, m, NULL].
        let entries = single.map { [$0, $0] } ?? [common] + items
        let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: entries.count + 2)
        for (i, e) in entries.enumerated() { list[i] = strdup(e) }
        list[entries.count] = nil
        list[entries.count + 1] = nil
        return list
    }

    /// The longest prefix shared by every item (case-insensitively; spelled as the first item).
    static func commonPrefix(_ items: [String]) -> String {
        guard var prefix = items.first.map({ Array($0) }) else { return "" }
        for item in items.dropFirst() {
            let chars = Array(item)
            var n = 0
            while n < prefix.count, n < chars.count, String(prefix[n]).lowercased() == String(chars[n]).lowercased() { n += 1 }
            prefix = Array(prefix[0..<n])
        }
        return String(prefix)
    }
}
