/// A compiled Resource/NotResource pattern. Compile once per statement and reuse: matching a
/// pattern without variables allocates nothing, and `*`, exact ARNs and `prefix*` take fast paths.
public struct ResourcePattern: Sendable, Hashable {
    public let text: String
    public let variablesEnabled: Bool
    let template: GlobTemplate
    let glob: ARNGlob?

    /// - Parameter variablesEnabled: the document is Version 2012-10-17 (otherwise `${…}` is literal).
    public init(_ text: String, variablesEnabled: Bool = true) {
        self.text = text
        self.variablesEnabled = variablesEnabled
        // Variables only in the resource part of the ARN, after the fifth colon.
        template = GlobTemplate(text, segmented: true, variablesEnabled: variablesEnabled, variablesFromPart: 5)
        glob = template.isStatic ? ARNGlob(ops: template.staticOps) : nil
    }

    /// The pattern `*`.
    public var matchesEverything: Bool { glob?.shape == .any }
    /// The pattern holds policy variables that are substituted at match time.
    public var hasVariables: Bool { glob == nil }

    /// `.yes`/`.no`; `.unknown` only when a variable's key is unknown in `context` and the answer
    /// depends on its value. A variable with no value (and no default) matches nothing.
    public func matches(_ resource: String, context: RequestContext = RequestContext()) -> Tri {
        if let glob { return glob.matches(resource) ? .yes : .no }
        switch template.resolve(context) {
        case .ops(let ops): return ARNGlob.matches(ops, resource) ? .yes : .no
        case .missing: return .no
        case .unknown(_, let widened): return ARNGlob.matches(widened, resource) ? .unknown : .no
        }
    }

    /// Whether some ARN could match both this pattern and `other` (variables read as `*`).
    /// Used to scope NotAction/NotResource to the resource types a statement can name.
    public func overlaps(_ other: ResourcePattern) -> Bool {
        widenedGlob.overlaps(other.widenedGlob)
    }

    var widenedGlob: ARNGlob {
        if let glob { return glob }
        if case .unknown(_, let w) = template.resolve(RequestContext()) { return ARNGlob(ops: w) }
        return ARNGlob(ops: template.staticOps)
    }
}
