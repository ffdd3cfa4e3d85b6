/// Where an input came from, for error messages: `script.iamsh:7: error: …`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public init(source: String, line: Int) { self.source = source; self.line = line }
    public var description: String { "\(source):\(line)" }
}
