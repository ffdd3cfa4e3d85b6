import IAMAnalysis
import IAMPolicy
import IAMStore

/// The principal graph (who can become whom) of the loaded snapshot, built once per load and
/// shared by `paths`, `privesc`, `admins`, the `--transitive` options and the SQL `edges` table.
enum PathGraph {
    static func graph(in session: Session) -> PrincipalGraph {
        session.cached("paths.graph") { PrincipalGraph(authorizer: session.authorizer) }
    }

    /// Fills the `edges` table the first time SQL mentions it after a load.
    static func fillEdgesIfNeeded(for sql: String, in session: Session) throws {
        guard mentionsEdges(sql) else { return }
        let filled: Bool = session.cached("paths.edgesTable") { false }
        guard !filled else { return }
        let rows = graph(in: session).edgeRows().map { e -> [SQLValue] in
            [.text(e.source), .text(e.target), .text(e.kind), .text(e.category), .text(e.actions),
             .text(e.resources), .text(e.conditions), .text(e.decision)]
        }
        try session.store.replaceEdges(rows)
        session.setCached("paths.edgesTable", true)
    }

    /// True when `edges` appears as a word outside string literals (cheap, and errs towards filling).
    static func mentionsEdges(_ sql: String) -> Bool {
        let lower = sql.lowercased()
        guard lower.contains("edges") else { return false }
        var word = ""
        for c in lower {
            if c.isLetter || c.isNumber || c == "_" { word.append(c) } else {
                if word == "edges" { return true }
                word = ""
            }
        }
        return word == "edges"
    }

    /// `from -[kind]-> to -[kind]-> …` for the text modes.
    static func arrows(_ hops: [Hop], start: String, graph: PrincipalGraph) -> String {
        var s = graph.label(start)
        for h in hops { s += " -[\(h.kind)\(h.decision == .conditional ? "?" : "")]-> " + graph.label(h.to) }
        return s
    }

    static func hopObjects(_ hops: [Hop]) -> Cell {
        .json(.array(hops.map { h in
            ["from": .string(h.from), "to": .string(h.to), "kind": .string(h.kind), "decision": .string(h.decision.rawValue),
             "actions": .array(h.actions.map { .string($0) }), "resources": .array(h.resources.map { .string($0) }),
             "conditions": .array(h.conditions.map { .string($0) })]
        }))
    }

    /// The graph format a command was asked for (`--format dot|mermaid`), if any.
    static func drawing(_ session: Session) -> GraphRenderer.Format? {
        session.requestedFormat.flatMap(GraphRenderer.Format.init(rawValue:))
    }

    static let maxDepthOption = OptionSpec.value("max-depth", "N", "longest path to consider (default 6)")
}
