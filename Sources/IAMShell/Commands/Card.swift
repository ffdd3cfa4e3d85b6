import Foundation
import IAMPolicy

/// A readable card: `field`/`value` rows, one fact per row, documents as indented JSON.
struct Card {
    private(set) var rows: [[Cell]] = []

    mutating func add(_ field: String, _ value: Cell) {
        rows.append([.text(field), value])
    }

    /// Adds a row only when there is something to say.
    mutating func add(_ field: String, _ text: String?) {
        guard let text, !text.isEmpty else { return }
        add(field, .text(text))
    }

    mutating func add(_ field: String, date: Date?) {
        add(field, date.map(Timestamp.format))
    }

    mutating func add(_ field: String, list: [String]) {
        guard !list.isEmpty else { return }
        add(field, .text(list.joined(separator: ", ")))
    }

    mutating func add(_ field: String, tags: [String: String]) {
        guard !tags.isEmpty else { return }
        add(field, .text(tags.keys.sorted().map { "\($0)=\(tags[$0] ?? "")" }.joined(separator: ", ")))
    }

    /// A policy document as written, indented.
    mutating func document(_ field: String, _ doc: PolicyDocument?) {
        guard let doc else { add(field, .text("(no document loaded)")); return }
        add(field, .json(doc.json.isNull ? .object([]) : doc.json, multiline: true))
    }

    var table: ResultTable { ResultTable(columns: ["field", "value"], rows: rows) }
}
