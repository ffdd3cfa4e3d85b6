import Foundation
import Testing
import IAMPolicy
@testable import IAMAnalysis

/// DOT and Mermaid output: every line has the grammar's shape, ids are quoted or generated, and
/// text that would break the syntax is escaped.
@Suite("Paths: DOT and Mermaid rendering")
struct PathsRenderTests {
    let g = ChainWorld.graph

    /// A double-quoted DOT string: no bare quote inside, escapes only of `"`, `\` and `n`.
    static let dotString = #""(?:[^"\\\n]|\\["\\n])*""#

    static func checkDot(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("digraph \"") == true)
        #expect(lines.dropLast().last == "}")
        #expect(lines.last == "")
        let node = try! Regex(#"^  "# + dotString + #" \[label="# + dotString + ##"(, style=filled, fillcolor="#[0-9a-f]{6}")?\];$"##)
        let edge = try! Regex(#"^  "# + dotString + " -> " + dotString + #" \[label="# + dotString + #"(, style="(dashed|bold|dashed,bold)")?\];$"#)
        for l in lines.dropFirst(4).dropLast(2) {
            #expect(l.wholeMatch(of: node) != nil || l.wholeMatch(of: edge) != nil, "not a DOT node or edge statement: \(l)")
        }
        #expect(text.filter { $0 == "{" }.count == text.filter { $0 == "}" }.count)
    }

    static func checkMermaid(_ text: String) {
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart LR")
        let node = try! Regex(#"^  n\d+\["[^"]*"\](:::admin)?$"#)
        let edge = try! Regex(#"^  n\d+ (-->|-\.->|==>)\|"[^"|]*"\| n\d+$"#)
        let classDef = try! Regex(##"^  classDef admin [a-z:#0-9,]+$"##)
        var declared = Set<String>()
        for l in lines.dropFirst() {
            if l.wholeMatch(of: node) != nil {
                declared.insert(String(l.dropFirst(2).prefix { $0 != "[" }))
            } else if l.wholeMatch(of: edge) != nil {
                let ids = l.split(separator: " ").map(String.init)
                #expect(declared.contains(ids[0]) && declared.contains(ids[ids.count - 1]), "edge to an undeclared node: \(l)")
            } else {
                #expect(l.wholeMatch(of: classDef) != nil, "not a Mermaid statement: \(l)")
            }
        }
    }

    @Test("paths as DOT: one node per principal, one edge per hop, the administrator filled")
    func pathsDot() throws {
        let ps = try g.paths(from: ChainWorld.user("dev"), to: ChainWorld.role("lambda-admin"))
        let dot = GraphRenderer.render(paths: ps, graph: g, format: .dot)
        Self.checkDot(dot)
        #expect(dot.contains(#""\#(ChainWorld.user("dev"))" -> "\#(ChainWorld.role("deploy"))" [label="sts:AssumeRole"];"#))
        #expect(dot.contains(#"[label="role/lambda-admin\n\#(Acct.a)", style=filled"#))
        #expect(dot.components(separatedBy: " -> ").count - 1 == 4)
    }

    @Test("paths as Mermaid: generated ids, quoted labels, conditional hops dotted")
    func pathsMermaid() throws {
        let ps = try g.paths(from: ChainWorld.saml, to: ChainWorld.role("lambda-admin"))
        let m = GraphRenderer.render(paths: ps, graph: g, format: .mermaid)
        Self.checkMermaid(m)
        #expect(m.contains(#"-.->|"sts:AssumeRoleWithSAML (conditional)"|"#))
        #expect(m.contains(":::admin"))
    }

    @Test("the escalation graph renders in both formats; permission changes are bold / thick")
    func escalations() throws {
        var w = WorldBuilder()
        w.user("dev", inline: [policy(allow("sts:AssumeRole", on: "arn:aws:iam::\(Acct.a):role/iam-helper"))])
        w.role("iam-helper", trust: awsTrust([Acct.a]), inline: [policy(allow("iam:PutUserPolicy", on: "arn:aws:iam::\(Acct.a):user/dev"))])
        let gw = w.build().graph
        let esc = try gw.privesc()
        let dot = GraphRenderer.render(escalations: esc, graph: gw, format: .dot)
        Self.checkDot(dot)
        #expect(dot.contains(#"style="bold""#))
        let m = GraphRenderer.render(escalations: esc, graph: gw, format: .mermaid)
        Self.checkMermaid(m)
        #expect(m.contains(#"==>|"iam:PutUserPolicy"|"#))
        let all = GraphRenderer.render(escalations: try g.privesc(), graph: g, format: .mermaid)
        Self.checkMermaid(all)
    }

    @Test("text that would break the syntax is escaped: quotes, backslashes, newlines, pipes, angle brackets")
    func escaping() {
        #expect(GraphRenderer.dotQuote(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(GraphRenderer.dotQuote("x\ny") == #""x\ny""#)
        #expect(GraphRenderer.mermaidText(##"a"b|c<d>#e"##) == "a#quot;b#124;c#lt;d#gt;#35;e")
        #expect(GraphRenderer.mermaidText("x\ny") == "x<br/>y")
    }

    @Test("an empty result renders as an empty but valid graph")
    func empty() {
        Self.checkDot(GraphRenderer.render(paths: [], graph: g, format: .dot))
        Self.checkMermaid(GraphRenderer.render(paths: [], graph: g, format: .mermaid))
    }
}
