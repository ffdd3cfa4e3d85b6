/// Draws paths and escalations as Graphviz DOT or Mermaid flowcharts. Node ids are quoted (DOT)
/// or generated (`n0`, `n1`… for Mermaid, with the label quoted), so any ARN or name is safe.
/// Conditional hops are dashed; hops that change permissions are bold; administrators are filled.
public enum GraphRenderer {
    public enum Format: String, Sendable, CaseIterable { case dot, mermaid }

    public static func render(paths: [PrincipalPath], graph: PrincipalGraph, format: Format) -> String {
        var admins = Set<String>()
        for p in paths { if let a = p.targetAdmin { admins.insert(a.principal) } }
        var nodes = paths.map(\.source)
        nodes += paths.flatMap { $0.hops.flatMap { [$0.from, $0.to] } }
        return render(nodes: nodes, hops: paths.flatMap(\.hops), admins: admins, graph: graph, format: format, title: "iamsh paths")
    }

    public static func render(escalations: [Escalation], graph: PrincipalGraph, format: Format) -> String {
        let admins = Set(escalations.map(\.admin))
        var nodes = escalations.map(\.principal)
        nodes += escalations.flatMap { $0.hops.flatMap { [$0.from, $0.to] } }
        nodes += escalations.map(\.admin)
        return render(nodes: nodes, hops: escalations.flatMap(\.hops), admins: admins, graph: graph, format: format,
                      title: "iamsh privilege escalation")
    }

    static func render(nodes: [String], hops: [Hop], admins: Set<String>, graph: PrincipalGraph, format: Format, title: String) -> String {
        var order: [String] = []
        var seen = Set<String>()
        for n in nodes where seen.insert(n).inserted { order.append(n) }
        var seenHops = Set<String>()
        let unique = hops.filter { seenHops.insert($0.from + "\u{1}" + $0.to + "\u{1}" + $0.kind).inserted }
        func label(_ arn: String) -> String {
            let acct = graph.account(arn)
            let l = graph.label(arn)
            return acct.isEmpty || l == arn ? l : "\(l)\n\(acct)"
        }
        switch format {
        case .dot: return dot(order, unique, admins, label, title)
        case .mermaid: return mermaid(order, unique, admins, label)
        }
    }

    private static func edgeLabel(_ h: Hop) -> String {
        h.decision == .conditional ? h.kind + " (conditional)" : h.kind
    }

    // MARK: DOT

    static func dotQuote(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    private static func dot(_ nodes: [String], _ hops: [Hop], _ admins: Set<String>, _ label: (String) -> String, _ title: String) -> String {
        var lines = ["digraph \(dotQuote(title)) {", "  rankdir=LR;", "  node [shape=box, fontname=\"Helvetica\"];",
                     "  edge [fontname=\"Helvetica\", fontsize=10];"]
        for n in nodes {
            var attrs = "label=\(dotQuote(label(n)))"
            if admins.contains(n) { attrs += ", style=filled, fillcolor=\"#f4cccc\"" }
            lines.append("  \(dotQuote(n)) [\(attrs)];")
        }
        for h in hops {
            var attrs = "label=\(dotQuote(edgeLabel(h)))"
            var styles: [String] = []
            if h.decision == .conditional { styles.append("dashed") }
            if h.category != .actAs { styles.append("bold") }
            if !styles.isEmpty { attrs += ", style=\(dotQuote(styles.joined(separator: ",")))" }
            lines.append("  \(dotQuote(h.from)) -> \(dotQuote(h.to)) [\(attrs)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Mermaid

    /// Text inside a Mermaid `"…"` label: quotes and angle brackets as entity codes, line breaks as `<br/>`.
    static func mermaidText(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "#": out += "#35;"
            case "|": out += "#124;"
            case "\n": out += "<br/>"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out
    }

    private static func mermaid(_ nodes: [String], _ hops: [Hop], _ admins: Set<String>, _ label: (String) -> String) -> String {
        var ids: [String: String] = [:]
        var lines = ["flowchart LR"]
        for (i, n) in nodes.enumerated() {
            let id = "n\(i)"
            ids[n] = id
            lines.append("  \(id)[\"\(mermaidText(label(n)))\"]" + (admins.contains(n) ? ":::admin" : ""))
        }
        for h in hops {
            guard let a = ids[h.from], let b = ids[h.to] else { continue }
            let arrow: String
            if h.decision == .conditional { arrow = "-.->" } else if h.category != .actAs { arrow = "==>" } else { arrow = "-->" }
            lines.append("  \(a) \(arrow)|\"\(mermaidText(edgeLabel(h)))\"| \(b)")
        }
        lines.append("  classDef admin fill:#f4cccc,stroke:#990000")
        return lines.joined(separator: "\n") + "\n"
    }
}
